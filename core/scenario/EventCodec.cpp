#include "EventCodec.h"

#include "JsonWriter.h"
#include "ScenarioReader.h"
#include "ScenarioWriter.h"
#include "YearLimit.h"

#include <QJsonDocument>

namespace creditdesk {

std::variant<std::vector<Event>, ParseError> EventCodec::decode(const Scenario &scenario,
                                                                const QList<QByteArray> &events)
{
    // Read under the account's own policy: inline when it has one (a server started with
    // --presets DIR, a client replaying the feed's policy), else the built-in preset. A preset
    // name alone would read packs and features by the built-in file's indexes.
    JsonWriter head;
    head.beginObject().key("format").value(qint64(1));
    if (!scenario.inlinePolicy.isEmpty())
        head.key("policy").raw(QJsonDocument(scenario.inlinePolicy).toJson(QJsonDocument::Compact));
    else
        head.key("preset").value(scenario.presetName);
    QByteArray doc = head.take();
    doc += ",\"events\":[";
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (i > 0)
            doc += ',';
        doc += events[i];
    }
    doc += "]}";
    auto read = ScenarioReader::read(doc);
    if (auto *error = std::get_if<ParseError>(&read))
        return *error;
    Scenario &parsed = std::get<Scenario>(read);
    // The account's zone, which the document above does not carry (reading one per call would
    // cost more than the events): a time it would write past the year 9999 is refused. Events
    // come in time order; a batch out of order is named by its place in time order.
    if (auto late = YearLimit::firstEventPast(parsed.events, scenario.zone))
        return *late;
    // The reader interned names into its own table: move them into the account's.
    for (Event &e : parsed.events) {
        if (e.task >= 0)
            e.task = scenario.names->intern(parsed.names->name(e.task));
        if (e.note >= 0)
            e.note = scenario.names->intern(parsed.names->name(e.note));
    }
    return std::move(parsed.events);
}

std::variant<Event, ParseError> EventCodec::decodeOne(const Scenario &scenario,
                                                      const QJsonObject &event)
{
    auto read = decode(scenario, {QJsonDocument(event).toJson(QJsonDocument::Compact)});
    if (auto *error = std::get_if<ParseError>(&read))
        return *error;
    return std::get<std::vector<Event>>(read).front();
}

QByteArray EventCodec::encode(const Scenario &scenario, const Event &event)
{
    return ScenarioWriter::eventJson(scenario, event);
}

QString EventCodec::fieldOf(const ParseError &error)
{
    const qsizetype dot = error.path.indexOf(u'.');
    return dot < 0 ? QString() : error.path.mid(dot + 1);
}

} // namespace creditdesk
