#pragma once

#include "Event.h"
#include "ParseError.h"
#include "Scenario.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <variant>
#include <vector>

namespace creditdesk {

// Events to and from their scenario-format JSON, through the core's own reader and writer:
// the server validates a request by reading the event it would make exactly as
// `creditdesk-cli simulate` reads it, so what it stores always replays; the desktop client
// reads the server's events feed with the same code.
class EventCodec
{
public:
    // Reads events written for `scenario`'s preset; task ids and reasons are interned into
    // scenario.names. A problem names the event's field (events[i].field -> field).
    static std::variant<std::vector<Event>, ParseError> decode(const Scenario &scenario,
                                                               const QList<QByteArray> &events);
    static std::variant<Event, ParseError> decodeOne(const Scenario &scenario,
                                                     const QJsonObject &event);
    static QByteArray encode(const Scenario &scenario, const Event &event);
    // "events[0].amount" -> "amount".
    static QString fieldOf(const ParseError &error);
};

} // namespace creditdesk
