#pragma once

#include "ParseError.h"
#include "Policy.h"

#include <QByteArray>
#include <QJsonValue>

#include <variant>

namespace creditdesk {

// Reads a policy (a preset file, or a scenario's inline `policy`) and validates every field,
// naming the JSON path of the first problem.
class PolicyReader
{
public:
    static std::variant<Policy, ParseError> read(const QJsonValue &json, const QString &path);
    static std::variant<Policy, ParseError> readDocument(const QByteArray &json,
                                                         const QString &fileName);
    // Throws ParseError; for readers that already work that way.
    static Policy readOrThrow(const QJsonValue &json, const QString &path);
};

} // namespace creditdesk
