#pragma once

#include "ParseError.h"
#include "Scenario.h"

#include <QByteArray>

#include <variant>

namespace creditdesk {

class EventFeed;

// Reads scenario files (format 1) strictly, as scenario-format.md says: the first problem is
// named by its JSON path, top-level fields first, then events by index, then queries.
class ScenarioReader
{
public:
    static std::variant<Scenario, ParseError> read(const QByteArray &json);
    // The same, handing the events to `feed` while they are read (see EventFeed): the result,
    // strictness and errors are exactly read()'s; the feed always ends before this returns.
    static std::variant<Scenario, ParseError> read(const QByteArray &json, EventFeed *feed);
};

} // namespace creditdesk
