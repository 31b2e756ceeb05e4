// Well-formed but not allowed events become `reject` entries and the replay goes on; refunds
// go back where they came from; every entry's balance_after adds up.
#include "ScenarioBuilder.h"

#include "CreditEngine.h"
#include "PresetCatalog.h"

#include <QJsonDocument>
#include <QTest>

using namespace creditdesk;
using namespace Qt::StringLiterals;

namespace {
QJsonArray parseArray(const char *json)
{
    return QJsonDocument::fromJson(QByteArray("[") + json + "]").array();
}
} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

private slots:
    void rejectedButReplayGoesOn_data();
    void rejectedButReplayGoesOn();
    void refundToExpiredBucketBecomesRefundBucket();
    void balanceAfterAddsUp();
    void engineApiDirectly();
};

void TestEngine::rejectedButReplayGoesOn_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QJsonArray>("events");    // each: [minute, type, fields]
    QTest::addColumn<QString>("rejectedTask"); // "" = task null
    QTest::addColumn<QString>("reason");
    QTest::newRow("task_end of an unknown task")
        << u"coding-weekly"_s
        << parseArray(
               R"([0, "subscribe", {"plan": "basic"}], [1, "task_end", {"task": "ghost", "outcome": "success"}])")
        << u"ghost"_s << u"invalid_request"_s;
    QTest::newRow("task_end of an ended task")
        << u"coding-weekly"_s
        << parseArray(
               R"([0, "subscribe", {"plan": "basic"}], [1, "task_start", {"task": "a", "feature": "request"}], [2, "task_end", {"task": "a", "outcome": "success"}], [3, "task_end", {"task": "a", "outcome": "success"}])")
        << u"a"_s << u"invalid_request"_s;
    QTest::newRow("task_end of a rejected start")
        << u"coding-weekly"_s
        << parseArray(
               R"([1, "task_start", {"task": "a", "feature": "request"}], [2, "task_end", {"task": "a", "outcome": "success"}])")
        << u"a"_s << u"invalid_request"_s;
    QTest::newRow("admitted id reused while open")
        << u"coding-weekly"_s
        << parseArray(
               R"([0, "subscribe", {"plan": "basic"}], [1, "task_start", {"task": "a", "feature": "request"}], [2, "task_start", {"task": "a", "feature": "request"}])")
        << u"a"_s << u"invalid_request"_s;
    QTest::newRow("admitted id reused after its end")
        << u"tiered-tasks"_s
        << parseArray(
               R"([0, "signup", {}], [1, "task_start", {"task": "a", "feature": "agent"}], [2, "task_end", {"task": "a", "outcome": "success"}], [3, "task_start", {"task": "a", "feature": "agent"}])")
        << u"a"_s << u"invalid_request"_s;
    QTest::newRow("second signup")
        << u"tiered-tasks"_s << parseArray(R"([0, "signup", {}], [1, "signup", {}])") << QString()
        << u"invalid_request"_s;
    QTest::newRow("refund of an open task")
        << u"tiered-tasks"_s
        << parseArray(
               R"([0, "signup", {}], [1, "task_start", {"task": "a", "feature": "agent"}], [2, "refund", {"task": "a"}])")
        << u"a"_s << u"invalid_request"_s;
    QTest::newRow("refund of a task that took nothing")
        << u"tiered-tasks"_s
        << parseArray(
               R"([0, "signup", {}], [1, "task_start", {"task": "a", "feature": "agent"}], [2, "task_end", {"task": "a", "outcome": "cancelled"}], [3, "refund", {"task": "a"}])")
        << u"a"_s << u"invalid_request"_s;
    QTest::newRow("second refund")
        << u"tiered-tasks"_s
        << parseArray(
               R"([0, "signup", {}], [1, "task_start", {"task": "a", "feature": "agent"}], [2, "task_end", {"task": "a", "outcome": "success"}], [3, "refund", {"task": "a"}], [4, "refund", {"task": "a"}])")
        << u"a"_s << u"invalid_request"_s;
    QTest::newRow("refund of an unknown task")
        << u"tiered-tasks"_s << parseArray(R"([0, "signup", {}], [1, "refund", {"task": "nope"}])")
        << u"nope"_s << u"invalid_request"_s;
    QTest::newRow("debit larger than available")
        << u"coding-weekly"_s
        << parseArray(
               R"([0, "subscribe", {"plan": "basic"}], [1, "task_start", {"task": "a", "feature": "request", "quantity": 250}], [2, "debit", {"amount": 51}])")
        << QString() << u"invalid_request"_s;
    QTest::newRow("compare with 2^32 + 1 models")
        << u"tiered-tasks"_s
        << parseArray(
               R"([0, "signup", {}], [1, "task_start", {"task": "k", "feature": "compare", "models": 4294967297}])")
        << u"k"_s << u"invalid_request"_s;
    QTest::newRow("routing with an unknown tier")
        << u"tiered-tasks"_s
        << parseArray(
               R"([0, "signup", {}], [1, "task_start", {"task": "r", "feature": "routing", "tier": "mega"}])")
        << u"r"_s << u"invalid_request"_s;
    QTest::newRow("insufficient under covers")
        << u"prepaid-tokens"_s
        << parseArray(
               R"([0, "purchase", {"amount": 19.999}], [1, "task_start", {"task": "v", "feature": "video"}])")
        << u"v"_s << u"insufficient_credits"_s;
    QTest::newRow("insufficient under positive at 0")
        << u"tiered-tasks"_s
        << parseArray(R"([1, "task_start", {"task": "m", "feature": "message_light"}])") << u"m"_s
        << u"insufficient_credits"_s;
}

void TestEngine::rejectedButReplayGoesOn()
{
    QFETCH(QString, preset);
    QFETCH(QJsonArray, events);
    QFETCH(QString, rejectedTask);
    QFETCH(QString, reason);
    ScenarioBuilder s(preset);
    int last = 0;
    for (const QJsonValue &v : events) {
        const QJsonArray e = v.toArray();
        last = e[0].toInt();
        s.event(u"2027-01-01T00:%1:00Z"_s.arg(last, 2, 10, QChar(u'0')), e[1].toString(),
                e[2].toObject());
    }
    // The replay goes on after the reject: a later purchase still lands.
    s.event(u"2027-01-01T00:%1:00Z"_s.arg(last + 1, 2, 10, QChar(u'0')), u"purchase"_s,
            {{u"amount"_s, 7}});
    s.query(u"2027-01-01T01:00:00Z"_s, u"ledger"_s);
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    const QJsonArray entries = a.at(0).toObject().value(u"entries").toArray();
    const QJsonArray rejects = entriesOfType(a.at(0), u"reject"_s);
    QVERIFY(!rejects.isEmpty());
    const QJsonObject r = rejects.last().toObject();
    QCOMPARE(r.value(u"reason").toString(), reason);
    QCOMPARE(r.value(u"amount").toDouble(), 0.0);
    QVERIFY(r.value(u"bucket").isNull());
    if (rejectedTask.isEmpty())
        QVERIFY(r.value(u"task").isNull());
    else
        QCOMPARE(r.value(u"task").toString(), rejectedTask);
    QCOMPARE(entries.last().toObject().value(u"type").toString(), u"purchase"_s);
}

void TestEngine::refundToExpiredBucketBecomesRefundBucket()
{
    ScenarioBuilder s(u"unified-monthly"_s);
    s.event(u"2027-01-01T00:00:00Z"_s, u"subscribe"_s, {{u"plan"_s, u"free"_s}});
    s.event(
        u"2027-01-01T00:00:00Z"_s, u"grant"_s,
        {{u"kind"_s, u"bonus"_s}, {u"amount"_s, 3}, {u"expires_at"_s, u"2027-01-05T00:00:00Z"_s}});
    s.event(u"2027-01-02T00:00:00Z"_s, u"task_start"_s,
            {{u"task"_s, u"a"_s}, {u"feature"_s, u"code"_s}});
    s.event(u"2027-01-02T00:10:00Z"_s, u"task_end"_s,
            {{u"task"_s, u"a"_s}, {u"outcome"_s, u"system_error"_s}, {u"tokens"_s, 5000}});
    s.event(u"2027-01-06T00:00:00Z"_s, u"refund"_s, {{u"task"_s, u"a"_s}});
    s.query(u"2027-01-06T00:00:00Z"_s, u"ledger"_s, {{u"since"_s, u"2027-01-06T00:00:00Z"_s}});
    s.query(u"2027-09-01T00:00:00Z"_s, u"balance"_s);
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    // The charge took 3 from the bonus (now expired) and 7 from the plan (still live).
    const QJsonArray e = a.at(0).toObject().value(u"entries").toArray();
    QCOMPARE(e.size(), 2);
    QCOMPARE(e.at(0).toObject().value(u"bucket").toString(), u"refund"_s);
    QCOMPARE(e.at(0).toObject().value(u"amount").toDouble(), 3.0);
    QCOMPARE(e.at(1).toObject().value(u"bucket").toString(), u"plan"_s);
    QCOMPARE(e.at(1).toObject().value(u"amount").toDouble(), 7.0);
    // Months later the refund bucket is still there: it never expires.
    const QJsonArray buckets = a.at(1).toObject().value(u"buckets").toArray();
    QCOMPARE(buckets.last().toObject().value(u"kind").toString(), u"refund"_s);
    QVERIFY(buckets.last().toObject().value(u"expires_at").isNull());
    QCOMPARE(a.at(1).toObject().value(u"total").toDouble(), 103.0);
}

void TestEngine::balanceAfterAddsUp()
{
    ScenarioBuilder s(u"daily-free-images"_s, u"Europe/Berlin"_s);
    s.event(u"2027-03-20T10:00:00+01:00"_s, u"signup"_s);
    s.event(u"2027-03-20T10:00:00+01:00"_s, u"purchase"_s, {{u"amount"_s, 100.5}});
    for (int d = 0; d < 12; ++d) {
        const QString day = u"2027-03-%1"_s.arg(20 + d);
        s.event(day + u"T12:00:00Z"_s, u"task_start"_s,
                {{u"task"_s, u"v%1"_s.arg(d)}, {u"feature"_s, d % 3 ? u"image"_s : u"video"_s}});
        s.event(day + u"T12:30:00Z"_s, u"task_end"_s,
                {{u"task"_s, u"v%1"_s.arg(d)},
                 {u"outcome"_s, d % 4 ? u"success"_s : u"system_error"_s}});
    }
    s.query(u"2027-04-02T00:00:00+02:00"_s, u"ledger"_s);
    s.query(u"2027-04-02T00:00:00+02:00"_s, u"balance"_s);
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    double balance = 0;
    qint64 sumMilli = 0;
    for (const QJsonValue &v : a.at(0).toObject().value(u"entries").toArray()) {
        const QJsonObject e = v.toObject();
        const QString type = e.value(u"type").toString();
        const bool moves = type != u"reserve" && type != u"release" && type != u"reject";
        if (moves) {
            balance += e.value(u"amount").toDouble();
            sumMilli += qRound64(e.value(u"amount").toDouble() * 1000);
        }
        QCOMPARE(qRound64(e.value(u"balance_after").toDouble() * 1000), qRound64(balance * 1000));
    }
    QCOMPARE(sumMilli, qRound64(a.at(1).toObject().value(u"total").toDouble() * 1000));
}

void TestEngine::engineApiDirectly()
{
    // The C++ API the client and the server use, without the file format.
    const auto policy = PresetCatalog::builtIn().find(u"coding-weekly");
    QVERIFY(policy);
    CreditEngine engine(policy, *AccountZone::fromId(u"Asia/Tokyo"_s));
    Event subscribe;
    subscribe.at = 1806000000;
    subscribe.type = EventType::Subscribe;
    subscribe.plan = policy->planIndex(u"pro");
    engine.apply(subscribe);
    Event start;
    start.at = subscribe.at + 60;
    start.type = EventType::TaskStart;
    start.task = engine.names().intern(u"req-1"_s);
    start.request.feature = 0;
    start.request.quantityMilli = 40 * Credits::Scale;
    engine.apply(start);
    QCOMPARE(engine.balance().total, Credits::whole(1500));
    QCOMPARE(engine.balance().available, Credits::whole(1460));
    TaskRequest big;
    big.feature = 0;
    big.quantityMilli = 1461 * Credits::Scale;
    QCOMPARE(engine.canStart(big).reason, RejectReason::InsufficientCredits);
    big.quantityMilli = 1460 * Credits::Scale;
    QVERIFY(engine.canStart(big).allowed);
    QCOMPARE(engine.nextRefreshes().size(), 1);
}

QTEST_APPLESS_MAIN(TestEngine)
#include "tst_engine.moc"
