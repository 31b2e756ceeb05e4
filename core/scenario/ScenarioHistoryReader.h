#pragma once

#include "ParseError.h"
#include "Scenario.h"

#include <QByteArray>

#include <memory>
#include <variant>
#include <vector>

namespace creditdesk {

class AccountHistory;

// Reads a scenario file straight into an AccountHistory, on two cores: the events are replayed
// on a second thread while ScenarioReader is still reading the rest of the file (EventFeed), so
// a million-event file costs about the longer of the two rather than their sum. Promises: the
// history and the error are exactly ScenarioReader::read() then AccountHistory::append()'s —
// when the replay cannot follow the reader (events out of time order, the policy or zone only
// known later, a problem in the file) it is dropped and the history replayed after reading.
class ScenarioHistoryReader
{
public:
    struct Read
    {
        std::unique_ptr<AccountHistory> history; // the scenario's policy, zone and events
        std::vector<Query> queries;
        bool replayedWhileReading = false; // the replay followed the reader (it could)
    };
    static std::variant<Read, ParseError> read(const QByteArray &json);
};

} // namespace creditdesk
