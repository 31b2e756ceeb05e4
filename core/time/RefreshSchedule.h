#pragma once

#include "AccountZone.h"
#include "CycleRule.h"
#include "TimePoint.h"

#include <QDate>

#include <memory>

namespace creditdesk {

// The boundaries of one recurring pool. Boundary n is computed from the anchor every time,
// never stepped from boundary n-1: stepping drifts (Jan 31 -> Feb 28 -> Mar 28). It holds its
// own copy of the zone (shared by its copies): a schedule copied with an engine, or resumed
// from a snapshot into an engine that is then copied, never points into an engine that is gone.
class RefreshSchedule
{
public:
    RefreshSchedule() = default;
    RefreshSchedule(CycleRule rule, TimePoint anchor, const AccountZone &zone);

    bool recurs() const { return m_rule.recurs(); }
    CycleRule rule() const { return m_rule; }
    TimePoint anchor() const { return m_anchor; }
    // Boundary n (n >= 1 are refreshes; 0 is the start of the first period).
    TimePoint boundary(qint64 n) const;
    // The first boundary strictly after t (n >= 1), or Never when nothing recurs.
    TimePoint nextAfter(TimePoint t) const;

private:
    qint64 estimateIndex(TimePoint t) const;

    CycleRule m_rule;
    TimePoint m_anchor = 0;
    std::shared_ptr<const AccountZone> m_zone;
    QDate m_anchorDate;
    int m_anchorSecondsOfDay = 0;
};

} // namespace creditdesk
