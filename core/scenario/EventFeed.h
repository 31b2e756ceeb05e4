#pragma once

#include "AccountZone.h"

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <span>

namespace creditdesk {

struct Event;
class NameTable;
struct Policy;

// Hands the events of a scenario file, while the reader is still reading the file, to a replay
// on another thread (ScenarioHistoryReader): reading and replaying a million events then share
// the two cores instead of following each other.
//
// The reader side (ScenarioReader) starts the feed when its events array begins with a known
// policy and zone, publishes how many events of its array are complete (names interned), holds
// the feed before the array moves (grows), and ends it: confirmed when the events replayed are
// exactly the scenario's first events (same policy, same zone, in time order, no problem
// anywhere in the file), abandoned otherwise. The replay side takes the published events in
// order, in batches. Promises: while the replay holds a batch, the reader neither moves nor
// changes it (hold() and an unconfirmed end wait for the batch in hand); once the feed has
// ended unconfirmed, the replay gets nothing more and must drop what it replayed.
class EventFeed
{
public:
    // What the replay starts from: the reader's policy, zone and name table (event names are
    // ids in it), and about how many events are coming.
    struct Start
    {
        std::shared_ptr<const Policy> policy;
        AccountZone zone;
        std::shared_ptr<NameTable> names;
        std::size_t expected = 0;
    };

    EventFeed();
    ~EventFeed();
    EventFeed(const EventFeed &) = delete;
    EventFeed &operator=(const EventFeed &) = delete;

    // ---- the reader's side
    // True once: the first start of a feed that has not ended.
    bool start(Start start);
    // events[0, count) are complete; `events` is where the array is now.
    void publish(const Event *events, std::size_t count);
    // The array is about to move: returns once no batch is in hand; none is handed out until
    // the next publish().
    void hold();
    // The end: confirmed or not (a feed that was never started cannot be confirmed). Waits for
    // the batch in hand unless confirmed; ending twice keeps the first end.
    void finish(bool confirmed);
    void abandon() { finish(false); }

    // ---- the replay's side
    // Waits for the start; nothing when the feed ended without one.
    std::optional<Start> waitStart();
    // The next batch after the first `from` events (waits for it); empty when there is no more
    // to replay. The batch is in hand until release().
    std::span<const Event> next(std::size_t from);
    void release();
    // Whether the feed ended confirmed.
    bool confirmed() const;

private:
    enum class State { Idle, Running, Ended };
    // At most this many events in one batch, so that hold() waits a millisecond at most.
    static constexpr std::size_t MaxBatch = 4096;
    // A replay that caught up waits for this many (or the end) before it is woken: each
    // wake-up costs a trip through the scheduler, long on a busy machine.
    static constexpr std::size_t WakeBatch = 16384;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    State m_state = State::Idle;
    bool m_confirmed = false;
    bool m_busy = false; // the replay holds a batch
    std::optional<Start> m_start;
    const Event *m_events = nullptr; // null while held
    std::size_t m_published = 0;
    std::size_t m_wanted = 0; // the replay sleeps until this many are published
};

} // namespace creditdesk
