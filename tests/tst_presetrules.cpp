// One data-driven test (at least one row) for every rule of every preset table in
// credit-rules.md. Each runs a real scenario through the reader and the engine.
#include "ScenarioBuilder.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
double num(const QJsonValue &v)
{
    return v.toDouble();
}
QJsonObject answer(const QJsonArray &a, int i)
{
    return a.at(i).toObject();
}
} // namespace

class TestPresetRules : public QObject
{
    Q_OBJECT

private slots:
    // Costs: every feature of every preset, through can_start's cost.
    void featureCost_data();
    void featureCost();
    // Plans and their allotments.
    void planAllotment_data();
    void planAllotment();
    // Which outcomes are charged.
    void outcomeCharging_data();
    void outcomeCharging();
    // Packs.
    void packs_data();
    void packs();
    // Usage windows per plan (unified-monthly).
    void usageWindowLimits_data();
    void usageWindowLimits();

    void unifiedAnniversaryFromSeedExample();
    void unifiedRefreshRemovesLeftThenIssues();
    void unifiedBonusBeforePlanAndBonusExpiry();
    void unifiedPositiveAdmissionFinishesInProgressTask();
    void unifiedPlanChangeKeepsAnniversary();
    void codingWeeklyRollingPeriods();
    void codingWeeklyCoversAdmission();
    void prepaidNeverExpiresAndAccumulates();
    void prepaidRefusesSubscribe();
    void prepaidChatEstimate();
    void prepaidPromotionMakesFeatureFree();
    void tieredCompareMoreThanFourModelsIsInvalid();
    void tieredFreeSignupGrantAndSubscribeFreeStopsRefreshes();
    void tieredProNoRolloverAndPriority();
    void dailyFreeRefreshAtMidnightNoCarryOver();
    void dailyFreeSignupOnceAndPriority();
    void dailyFreeApplicabilityVideoNotFromFreeCredits();
    void dailyFreeSubscribeFreeChangesNothing();
};

void TestPresetRules::featureCost_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QJsonObject>("request");
    QTest::addColumn<double>("cost");
    struct Row
    {
        const char *preset;
        QJsonObject request;
        double cost;
    };
    const QList<Row> rows = {
        {"unified-monthly", {{u"feature"_s, u"chat"_s}, {u"tokens"_s, 1500}}, 1.5},
        {"unified-monthly", {{u"feature"_s, u"code"_s}, {u"tokens"_s, 1500}}, 3},
        {"unified-monthly", {{u"feature"_s, u"claw"_s}, {u"tokens"_s, 1500}}, 3},
        {"unified-monthly", {{u"feature"_s, u"agent"_s}, {u"tokens"_s, 1500}}, 6},
        {"unified-monthly", {{u"feature"_s, u"research"_s}, {u"tokens"_s, 1500}}, 6},
        {"unified-monthly", {{u"feature"_s, u"image"_s}, {u"tokens"_s, 1500}}, 12},
        {"unified-monthly", {{u"feature"_s, u"chat"_s}, {u"tokens"_s, 1}}, 0.001},
        {"coding-weekly", {{u"feature"_s, u"request"_s}}, 1},
        {"coding-weekly", {{u"feature"_s, u"request"_s}, {u"quantity"_s, 42}}, 42},
        {"prepaid-tokens", {{u"feature"_s, u"image"_s}, {u"quantity"_s, 3}}, 30},
        {"prepaid-tokens", {{u"feature"_s, u"video"_s}, {u"quantity"_s, 8}}, 160},
        {"prepaid-tokens", {{u"feature"_s, u"video"_s}, {u"quantity"_s, 2.5}}, 50},
        {"prepaid-tokens", {{u"feature"_s, u"chat"_s}, {u"tokens"_s, 4200}}, 4.2},
        {"tiered-tasks", {{u"feature"_s, u"message_light"_s}}, 1},
        {"tiered-tasks", {{u"feature"_s, u"message_frontier"_s}}, 5},
        {"tiered-tasks", {{u"feature"_s, u"compare"_s}}, 5},
        {"tiered-tasks", {{u"feature"_s, u"compare"_s}, {u"models"_s, 4}}, 20},
        {"tiered-tasks", {{u"feature"_s, u"routing"_s}, {u"tier"_s, u"low"_s}}, 1},
        {"tiered-tasks", {{u"feature"_s, u"routing"_s}, {u"tier"_s, u"medium_high"_s}}, 10},
        {"tiered-tasks", {{u"feature"_s, u"routing"_s}, {u"tier"_s, u"very_high"_s}}, 100},
        {"tiered-tasks", {{u"feature"_s, u"agent"_s}}, 20},
        {"tiered-tasks", {{u"feature"_s, u"deep_research"_s}}, 20},
        {"tiered-tasks", {{u"feature"_s, u"finance_search"_s}}, 10},
        {"tiered-tasks", {{u"feature"_s, u"social_search"_s}}, 10},
        {"tiered-tasks", {{u"feature"_s, u"file_processing"_s}}, 5},
        {"tiered-tasks", {{u"feature"_s, u"image"_s}}, 20},
        {"tiered-tasks", {{u"feature"_s, u"video"_s}}, 100},
        {"tiered-tasks", {{u"feature"_s, u"model_3d"_s}}, 100},
        {"daily-free-images", {{u"feature"_s, u"image"_s}}, 5},
        {"daily-free-images", {{u"feature"_s, u"edit"_s}}, 5},
        {"daily-free-images", {{u"feature"_s, u"style_transfer"_s}}, 5},
        {"daily-free-images", {{u"feature"_s, u"upscale"_s}}, 5},
        {"daily-free-images", {{u"feature"_s, u"expand"_s}}, 5},
        {"daily-free-images", {{u"feature"_s, u"inpaint"_s}}, 5},
        {"daily-free-images", {{u"feature"_s, u"erase"_s}}, 5},
        {"daily-free-images", {{u"feature"_s, u"background"_s}}, 5},
        {"daily-free-images", {{u"feature"_s, u"redux"_s}}, 5},
        {"daily-free-images", {{u"feature"_s, u"adjust"_s}}, 5},
        {"daily-free-images", {{u"feature"_s, u"video"_s}}, 60},
    };
    for (const Row &r : rows) {
        const QByteArray tag =
            QByteArray(r.preset) + ' ' + QJsonDocument(r.request).toJson(QJsonDocument::Compact);
        QTest::newRow(tag.constData()) << QString::fromLatin1(r.preset) << r.request << r.cost;
    }
}

void TestPresetRules::featureCost()
{
    QFETCH(QString, preset);
    QFETCH(QJsonObject, request);
    QFETCH(double, cost);
    ScenarioBuilder s(preset);
    s.query(u"2027-01-01T00:00:00Z"_s, u"can_start"_s, request);
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    QCOMPARE(num(answer(a, 0).value(u"cost")), cost);
}

void TestPresetRules::planAllotment_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("plan");
    QTest::addColumn<double>("allotment");
    QTest::newRow("unified free") << u"unified-monthly"_s << u"free"_s << 100.0;
    QTest::newRow("unified plus") << u"unified-monthly"_s << u"plus"_s << 1000.0;
    QTest::newRow("unified pro") << u"unified-monthly"_s << u"pro"_s << 5000.0;
    QTest::newRow("coding basic") << u"coding-weekly"_s << u"basic"_s << 300.0;
    QTest::newRow("coding pro") << u"coding-weekly"_s << u"pro"_s << 1500.0;
    QTest::newRow("tiered free") << u"tiered-tasks"_s << u"free"_s << 0.0;
    QTest::newRow("tiered pro") << u"tiered-tasks"_s << u"pro"_s << 2000.0;
    QTest::newRow("daily free") << u"daily-free-images"_s << u"free"_s << 0.0;
}

void TestPresetRules::planAllotment()
{
    QFETCH(QString, preset);
    QFETCH(QString, plan);
    QFETCH(double, allotment);
    ScenarioBuilder s(preset);
    s.event(u"2027-01-01T00:00:00Z"_s, u"subscribe"_s, {{u"plan"_s, plan}});
    s.query(u"2027-01-01T00:00:00Z"_s, u"balance"_s);
    s.query(u"2027-01-01T00:00:00Z"_s, u"ledger"_s);
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    QCOMPARE(num(answer(a, 0).value(u"total")), allotment);
    const QJsonArray grants = entriesOfType(a.at(1), u"grant"_s);
    QCOMPARE(grants.size(), allotment > 0 ? 1 : 0);
    if (allotment > 0)
        QCOMPARE(grants.at(0).toObject().value(u"bucket").toString(), u"plan"_s);
}

void TestPresetRules::outcomeCharging_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("setup"); // how credits are obtained
    QTest::addColumn<QJsonObject>("start");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<double>("charged");
    const QJsonObject unifiedStart{{u"feature"_s, u"chat"_s}};
    const QJsonObject coding{{u"feature"_s, u"request"_s}, {u"quantity"_s, 3}};
    const QJsonObject prepaid{{u"feature"_s, u"image"_s}};
    const QJsonObject tiered{{u"feature"_s, u"agent"_s}};
    const QJsonObject daily{{u"feature"_s, u"image"_s}};
    const QStringList outcomes{u"success"_s, u"system_error"_s, u"content_violation"_s,
                               u"cancelled"_s};
    for (const QString &o : outcomes) {
        QTest::addRow("unified %s", qPrintable(o))
            << u"unified-monthly"_s << u"subscribe:plus"_s << unifiedStart << o << 2.0;
        QTest::addRow("coding %s", qPrintable(o))
            << u"coding-weekly"_s << u"subscribe:basic"_s << coding << o << 3.0;
        QTest::addRow("prepaid %s", qPrintable(o))
            << u"prepaid-tokens"_s << u"pack:tokens_100"_s << prepaid << o
            << ((o == u"success" || o == u"content_violation") ? 10.0 : 0.0);
        QTest::addRow("tiered %s", qPrintable(o))
            << u"tiered-tasks"_s << u"signup"_s << tiered << o
            << ((o == u"success" || o == u"content_violation") ? 20.0 : 0.0);
        QTest::addRow("daily %s", qPrintable(o))
            << u"daily-free-images"_s << u"signup"_s << daily << o << (o == u"success" ? 5.0 : 0.0);
    }
}

void TestPresetRules::outcomeCharging()
{
    QFETCH(QString, preset);
    QFETCH(QString, setup);
    QFETCH(QJsonObject, start);
    QFETCH(QString, outcome);
    QFETCH(double, charged);
    ScenarioBuilder s(preset);
    const QString t0 = u"2027-01-01T00:00:00Z"_s;
    if (setup.startsWith(u"subscribe:"))
        s.event(t0, u"subscribe"_s, {{u"plan"_s, setup.mid(10)}});
    else if (setup.startsWith(u"pack:"))
        s.event(t0, u"purchase"_s, {{u"pack"_s, setup.mid(5)}});
    else
        s.event(t0, u"signup"_s);
    start[u"task"_s] = u"t"_s;
    s.event(u"2027-01-01T01:00:00Z"_s, u"task_start"_s, start);
    s.event(u"2027-01-01T01:05:00Z"_s, u"task_end"_s,
            {{u"task"_s, u"t"_s}, {u"outcome"_s, outcome}, {u"tokens"_s, 2000}});
    s.query(u"2027-01-01T02:00:00Z"_s, u"ledger"_s, {{u"since"_s, u"2027-01-01T01:00:00Z"_s}});
    s.query(u"2027-01-01T00:00:00Z"_s, u"balance"_s);
    s.query(u"2027-01-01T02:00:00Z"_s, u"balance"_s);
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    const QJsonArray charges = entriesOfType(a.at(0), u"charge"_s);
    double sum = 0;
    for (const QJsonValue &c : charges)
        sum -= num(c.toObject().value(u"amount"));
    QCOMPARE(sum, charged);
    QCOMPARE(num(answer(a, 1).value(u"total")) - num(answer(a, 2).value(u"total")), charged);
    QCOMPARE(num(answer(a, 2).value(u"reserved")), 0.0);
}

void TestPresetRules::packs_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("pack");
    QTest::addColumn<double>("amount");
    QTest::newRow("tokens_100") << u"prepaid-tokens"_s << u"tokens_100"_s << 100.0;
    QTest::newRow("tokens_500") << u"prepaid-tokens"_s << u"tokens_500"_s << 500.0;
    QTest::newRow("tokens_2000") << u"prepaid-tokens"_s << u"tokens_2000"_s << 2000.0;
    QTest::newRow("pack_10") << u"tiered-tasks"_s << u"pack_10"_s << 1000.0;
    QTest::newRow("pack_25") << u"tiered-tasks"_s << u"pack_25"_s << 2750.0;
    QTest::newRow("pack_50") << u"tiered-tasks"_s << u"pack_50"_s << 6000.0;
}

void TestPresetRules::packs()
{
    QFETCH(QString, preset);
    QFETCH(QString, pack);
    QFETCH(double, amount);
    ScenarioBuilder s(preset);
    s.event(u"2027-01-01T00:00:00Z"_s, u"purchase"_s, {{u"pack"_s, pack}});
    s.event(u"2027-02-01T00:00:00Z"_s, u"purchase"_s, {{u"pack"_s, pack}});
    s.query(u"2031-06-01T00:00:00Z"_s, u"balance"_s);
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    // Purchases accumulate and never expire.
    QCOMPARE(num(answer(a, 0).value(u"total")), 2 * amount);
    const QJsonObject bucket = answer(a, 0).value(u"buckets").toArray().at(0).toObject();
    QCOMPARE(bucket.value(u"kind").toString(), u"purchased"_s);
    QVERIFY(bucket.value(u"expires_at").isNull());
}

void TestPresetRules::usageWindowLimits_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<double>("fiveHours");
    QTest::addColumn<double>("sevenDays");
    QTest::newRow("free") << u"free"_s << 20.0 << 60.0;
    QTest::newRow("plus") << u"plus"_s << 200.0 << 600.0;
    QTest::newRow("pro") << u"pro"_s << 1000.0 << 3000.0;
}

void TestPresetRules::usageWindowLimits()
{
    QFETCH(QString, plan);
    QFETCH(double, fiveHours);
    QFETCH(double, sevenDays);
    ScenarioBuilder s(u"unified-monthly"_s);
    s.query(u"2026-12-31T23:59:59Z"_s, u"limits"_s); // no windows before a subscribe
    s.event(u"2027-01-01T00:00:00Z"_s, u"subscribe"_s, {{u"plan"_s, plan}});
    s.event(u"2027-01-01T01:00:00Z"_s, u"task_start"_s,
            {{u"task"_s, u"t"_s}, {u"feature"_s, u"image"_s}});
    // 8 credits per 1,000 tokens: exactly the 5-hour limit.
    s.event(u"2027-01-01T01:10:00Z"_s, u"task_end"_s,
            {{u"task"_s, u"t"_s}, {u"outcome"_s, u"success"_s}, {u"tokens"_s, fiveHours * 125}});
    s.query(u"2027-01-01T02:00:00Z"_s, u"limits"_s);
    s.query(u"2027-01-01T02:00:00Z"_s, u"can_start"_s, {{u"feature"_s, u"chat"_s}});
    s.query(u"2027-01-01T06:00:00Z"_s, u"can_start"_s, {{u"feature"_s, u"chat"_s}});
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    QCOMPARE(answer(a, 0).value(u"windows").toArray().size(), 0);
    const QJsonArray windows = answer(a, 1).value(u"windows").toArray();
    QCOMPARE(windows.size(), 2);
    QCOMPARE(windows.at(0).toObject().value(u"kind").toString(), u"5h"_s);
    QCOMPARE(num(windows.at(0).toObject().value(u"limit")), fiveHours);
    QCOMPARE(num(windows.at(0).toObject().value(u"used")), fiveHours);
    QCOMPARE(windows.at(0).toObject().value(u"resets_at").toString(),
             u"2027-01-01T06:00:00+00:00"_s);
    QCOMPARE(windows.at(1).toObject().value(u"kind").toString(), u"7d"_s);
    QCOMPARE(num(windows.at(1).toObject().value(u"limit")), sevenDays);
    QCOMPARE(windows.at(1).toObject().value(u"resets_at").toString(),
             u"2027-01-08T01:00:00+00:00"_s);
    QCOMPARE(answer(a, 2).value(u"reason").toString(), u"limit_reached"_s);
    // The 5-hour window closing at 06:00 is closed for a start at 06:00.
    QCOMPARE(answer(a, 3).value(u"allowed").toBool(), true);
}

void TestPresetRules::unifiedAnniversaryFromSeedExample()
{
    // Seed 000: subscribed December 1 at 3:00 PM, credits refresh on January 1 at 3:00 PM.
    ScenarioBuilder s(u"unified-monthly"_s, u"Asia/Shanghai"_s);
    s.event(u"2026-12-01T15:00:00+08:00"_s, u"subscribe"_s, {{u"plan"_s, u"plus"_s}});
    s.query(u"2026-12-20T00:00:00+08:00"_s, u"next_refresh"_s);
    s.query(u"2027-01-01T14:59:59+08:00"_s, u"balance"_s);
    s.query(u"2027-01-01T15:00:00+08:00"_s, u"next_refresh"_s);
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    QCOMPARE(answer(a, 0).value(u"refreshes").toArray().at(0).toObject().value(u"at").toString(),
             u"2027-01-01T15:00:00+08:00"_s);
    QCOMPARE(
        answer(a, 1).value(u"buckets").toArray().at(0).toObject().value(u"expires_at").toString(),
        u"2027-01-01T15:00:00+08:00"_s);
    QCOMPARE(answer(a, 2).value(u"refreshes").toArray().at(0).toObject().value(u"at").toString(),
             u"2027-02-01T15:00:00+08:00"_s);
}

void TestPresetRules::unifiedRefreshRemovesLeftThenIssues()
{
    ScenarioBuilder s(u"unified-monthly"_s);
    s.event(u"2027-03-05T10:00:00Z"_s, u"subscribe"_s, {{u"plan"_s, u"free"_s}});
    s.event(u"2027-03-06T10:00:00Z"_s, u"task_start"_s,
            {{u"task"_s, u"a"_s}, {u"feature"_s, u"chat"_s}});
    s.event(u"2027-03-06T10:01:00Z"_s, u"task_end"_s,
            {{u"task"_s, u"a"_s}, {u"outcome"_s, u"success"_s}, {u"tokens"_s, 12000}});
    s.query(u"2027-04-05T10:00:00Z"_s, u"ledger"_s, {{u"since"_s, u"2027-04-05T10:00:00Z"_s}});
    s.query(u"2027-04-05T10:00:00Z"_s, u"balance"_s);
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    const QJsonArray entries = answer(a, 0).value(u"entries").toArray();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).toObject().value(u"type").toString(), u"expire"_s);
    QCOMPARE(num(entries.at(0).toObject().value(u"amount")), -88.0);
    QCOMPARE(num(entries.at(0).toObject().value(u"balance_after")), 0.0);
    QCOMPARE(entries.at(1).toObject().value(u"type").toString(), u"refresh"_s);
    QCOMPARE(num(entries.at(1).toObject().value(u"amount")), 100.0);
    QCOMPARE(num(answer(a, 1).value(u"total")), 100.0);
}

void TestPresetRules::unifiedBonusBeforePlanAndBonusExpiry()
{
    ScenarioBuilder s(u"unified-monthly"_s);
    s.event(u"2027-01-01T00:00:00Z"_s, u"subscribe"_s, {{u"plan"_s, u"plus"_s}});
    s.event(
        u"2027-01-02T00:00:00Z"_s, u"grant"_s,
        {{u"kind"_s, u"trial"_s}, {u"amount"_s, 10}, {u"expires_at"_s, u"2027-01-10T00:00:00Z"_s}});
    s.event(u"2027-01-02T00:00:00Z"_s, u"grant"_s, {{u"kind"_s, u"promo"_s}, {u"amount"_s, 5}});
    s.event(u"2027-01-03T00:00:00Z"_s, u"task_start"_s,
            {{u"task"_s, u"a"_s}, {u"feature"_s, u"chat"_s}});
    s.event(u"2027-01-03T00:01:00Z"_s, u"task_end"_s,
            {{u"task"_s, u"a"_s}, {u"outcome"_s, u"success"_s}, {u"tokens"_s, 4000}});
    s.query(u"2027-01-09T23:59:59Z"_s, u"balance"_s);
    s.query(u"2027-01-10T00:00:00Z"_s, u"balance"_s);
    s.query(u"2027-01-10T00:00:00Z"_s, u"ledger"_s, {{u"since"_s, u"2027-01-03T00:00:00Z"_s}});
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    // The soonest-expiring bonus pays first, then the never-expiring one, then the plan.
    const QJsonArray before = answer(a, 0).value(u"buckets").toArray();
    QCOMPARE(before.size(), 3);
    QCOMPARE(before.at(0).toObject().value(u"kind").toString(), u"bonus"_s);
    QCOMPARE(num(before.at(0).toObject().value(u"remaining")), 6.0);
    QCOMPARE(before.at(1).toObject().value(u"kind").toString(), u"bonus"_s);
    QVERIFY(before.at(1).toObject().value(u"expires_at").isNull());
    QCOMPARE(before.at(2).toObject().value(u"kind").toString(), u"plan"_s);
    // Half-open: at the expiry instant the bonus is gone, with an expire entry.
    QCOMPARE(num(answer(a, 1).value(u"total")), 1005.0);
    const QJsonArray expired = entriesOfType(a.at(2), u"expire"_s);
    QCOMPARE(expired.size(), 1);
    QCOMPARE(num(expired.at(0).toObject().value(u"amount")), -6.0);
}

void TestPresetRules::unifiedPositiveAdmissionFinishesInProgressTask()
{
    ScenarioBuilder s(u"unified-monthly"_s);
    s.event(u"2027-01-01T00:00:00Z"_s, u"subscribe"_s, {{u"plan"_s, u"free"_s}});
    s.event(u"2027-01-01T01:00:00Z"_s, u"task_start"_s,
            {{u"task"_s, u"a"_s}, {u"feature"_s, u"research"_s}});
    s.event(u"2027-01-01T02:00:00Z"_s, u"task_end"_s,
            {{u"task"_s, u"a"_s}, {u"outcome"_s, u"success"_s}, {u"tokens"_s, 30000}});
    // Once the usage windows have closed (they are checked first), credits decide.
    s.event(u"2027-01-08T03:00:00Z"_s, u"task_start"_s,
            {{u"task"_s, u"b"_s}, {u"feature"_s, u"chat"_s}});
    s.query(u"2027-01-08T04:00:00Z"_s, u"ledger"_s, {{u"since"_s, u"2027-01-01T01:00:00Z"_s}});
    s.query(u"2027-01-08T04:00:00Z"_s, u"balance"_s);
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    const QJsonArray entries = answer(a, 0).value(u"entries").toArray();
    QCOMPARE(entries.size(), 2);
    const QJsonObject charge = entries.at(0).toObject();
    QCOMPARE(num(charge.value(u"amount")), -100.0);
    QCOMPARE(num(charge.value(u"uncovered")), 20.0);
    QCOMPARE(num(charge.value(u"balance_after")), 0.0);
    QCOMPARE(entries.at(1).toObject().value(u"reason").toString(), u"insufficient_credits"_s);
    QCOMPARE(num(answer(a, 1).value(u"total")), 0.0);
}

void TestPresetRules::unifiedPlanChangeKeepsAnniversary()
{
    ScenarioBuilder s(u"unified-monthly"_s, u"Europe/Berlin"_s);
    s.event(u"2027-01-31T10:00:00+01:00"_s, u"subscribe"_s, {{u"plan"_s, u"free"_s}});
    s.event(u"2027-02-10T10:00:00+01:00"_s, u"subscribe"_s, {{u"plan"_s, u"pro"_s}});
    s.query(u"2027-02-10T10:00:00+01:00"_s, u"ledger"_s,
            {{u"since"_s, u"2027-02-10T10:00:00+01:00"_s}});
    s.query(u"2027-02-10T10:00:00+01:00"_s, u"next_refresh"_s);
    s.query(u"2027-03-28T12:00:00+02:00"_s, u"next_refresh"_s);
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    const QJsonArray entries = answer(a, 0).value(u"entries").toArray();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).toObject().value(u"type").toString(), u"expire"_s);
    QCOMPARE(num(entries.at(0).toObject().value(u"amount")), -100.0);
    QCOMPARE(entries.at(1).toObject().value(u"type").toString(), u"grant"_s);
    QCOMPARE(num(entries.at(1).toObject().value(u"amount")), 5000.0);
    // Month-end rule from the kept anchor: Feb 28, then Mar 31 (wall clock, now CEST).
    QCOMPARE(answer(a, 1).value(u"refreshes").toArray().at(0).toObject().value(u"at").toString(),
             u"2027-02-28T10:00:00+01:00"_s);
    QCOMPARE(answer(a, 2).value(u"refreshes").toArray().at(0).toObject().value(u"at").toString(),
             u"2027-03-31T10:00:00+02:00"_s);
}

void TestPresetRules::codingWeeklyRollingPeriods()
{
    // Activated late on D1: the first period still ends at 00:00 of D8.
    ScenarioBuilder s(u"coding-weekly"_s, u"America/New_York"_s);
    s.event(u"2027-03-01T23:30:00-05:00"_s, u"subscribe"_s, {{u"plan"_s, u"pro"_s}});
    s.event(u"2027-03-02T09:00:00-05:00"_s, u"task_start"_s,
            {{u"task"_s, u"r"_s}, {u"feature"_s, u"request"_s}, {u"quantity"_s, 500}});
    s.event(u"2027-03-02T09:01:00-05:00"_s, u"task_end"_s,
            {{u"task"_s, u"r"_s}, {u"outcome"_s, u"success"_s}});
    s.query(u"2027-03-07T23:59:59-05:00"_s, u"balance"_s);
    s.query(u"2027-03-08T00:00:00-05:00"_s, u"ledger"_s,
            {{u"since"_s, u"2027-03-08T00:00:00-05:00"_s}});
    s.query(u"2027-03-08T00:00:00-05:00"_s, u"next_refresh"_s);
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    QCOMPARE(num(answer(a, 0).value(u"total")), 1000.0);
    const QJsonArray entries = answer(a, 1).value(u"entries").toArray();
    QCOMPARE(entries.size(), 2); // unused requests expire, the quota is issued again
    QCOMPARE(num(entries.at(0).toObject().value(u"amount")), -1000.0);
    QCOMPARE(num(entries.at(1).toObject().value(u"amount")), 1500.0);
    // D15 00:00 New York, after the DST change of 2027-03-14: offset -04:00.
    QCOMPARE(answer(a, 2).value(u"refreshes").toArray().at(0).toObject().value(u"at").toString(),
             u"2027-03-15T00:00:00-04:00"_s);
}

void TestPresetRules::codingWeeklyCoversAdmission()
{
    ScenarioBuilder s(u"coding-weekly"_s);
    s.event(u"2027-01-01T00:00:00Z"_s, u"subscribe"_s, {{u"plan"_s, u"basic"_s}});
    s.event(u"2027-01-01T01:00:00Z"_s, u"task_start"_s,
            {{u"task"_s, u"a"_s}, {u"feature"_s, u"request"_s}, {u"quantity"_s, 200}});
    s.event(u"2027-01-01T01:00:01Z"_s, u"task_start"_s,
            {{u"task"_s, u"b"_s}, {u"feature"_s, u"request"_s}, {u"quantity"_s, 101}});
    s.event(u"2027-01-01T01:00:02Z"_s, u"task_start"_s,
            {{u"task"_s, u"c"_s}, {u"feature"_s, u"request"_s}, {u"quantity"_s, 100}});
    s.query(u"2027-01-01T02:00:00Z"_s, u"balance"_s);
    s.query(u"2027-01-01T02:00:00Z"_s, u"ledger"_s, {{u"since"_s, u"2027-01-01T01:00:00Z"_s}});
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    QCOMPARE(num(answer(a, 0).value(u"reserved")), 300.0);
    QCOMPARE(num(answer(a, 0).value(u"available")), 0.0);
    const QJsonArray e = answer(a, 1).value(u"entries").toArray();
    QCOMPARE(e.size(), 3);
    QCOMPARE(e.at(0).toObject().value(u"type").toString(), u"reserve"_s);
    QCOMPARE(e.at(1).toObject().value(u"reason").toString(), u"insufficient_credits"_s);
    QCOMPARE(e.at(2).toObject().value(u"type").toString(), u"reserve"_s);
}

void TestPresetRules::prepaidNeverExpiresAndAccumulates()
{
    ScenarioBuilder s(u"prepaid-tokens"_s);
    s.event(u"2027-01-01T00:00:00Z"_s, u"purchase"_s, {{u"pack"_s, u"tokens_100"_s}});
    s.event(u"2027-01-02T00:00:00Z"_s, u"purchase"_s, {{u"amount"_s, 12.345}});
    s.query(u"2040-01-01T00:00:00Z"_s, u"balance"_s);
    s.query(u"2040-01-01T00:00:00Z"_s, u"next_refresh"_s);
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    QCOMPARE(num(answer(a, 0).value(u"total")), 112.345);
    QCOMPARE(answer(a, 1).value(u"refreshes").toArray().size(), 0);
}

void TestPresetRules::prepaidRefusesSubscribe()
{
    ScenarioBuilder s(u"prepaid-tokens"_s);
    s.event(u"2027-01-01T00:00:00Z"_s, u"subscribe"_s, {{u"plan"_s, u"free"_s}});
    s.run();
    QVERIFY(s.error().startsWith(u"events[0]"));
}

void TestPresetRules::prepaidChatEstimate()
{
    ScenarioBuilder s(u"prepaid-tokens"_s);
    s.event(u"2027-01-01T00:00:00Z"_s, u"purchase"_s, {{u"amount"_s, 10}});
    s.event(u"2027-01-01T01:00:00Z"_s, u"task_start"_s,
            {{u"task"_s, u"a"_s}, {u"feature"_s, u"chat"_s}});
    s.event(u"2027-01-01T01:00:00Z"_s, u"task_start"_s,
            {{u"task"_s, u"b"_s}, {u"feature"_s, u"chat"_s}, {u"tokens"_s, 2500}});
    s.query(u"2027-01-01T01:30:00Z"_s, u"balance"_s);
    s.event(u"2027-01-01T02:00:00Z"_s, u"task_end"_s,
            {{u"task"_s, u"a"_s}, {u"outcome"_s, u"success"_s}});
    s.event(u"2027-01-01T02:00:00Z"_s, u"task_end"_s,
            {{u"task"_s, u"b"_s}, {u"outcome"_s, u"success"_s}, {u"tokens"_s, 3100}});
    s.query(u"2027-01-01T03:00:00Z"_s, u"balance"_s);
    s.query(u"2027-01-01T03:00:00Z"_s, u"can_start"_s, {{u"feature"_s, u"chat"_s}});
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    QCOMPARE(num(answer(a, 0).value(u"reserved")), 3.5); // 1 (no tokens) + 2.5
    QCOMPARE(num(answer(a, 1).value(u"total")), 10 - 1 - 3.1);
    QVERIFY(answer(a, 2).value(u"cost").isNull());
    QCOMPARE(answer(a, 2).value(u"allowed").toBool(), true);
}

void TestPresetRules::prepaidPromotionMakesFeatureFree()
{
    ScenarioBuilder s(u"prepaid-tokens"_s);
    s.event(u"2027-01-01T00:00:00Z"_s, u"promotion"_s,
            {{u"feature"_s, u"image"_s},
             {u"from"_s, u"2027-01-02T00:00:00Z"_s},
             {u"until"_s, u"2027-01-03T00:00:00Z"_s}});
    s.event(u"2027-01-02T00:00:00Z"_s, u"task_start"_s,
            {{u"task"_s, u"a"_s}, {u"feature"_s, u"image"_s}});
    s.event(u"2027-01-02T00:10:00Z"_s, u"task_end"_s,
            {{u"task"_s, u"a"_s}, {u"outcome"_s, u"success"_s}});
    s.event(u"2027-01-03T00:00:00Z"_s, u"task_start"_s,
            {{u"task"_s, u"b"_s}, {u"feature"_s, u"image"_s}});
    s.query(u"2027-01-02T12:00:00Z"_s, u"can_start"_s, {{u"feature"_s, u"image"_s}});
    s.query(u"2027-01-02T12:00:00Z"_s, u"affordable"_s, {{u"feature"_s, u"image"_s}});
    s.query(u"2027-01-03T12:00:00Z"_s, u"ledger"_s);
    s.event(u"2027-01-04T00:00:00Z"_s, u"promotion"_s,
            {{u"feature"_s, u"chat"_s},
             {u"from"_s, u"2027-01-04T00:00:00Z"_s},
             {u"until"_s, u"2027-01-05T00:00:00Z"_s}});
    // Token-priced without tokens: free under the promotion, so its cost is known (0).
    s.query(u"2027-01-04T12:00:00Z"_s, u"can_start"_s, {{u"feature"_s, u"chat"_s}});
    s.query(u"2027-01-05T12:00:00Z"_s, u"can_start"_s, {{u"feature"_s, u"chat"_s}});
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    QCOMPARE(answer(a, 0).value(u"allowed").toBool(), true);
    QCOMPARE(num(answer(a, 0).value(u"cost")), 0.0);
    QCOMPARE(answer(a, 3).value(u"allowed").toBool(), true);
    QVERIFY(answer(a, 3).value(u"cost").isDouble());
    QCOMPARE(num(answer(a, 3).value(u"cost")), 0.0);
    QVERIFY(answer(a, 4).value(u"cost").isNull()); // after the promotion: unknown again
    QVERIFY(answer(a, 1).value(u"count").isNull());
    // The free task wrote nothing; the one at `until` was not free and was refused at 0.
    const QJsonArray e = answer(a, 2).value(u"entries").toArray();
    QCOMPARE(e.size(), 1);
    QCOMPARE(e.at(0).toObject().value(u"task").toString(), u"b"_s);
    QCOMPARE(e.at(0).toObject().value(u"reason").toString(), u"insufficient_credits"_s);
}

void TestPresetRules::tieredCompareMoreThanFourModelsIsInvalid()
{
    ScenarioBuilder s(u"tiered-tasks"_s);
    s.event(u"2027-01-01T00:00:00Z"_s, u"signup"_s);
    s.event(u"2027-01-01T01:00:00Z"_s, u"task_start"_s,
            {{u"task"_s, u"k"_s}, {u"feature"_s, u"compare"_s}, {u"models"_s, 5}});
    s.event(u"2027-01-01T01:00:00Z"_s, u"task_start"_s,
            {{u"task"_s, u"r"_s}, {u"feature"_s, u"routing"_s}, {u"tier"_s, u"ultra"_s}});
    s.event(u"2027-01-01T01:00:00Z"_s, u"task_start"_s,
            {{u"task"_s, u"q"_s}, {u"feature"_s, u"routing"_s}});
    s.query(u"2027-01-01T02:00:00Z"_s, u"ledger"_s, {{u"since"_s, u"2027-01-01T01:00:00Z"_s}});
    s.query(u"2027-01-01T02:00:00Z"_s, u"affordable"_s,
            {{u"feature"_s, u"compare"_s}, {u"models"_s, 4}});
    s.query(u"2027-01-01T02:00:00Z"_s, u"affordable"_s,
            {{u"feature"_s, u"compare"_s}, {u"models"_s, 5}});
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    const QJsonArray e = answer(a, 0).value(u"entries").toArray();
    QCOMPARE(e.size(), 3);
    for (const QJsonValue &v : e)
        QCOMPARE(v.toObject().value(u"reason").toString(), u"invalid_request"_s);
    QCOMPARE(num(answer(a, 1).value(u"count")), 5.0);
    QCOMPARE(num(answer(a, 2).value(u"count")), 0.0);
}

void TestPresetRules::tieredFreeSignupGrantAndSubscribeFreeStopsRefreshes()
{
    ScenarioBuilder s(u"tiered-tasks"_s);
    s.event(u"2027-01-01T00:00:00Z"_s, u"signup"_s);
    s.event(u"2027-01-01T00:00:00Z"_s, u"subscribe"_s, {{u"plan"_s, u"free"_s}});
    s.event(u"2027-01-05T00:00:00Z"_s, u"subscribe"_s, {{u"plan"_s, u"pro"_s}});
    s.event(u"2027-01-20T00:00:00Z"_s, u"subscribe"_s, {{u"plan"_s, u"free"_s}});
    s.query(u"2027-01-01T00:00:00Z"_s, u"balance"_s);
    s.query(u"2027-01-10T00:00:00Z"_s, u"next_refresh"_s);
    s.query(u"2030-01-20T00:00:00Z"_s, u"balance"_s);
    s.query(u"2030-01-20T00:00:00Z"_s, u"next_refresh"_s);
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    QCOMPARE(num(answer(a, 0).value(u"total")), 100.0);
    QCOMPARE(answer(a, 0).value(u"buckets").toArray().at(0).toObject().value(u"kind").toString(),
             u"signup_free"_s);
    QCOMPARE(answer(a, 1).value(u"refreshes").toArray().at(0).toObject().value(u"at").toString(),
             u"2027-02-05T00:00:00+00:00"_s);
    QCOMPARE(num(answer(a, 2).value(u"total")),
             100.0); // pro's credits removed, free grants nothing
    QCOMPARE(answer(a, 3).value(u"refreshes").toArray().size(), 0);
}

void TestPresetRules::tieredProNoRolloverAndPriority()
{
    ScenarioBuilder s(u"tiered-tasks"_s);
    s.event(u"2027-01-01T00:00:00Z"_s, u"signup"_s);
    s.event(u"2027-01-01T00:00:00Z"_s, u"purchase"_s, {{u"pack"_s, u"pack_10"_s}});
    s.event(u"2027-01-01T00:00:00Z"_s, u"subscribe"_s, {{u"plan"_s, u"pro"_s}});
    s.event(u"2027-01-02T00:00:00Z"_s, u"task_start"_s,
            {{u"task"_s, u"v"_s}, {u"feature"_s, u"video"_s}});
    s.event(u"2027-01-02T00:01:00Z"_s, u"task_end"_s,
            {{u"task"_s, u"v"_s}, {u"outcome"_s, u"success"_s}});
    s.query(u"2027-01-31T00:00:00Z"_s, u"balance"_s);
    s.query(u"2027-02-01T00:00:00Z"_s, u"balance"_s);
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    const QJsonArray b = answer(a, 0).value(u"buckets").toArray();
    QCOMPARE(b.size(), 3);
    QCOMPARE(b.at(0).toObject().value(u"kind").toString(), u"plan"_s);
    QCOMPARE(num(b.at(0).toObject().value(u"remaining")), 1900.0);
    QCOMPARE(b.at(1).toObject().value(u"kind").toString(), u"signup_free"_s);
    QCOMPARE(b.at(2).toObject().value(u"kind").toString(), u"purchased"_s);
    QCOMPARE(num(answer(a, 1).value(u"total")), 2000.0 + 100 + 1000);
}

void TestPresetRules::dailyFreeRefreshAtMidnightNoCarryOver()
{
    // Berlin 2027-03-28 has 23 hours, 2027-10-31 has 25: one refresh per calendar day.
    ScenarioBuilder s(u"daily-free-images"_s, u"Europe/Berlin"_s);
    s.event(u"2027-03-26T12:00:00+01:00"_s, u"signup"_s);
    s.query(u"2027-03-30T12:00:00+02:00"_s, u"ledger"_s,
            {{u"since"_s, u"2027-03-27T00:00:00+01:00"_s}});
    s.query(u"2027-11-02T12:00:00+01:00"_s, u"ledger"_s,
            {{u"since"_s, u"2027-10-30T00:00:00+02:00"_s}});
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    const QJsonArray spring = entriesOfType(a.at(0), u"refresh"_s);
    QStringList times;
    for (const QJsonValue &v : spring)
        times << v.toObject().value(u"at").toString();
    QCOMPARE(times, (QStringList{u"2027-03-27T00:00:00+01:00"_s, u"2027-03-28T00:00:00+01:00"_s,
                                 u"2027-03-29T00:00:00+02:00"_s, u"2027-03-30T00:00:00+02:00"_s}));
    times.clear();
    for (const QJsonValue &v : entriesOfType(a.at(1), u"refresh"_s))
        times << v.toObject().value(u"at").toString();
    QCOMPARE(times, (QStringList{u"2027-10-30T00:00:00+02:00"_s, u"2027-10-31T00:00:00+02:00"_s,
                                 u"2027-11-01T00:00:00+01:00"_s, u"2027-11-02T00:00:00+01:00"_s}));
    // No carry-over: every unused 15 expires before the next 15 arrive.
    for (const QJsonValue &v : entriesOfType(a.at(0), u"expire"_s))
        QCOMPARE(num(v.toObject().value(u"amount")), -15.0);
}

void TestPresetRules::dailyFreeSignupOnceAndPriority()
{
    ScenarioBuilder s(u"daily-free-images"_s);
    s.event(u"2027-01-01T08:00:00Z"_s, u"signup"_s);
    s.event(u"2027-01-01T08:00:00Z"_s, u"purchase"_s, {{u"amount"_s, 50}});
    s.event(u"2027-01-01T09:00:00Z"_s, u"signup"_s);
    for (int i = 0; i < 4; ++i) {
        const QString id = u"i%1"_s.arg(i);
        s.event(u"2027-01-01T10:00:00Z"_s, u"task_start"_s,
                {{u"task"_s, id}, {u"feature"_s, u"inpaint"_s}});
        s.event(u"2027-01-01T10:00:00Z"_s, u"task_end"_s,
                {{u"task"_s, id}, {u"outcome"_s, u"success"_s}});
    }
    s.query(u"2027-01-01T08:00:00Z"_s, u"ledger"_s);
    s.query(u"2027-01-01T11:00:00Z"_s, u"balance"_s);
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    const QJsonArray e = answer(a, 0).value(u"entries").toArray();
    QCOMPARE(e.at(0).toObject().value(u"bucket").toString(), u"signup_free"_s); // before daily_free
    QCOMPARE(num(e.at(0).toObject().value(u"amount")), 30.0);
    QCOMPARE(e.at(1).toObject().value(u"bucket").toString(), u"daily_free"_s);
    QCOMPARE(num(e.at(1).toObject().value(u"amount")), 15.0);
    // 20 spent: 15 daily first, then 5 signup; purchased untouched; second signup refused.
    const QJsonArray b = answer(a, 1).value(u"buckets").toArray();
    QCOMPARE(b.size(), 2);
    QCOMPARE(b.at(0).toObject().value(u"kind").toString(), u"signup_free"_s);
    QCOMPARE(num(b.at(0).toObject().value(u"remaining")), 25.0);
    QCOMPARE(num(b.at(1).toObject().value(u"remaining")), 50.0);
}

void TestPresetRules::dailyFreeApplicabilityVideoNotFromFreeCredits()
{
    ScenarioBuilder s(u"daily-free-images"_s);
    s.event(u"2027-01-01T08:00:00Z"_s, u"signup"_s);
    s.event(u"2027-01-01T09:00:00Z"_s, u"task_start"_s,
            {{u"task"_s, u"v"_s}, {u"feature"_s, u"video"_s}});
    s.event(u"2027-01-01T09:30:00Z"_s, u"purchase"_s, {{u"amount"_s, 70}});
    s.event(u"2027-01-01T10:00:00Z"_s, u"task_start"_s,
            {{u"task"_s, u"v"_s}, {u"feature"_s, u"video"_s}});
    s.event(u"2027-01-01T10:05:00Z"_s, u"task_end"_s,
            {{u"task"_s, u"v"_s}, {u"outcome"_s, u"success"_s}});
    s.query(u"2027-01-01T09:10:00Z"_s, u"can_start"_s, {{u"feature"_s, u"video"_s}});
    s.query(u"2027-01-01T11:00:00Z"_s, u"balance"_s);
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    QCOMPARE(answer(a, 0).value(u"reason").toString(), u"insufficient_credits"_s);
    const QJsonArray b = answer(a, 1).value(u"buckets").toArray();
    QCOMPARE(num(answer(a, 1).value(u"total")), 45.0 + 10);
    QCOMPARE(b.last().toObject().value(u"kind").toString(), u"purchased"_s);
    QCOMPARE(num(b.last().toObject().value(u"remaining")), 10.0);
}

void TestPresetRules::dailyFreeSubscribeFreeChangesNothing()
{
    ScenarioBuilder s(u"daily-free-images"_s);
    s.event(u"2027-01-01T08:00:00Z"_s, u"signup"_s);
    s.event(u"2027-01-01T09:00:00Z"_s, u"subscribe"_s, {{u"plan"_s, u"free"_s}});
    s.query(u"2027-01-01T10:00:00Z"_s, u"ledger"_s);
    s.query(u"2027-01-01T10:00:00Z"_s, u"next_refresh"_s);
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    QCOMPARE(answer(a, 0).value(u"entries").toArray().size(), 2);
    QCOMPARE(answer(a, 1).value(u"refreshes").toArray().size(), 1);
}

QTEST_APPLESS_MAIN(TestPresetRules)
#include "tst_presetrules.moc"
