// Presets are data: the five ship as files, a sixth credit system works from an inline policy
// alone, and a broken policy is refused with the JSON path of its first problem.
#include "ScenarioBuilder.h"

#include "PolicyReader.h"
#include "PresetCatalog.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace creditdesk;
using namespace Qt::StringLiterals;

namespace {
// A credit system unlike the five: daily plan cycles with an hourly usage window, a signup
// grant that pays for one feature only, packs, and covers admission, all at once.
QJsonObject dailyPassPolicy()
{
    return QJsonDocument::fromJson(R"({
        "name": "daily-pass",
        "summary": "A day pass with an hourly cap",
        "admission": "covers",
        "features": [
            {"name": "draft", "price": 2},
            {"name": "render", "per_1000_tokens": 5}
        ],
        "plans": [
            {"name": "day", "allotment": 50, "cycle": {"days": 1},
             "windows": [{"kind": "1h", "hours": 1, "limit": 20}]}
        ],
        "signup": {"grants": [{"kind": "signup_free", "amount": 30}]},
        "packs": [{"name": "boost", "amount": 25}],
        "priority": {"signup_free": 1, "plan": 2},
        "applicability": {"signup_free": ["draft"]},
        "charged_outcomes": ["success"]
    })")
        .object();
}
} // namespace

class TestPolicyReader : public QObject
{
    Q_OBJECT

private slots:
    void builtInPresetsLoad();
    void sixthCreditSystemFromDataAlone();
    void brokenPolicy_data();
    void brokenPolicy();
    void engineCodeNamesNoPreset();
};

void TestPolicyReader::builtInPresetsLoad()
{
    QCOMPARE(PresetCatalog::builtIn().names(),
             (QStringList{u"coding-weekly"_s, u"daily-free-images"_s, u"prepaid-tokens"_s,
                          u"tiered-tasks"_s, u"unified-monthly"_s}));
    for (const auto &p : PresetCatalog::builtIn().all()) {
        QVERIFY(!p->summary.isEmpty());
        QVERIFY(!p->notes.isEmpty());
    }
}

void TestPolicyReader::sixthCreditSystemFromDataAlone()
{
    auto s = ScenarioBuilder::withPolicy(dailyPassPolicy(), u"Europe/Berlin"_s);
    s.event(u"2027-03-27T09:00:00+01:00"_s, u"signup"_s);
    s.event(u"2027-03-27T09:00:00+01:00"_s, u"subscribe"_s, {{u"plan"_s, u"day"_s}});
    s.event(u"2027-03-27T09:00:00+01:00"_s, u"purchase"_s, {{u"pack"_s, u"boost"_s}});
    // 10 drafts = 20 credits, all paid by the draft-only signup grant, which ranks first.
    for (int i = 0; i < 10; ++i) {
        s.event(u"2027-03-27T09:%1:00+01:00"_s.arg(i + 10), u"task_start"_s,
                {{u"task"_s, u"d%1"_s.arg(i)}, {u"feature"_s, u"draft"_s}});
        s.event(u"2027-03-27T09:%1:30+01:00"_s.arg(i + 10), u"task_end"_s,
                {{u"task"_s, u"d%1"_s.arg(i)}, {u"outcome"_s, u"success"_s}});
    }
    s.event(u"2027-03-27T09:30:00+01:00"_s, u"task_start"_s,
            {{u"task"_s, u"r1"_s}, {u"feature"_s, u"render"_s}, {u"tokens"_s, 1000}});
    s.query(u"2027-03-27T09:40:00+01:00"_s, u"balance"_s);
    s.query(u"2027-03-27T09:40:00+01:00"_s, u"limits"_s);
    s.query(u"2027-03-27T09:40:00+01:00"_s, u"ledger"_s,
            {{u"since"_s, u"2027-03-27T09:30:00+01:00"_s}});
    s.query(u"2027-03-27T10:10:00+01:00"_s, u"can_start"_s, {{u"feature"_s, u"draft"_s}});
    s.query(u"2027-03-28T12:00:00+02:00"_s, u"balance"_s);
    s.query(u"2027-03-28T12:00:00+02:00"_s, u"next_refresh"_s);
    s.query(u"2027-03-27T09:40:00+01:00"_s, u"affordable"_s, {{u"feature"_s, u"render"_s}});
    const QJsonArray a = s.run();
    QVERIFY2(s.error().isEmpty(), qPrintable(s.error()));
    QCOMPARE(a.at(0).toObject().value(u"total").toDouble(), 30.0 + 50 + 25 - 20);
    QCOMPARE(
        a.at(0).toObject().value(u"buckets").toArray().at(0).toObject().value(u"kind").toString(),
        u"signup_free"_s);
    const QJsonObject window = a.at(1).toObject().value(u"windows").toArray().at(0).toObject();
    QCOMPARE(window.value(u"kind").toString(), u"1h"_s);
    QCOMPARE(window.value(u"used").toDouble(), 20.0);
    // The hourly window is full: the render start was refused.
    QCOMPARE(entriesOfType(a.at(2), u"reject"_s).at(0).toObject().value(u"reason").toString(),
             u"limit_reached"_s);
    QCOMPARE(a.at(3).toObject().value(u"allowed").toBool(),
             true); // the window opened at 09:10 closed at 10:10
    // Next day: the plan refreshed at local midnight (the 23-hour day), the pack stays.
    QCOMPARE(a.at(4).toObject().value(u"total").toDouble(), 10.0 + 50 + 25);
    QCOMPARE(
        a.at(5).toObject().value(u"refreshes").toArray().at(0).toObject().value(u"at").toString(),
        u"2027-03-29T00:00:00+02:00"_s);
    // Render (5 per 1,000 tokens) cannot use the draft-only signup credits: (50 + 25) / 5.
    QCOMPARE(a.at(6).toObject().value(u"count").toDouble(), 15.0);
}

void TestPolicyReader::brokenPolicy_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::newRow("no name") << QByteArray(R"({"features": [{"name": "a", "price": 1}]})")
                             << u"name"_s;
    QTest::newRow("no features") << QByteArray(R"({"name": "x"})") << u"features"_s;
    QTest::newRow("two prices")
        << QByteArray(R"({"name": "x", "features": [{"name": "a", "price": 1, "tier": "low"}]})")
        << u"features[0]"_s;
    QTest::newRow("unknown tier")
        << QByteArray(R"({"name": "x", "features": [{"name": "a", "tier": "low"}]})")
        << u"features[0].tier"_s;
    QTest::newRow("duplicate feature")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1}, {"name": "a", "price": 2}]})")
        << u"features[1].name"_s;
    QTest::newRow("admission")
        << QByteArray(
               R"({"name": "x", "admission": "maybe", "features": [{"name": "a", "price": 1}]})")
        << u"admission"_s;
    QTest::newRow("cycle without unit")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1}], "plans": [{"name": "p", "allotment": 5, "cycle": {}}]})")
        << u"plans[0].cycle"_s;
    QTest::newRow("allotment without cycle")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1}], "plans": [{"name": "p", "allotment": 5}]})")
        << u"plans[0]"_s;
    QTest::newRow("window limit")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1}], "plans": [{"name": "p", "windows": [{"kind": "5h", "hours": 5, "limit": 0}]}]})")
        << u"plans[0].windows[0].limit"_s;
    QTest::newRow("priority kind")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1}], "priority": {"gold": 1}})")
        << u"priority.gold"_s;
    QTest::newRow("applicability feature")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1}], "applicability": {"bonus": ["b"]}})")
        << u"applicability.bonus[0]"_s;
    QTest::newRow("outcome")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1}], "charged_outcomes": ["win"]})")
        << u"charged_outcomes[0]"_s;
    QTest::newRow("pack amount")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1}], "packs": [{"name": "p", "amount": 1.0001}]})")
        << u"packs[0].amount"_s;
    QTest::newRow("recurring plan kind")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1}], "signup": {"recurring": [{"kind": "plan", "amount": 1, "cycle": {"days": 1}}]}})")
        << u"signup.recurring[0].kind"_s;
}

void TestPolicyReader::brokenPolicy()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    auto result = PolicyReader::readDocument(json, u"test.json"_s);
    QVERIFY(std::holds_alternative<ParseError>(result));
    QCOMPARE(std::get<ParseError>(result).path, path);
}

void TestPolicyReader::engineCodeNamesNoPreset()
{
    // A sixth credit system must need a data file alone: the engine's code names no preset,
    // plan, pack or feature of the five.
    QStringList names = PresetCatalog::builtIn().names();
    for (const auto &p : PresetCatalog::builtIn().all()) {
        for (const auto &f : p->features)
            if (f.name.size() > 5) // short words like "chat" occur in ordinary prose
                names << f.name;
        for (const auto &pack : p->packs)
            names << pack.name;
    }
    QDirIterator it(QStringLiteral(CREDITDESK_TESTS_DIR "/../core"), {u"*.cpp"_s, u"*.h"_s});
    int files = 0;
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        for (const QString &n : names)
            QVERIFY2(!text.contains(u'"' + n + u'"'), qPrintable(it.fileName() + u": "_s + n));
        ++files;
    }
    QVERIFY(files > 20);
}

QTEST_APPLESS_MAIN(TestPolicyReader)
#include "tst_policyreader.moc"
