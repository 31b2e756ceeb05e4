#pragma once

#include "Clock.h"

namespace creditdesk {

// A clock that moves only when told to: tests and the demo's time slider drive it.
class ManualClock : public Clock
{
public:
    explicit ManualClock(TimePoint start = 0)
        : m_now(start)
    {}
    TimePoint now() const override { return m_now; }
    void set(TimePoint t) { m_now = t; }
    void advance(qint64 seconds) { m_now += seconds; }

private:
    TimePoint m_now;
};

} // namespace creditdesk
