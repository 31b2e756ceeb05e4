#include "ScenarioHistoryReader.h"

#include "AccountHistory.h"
#include "EventFeed.h"
#include "ScenarioReader.h"

#include <thread>

namespace creditdesk {

namespace {

// The replay's side of the feed: what it replayed, or nothing when the feed never started.
std::unique_ptr<AccountHistory> replayFeed(EventFeed &feed)
{
    const auto start = feed.waitStart();
    if (!start)
        return nullptr;
    auto history =
        AccountHistory::startStreamed(start->policy, start->zone, start->names, start->expected);
    std::size_t replayed = 0;
    for (;;) {
        const std::span<const Event> batch = feed.next(replayed);
        if (batch.empty())
            return history;
        try {
            history->applyStreamed(batch);
        } catch (...) {
            feed.release();
            throw;
        }
        feed.release();
        replayed += batch.size();
    }
}

} // namespace

std::variant<ScenarioHistoryReader::Read, ParseError>
ScenarioHistoryReader::read(const QByteArray &json)
{
    EventFeed feed;
    std::unique_ptr<AccountHistory> streamed;
    std::thread replay([&] {
        try {
            streamed = replayFeed(feed);
        } catch (...) {
            // Out of memory, most likely: the history is replayed after reading instead.
            streamed.reset();
        }
    });
    std::variant<Scenario, ParseError> read;
    try {
        read = ScenarioReader::read(json, &feed);
    } catch (...) {
        feed.abandon();
        replay.join();
        throw;
    }
    replay.join(); // the feed has ended: the replay has what it will get
    if (auto *error = std::get_if<ParseError>(&read))
        return *error;
    Scenario &s = std::get<Scenario>(read);
    Read result;
    result.queries = std::move(s.queries);
    if (streamed && feed.confirmed()) {
        streamed->finishStreamed(std::move(s.events), std::move(s.presetName),
                                 std::move(s.inlinePolicy));
        result.history = std::move(streamed);
        result.replayedWhileReading = true;
        return result;
    }
    result.history =
        std::make_unique<AccountHistory>(s.policy, s.zone, s.presetName, s.inlinePolicy);
    // The events' task ids and reasons are ids in the reader's table; the fresh history's table
    // is empty, so taking the reader's keeps every id valid without re-interning a million names.
    result.history->names() = std::move(*s.names);
    result.history->append(std::move(s.events), {});
    return result;
}

} // namespace creditdesk
