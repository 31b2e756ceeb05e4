#include "HistoryBuilder.h"

#include "AccountHistory.h"
#include "JsonWriter.h"
#include "PolicyReader.h"
#include "ScenarioReader.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace creditdesk {

std::variant<std::unique_ptr<AccountHistory>, QString>
HistoryBuilder::create(const QByteArray &policyJson, const QString &timezone, const QString &preset)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(policyJson, &parseError);
    if (!doc.isObject())
        return QStringLiteral("policy: ") + parseError.errorString();
    auto policy = PolicyReader::read(doc.object(), QStringLiteral("policy"));
    if (auto *error = std::get_if<ParseError>(&policy))
        return error->toString();
    const auto zone = AccountZone::fromId(timezone);
    if (!zone)
        return QStringLiteral("timezone: unknown time zone \"%1\"").arg(timezone);
    return std::make_unique<AccountHistory>(
        std::make_shared<const Policy>(std::move(std::get<Policy>(policy))), *zone, preset,
        doc.object());
}

namespace {
std::variant<std::vector<Event>, QString>
decode(const AccountHistory &history, const QByteArray &policyJson, const QString &timezone,
       const QList<QByteArray> &bodies, qsizetype from, qsizetype count)
{
    JsonWriter head;
    head.beginObject().key("format").value(qint64(1)).key("timezone").value(timezone);
    QByteArray doc = head.take();
    qsizetype size = doc.size() + policyJson.size() + 32;
    for (qsizetype i = from; i < from + count; ++i)
        size += bodies[i].size() + 1;
    doc.reserve(size);
    doc += ",\"policy\":";
    doc += policyJson;
    doc += ",\"events\":[";
    for (qsizetype i = from; i < from + count; ++i) {
        if (i > from)
            doc += ',';
        doc += bodies[i];
    }
    doc += "]}";
    auto read = ScenarioReader::read(doc);
    if (auto *error = std::get_if<ParseError>(&read)) {
        ParseError e = *error;
        // events[i] counts from `from`.
        if (e.path.startsWith(u"events[")) {
            const qsizetype close = e.path.indexOf(u']');
            const qint64 index = e.path.mid(7, close - 7).toLongLong() + from;
            e.path = QStringLiteral("events[%1]").arg(index) + e.path.mid(close + 1);
        }
        return e.toString();
    }
    Scenario &parsed = std::get<Scenario>(read);
    NameTable &names = *history.scenario().names;
    for (Event &e : parsed.events) {
        if (e.task >= 0)
            e.task = names.intern(parsed.names->name(e.task));
        if (e.note >= 0)
            e.note = names.intern(parsed.names->name(e.note));
    }
    return std::move(parsed.events);
}
} // namespace

std::variant<std::monostate, QString>
HistoryBuilder::append(AccountHistory &history, const QByteArray &policyJson,
                       const QString &timezone, const QList<QByteArray> &bodies,
                       const std::vector<QByteArray> &details, const std::vector<TimePoint> &times)
{
    if (bodies.isEmpty())
        return std::monostate();
    // The reader sorts a file by time; the feed's order must be kept, so a batch out of time
    // order is decoded one event at a time (rare: two server processes racing).
    const bool sorted = std::is_sorted(times.begin(), times.end());
    std::vector<Event> events;
    if (sorted) {
        auto decoded = decode(history, policyJson, timezone, bodies, 0, bodies.size());
        if (auto *error = std::get_if<QString>(&decoded))
            return *error;
        events = std::move(std::get<std::vector<Event>>(decoded));
    } else {
        events.reserve(std::size_t(bodies.size()));
        for (qsizetype i = 0; i < bodies.size(); ++i) {
            auto decoded = decode(history, policyJson, timezone, bodies, i, 1);
            if (auto *error = std::get_if<QString>(&decoded))
                return *error;
            events.push_back(std::get<std::vector<Event>>(decoded).front());
        }
    }
    if (qsizetype(events.size()) != bodies.size())
        return QStringLiteral("events: %1 read of %2").arg(events.size()).arg(bodies.size());
    std::vector<QJsonObject> detailObjects(events.size());
    for (std::size_t i = 0; i < details.size() && i < detailObjects.size(); ++i)
        if (details[i].size() > 2)
            detailObjects[i] = QJsonDocument::fromJson(details[i]).object();
    history.append(std::move(events), std::move(detailObjects));
    return std::monostate();
}

} // namespace creditdesk
