#include "EventFeed.h"

#include "Event.h"
#include "NameTable.h"
#include "Policy.h"

#include <algorithm>

namespace creditdesk {

EventFeed::EventFeed() = default;
EventFeed::~EventFeed() = default;

bool EventFeed::start(Start start)
{
    const std::lock_guard lock(m_mutex);
    if (m_state != State::Idle)
        return false;
    m_start = std::move(start);
    m_state = State::Running;
    m_changed.notify_all();
    return true;
}

void EventFeed::publish(const Event *events, std::size_t count)
{
    const std::lock_guard lock(m_mutex);
    if (m_state != State::Running)
        return;
    m_events = events;
    m_published = count;
    if (m_published >= m_wanted)
        m_changed.notify_all();
}

void EventFeed::hold()
{
    std::unique_lock lock(m_mutex);
    if (m_state != State::Running)
        return;
    m_changed.wait(lock, [this] { return !m_busy; });
    m_events = nullptr;
}

void EventFeed::finish(bool confirmed)
{
    std::unique_lock lock(m_mutex);
    if (m_state == State::Ended)
        return;
    m_confirmed = confirmed && m_state == State::Running;
    if (!m_confirmed)
        m_changed.wait(lock, [this] { return !m_busy; });
    m_state = State::Ended;
    m_changed.notify_all();
}

std::optional<EventFeed::Start> EventFeed::waitStart()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_state != State::Idle; });
    return m_start;
}

std::span<const Event> EventFeed::next(std::size_t from)
{
    std::unique_lock lock(m_mutex);
    // Caught up: sleep until a good batch is there (or the end).
    m_wanted = m_events && m_published > from ? from + 1 : from + WakeBatch;
    // A confirmed end leaves the array where it was last published, for good.
    m_changed.wait(
        lock, [&] { return m_state == State::Ended || (m_events && m_published >= m_wanted); });
    m_wanted = 0;
    if ((m_state == State::Ended && !m_confirmed) || !m_events || m_published <= from)
        return {};
    m_busy = true;
    return {m_events + from, std::min(m_published - from, MaxBatch)};
}

void EventFeed::release()
{
    const std::lock_guard lock(m_mutex);
    m_busy = false;
    m_changed.notify_all();
}

bool EventFeed::confirmed() const
{
    const std::lock_guard lock(m_mutex);
    return m_state == State::Ended && m_confirmed;
}

} // namespace creditdesk
