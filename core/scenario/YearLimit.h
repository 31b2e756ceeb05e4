#pragma once

#include "ParseError.h"
#include "Scenario.h"

#include <optional>
#include <vector>

namespace creditdesk {

class AccountZone;

// Scenario times are written in the account's zone with a four-digit year (scenario-format.md):
// a time that zone would write past 9999-12-31T23:59:59 is refused where it comes in (the
// scenario reader, the event codec) rather than written later with five digits. The first such
// time is named with its JSON path (`events[3].at: past the year 9999 …`).
class YearLimit
{
public:
    static bool pastYear9999(const AccountZone &zone, TimePoint t);
    // The first time past the limit among items in file order (events[i] or queries[i]).
    static std::optional<ParseError> firstEventPast(const std::vector<Event> &events,
                                                    const AccountZone &zone);
    static std::optional<ParseError> firstQueryPast(const std::vector<Query> &queries,
                                                    const AccountZone &zone);
};

} // namespace creditdesk
