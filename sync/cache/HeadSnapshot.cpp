#include "HeadSnapshot.h"

#include "AccountHistory.h"
#include "HistoryBuilder.h"
#include "ParseError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <vector>

namespace creditdesk {

namespace {
constexpr qint64 UsageKeptSeconds = 366 * 86400;

// A snapshot's task row (EngineSnapshot.cpp): column 0 is its NameTable id, 5 and 6 its
// portions in `takes` (first, count), 7 its state (2 = ended).
constexpr qsizetype TaskId = 0, TaskTakesBegin = 5, TaskTakesCount = 6, TaskState = 7;

bool taskEnded(const QJsonValue &row)
{
    return row.toArray().at(TaskState).toInteger() == 2;
}

// Keeps what the unfinished tasks name and nothing else: a long history's names are nearly all
// finished tasks' ids, and its takes their portions, which a resume would read and intern for
// nothing. The kept names are renumbered in the order the tasks come (the only ids a head
// holds: the ledger and its notes are gone), the takes packed in the same order.
void keepUnfinishedTasks(QJsonObject &engine)
{
    const QJsonArray names = engine.value(u"names").toArray();
    const QJsonArray takes = engine.value(u"takes").toArray();
    QJsonArray keptNames, keptTakes, keptTasks;
    std::vector<qint64> newId(std::size_t(names.size()), -1);
    for (const QJsonValue &value : engine.value(u"tasks").toArray()) {
        if (taskEnded(value))
            continue;
        QJsonArray row = value.toArray();
        const qint64 id = row.at(TaskId).toInteger(-1);
        if (id < 0 || id >= names.size())
            return; // not as written by the engine: leave it whole, resume() will say why
        newId[std::size_t(id)] = keptNames.size();
        keptNames.append(names.at(id));
        row[TaskId] = newId[std::size_t(id)];
        const qint64 begin = row.at(TaskTakesBegin).toInteger(-1);
        const qint64 count = row.at(TaskTakesCount).toInteger(-1);
        if (begin < 0 || count < 0 || begin + count > takes.size())
            return;
        row[TaskTakesBegin] = keptTakes.size();
        for (qint64 i = begin; i < begin + count; ++i)
            keptTakes.append(takes.at(i));
        keptTasks.append(row);
    }
    QJsonArray open;
    for (const QJsonValue &value : engine.value(u"open").toArray()) {
        const qint64 id = value.toInteger(-1);
        if (id < 0 || id >= names.size() || newId[std::size_t(id)] < 0)
            return;
        open.append(newId[std::size_t(id)]);
    }
    engine[u"names"] = keptNames;
    engine[u"takes"] = keptTakes;
    engine[u"tasks"] = keptTasks;
    engine[u"open"] = open;
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
    keepUnfinishedTasks(engine);
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
