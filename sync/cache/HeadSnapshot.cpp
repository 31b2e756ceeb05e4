#include "HeadSnapshot.h"

#include "AccountHistory.h"
#include "HistoryBuilder.h"
#include "ParseError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace creditdesk {

namespace {
constexpr qint64 UsageKeptSeconds = 366 * 86400;

// Column 7 of a snapshot's task row is its state: 2 = ended (EngineSnapshot.cpp).
bool taskEnded(const QJsonValue &row)
{
    return row.toArray().at(7).toDouble() == 2;
}

// Usage is cumulative: rows from `cutoff` on, with the last one before it as their base.
QJsonArray usageSince(const QJsonArray &usage, double cutoff)
{
    qsizetype first = 0;
    for (qsizetype i = 0; i < usage.size(); ++i) {
        const QJsonValue at = usage.at(i).toArray().at(0);
        if (at.isDouble() && at.toDouble() < cutoff)
            first = i;
    }
    if (first == 0)
        return usage;
    QJsonArray kept;
    for (qsizetype i = first; i < usage.size(); ++i)
        kept.append(usage.at(i));
    return kept;
}
} // namespace

QByteArray HeadSnapshot::write(const CreditEngine &source, qint64 eventCount, TimePoint lastEventAt)
{
    QJsonObject engine = source.snapshot();
    engine[u"ledger"] = QJsonArray();
    engine[u"notes"] = QJsonArray();
    // The ledger's rule ids go with the ledger; the lots' stay (a resumed lot's refresh still
    // names its cycle).
    QJsonObject rules = engine.value(u"rules").toObject();
    rules[u"ledger"] = QJsonArray();
    engine[u"rules"] = rules;
    QJsonArray open;
    for (const QJsonValue &row : engine.value(u"tasks").toArray())
        if (!taskEnded(row))
            open.append(row);
    engine[u"tasks"] = open;
    const QJsonValue now = engine.value(u"now").toArray().at(0);
    if (now.isDouble())
        engine[u"usage"] =
            usageSince(engine.value(u"usage").toArray(), now.toDouble() - UsageKeptSeconds);
    QJsonObject head;
    head[u"events"] = QString::number(eventCount);
    head[u"last_event_at"] = QString::number(lastEventAt);
    head[u"engine"] = engine;
    return QJsonDocument(head).toJson(QJsonDocument::Compact);
}

std::variant<HeadSnapshot::Head, QString> HeadSnapshot::resume(const QByteArray &text,
                                                               const QByteArray &policyJson,
                                                               const QString &timezone,
                                                               const QString &preset)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (!doc.isObject())
        return QStringLiteral("head: ") + parseError.errorString();
    const QJsonObject head = doc.object();
    bool countOk = false, atOk = false;
    const qint64 events = head.value(u"events").toString().toLongLong(&countOk);
    const qint64 lastAt = head.value(u"last_event_at").toString().toLongLong(&atOk);
    if (!countOk || !atOk || events < 0)
        return QStringLiteral("head: no event count");
    // The policy and zone come from the cache's own meta, as for a replay.
    auto created = HistoryBuilder::create(policyJson, timezone, preset);
    if (auto *e = std::get_if<QString>(&created))
        return *e;
    const auto &empty = std::get<std::unique_ptr<AccountHistory>>(created);
    auto engine = CreditEngine::resume(empty->scenario().policy, empty->zone(),
                                       head.value(u"engine").toObject());
    if (auto *e = std::get_if<ParseError>(&engine))
        return e->toString();
    Head out;
    out.eventCount = events;
    out.history = AccountHistory::resumeHead(
        empty->scenario().policy, empty->zone(), preset, empty->scenario().inlinePolicy,
        *std::get<std::unique_ptr<CreditEngine>>(engine), events, lastAt);
    return out;
}

} // namespace creditdesk
