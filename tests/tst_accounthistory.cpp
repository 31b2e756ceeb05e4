// AccountHistory, the one implementation of per-task summaries and entry→event links that the
// server's ledger view and the client's token log both show: its summaries are the sums of the
// ledger's entries, every entry leads to the event that wrote it (or to time), a past moment
// is the same as a fresh replay, and an event that arrives late lands at its own time.
#include "AccountHistory.h"
#include "EventCodec.h"
#include "PolicyReader.h"
#include "ScenarioReader.h"
#include "ScenarioWriter.h"

#include "ScenarioFile.h"
#include <QDir>

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace creditdesk;
using namespace Qt::StringLiterals;

namespace {

std::unique_ptr<AccountHistory> emptyHistoryFor(const Scenario &s)
{
    return std::make_unique<AccountHistory>(s.policy, s.zone, s.presetName, s.inlinePolicy);
}

// The scenario's events as the feed carries them (scenario-format JSON), read back into the
// history's own name table, as the client does. Order: as given by `order`.
std::vector<Event> eventsFor(const Scenario &s, const AccountHistory &h,
                             const std::vector<std::size_t> &order)
{
    QList<QByteArray> bodies;
    for (const std::size_t i : order)
        bodies << ScenarioWriter::eventJson(s, s.events[i]);
    auto decoded = EventCodec::decode(h.scenario(), bodies);
    if (auto *e = std::get_if<ParseError>(&decoded))
        qFatal("decode: %s", qPrintable(e->toString()));
    return std::get<std::vector<Event>>(std::move(decoded));
}

std::vector<std::size_t> inOrder(std::size_t n)
{
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = i;
    return order;
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

struct Sums
{
    Credits charged, refunded, uncovered;
    bool rejectedAtStart = false;
};

} // namespace

class TestAccountHistory : public QObject
{
    Q_OBJECT

private slots:
    void summariesAreLedgerSums_data();
    void summariesAreLedgerSums();
    void entriesAndEventsLinked_data() { summariesAreLedgerSums_data(); }
    void entriesAndEventsLinked();
    void replayUntilIsAFreshReplay_data() { summariesAreLedgerSums_data(); }
    void replayUntilIsAFreshReplay();
    void lateEventLandsAtItsTime_data() { summariesAreLedgerSums_data(); }
    void lateEventLandsAtItsTime();
    void copyIsIndependent_data() { summariesAreLedgerSums_data(); }
    void copyIsIndependent();
    void lineageFollowsCopiesUntilTheyFork();
    void detailsFollowTheirEvent();
    void ownPolicyReadsItsOwnPacks();
};

void TestAccountHistory::summariesAreLedgerSums_data()
{
    QTest::addColumn<QString>("path");
    int count = 0;
    for (const char *dir : {"reference", "scenarios"}) {
        QDir d(QStringLiteral(CREDITDESK_TESTS_DIR "/") + QLatin1String(dir));
        for (const QString &n : d.entryList({u"*.json"_s}, QDir::Files, QDir::Name)) {
            if (n.endsWith(u".expected.json") || n.startsWith(u"07-"))
                continue;
            QTest::newRow(qPrintable(QLatin1String(dir) + u'/' + n)) << d.filePath(n);
            ++count;
        }
    }
    QVERIFY2(count >= 20, "the scenario files are missing");
}

void TestAccountHistory::summariesAreLedgerSums()
{
    QFETCH(QString, path);
    const Scenario s = loadScenarioFile(path);
    auto h = emptyHistoryFor(s);
    h->append(eventsFor(s, *h, inOrder(s.events.size())), {});
    // Time moves on past the last event: expiries and refreshes count too.
    h->advanceTo(h->lastEventAt() + 40 * SecondsPerDay);

    QHash<int, Sums> sums;
    const auto &ledger = h->engine().ledger();
    for (std::size_t i = 0; i < ledger.size(); ++i) {
        const LedgerEntry &e = ledger[i];
        if (e.task < 0)
            continue;
        Sums &t = sums[e.task];
        if (e.type == EntryType::Charge) {
            t.charged -= e.amount;
            t.uncovered += e.uncovered;
        } else if (e.type == EntryType::Refund) {
            t.refunded += e.amount;
        } else if (e.type == EntryType::Reject) {
            const int by = h->eventOfEntry(i);
            QVERIFY(by >= 0);
            if (h->event(by).type == EventType::TaskStart)
                t.rejectedAtStart = true;
        }
    }
    for (auto it = sums.constBegin(); it != sums.constEnd(); ++it) {
        const TaskSummary *t = h->taskByName(it.key());
        QVERIFY2(t, qPrintable(u"no summary for task "_s + h->names().name(it.key())));
        QCOMPARE(t->charged, it->charged);
        QCOMPARE(t->refunded, it->refunded);
        QCOMPARE(t->uncovered, it->uncovered);
        QCOMPARE(t->rejected, it->rejectedAtStart);
    }
    for (const TaskSummary &t : h->tasks()) {
        QCOMPARE(h->taskByName(t.task), &t);
        QCOMPARE(h->task(h->names().name(t.task)), &t);
        if (!sums.contains(t.task))
            QVERIFY(t.charged.isZero() && t.refunded.isZero() && !t.rejected);
        if (t.startEvent >= 0) {
            QCOMPARE(h->event(t.startEvent).type, EventType::TaskStart);
            QCOMPARE(h->event(t.startEvent).task, t.task);
        }
        if (t.endEvent >= 0) {
            QCOMPARE(h->event(t.endEvent).type, EventType::TaskEnd);
            QCOMPARE(h->event(t.endEvent).task, t.task);
        }
        if (t.refundEvent >= 0)
            QCOMPARE(h->event(t.refundEvent).type, EventType::Refund);
    }
    // Every task an event names has its summary.
    for (qint64 i = 0; i < h->eventCount(); ++i) {
        const Event &e = h->event(i);
        if (e.type == EventType::TaskStart || e.type == EventType::TaskEnd ||
            e.type == EventType::Refund)
            QVERIFY(h->taskByName(e.task));
    }
    QVERIFY(!h->task(u"no such task"));
}

void TestAccountHistory::entriesAndEventsLinked()
{
    QFETCH(QString, path);
    const Scenario s = loadScenarioFile(path);
    auto h = emptyHistoryFor(s);
    h->append(eventsFor(s, *h, inOrder(s.events.size())), {});
    h->advanceTo(h->lastEventAt() + 10 * SecondsPerDay);
    const std::size_t size = h->engine().ledger().size();
    std::vector<int> owner(size, -1);
    for (qint64 i = 0; i < h->eventCount(); ++i) {
        const auto [begin, end] = h->entriesOfEvent(i);
        QVERIFY(begin <= end && end <= size);
        for (std::size_t k = begin; k < end; ++k) {
            QCOMPARE(owner[k], -1); // ranges never overlap
            owner[k] = int(i);
            QCOMPARE(h->eventOfEntry(k), int(i));
            QVERIFY(h->engine().ledger()[k].at == h->event(i).at);
        }
    }
    for (std::size_t k = 0; k < size; ++k) {
        QCOMPARE(h->eventOfEntry(k), owner[k]);
        if (owner[k] < 0) {
            // Time's own entries: refreshes and expiries, nothing else.
            const EntryType type = h->engine().ledger()[k].type;
            QVERIFY2(type == EntryType::Refresh || type == EntryType::Expire,
                     qPrintable(entryTypeName(type)));
        }
    }
    QCOMPARE(h->eventOfEntry(size + 5), -1);
    QCOMPARE(h->entriesOfEvent(h->eventCount()), (std::pair<std::size_t, std::size_t>(0, 0)));
}

void TestAccountHistory::replayUntilIsAFreshReplay()
{
    QFETCH(QString, path);
    const Scenario s = loadScenarioFile(path);
    auto h = emptyHistoryFor(s);
    const std::vector<Event> events = eventsFor(s, *h, inOrder(s.events.size()));
    h->append(events, {});
    if (events.empty())
        return;
    const TimePoint first = events.front().at, last = events.back().at;
    QList<TimePoint> moments{
        first, first + (last - first) / 3,   first + (last - first) / 2 + 1, last - 1,
        last,  last + 3 * SecondsPerDay + 17};
    // An event's own instant and the second before it.
    moments << events[events.size() / 2].at << events[events.size() / 2].at - 1;
    for (const TimePoint t : moments) {
        if (t < first)
            continue;
        CreditEngine fresh(s.policy, s.zone, h->scenario().names);
        for (const Event &e : events)
            if (e.at <= t)
                fresh.apply(e);
        fresh.advanceTo(t);
        const auto replayed = h->replayUntil(t);
        QCOMPARE(json(replayed->snapshot()), json(fresh.snapshot()));
        // engineAt answers the same, before and after the history's now().
        QCOMPARE(json(h->engineAt(t)->snapshot()), json(fresh.snapshot()));
    }
    // The history itself did not move.
    QCOMPARE(h->engine().now(), last);
}

void TestAccountHistory::lateEventLandsAtItsTime()
{
    QFETCH(QString, path);
    const Scenario s = loadScenarioFile(path);
    if (s.events.size() < 3)
        return;
    // In time order, all at once.
    auto sorted = emptyHistoryFor(s);
    sorted->append(eventsFor(s, *sorted, inOrder(s.events.size())), {});

    // The same events, but one from the middle arrives last, after the engine moved past it.
    std::vector<std::size_t> order = inOrder(s.events.size());
    const std::size_t late = order.size() / 2;
    order.erase(order.begin() + std::ptrdiff_t(late));
    order.push_back(late);
    auto arrived = emptyHistoryFor(s);
    const std::vector<Event> events = eventsFor(s, *arrived, order);
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto [begin, end] = arrived->append(events[i], QJsonObject{{u"n"_s, qint64(i)}});
        QVERIFY(begin <= end && end <= arrived->engine().ledger().size());
        for (std::size_t k = begin; k < end; ++k)
            QCOMPARE(arrived->eventOfEntry(k), int(i));
    }
    const TimePoint end = std::max(sorted->lastEventAt(), arrived->lastEventAt());
    QCOMPARE(arrived->lastEventAt(), sorted->lastEventAt());
    sorted->advanceTo(end);
    arrived->advanceTo(end);
    QCOMPARE(json(arrived->engine().snapshot()), json(sorted->engine().snapshot()));
    QCOMPARE(arrived->tasks().size(), sorted->tasks().size());
    for (const TaskSummary &t : sorted->tasks()) {
        const TaskSummary *other = arrived->taskByName(t.task);
        QVERIFY(other);
        QCOMPARE(other->charged, t.charged);
        QCOMPARE(other->refunded, t.refunded);
        QCOMPARE(other->rejected, t.rejected);
    }
    // Indexes stay the order of arrival: the late event is the last one, with its details.
    QCOMPARE(arrived->eventCount(), qint64(events.size()));
    QCOMPARE(arrived->detailsOfEvent(arrived->eventCount() - 1).value(u"n"_s).toInteger(),
             qint64(events.size() - 1));
    const auto [lb, le] = arrived->entriesOfEvent(arrived->eventCount() - 1);
    for (std::size_t k = lb; k < le; ++k)
        QCOMPARE(arrived->engine().ledger()[k].at, events.back().at);

    // Many at once, with one late among them: the same again.
    auto batch = emptyHistoryFor(s);
    batch->append(eventsFor(s, *batch, order), {});
    batch->advanceTo(end);
    QCOMPARE(json(batch->engine().snapshot()), json(sorted->engine().snapshot()));
}

void TestAccountHistory::copyIsIndependent()
{
    QFETCH(QString, path);
    const Scenario s = loadScenarioFile(path);
    if (s.events.size() < 2)
        return;
    auto h = emptyHistoryFor(s);
    const std::size_t half = s.events.size() / 2;
    std::vector<std::size_t> firstHalf = inOrder(half), rest;
    for (std::size_t i = half; i < s.events.size(); ++i)
        rest.push_back(i);
    h->append(eventsFor(s, *h, firstHalf), {});
    const QByteArray before = json(h->engine().snapshot());
    const qint64 count = h->eventCount();
    const std::size_t tasks = h->tasks().size();

    AccountHistory copy(*h);
    QCOMPARE(json(copy.engine().snapshot()), before);
    copy.append(eventsFor(s, copy, rest), {});
    copy.advanceTo(copy.lastEventAt() + 30 * SecondsPerDay);
    QCOMPARE(copy.eventCount(), qint64(s.events.size()));

    QCOMPARE(json(h->engine().snapshot()), before);
    QCOMPARE(h->eventCount(), count);
    QCOMPARE(h->tasks().size(), tasks);

    // And the original goes on by itself to the same end as the copy.
    h->append(eventsFor(s, *h, rest), {});
    h->advanceTo(copy.engine().now());
    QCOMPARE(json(h->engine().snapshot()), json(copy.engine().snapshot()));
}

void TestAccountHistory::lineageFollowsCopiesUntilTheyFork()
{
    // What a reader derived from a history's first events holds for any other on its lineage
    // (PurchaseRecords then scans only the events after those): a copy and the copies of it
    // stay on the lineage as they grow; one outgrown by another forks when it grows; one built
    // afresh from the same events has a lineage of its own.
    const Scenario s =
        loadScenarioFile(QStringLiteral(CREDITDESK_TESTS_DIR "/reference/04-tiered-tasks.json"));
    auto shown = emptyHistoryFor(s);
    const std::vector<Event> events = eventsFor(s, *shown, inOrder(s.events.size()));
    QVERIFY(events.size() >= 4);
    shown->append(events[0]);
    shown->append(events[1]);
    const std::shared_ptr<const void> lineage = shown->lineage();
    // A sync's working copy, one event more; the next sync's copy of it, one more again.
    AccountHistory synced(*shown);
    QCOMPARE(synced.lineage(), lineage);
    synced.append(events[2]);
    QCOMPARE(synced.lineage(), lineage);
    AccountHistory next(synced);
    next.append(std::vector<Event>{events[3]}, {});
    QCOMPARE(next.lineage(), lineage);
    // Outgrown, then grown: what they add may differ from what `next` holds there.
    shown->append(events[2]);
    QVERIFY(shown->lineage() != lineage);
    synced.append(events[3]);
    QVERIFY(synced.lineage() != lineage);
    QVERIFY(synced.lineage() != shown->lineage());
    QCOMPARE(next.lineage(), lineage);
    // The same events read afresh (a sync from scratch, the cache at a start).
    auto fresh = emptyHistoryFor(s);
    fresh->append(eventsFor(s, *fresh, inOrder(4)), {});
    QVERIFY(fresh->lineage() != lineage);
    QVERIFY(fresh->lineage() != shown->lineage());
}

void TestAccountHistory::detailsFollowTheirEvent()
{
    const Scenario s =
        loadScenarioFile(QStringLiteral(CREDITDESK_TESTS_DIR "/reference/04-tiered-tasks.json"));
    auto h = emptyHistoryFor(s);
    const std::vector<Event> events = eventsFor(s, *h, inOrder(s.events.size()));
    std::vector<QJsonObject> details;
    for (std::size_t i = 0; i < events.size(); ++i)
        details.push_back(QJsonObject{{u"purchase"_s, u"pur_%1"_s.arg(i)}});
    h->append(events, details);
    for (qint64 i = 0; i < h->eventCount(); ++i) {
        QCOMPARE(h->detailsOfEvent(i).value(u"purchase"_s).toString(), u"pur_%1"_s.arg(i));
        const auto [begin, end] = h->entriesOfEvent(i);
        for (std::size_t k = begin; k < end; ++k)
            QCOMPARE(&h->detailsOfEntry(k), &h->detailsOfEvent(i));
    }
    QVERIFY(h->detailsOfEvent(-1).isEmpty());
    QVERIFY(h->detailsOfEvent(h->eventCount()).isEmpty());
}

void TestAccountHistory::ownPolicyReadsItsOwnPacks()
{
    // A server's own copy of a preset (--presets DIR) with its packs in another order and
    // another amount: events are read under it, not under the built-in file of that name.
    QFile file(u":/presets/tiered-tasks.json"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject policy = QJsonDocument::fromJson(file.readAll()).object();
    QJsonArray packs = policy.value(u"packs"_s).toArray();
    QJsonObject pack25 = packs.at(1).toObject();
    pack25.insert(u"amount"_s, 3000);
    policy.insert(u"packs"_s, QJsonArray{pack25, packs.at(0), packs.at(2)});
    auto read = PolicyReader::read(policy, u"policy"_s);
    QVERIFY(std::holds_alternative<Policy>(read));
    AccountHistory h(std::make_shared<const Policy>(std::get<Policy>(read)),
                     *AccountZone::fromId(u"UTC"_s), u"tiered-tasks"_s, policy);
    auto decoded = EventCodec::decode(
        h.scenario(), {R"({"at": "2027-01-01T00:00:00Z", "type": "signup"})",
                       R"({"at": "2027-01-01T00:01:00Z", "type": "purchase", "pack": "pack_25"})"});
    if (auto *e = std::get_if<ParseError>(&decoded))
        QFAIL(qPrintable(e->toString()));
    h.append(std::get<std::vector<Event>>(std::move(decoded)), {});
    QCOMPARE(h.engine().balance().total, Credits::whole(100 + 3000));
    QCOMPARE(h.event(1).pack, 0);
}

QTEST_APPLESS_MAIN(TestAccountHistory)
#include "tst_accounthistory.moc"
