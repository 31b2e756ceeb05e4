// The engine can stop at any moment, write its state, and resume from it: the resumed engine
// answers exactly as one that never stopped. A damaged snapshot is refused, never trusted.
#include "CreditEngine.h"
#include "ScenarioReader.h"
#include "ScenarioReplay.h"

#include "ScenarioFile.h"
#include <QDir>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace creditdesk;
using namespace Qt::StringLiterals;

namespace {

// Everything a member could ask at the end of the history.
QByteArray everything(CreditEngine &engine, TimePoint end)
{
    engine.advanceTo(end);
    QByteArray out;
    for (auto ask : {Query::Ask::Balance, Query::Ask::NextRefresh, Query::Ask::Limits,
                     Query::Ask::Ledger, Query::Ask::Projection}) {
        Query q;
        q.at = end;
        q.ask = ask;
        out += ScenarioReplay::answerJson(engine, q) + '\n';
    }
    return out;
}

QStringList scenarioFiles()
{
    QStringList files;
    for (const char *dir : {"reference", "scenarios"}) {
        QDir d(QStringLiteral(CREDITDESK_TESTS_DIR "/") + QLatin1String(dir));
        for (const QString &n : d.entryList({u"*.json"_s}, QDir::Files, QDir::Name))
            if (!n.endsWith(u".expected.json") && !n.startsWith(u"07-"))
                files << d.filePath(n);
    }
    return files;
}
// Every number of a snapshot as a JSON double, as format 1 wrote them.
QJsonValue asDoubles(const QJsonValue &v)
{
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &x : v.toArray())
            out.append(asDoubles(x));
        return out;
    }
    if (v.isDouble())
        return QJsonValue(v.toDouble());
    return v;
}

CreditEngine replayedReference(const Scenario &s)
{
    CreditEngine engine(s.policy, s.zone, s.names);
    for (const Event &e : s.events)
        engine.apply(e);
    return engine;
}
} // namespace

class TestSnapshot : public QObject
{
    Q_OBJECT

private slots:
    void resumeEqualsOneReplay_data();
    void resumeEqualsOneReplay();
    void damagedSnapshotIsRefused_data();
    void damagedSnapshotIsRefused();
    void formatTwoHoldsAmountsAsExactIntegers();
    void formatOneIsConverted();
};

void TestSnapshot::resumeEqualsOneReplay_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &f : scenarioFiles())
        QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
}

void TestSnapshot::resumeEqualsOneReplay()
{
    QFETCH(QString, path);
    const Scenario s = loadScenarioFile(path);
    QVERIFY(!s.events.empty());
    const TimePoint end = s.events.back().at + 40 * SecondsPerDay;
    CreditEngine straight(s.policy, s.zone, s.names);
    for (const Event &e : s.events)
        straight.apply(e);
    const QByteArray expected = everything(straight, end);

    // Cut at every event boundary, through the JSON text a cache would store.
    for (std::size_t cut = 0; cut <= s.events.size(); ++cut) {
        auto names = std::make_shared<NameTable>(*s.names);
        CreditEngine first(s.policy, s.zone, names);
        for (std::size_t i = 0; i < cut; ++i)
            first.apply(s.events[i]);
        const QByteArray stored = QJsonDocument(first.snapshot()).toJson(QJsonDocument::Compact);
        auto resumed =
            CreditEngine::resume(s.policy, s.zone, QJsonDocument::fromJson(stored).object());
        if (auto *e = std::get_if<ParseError>(&resumed))
            QFAIL(qPrintable(e->toString()));
        CreditEngine &second = *std::get<std::unique_ptr<CreditEngine>>(resumed);
        QCOMPARE(QJsonDocument(second.snapshot()).toJson(QJsonDocument::Compact), stored);
        for (std::size_t i = cut; i < s.events.size(); ++i)
            second.apply(s.events[i]);
        QCOMPARE(everything(second, end), expected);
    }
}

void TestSnapshot::damagedSnapshotIsRefused_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("format") << u"format"_s << QJsonValue(7);
    QTest::newRow("policy") << u"policy"_s << QJsonValue(u"other"_s);
    QTest::newRow("zone") << u"zone"_s << QJsonValue(u"Asia/Tokyo"_s);
    QTest::newRow("scalars short") << u"scalars"_s << QJsonValue(QJsonArray{1, 2});
    QTest::newRow("lots not an array") << u"lots"_s << QJsonValue(u"x"_s);
    QTest::newRow("lot kind out of range")
        << u"lots"_s << QJsonValue(QJsonArray{QJsonArray{99, 1, 0, 0, 0, 0}});
    QTest::newRow("negative remaining")
        << u"lots"_s << QJsonValue(QJsonArray{QJsonArray{0, 1, 0, 0, 0, -5}});
    QTest::newRow("open task unknown") << u"open"_s << QJsonValue(QJsonArray{12345});
    QTest::newRow("ledger row") << u"ledger"_s << QJsonValue(QJsonArray{QJsonArray{1, 2}});
    QTest::newRow("task out of range")
        << u"tasks"_s << QJsonValue(QJsonArray{QJsonArray{999, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0}});
    QTest::newRow("fractional amount")
        << u"lots"_s << QJsonValue(QJsonArray{QJsonArray{0, 1, 0, 0, 0, 1.5}});
    QTest::newRow("names not strings") << u"names"_s << QJsonValue(QJsonArray{1});
    // Found by tests/fuzz/fuzz_snapshot. In this history tasks 1 and 2 hold reservations and
    // the plan is "free" (index 0): the damaged ones used to be resumed and then crashed.
    QTest::newRow("open misses a reservation") << u"open"_s << QJsonValue(QJsonArray{1});
    QTest::newRow("open lists one twice") << u"open"_s << QJsonValue(QJsonArray{1, 2, 2});
    QTest::newRow("open id out of any range") << u"open"_s << QJsonValue(QJsonArray{1e300, 2});
    QTest::newRow("subscribed without a plan")
        << u"scalars"_s << QJsonValue(QJsonArray{140000, 65000, 3, 1, -1, 1, QJsonValue()});
    // Refreshes and expiries before `now` (1806175860) sent the engine back in time, to
    // replay every daily refresh since then (decades of them: a fuzzer timeout).
    QTest::newRow("refresh before now")
        << u"pools"_s
        << QJsonValue(QJsonArray{QJsonArray{2, 15000, 2, 1, 1806174000, 1806071200, 0}});
    QTest::newRow("expiry before now")
        << u"lots"_s
        << QJsonValue(QJsonArray{QJsonArray{3, 2, 0, u"never"_s, 0, 30000},
                                 QJsonArray{2, 1, 0, 1806100000, 1, 10000},
                                 QJsonArray{4, 3, 0, u"never"_s, 2, 100000}});
    QTest::newRow("now never") << u"now"_s << QJsonValue(QJsonArray{u"never"_s});
    // Times outside the years 0001-9999: a schedule anchored 285 million years back counts
    // more months than an int holds and never reaches its next boundary (a hang).
    QTest::newRow("now past the year 9999") << u"now"_s << QJsonValue(QJsonArray{9e15});
    QTest::newRow("anchor before the year 1")
        << u"scalars"_s << QJsonValue(QJsonArray{140000, 65000, 3, 1, -1, 0, -9e15});
    QTest::newRow("pool anchored before the year 1")
        << u"pools"_s << QJsonValue(QJsonArray{QJsonArray{2, 15000, 2, 1, -9e15, 1806188400, 0}});
    QTest::newRow("pool anchored after now")
        << u"pools"_s
        << QJsonValue(QJsonArray{QJsonArray{2, 15000, 2, 1, 1806180000, 1806188400, 0}});
    QTest::newRow("ledger out of order")
        << u"ledger"_s
        << QJsonValue(QJsonArray{QJsonArray{1806174600, -5000, 45000, 0, 0, 3, 0, 0, 0},
                                 QJsonArray{1806174000, 30000, 30000, 0, -1, 0, 1, 3, 0}});
    QTest::newRow("ledger after now")
        << u"ledger"_s
        << QJsonValue(QJsonArray{QJsonArray{1906174000, 30000, 30000, 0, -1, 0, 1, 3, 0}});
}

void TestSnapshot::damagedSnapshotIsRefused()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    const Scenario s = loadScenarioFile(
        QStringLiteral(CREDITDESK_TESTS_DIR "/reference/05-daily-free-images.json"));
    CreditEngine engine(s.policy, s.zone, s.names);
    for (const Event &e : s.events)
        engine.apply(e);
    QJsonObject snapshot = engine.snapshot();
    snapshot[key] = value;
    auto resumed = CreditEngine::resume(s.policy, s.zone, snapshot);
    QVERIFY(std::holds_alternative<ParseError>(resumed));
    QVERIFY(!std::get<ParseError>(resumed).message.isEmpty());
}

void TestSnapshot::formatTwoHoldsAmountsAsExactIntegers()
{
    const Scenario s = loadScenarioFile(
        QStringLiteral(CREDITDESK_TESTS_DIR "/reference/05-daily-free-images.json"));
    const CreditEngine engine = replayedReference(s);
    const QJsonObject snapshot = engine.snapshot();
    QCOMPARE(snapshot.value(u"format"_s).toInt(), 2);
    // Written as integers (no fraction, no exponent), read back as the same integers.
    const QByteArray text = QJsonDocument(snapshot).toJson(QJsonDocument::Compact);
    const QByteArray scalars = QJsonDocument(snapshot.value(u"scalars"_s).toArray()).toJson();
    QVERIFY2(!scalars.contains('.') && !scalars.contains("e+"), scalars.constData());
    const QJsonArray lots = QJsonDocument::fromJson(text).object().value(u"lots"_s).toArray();
    QVERIFY(!lots.isEmpty());
    for (const QJsonValue &lot : lots)
        QCOMPARE(lot.toArray().at(5).toVariant().typeId(), QMetaType::LongLong);
}

void TestSnapshot::formatOneIsConverted()
{
    const Scenario s = loadScenarioFile(
        QStringLiteral(CREDITDESK_TESTS_DIR "/reference/05-daily-free-images.json"));
    const CreditEngine engine = replayedReference(s);
    const QJsonObject current = engine.snapshot();
    // The same state as format 1 wrote it: format 1, every number a double.
    QJsonObject old;
    for (auto it = current.begin(); it != current.end(); ++it)
        old.insert(it.key(), asDoubles(it.value()));
    old[u"format"_s] = 1;
    auto resumed = CreditEngine::resume(s.policy, s.zone, old);
    if (auto *e = std::get_if<ParseError>(&resumed))
        QFAIL(qPrintable(e->toString()));
    // Resumed, it writes format 2 with exactly the state it had.
    QCOMPARE(QJsonDocument(std::get<std::unique_ptr<CreditEngine>>(resumed)->snapshot())
                 .toJson(QJsonDocument::Compact),
             QJsonDocument(current).toJson(QJsonDocument::Compact));
}

QTEST_APPLESS_MAIN(TestSnapshot)
#include "tst_snapshot.moc"
