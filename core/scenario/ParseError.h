#pragma once

#include <QString>

namespace creditdesk {

// The first problem found in a file, with the JSON path of the item at fault
// (`events[3].at: not an ISO 8601 time`).
struct ParseError
{
    QString path;
    QString message;

    QString toString() const
    {
        return path.isEmpty() ? message : path + QStringLiteral(": ") + message;
    }
};

} // namespace creditdesk
