#pragma once

#include "ParseError.h"
#include "Scenario.h"

#include <QByteArray>

#include <variant>

namespace creditdesk {

// Reads scenario files (format 1) strictly, as scenario-format.md says: the first problem is
// named by its JSON path, top-level fields first, then events by index, then queries.
class ScenarioReader
{
public:
    static std::variant<Scenario, ParseError> read(const QByteArray &json);
};

} // namespace creditdesk
