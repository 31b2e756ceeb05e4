#pragma once

#include "Clock.h"

namespace creditdesk {

// The clock the screens ask "now" of, which the app points where the member is looking: a
// server account follows its source clock (the system clock) corrected by the offset to the
// server's time (Qt HttpServer 6.4 sends no Date header: the offset comes from `as_of`); the
// demo follows the demo's ManualClock; a scenario file stands at the moment chosen.
class ViewClock : public Clock
{
public:
    explicit ViewClock(const Clock &source)
        : m_source(&source)
    {}

    TimePoint now() const override
    {
        return m_fixed != NoTime ? m_fixed : m_source->now() + m_offset;
    }

    void follow(const Clock &source, qint64 offsetSeconds = 0)
    {
        m_source = &source;
        m_offset = offsetSeconds;
        m_fixed = NoTime;
    }
    void setOffset(qint64 offsetSeconds) { m_offset = offsetSeconds; }
    void standAt(TimePoint t) { m_fixed = t; }

private:
    const Clock *m_source;
    qint64 m_offset = 0;
    TimePoint m_fixed = NoTime;
};

} // namespace creditdesk
