#pragma once

namespace creditdesk {

// How a recurring pool repeats. Months: on the anchor's day and wall-clock time every N
// months (month-end rule). Days: at local midnight every N days counted from the anchor's
// date D1 (a 7-day rolling quota, or a daily allowance with N = 1).
struct CycleRule
{
    enum class Unit { None, Months, Days };
    Unit unit = Unit::None;
    int count = 0;

    bool recurs() const { return unit != Unit::None && count > 0; }
    bool operator==(const CycleRule &) const = default;
};

} // namespace creditdesk
