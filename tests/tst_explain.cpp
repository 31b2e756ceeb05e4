// Rule ids on ledger entries and tasks (credit-rules.md, "Rule ids (for explanations)"), the
// `ledger` query's `explain` option (scenario-format.md) and BalanceWalk. Every expected id
// below is written from the spec's table for the case at hand, never read back from the
// engine: each row names the table's condition that makes it hold.
#include "AccountHistory.h"
#include "BalanceWalk.h"
#include "EventCodec.h"
#include "IsoTime.h"
#include "ParseError.h"
#include "RuleScenarios.h"
#include "ScenarioFile.h"
#include "ScenarioReader.h"
#include "ScenarioReplay.h"
#include "ScenarioWriter.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace creditdesk;
using namespace Qt::StringLiterals;
using namespace RuleScenarios;

namespace {

Scenario read(const QByteArray &json)
{
    auto result = ScenarioReader::read(json);
    if (auto *e = std::get_if<ParseError>(&result))
        qFatal("scenario: %s", qPrintable(e->toString()));
    return std::get<Scenario>(std::move(result));
}

// The scenario with one query appended: a `ledger` at `at` (explain as given, or left out).
QByteArray withLedgerQuery(const QByteArray &scenario, const QString &at,
                           std::optional<QJsonValue> explain)
{
    QJsonObject root = QJsonDocument::fromJson(scenario).object();
    QJsonObject q{{u"at"_s, at}, {u"ask"_s, u"ledger"_s}};
    if (explain)
        q[u"explain"_s] = *explain;
    root[u"queries"_s] = QJsonArray{q};
    return QJsonDocument(root).toJson();
}

QJsonArray ledgerEntries(const QByteArray &scenario, const QString &at)
{
    const QByteArray answers =
        ScenarioReplay::answersJson(read(withLedgerQuery(scenario, at, QJsonValue(true))));
    return QJsonDocument::fromJson(answers)[u"answers"_s][0][u"entries"_s].toArray();
}

QString nameOr(const QJsonValue &v)
{
    return v.isNull() ? u"-"_s : v.toString();
}

// "type bucket task: id id" for one answered entry.
QString describe(const QJsonObject &e)
{
    QStringList ids;
    for (const QJsonValue &id : e[u"rules"_s].toArray())
        ids << id.toString();
    return e[u"type"_s].toString() + u' ' + nameOr(e[u"bucket"_s]) + u' ' + nameOr(e[u"task"_s]) +
           u": "_s + ids.join(u' ');
}

// The history as the client and server hold it: events decoded into its own name table.
std::unique_ptr<AccountHistory> historyOf(const Scenario &s)
{
    auto h = std::make_unique<AccountHistory>(s.policy, s.zone, s.presetName, s.inlinePolicy);
    QList<QByteArray> bodies;
    for (const Event &e : s.events)
        bodies << ScenarioWriter::eventJson(s, e);
    auto decoded = EventCodec::decode(h->scenario(), bodies);
    if (auto *e = std::get_if<ParseError>(&decoded))
        qFatal("decode: %s", qPrintable(e->toString()));
    h->append(std::get<std::vector<Event>>(std::move(decoded)), {});
    return h;
}

TimePoint timeOf(const QString &iso)
{
    const auto t = IsoTime::parse(iso);
    if (!t)
        qFatal("bad time %s", qPrintable(iso));
    return *t;
}

// The table's "entry types" column: which ids an entry of each type may carry.
QStringList idsAllowedFor(const QString &type)
{
    static const QHash<QString, QStringList> table = {
        {u"grant"_s, {u"grant.signup"_s, u"grant.pool_start"_s, u"grant.event"_s}},
        {u"purchase"_s, {u"purchase.credited"_s}},
        {u"refresh"_s,
         {u"refresh.monthly_anniversary"_s, u"refresh.rolling_days"_s,
          u"refresh.daily_midnight"_s}},
        {u"expire"_s,
         {u"refresh.monthly_anniversary"_s, u"refresh.rolling_days"_s, u"refresh.daily_midnight"_s,
          u"expire.no_rollover"_s, u"expire.lot"_s, u"plan.change"_s}},
        {u"reject"_s,
         {u"reject.insufficient_positive"_s, u"reject.insufficient_covers"_s, u"reject.limit"_s,
          u"reject.invalid"_s}},
        {u"reserve"_s, {u"reserve.hold"_s}},
        {u"release"_s, {u"reserve.release"_s}},
        {u"charge"_s,
         {u"charge.consumption_order"_s, u"charge.applicability"_s, u"charge.uncovered"_s}},
        {u"refund"_s, {u"refund.to_lots"_s, u"refund.to_refund_lot"_s}},
        {u"debit"_s, {u"debit.adjustment"_s}},
    };
    return table.value(type);
}

// The table, in its order, as the spec writes it.
const QStringList TableOrder = {
    u"grant.signup"_s,
    u"grant.pool_start"_s,
    u"grant.event"_s,
    u"purchase.credited"_s,
    u"refresh.monthly_anniversary"_s,
    u"refresh.rolling_days"_s,
    u"refresh.daily_midnight"_s,
    u"expire.no_rollover"_s,
    u"expire.lot"_s,
    u"plan.change"_s,
    u"reject.insufficient_positive"_s,
    u"reject.insufficient_covers"_s,
    u"reject.limit"_s,
    u"reject.invalid"_s,
    u"reserve.hold"_s,
    u"reserve.release"_s,
    u"charge.consumption_order"_s,
    u"charge.applicability"_s,
    u"charge.uncovered"_s,
    u"refund.to_lots"_s,
    u"refund.to_refund_lot"_s,
    u"debit.adjustment"_s,
    u"task.outcome_free"_s,
    u"task.promotion_free"_s,
};

} // namespace

class TestExplain : public QObject
{
    Q_OBJECT

private slots:
    void ruleIdsInTableOrder();
    void ledgerRules_data();
    void ledgerRules();
    void taskRules_data();
    void taskRules();
    void explainIsOptIn();
    void malformedExplain_data();
    void malformedExplain();
    void exportKeepsExplain();
    void snapshotKeepsRules();
    void everyScenarioEntryHasKnownIds_data();
    void everyScenarioEntryHasKnownIds();
    void walkMatchesReplay_data();
    void walkMatchesReplay();
    void walkTaskRulesAsOfTheMoment();
};

void TestExplain::ruleIdsInTableOrder()
{
    QCOMPARE(RuleIdCount, int(TableOrder.size()));
    for (int i = 0; i < RuleIdCount; ++i) {
        QCOMPARE(ruleIdName(RuleId(i)), TableOrder[i]);
        QCOMPARE(ruleIdFromName(TableOrder[i]), std::optional<RuleId>(RuleId(i)));
    }
    QVERIFY(!ruleIdFromName(u"charge.everything"_s));
    // A set lists its ids in the table's order, whatever order they were added in.
    const RuleSet s{RuleId::ExpireNoRollover, RuleId::RefreshDailyMidnight};
    QCOMPARE(s.names(), (QStringList{u"refresh.daily_midnight"_s, u"expire.no_rollover"_s}));
}

void TestExplain::ledgerRules_data()
{
    QTest::addColumn<QByteArray>("scenario");
    QTest::addColumn<QString>("at");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("unified-monthly: anniversary refresh, lot expiry")
        << UnifiedRefresh << u"2026-02-01T10:00:00Z"_s
        << QStringList{
               // a plan's first allotment at a subscribe
               u"grant plan -: grant.pool_start"_s,
               // a grant event
               u"grant bonus -: grant.event"_s,
               // every charge; chat may be paid by every bucket kind
               u"charge bonus t1: charge.consumption_order"_s,
               // the bonus reached its own expires_at
               u"expire bonus -: expire.lot"_s,
               // the monthly refresh's expire of what was left, then the refresh
               u"expire plan -: refresh.monthly_anniversary expire.no_rollover"_s,
               u"refresh plan -: refresh.monthly_anniversary"_s,
           };
    QTest::newRow("unified-monthly: plan change, refunds, uncovered, rejects, debit")
        << UnifiedChangesAndRejects << u"2026-01-12T12:00:00Z"_s
        << QStringList{
               u"grant plan -: grant.pool_start"_s,
               u"purchase purchased -: purchase.credited"_s,
               u"charge plan t1: charge.consumption_order"_s,
               // a subscribe to another plan removed the old plan's credits
               u"expire plan -: plan.change"_s,
               // the new plan's first allotment (a change is a pool start too)
               u"grant plan -: grant.pool_start"_s,
               // t1's plan lot was reset: a never-expiring refund lot
               u"refund refund t1: refund.to_refund_lot"_s,
               u"charge plan t2: charge.consumption_order"_s,
               // t2's plan lot is alive
               u"refund plan t2: refund.to_lots"_s,
               // plan 1000, then (unranked, never expiring, oldest first) purchased, refund;
               // the shortfall is on the last charge
               u"charge plan t3: charge.consumption_order"_s,
               u"charge purchased t3: charge.consumption_order"_s,
               u"charge refund t3: charge.consumption_order charge.uncovered"_s,
               // the 5 h window t3 opened is used up
               u"reject - t4: reject.limit"_s,
               // both windows closed, nothing left, `positive` admission
               u"reject - t5: reject.insufficient_positive"_s,
               // an unknown task's end
               u"reject - t9: reject.invalid"_s,
               u"grant adjustment -: grant.event"_s,
               u"debit adjustment -: debit.adjustment"_s,
           };
    QTest::newRow("coding-weekly: reserve, release, covers reject, rolling refresh")
        << CodingWeekly << u"2026-01-08T00:00:00Z"_s
        << QStringList{
               u"grant plan -: grant.pool_start"_s,
               u"reserve - r1: reserve.hold"_s,
               u"release - r1: reserve.release"_s,
               // a request made is a request used, whatever the outcome
               u"charge plan r1: charge.consumption_order"_s,
               u"reject - r2: reject.insufficient_covers"_s,
               // a 7-day cycle: N >= 2 days
               u"expire plan -: refresh.rolling_days expire.no_rollover"_s,
               u"refresh plan -: refresh.rolling_days"_s,
           };
    QTest::newRow("daily-free-images: signup, applicability, daily refresh")
        << DailyFree << u"2026-01-02T00:00:00Z"_s
        << QStringList{
               // signup_free before daily_free
               u"grant signup_free -: grant.signup"_s,
               u"grant daily_free -: grant.pool_start"_s,
               u"purchase purchased -: purchase.credited"_s,
               u"reserve - v1: reserve.hold"_s,
               u"release - v1: reserve.release"_s,
               // free credits may not pay for video
               u"charge purchased v1: charge.consumption_order charge.applicability"_s,
               // the failed image: held and freed, never charged
               u"reserve - i1: reserve.hold"_s,
               u"release - i1: reserve.release"_s,
               u"reserve - i2: reserve.hold"_s,
               u"release - i2: reserve.release"_s,
               // every bucket kind may pay for an image
               u"charge daily_free i2: charge.consumption_order"_s,
               // a 1-day cycle
               u"expire daily_free -: refresh.daily_midnight expire.no_rollover"_s,
               u"refresh daily_free -: refresh.daily_midnight"_s,
           };
    QTest::newRow("prepaid-tokens: promotion, outcomes, refund to the live lot")
        << Prepaid << u"2026-01-01T06:00:00Z"_s
        << QStringList{
               u"purchase purchased -: purchase.credited"_s,
               // p1 is free: no reservation, no charge
               u"reserve - c1: reserve.hold"_s,
               u"release - c1: reserve.release"_s,
               u"reserve - v2: reserve.hold"_s,
               u"release - v2: reserve.release"_s,
               u"charge purchased v2: charge.consumption_order"_s,
               u"refund purchased v2: refund.to_lots"_s,
               // a second refund
               u"reject - v2: reject.invalid"_s,
           };
    QTest::newRow("tiered-tasks: signup, monthly refresh, change to free, invalid")
        << Tiered << u"2026-02-04T12:00:00+01:00"_s
        << QStringList{
               u"grant signup_free -: grant.signup"_s,
               u"grant plan -: grant.pool_start"_s,
               // plan first (priority 1)
               u"charge plan a2: charge.consumption_order"_s,
               u"expire plan -: refresh.monthly_anniversary expire.no_rollover"_s,
               u"refresh plan -: refresh.monthly_anniversary"_s,
               // free has no cycle: pro's credits go, nothing is granted
               u"expire plan -: plan.change"_s,
               // compare with 5 models
               u"reject - m1: reject.invalid"_s,
           };
}

void TestExplain::ledgerRules()
{
    QFETCH(QByteArray, scenario);
    QFETCH(QString, at);
    QFETCH(QStringList, expected);
    QStringList actual;
    for (const QJsonValue &e : ledgerEntries(scenario, at))
        actual << describe(e.toObject());
    if (actual != expected)
        qWarning().noquote() << "ledger:\n " << actual.join(u"\n  "_s);
    QCOMPARE(actual, expected);
}

void TestExplain::taskRules_data()
{
    QTest::addColumn<QByteArray>("scenario");
    QTest::addColumn<QStringList>("expected"); // every task named, in first-start order

    QTest::newRow("daily-free-images: a failed image costs nothing")
        << DailyFree << QStringList{u"v1:"_s, u"i1: task.outcome_free"_s, u"i2:"_s};
    QTest::newRow("prepaid-tokens: promotion and outcomes")
        << Prepaid
        << QStringList{u"p1: task.promotion_free"_s, u"c1: task.outcome_free"_s,
                       // content_violation is charged in full
                       u"v2:"_s};
    QTest::newRow("tiered-tasks: a system error is not charged")
        << Tiered << QStringList{u"a1: task.outcome_free"_s, u"a2:"_s, u"m1:"_s};
    QTest::newRow("coding-weekly: a request made is a request used")
        << CodingWeekly << QStringList{u"r1:"_s, u"r2:"_s};
}

void TestExplain::taskRules()
{
    QFETCH(QByteArray, scenario);
    QFETCH(QStringList, expected);
    const auto h = historyOf(read(scenario));
    QStringList actual;
    for (const TaskSummary &t : h->tasks()) {
        QString line = h->names().name(t.task) + u':';
        for (const QString &id : t.rules.names())
            line += u' ' + id;
        actual << line;
    }
    QCOMPARE(actual, expected);
}

void TestExplain::explainIsOptIn()
{
    // Without explain, or with false, the answer is byte for byte what it was: no `rules`.
    const Scenario plain =
        read(withLedgerQuery(UnifiedChangesAndRejects, u"2026-02-01T00:00:00Z"_s, std::nullopt));
    const Scenario off = read(
        withLedgerQuery(UnifiedChangesAndRejects, u"2026-02-01T00:00:00Z"_s, QJsonValue(false)));
    const Scenario null =
        read(withLedgerQuery(UnifiedChangesAndRejects, u"2026-02-01T00:00:00Z"_s, QJsonValue()));
    const QByteArray a = ScenarioReplay::answersJson(plain);
    QVERIFY(!a.contains("\"rules\""));
    QCOMPARE(ScenarioReplay::answersJson(off), a);
    QCOMPARE(ScenarioReplay::answersJson(null), a);
    // With it, `rules` is the last field of every entry, after `uncovered` and `reason`.
    const Scenario on = read(
        withLedgerQuery(UnifiedChangesAndRejects, u"2026-02-01T00:00:00Z"_s, QJsonValue(true)));
    const QByteArray b = ScenarioReplay::answersJson(on);
    QVERIFY(b.contains(
        R"("uncovered": 185, "rules": ["charge.consumption_order", "charge.uncovered"]})"));
    QVERIFY(b.contains(R"("reason": "limit_reached", "rules": ["reject.limit"]})"));
    QVERIFY(b.contains(R"("reason": "goodwill", "rules": ["debit.adjustment"]})"));
}

void TestExplain::malformedExplain_data()
{
    QTest::addColumn<QJsonValue>("explain");
    QTest::newRow("string") << QJsonValue(u"true"_s);
    QTest::newRow("number") << QJsonValue(1);
    QTest::newRow("array") << QJsonValue(QJsonArray{true});
    QTest::newRow("object") << QJsonValue(QJsonObject{});
}

void TestExplain::malformedExplain()
{
    QFETCH(QJsonValue, explain);
    auto result =
        ScenarioReader::read(withLedgerQuery(Prepaid, u"2026-01-02T00:00:00Z"_s, explain));
    const auto *error = std::get_if<ParseError>(&result);
    QVERIFY(error);
    QCOMPARE(error->toString(), u"queries[0].explain: expected true or false"_s);
}

void TestExplain::exportKeepsExplain()
{
    // Support exports a scenario that asked for explanations: it still asks for them.
    const Scenario s = read(withLedgerQuery(Prepaid, u"2026-01-02T00:00:00Z"_s, QJsonValue(true)));
    const Scenario back = read(ScenarioWriter::write(s));
    QCOMPARE(back.queries.size(), std::size_t(1));
    QVERIFY(back.queries[0].explain);
    QCOMPARE(ScenarioReplay::answersJson(back), ScenarioReplay::answersJson(s));
}

void TestExplain::snapshotKeepsRules()
{
    // Snapshot mid-cycle, resume, and go on: the entries before carry their ids, and the
    // refresh after the resume still names its cycle (the lot remembers its pool).
    const Scenario s = read(DailyFree);
    CreditEngine engine(s.policy, s.zone, s.names);
    for (const Event &e : s.events)
        engine.apply(e);
    const QJsonObject snapshot = engine.snapshot();
    auto resumed = CreditEngine::resume(s.policy, s.zone, snapshot);
    QVERIFY(std::holds_alternative<std::unique_ptr<CreditEngine>>(resumed));
    CreditEngine &r = *std::get<std::unique_ptr<CreditEngine>>(resumed);
    QCOMPARE(r.ledger().size(), engine.ledger().size());
    for (std::size_t i = 0; i < engine.ledger().size(); ++i)
        QCOMPARE(r.ledger()[i].rules, engine.ledger()[i].rules);
    const TimePoint midnight = timeOf(u"2026-01-02T00:00:00Z"_s);
    r.advanceTo(midnight);
    const LedgerEntry &expire = r.ledger()[r.ledger().size() - 2];
    QCOMPARE(expire.type, EntryType::Expire);
    QCOMPARE(expire.rules, (RuleSet{RuleId::RefreshDailyMidnight, RuleId::ExpireNoRollover}));
    QCOMPARE(r.ledger().back().rules, RuleSet{RuleId::RefreshDailyMidnight});

    // Damaged rule sets are refused, naming where.
    QJsonObject bad = snapshot;
    QJsonObject rules = bad[u"rules"_s].toObject();
    QJsonArray ledger = rules[u"ledger"_s].toArray();
    ledger[0] = double(1u << 30);
    rules[u"ledger"_s] = ledger;
    bad[u"rules"_s] = rules;
    auto refused = CreditEngine::resume(s.policy, s.zone, bad);
    QVERIFY(std::holds_alternative<ParseError>(refused));
    QVERIFY(std::get<ParseError>(refused).toString().startsWith(u"snapshot.rules.ledger"_s));
    bad.remove(u"rules"_s);
    QVERIFY(std::holds_alternative<ParseError>(CreditEngine::resume(s.policy, s.zone, bad)));
}

void TestExplain::everyScenarioEntryHasKnownIds_data()
{
    QTest::addColumn<QString>("path");
    int count = 0;
    for (const char *dir : {"scenarios", "reference"}) {
        const QDir d(QStringLiteral(CREDITDESK_TESTS_DIR "/") + QLatin1String(dir));
        for (const QString &n : d.entryList({u"*.json"_s}, QDir::Files, QDir::Name)) {
            if (n.endsWith(u".expected.json") || n.startsWith(u"07-"))
                continue;
            QTest::newRow(qPrintable(QLatin1String(dir) + u'/' + n)) << d.filePath(n);
            ++count;
        }
    }
    QVERIFY2(count >= 20, "the scenario files are missing");
}

void TestExplain::everyScenarioEntryHasKnownIds()
{
    QFETCH(QString, path);
    Scenario s = loadScenarioFile(path);
    // One explained ledger well past the last event and the last query: every refresh and
    // expiry due by then is in it too.
    TimePoint last = 0;
    for (const Event &e : s.events)
        last = std::max(last, e.at);
    for (const Query &q : s.queries)
        last = std::max(last, q.at);
    Query q;
    q.ask = Query::Ask::Ledger;
    q.explain = true;
    q.at = last + 40 * SecondsPerDay;
    s.queries = {q};
    const QByteArray answers = ScenarioReplay::answersJson(s);
    const QJsonArray entries =
        QJsonDocument::fromJson(answers)[u"answers"_s][0][u"entries"_s].toArray();
    QVERIFY(!entries.isEmpty());
    for (const QJsonValue &v : entries) {
        const QJsonObject e = v.toObject();
        const QJsonArray ids = e[u"rules"_s].toArray();
        QVERIFY2(!ids.isEmpty(), qPrintable(describe(e)));
        int previous = -1;
        for (const QJsonValue &id : ids) {
            const int at = int(TableOrder.indexOf(id.toString()));
            QVERIFY2(at >= 0, qPrintable(u"unknown id in "_s + describe(e)));
            QVERIFY2(at > previous, qPrintable(u"not in table order: "_s + describe(e)));
            QVERIFY2(idsAllowedFor(e[u"type"_s].toString()).contains(id.toString()),
                     qPrintable(u"not for this entry type: "_s + describe(e)));
            previous = at;
        }
    }
}

void TestExplain::walkMatchesReplay_data()
{
    QTest::addColumn<QByteArray>("scenario");
    QTest::addColumn<QString>("at");
    // Moments where each preset has something to explain: a refresh, an expiry, a refund, a
    // usage window, a failed task, the instant of an event, and after the last event.
    QTest::newRow("unified: the refresh instant") << UnifiedRefresh << u"2026-02-01T10:00:00Z"_s;
    QTest::newRow("unified: a second before it") << UnifiedRefresh << u"2026-02-01T09:59:59Z"_s;
    QTest::newRow("unified: the bonus expiry") << UnifiedRefresh << u"2026-01-10T00:00:00Z"_s;
    QTest::newRow("unified: after the refund to a refund lot")
        << UnifiedChangesAndRejects << u"2026-01-05T00:00:00Z"_s;
    QTest::newRow("unified: window limit") << UnifiedChangesAndRejects << u"2026-01-08T01:00:00Z"_s;
    QTest::newRow("unified: months later") << UnifiedChangesAndRejects << u"2026-05-01T00:00:00Z"_s;
    QTest::newRow("coding-weekly: reserved") << CodingWeekly << u"2026-01-02T00:00:30Z"_s;
    QTest::newRow("coding-weekly: week 2") << CodingWeekly << u"2026-01-09T00:00:00Z"_s;
    QTest::newRow("daily-free: failed image") << DailyFree << u"2026-01-01T11:01:00Z"_s;
    QTest::newRow("daily-free: before signup") << DailyFree << u"2025-12-31T00:00:00Z"_s;
    QTest::newRow("prepaid: refunded") << Prepaid << u"2026-01-01T04:00:00Z"_s;
    QTest::newRow("tiered: after the change") << Tiered << u"2026-03-01T00:00:00+01:00"_s;
}

void TestExplain::walkMatchesReplay()
{
    QFETCH(QByteArray, scenario);
    QFETCH(QString, at);
    // The walk's balance is the engine's `balance` answer at that moment, as
    // `creditdesk-cli simulate` gives it; its steps are the explained `ledger` answer's entries.
    QJsonObject root = QJsonDocument::fromJson(scenario).object();
    root[u"queries"_s] =
        QJsonArray{QJsonObject{{u"at"_s, at}, {u"ask"_s, u"balance"_s}},
                   QJsonObject{{u"at"_s, at}, {u"ask"_s, u"ledger"_s}, {u"explain"_s, true}}};
    const Scenario s = read(QJsonDocument(root).toJson());
    const QJsonArray answers =
        QJsonDocument::fromJson(ScenarioReplay::answersJson(s)).object()[u"answers"_s].toArray();
    const QJsonObject balance = answers[0].toObject();
    const QJsonArray entries = answers[1][u"entries"_s].toArray();

    const auto h = historyOf(s);
    const BalanceWalk walk(*h);
    const BalanceExplanation x = walk.at(timeOf(at));
    QCOMPARE(x.balance.total.toString(), balance[u"total"_s].toVariant().toString());
    QCOMPARE(x.balance.available.toString(), balance[u"available"_s].toVariant().toString());
    QCOMPARE(qsizetype(x.balance.buckets.size()), balance[u"buckets"_s].toArray().size());
    QCOMPARE(qsizetype(x.steps.size()), entries.size());
    for (std::size_t i = 0; i < x.steps.size(); ++i) {
        const WalkStep &step = x.steps[i];
        const QJsonObject e = entries[qsizetype(i)].toObject();
        QCOMPARE(entryTypeName(step.entry.type), e[u"type"_s].toString());
        QCOMPARE(step.entry.amount.toString(), e[u"amount"_s].toVariant().toString());
        QCOMPARE(step.entry.balanceAfter.toString(), e[u"balance_after"_s].toVariant().toString());
        QStringList ids;
        for (const QJsonValue &id : e[u"rules"_s].toArray())
            ids << id.toString();
        QCOMPARE(step.entry.rules.names(), ids);
        QCOMPARE(step.index, qint64(i));
        // The source event: time's own entries have none; the others were written at their
        // event's time by an event of the matching kind.
        const bool byTime =
            step.entry.type == EntryType::Refresh ||
            (step.entry.type == EntryType::Expire && !step.entry.rules.has(RuleId::PlanChange));
        if (byTime) {
            QCOMPARE(step.event, -1);
            continue;
        }
        QVERIFY(step.event >= 0);
        const Event &ev = h->event(step.event);
        QCOMPARE(ev.at, step.entry.at);
        switch (step.entry.type) {
        case EntryType::Charge:
        case EntryType::Release:
            QCOMPARE(ev.type, EventType::TaskEnd);
            break;
        case EntryType::Reserve:
            QCOMPARE(ev.type, EventType::TaskStart);
            break;
        case EntryType::Refund:
            QCOMPARE(ev.type, EventType::Refund);
            break;
        case EntryType::Purchase:
            QCOMPARE(ev.type, EventType::Purchase);
            break;
        case EntryType::Debit:
            QCOMPARE(ev.type, EventType::Debit);
            break;
        case EntryType::Expire:
            QCOMPARE(ev.type, EventType::Subscribe);
            break;
        default:
            break;
        }
    }
    if (!x.steps.empty())
        QCOMPARE(x.steps.back().entry.balanceAfter, x.balance.total);
}

void TestExplain::walkTaskRulesAsOfTheMoment()
{
    const Scenario s = read(DailyFree);
    const auto h = historyOf(s);
    const BalanceWalk walk(*h);
    const auto rulesOf = [&](const BalanceExplanation &x, const QString &task) {
        for (const WalkTask &t : x.tasks)
            if (h->names().name(t.task) == task)
                return t.rules.names().join(u' ');
        return u"(absent)"_s;
    };
    // i1 started at 11:00 and failed at 11:01: free only once its end is in the walk.
    QCOMPARE(rulesOf(walk.at(timeOf(u"2026-01-01T10:30:00Z"_s)), u"i1"_s), u"(absent)"_s);
    QCOMPARE(rulesOf(walk.at(timeOf(u"2026-01-01T11:00:30Z"_s)), u"i1"_s), QString());
    QCOMPARE(rulesOf(walk.at(timeOf(u"2026-01-01T11:01:00Z"_s)), u"i1"_s), u"task.outcome_free"_s);
    QCOMPARE(rulesOf(walk.at(timeOf(u"2026-01-01T11:01:00Z"_s)), u"v1"_s), QString());

    const auto p = historyOf(read(Prepaid));
    const BalanceWalk promoted(*p);
    const BalanceExplanation x = promoted.at(timeOf(u"2026-01-01T01:00:00Z"_s));
    QCOMPARE(x.tasks.size(), std::size_t(1));
    QCOMPARE(p->names().name(x.tasks[0].task), u"p1"_s);
    QCOMPARE(x.tasks[0].rules, RuleSet{RuleId::TaskPromotionFree});
    QCOMPARE(x.tasks[0].settledEvent, -1);
}

QTEST_GUILESS_MAIN(TestExplain)
#include "tst_explain.moc"
