// Presets are data: the five ship as files, a sixth credit system works from an inline policy
// alone, and a broken policy is refused with the JSON path of its first problem.
#include "ScenarioBuilder.h"

#include "PolicyReader.h"
#include "PresetCatalog.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
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
    void pricesAndQuantityUnits();
    void catalogueFromDirectory();
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

void TestPolicyReader::pricesAndQuantityUnits()
{
    // Seed 003: the tiered packs cost what their names say; no other preset names a price.
    const auto tiered = PresetCatalog::builtIn().find(u"tiered-tasks");
    QVERIFY(tiered);
    const QList<std::pair<QString, int>> want{
        {u"pack_10"_s, 10}, {u"pack_25"_s, 25}, {u"pack_50"_s, 50}};
    QCOMPARE(tiered->packs.size(), want.size());
    for (qsizetype i = 0; i < want.size(); ++i) {
        QCOMPARE(tiered->packs[i].name, want[i].first);
        QVERIFY(tiered->packs[i].price);
        QCOMPARE(tiered->packs[i].price->amount, Credits::whole(want[i].second));
        QCOMPARE(tiered->packs[i].price->currency, u"USD"_s);
    }
    for (const auto &p : PresetCatalog::builtIn().all()) {
        if (p->name != u"tiered-tasks")
            for (const Pack &pack : p->packs)
                QVERIFY2(!pack.price, qPrintable(pack.name));
        // Every feature counted in something other than tokens says what it counts.
        for (const FeatureRule &f : p->features)
            QCOMPARE(f.quantityUnit.isEmpty(),
                     f.pricing == FeatureRule::Pricing::PerThousandTokens);
        // The policy keeps the JSON it was read from.
        QCOMPARE(p->source.value(u"name"_s).toString(), p->name);
    }
    const auto prepaid = PresetCatalog::builtIn().find(u"prepaid-tokens");
    QCOMPARE(prepaid->features[prepaid->featureIndex(u"video")].quantityUnit,
             u"seconds of video"_s);

    // A fractional price, and a price of 0, read exactly.
    auto result = PolicyReader::readDocument(
        R"({"name": "x", "features": [{"name": "a", "price": 1, "quantity_unit": "images"}],
            "packs": [{"name": "p", "amount": 5, "price": {"amount": 4.995, "currency": "EUR"}},
                      {"name": "q", "amount": 1, "price": {"amount": 0, "currency": "JPY"}},
                      {"name": "r", "amount": 2, "price": null}]})",
        u"test.json"_s);
    QVERIFY(std::holds_alternative<Policy>(result));
    const Policy &p = std::get<Policy>(result);
    QCOMPARE(p.packs[0].price->amount.milli(), 4995);
    QCOMPARE(p.packs[0].price->currency, u"EUR"_s);
    QVERIFY(p.packs[1].price->amount.isZero());
    QVERIFY(!p.packs[2].price);
    QCOMPARE(p.features[0].quantityUnit, u"images"_s);
    QCOMPARE(p.source.value(u"packs"_s).toArray().size(), 3);
}

void TestPolicyReader::catalogueFromDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto write = [&](const QString &name, const QByteArray &text) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    };
    auto empty = PresetCatalog::fromDirectory(dir.path());
    QVERIFY(std::holds_alternative<ParseError>(empty));

    // A copy of a built-in preset with another price is read as given.
    QFile tiered(u":/presets/tiered-tasks.json"_s);
    QVERIFY(tiered.open(QIODevice::ReadOnly));
    QByteArray text = tiered.readAll();
    text.replace(R"("amount": 25, "currency": "USD")", R"("amount": 19.99, "currency": "EUR")");
    write(u"tiered-tasks.json"_s, text);
    write(u"notes.txt"_s, "not a preset");
    auto good = PresetCatalog::fromDirectory(dir.path());
    if (auto *e = std::get_if<ParseError>(&good))
        QFAIL(qPrintable(e->toString()));
    const auto &catalog = std::get<PresetCatalog>(good);
    QCOMPARE(catalog.names(), QStringList{u"tiered-tasks"_s});
    const Pack &pack = catalog.find(u"tiered-tasks")->packs[1];
    QCOMPARE(pack.price->amount.milli(), 19990);
    QCOMPARE(pack.price->currency, u"EUR"_s);

    // A broken file is named, with the path inside it.
    write(
        u"zz-broken.json"_s,
        R"({"name": "y", "features": [{"name": "a", "price": 1}], "packs": [{"name": "p", "amount": 1, "price": {"amount": 1, "currency": "E"}}]})");
    auto broken = PresetCatalog::fromDirectory(dir.path());
    QVERIFY(std::holds_alternative<ParseError>(broken));
    QCOMPARE(std::get<ParseError>(broken).path, u"zz-broken.json: packs[0].price.currency"_s);
    write(u"zz-broken.json"_s, "{");
    broken = PresetCatalog::fromDirectory(dir.path());
    QVERIFY(std::get<ParseError>(broken).toString().startsWith(u"zz-broken.json: not valid JSON"));
    // Two files naming the same preset.
    write(u"zz-broken.json"_s, text);
    broken = PresetCatalog::fromDirectory(dir.path());
    QCOMPARE(std::get<ParseError>(broken).path, u"zz-broken.json: name"_s);
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
    QTest::newRow("price not an object")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1}], "packs": [{"name": "p", "amount": 1, "price": 10}]})")
        << u"packs[0].price"_s;
    QTest::newRow("price negative")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1}], "packs": [{"name": "p", "amount": 1, "price": {"amount": -1, "currency": "USD"}}]})")
        << u"packs[0].price.amount"_s;
    QTest::newRow("price 4 decimals")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1}], "packs": [{"name": "p", "amount": 1, "price": {"amount": 9.9999, "currency": "USD"}}]})")
        << u"packs[0].price.amount"_s;
    QTest::newRow("price as text")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1}], "packs": [{"name": "p", "amount": 1, "price": {"amount": "10", "currency": "USD"}}]})")
        << u"packs[0].price.amount"_s;
    QTest::newRow("price without currency")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1}], "packs": [{"name": "p", "amount": 1, "price": {"amount": 10}}]})")
        << u"packs[0].price.currency"_s;
    QTest::newRow("currency lower case")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1}], "packs": [{"name": "p", "amount": 1, "price": {"amount": 10, "currency": "usd"}}]})")
        << u"packs[0].price.currency"_s;
    QTest::newRow("currency symbol")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1}], "packs": [{"name": "p", "amount": 1, "price": {"amount": 10, "currency": "$"}}]})")
        << u"packs[0].price.currency"_s;
    QTest::newRow("currency four letters")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1}], "packs": [{"name": "p", "amount": 1, "price": {"amount": 10, "currency": "USDT"}}]})")
        << u"packs[0].price.currency"_s;
    QTest::newRow("quantity_unit not a string")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1, "quantity_unit": 3}]})")
        << u"features[0].quantity_unit"_s;
    QTest::newRow("quantity_unit empty")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1, "quantity_unit": ""}]})")
        << u"features[0].quantity_unit"_s;
    QTest::newRow("quantity_unit padded")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "price": 1, "quantity_unit": " images"}]})")
        << u"features[0].quantity_unit"_s;
    QTest::newRow("quantity_unit of tokens")
        << QByteArray(
               R"({"name": "x", "features": [{"name": "a", "per_1000_tokens": 1, "quantity_unit": "words"}]})")
        << u"features[0].quantity_unit"_s;
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
    QDirIterator it(QStringLiteral(CREDITDESK_TESTS_DIR "/../core"), {u"*.cpp"_s, u"*.h"_s},
                    QDir::Files, QDirIterator::Subdirectories); // core/ is in folders
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
