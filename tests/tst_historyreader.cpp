// ScenarioHistoryReader replays a scenario file's events on a second thread while the reader is
// still reading the file. Whatever the file, the user must get exactly what reading it first and
// replaying it after gives: the same ledger, task summaries, entry links, engine state, names —
// or the same error. Files that the replay cannot follow (events out of time order, a policy or
// zone given after the events, a key given twice, a problem late in a long array) must fall
// back, not give a half-replayed or wrongly replayed history.
#include "AccountHistory.h"
#include "ScenarioHistoryReader.h"
#include "ScenarioReader.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace creditdesk;
using namespace Qt::StringLiterals;

namespace {

// The reference: read everything, then replay (what ScenarioFileAccount did before).
std::variant<ScenarioHistoryReader::Read, ParseError> readThenReplay(const QByteArray &json)
{
    auto read = ScenarioReader::read(json);
    if (auto *e = std::get_if<ParseError>(&read))
        return *e;
    Scenario &s = std::get<Scenario>(read);
    ScenarioHistoryReader::Read r;
    r.history = std::make_unique<AccountHistory>(s.policy, s.zone, s.presetName, s.inlinePolicy);
    r.history->names() = std::move(*s.names);
    r.history->append(std::move(s.events), {});
    r.queries = std::move(s.queries);
    return r;
}

QByteArray snapshotOf(const AccountHistory &h)
{
    return QJsonDocument(h.engine().snapshot()).toJson(QJsonDocument::Compact);
}

// Everything a user of the history can see, compared; the first difference fails the test.
void compareHistories(const AccountHistory &got, const AccountHistory &want)
{
    QCOMPARE(got.eventCount(), want.eventCount());
    QCOMPARE(got.lastEventAt(), want.lastEventAt());
    QCOMPARE(got.zone().id(), want.zone().id());
    QCOMPARE(got.policy().name, want.policy().name);
    QCOMPARE(got.scenario().presetName, want.scenario().presetName);
    QCOMPARE(got.scenario().inlinePolicy, want.scenario().inlinePolicy);
    QCOMPARE(got.scenario().names->names(), want.scenario().names->names());
    for (qint64 i = 0; i < want.eventCount(); ++i) {
        const Event &a = got.event(i), &b = want.event(i);
        QCOMPARE(a.at, b.at);
        QCOMPARE(a.type, b.type);
        QCOMPARE(a.task, b.task);
        QCOMPARE(a.note, b.note);
        QCOMPARE(a.amount.milli(), b.amount.milli());
        QCOMPARE(got.entriesOfEvent(i), want.entriesOfEvent(i));
    }
    const auto &la = got.engine().ledger(), &lb = want.engine().ledger();
    QCOMPARE(la.size(), lb.size());
    for (std::size_t i = 0; i < lb.size(); ++i) {
        QCOMPARE(la[i].at, lb[i].at);
        QCOMPARE(la[i].type, lb[i].type);
        QCOMPARE(la[i].amount.milli(), lb[i].amount.milli());
        QCOMPARE(la[i].balanceAfter.milli(), lb[i].balanceAfter.milli());
        QCOMPARE(la[i].uncovered.milli(), lb[i].uncovered.milli());
        QCOMPARE(la[i].task, lb[i].task);
        QCOMPARE(la[i].reason, lb[i].reason);
        QVERIFY(la[i].rules == lb[i].rules);
        QCOMPARE(got.eventOfEntry(i), want.eventOfEntry(i));
        QCOMPARE(got.engine().entryNote(i), want.engine().entryNote(i));
    }
    QCOMPARE(got.tasks().size(), want.tasks().size());
    for (std::size_t i = 0; i < want.tasks().size(); ++i) {
        const TaskSummary &a = got.tasks()[i], &b = want.tasks()[i];
        QCOMPARE(a.task, b.task);
        QCOMPARE(a.startEvent, b.startEvent);
        QCOMPARE(a.endEvent, b.endEvent);
        QCOMPARE(a.refundEvent, b.refundEvent);
        QCOMPARE(a.admittedEvent, b.admittedEvent);
        QCOMPARE(a.settledEvent, b.settledEvent);
        QVERIFY(a.rules == b.rules);
        QCOMPARE(a.rejected, b.rejected);
        QCOMPARE(a.rejectReason, b.rejectReason);
        QCOMPARE(a.charged.milli(), b.charged.milli());
        QCOMPARE(a.refunded.milli(), b.refunded.milli());
        QCOMPARE(a.uncovered.milli(), b.uncovered.milli());
        QCOMPARE(got.taskByName(a.task), &a);
    }
    QCOMPARE(snapshotOf(got), snapshotOf(want));
}

void compareReads(const QByteArray &json)
{
    auto got = ScenarioHistoryReader::read(json);
    auto want = readThenReplay(json);
    QCOMPARE(got.index(), want.index());
    if (auto *e = std::get_if<ParseError>(&want)) {
        QCOMPARE(std::get<ParseError>(got).toString(), e->toString());
        return;
    }
    auto &g = std::get<ScenarioHistoryReader::Read>(got);
    auto &w = std::get<ScenarioHistoryReader::Read>(want);
    QCOMPARE(g.queries.size(), w.queries.size());
    compareHistories(*g.history, *w.history);
}

QString isoAt(qint64 secondsSince2027)
{
    return QDateTime::fromSecsSinceEpoch(1798761600 + secondsSince2027, QTimeZone::utc())
        .toString(u"yyyy-MM-dd'T'HH:mm:ss'Z'");
}

// A long history in compact JSON. Tasks start and end on several features, some are refused
// (out of credits until grants come), some refunded, some debits name a reason.
struct Options
{
    int events = 20000;
    QByteArray head = R"("format":1,"preset":"unified-monthly","timezone":"Europe/Paris")";
    QByteArray tail = R"("queries":[{"at":"2027-01-01T00:00:00Z","ask":"balance"}])";
    int swapAt = -1;        // this event and the next change places (out of time order)
    int brokenAt = -1;      // this event has an unknown type
    bool truncated = false; // the file ends early (a syntax error near its end)
    bool tokens = true;     // task ends give the tokens processed (unified-monthly wants them)
    bool grants = false;    // a short grant after every task
    QList<QByteArray> features = {"chat", "code", "image", "research"};
    QByteArray separator = ",\n";
};

QByteArray longHistory(const Options &o)
{
    static const char *outcomes[] = {"success", "success", "system_error", "cancelled"};
    QList<QByteArray> events;
    events.reserve(o.events);
    qint64 t = 0;
    int task = 0;
    const auto at = [&] { return "\"at\":\"" + isoAt(t).toLatin1() + "\""; };
    events << "{" + at() + R"(,"type":"signup"})";
    events << "{" + at() + R"(,"type":"subscribe","plan":"plus"})";
    while (events.size() < o.events) {
        t += 37 + (task % 5) * 11;
        const int n = ++task;
        const QByteArray id = "t" + QByteArray::number(n);
        events << "{" + at() + R"(,"type":"task_start","task":")" + id + R"(","feature":")" +
                      o.features[n % 4] + "\"}";
        t += 3;
        if (n % 97 != 0) // some stay open
            events << "{" + at() + R"(,"type":"task_end","task":")" + id + R"(","outcome":")" +
                          outcomes[n % 4] +
                          (o.tokens ? "\",\"tokens\":" + QByteArray::number(n % 3000) : "\"") + "}";
        if (o.grants)
            events << "{" + at() + R"(,"type":"grant","kind":"bonus","amount":1})";
        if (n % 53 == 0)
            events << "{" + at() + R"(,"type":"refund","task":")" + id + "\"}";
        if (n % 211 == 0)
            events << "{" + at() + R"(,"type":"grant","kind":"bonus","amount":25})";
        if (n % 307 == 0)
            events << "{" + at() + R"(,"type":"debit","amount":3,"reason":"r)" +
                          QByteArray::number(n % 3) + "\"}";
    }
    events.resize(o.events);
    if (o.swapAt >= 0)
        std::swap(events[o.swapAt], events[o.swapAt + 1]);
    if (o.brokenAt >= 0)
        events[o.brokenAt] = "{" + at() + R"(,"type":"no_such_type"})";
    QByteArray json = "{" + o.head + ",\"events\":[" + events.join(o.separator) + "]";
    if (!o.tail.isEmpty())
        json += "," + o.tail;
    json += "}";
    if (o.truncated)
        json.chop(40);
    return json;
}

} // namespace

class TestHistoryReader : public QObject
{
    Q_OBJECT

private slots:
    void shippedScenarios_data();
    void shippedScenarios();
    void longHistories_data();
    void longHistories();
    void malformedAsTheReaderSays_data();
    void malformedAsTheReaderSays();
};

void TestHistoryReader::shippedScenarios_data()
{
    QTest::addColumn<QString>("path");
    for (const char *dir : {"scenarios", "reference"}) {
        const QDir d(QStringLiteral(CREDITDESK_TESTS_DIR "/") + QLatin1String(dir));
        for (const QString &name : d.entryList({u"*.json"_s}, QDir::Files, QDir::Name))
            if (!name.endsWith(u".expected.json"))
                QTest::newRow(qPrintable(name)) << d.filePath(name);
    }
}

// Every scenario the project ships opens to the same history either way.
void TestHistoryReader::shippedScenarios()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    compareReads(file.readAll());
}

void TestHistoryReader::longHistories_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("opens");
    QTest::addColumn<bool>("followed"); // the replay could follow the reader
    Options o;
    QTest::newRow("in time order") << longHistory(o) << true << true;
    Options inlinePolicy;
    inlinePolicy.head =
        R"("format":1,"timezone":"Asia/Tokyo","policy":{"name":"x","admission":"positive",)"
        R"("features":[{"name":"c","price":1},{"name":"d","price":2},)"
        R"({"name":"i","price":3},{"name":"r","price":0.5}],)"
        R"("signup":{"grants":[{"kind":"signup_free","amount":500}]},)"
        R"("plans":[{"name":"plus","allotment":100,"cycle":{"days":1}}]})";
    // About 76 bytes an event, fewer than the reader's estimate of 80: its array grows (moves)
    // while the replay follows it.
    inlinePolicy.tokens = false;
    inlinePolicy.grants = true;
    inlinePolicy.features = {"c", "d", "i", "r"};
    inlinePolicy.separator = ",";
    const QByteArray compact = longHistory(inlinePolicy);
    QVERIFY(compact.size() / 80 < inlinePolicy.events);
    QTest::newRow("inline policy, the array grows") << compact << true << true;
    Options late = o;
    late.swapAt = 15000;
    QTest::newRow("one event out of order, late in the file") << longHistory(late) << true << false;
    Options presetAfter = o;
    presetAfter.head = R"("format":1,"timezone":"Europe/Paris")";
    presetAfter.tail = R"("preset":"unified-monthly")";
    QTest::newRow("preset after the events") << longHistory(presetAfter) << true << false;
    Options zoneAfter = o;
    zoneAfter.head = R"("format":1,"preset":"unified-monthly")";
    zoneAfter.tail = R"("timezone":"America/New_York")";
    QTest::newRow("zone after the events") << longHistory(zoneAfter) << true << false;
    Options zoneTwice = o;
    zoneTwice.tail = R"("timezone":"Europe/Paris")";
    QTest::newRow("zone given again after the events (same zone)")
        << longHistory(zoneTwice) << true << false;
    Options presetTwice = o;
    presetTwice.tail = R"("preset":"coding-weekly")";
    QTest::newRow("preset given again after the events")
        << longHistory(presetTwice) << false << false;
    Options eventsTwice = o;
    eventsTwice.tail = R"("events":[{"at":"2027-01-01T00:00:00Z","type":"signup"}])";
    QTest::newRow("events given twice") << longHistory(eventsTwice) << true << false;
    Options broken = o;
    broken.brokenAt = 19990;
    QTest::newRow("a bad event near the end") << longHistory(broken) << false << false;
    Options truncated = o;
    truncated.truncated = true;
    QTest::newRow("cut short") << longHistory(truncated) << false << false;
    Options badZone = o;
    badZone.head = R"("format":1,"preset":"unified-monthly","timezone":"Mars/Olympus")";
    QTest::newRow("unknown zone") << longHistory(badZone) << false << false;
    Options badQuery = o;
    badQuery.tail = R"("queries":[{"at":"2027-01-01T00:00:00Z","ask":"everything"}])";
    QTest::newRow("a bad query after the events") << longHistory(badQuery) << false << false;
}

void TestHistoryReader::longHistories()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, opens);
    QFETCH(bool, followed);
    compareReads(json);
    const auto read = ScenarioHistoryReader::read(json);
    if (opens && std::holds_alternative<ParseError>(read))
        QFAIL(qPrintable(std::get<ParseError>(read).toString()));
    QCOMPARE(std::holds_alternative<ScenarioHistoryReader::Read>(read), opens);
    if (opens)
        QCOMPARE(std::get<ScenarioHistoryReader::Read>(read).replayedWhileReading, followed);
}

void TestHistoryReader::malformedAsTheReaderSays_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("not JSON") << QByteArray(R"({"format": 1,)");
    QTest::newRow("not an object") << QByteArray("[1, 2]");
    QTest::newRow("no format") << QByteArray(R"({"preset": "unified-monthly", "events": []})");
    QTest::newRow("unknown preset")
        << QByteArray(R"({"format": 1, "preset": "nope", "events": [{"at": "x"}]})");
    QTest::newRow("event before the preset is checked")
        << QByteArray(R"({"format": 1, "events": [{"at": "x"}], "preset": "nope"})");
    QTest::newRow("bad time in the first event")
        << QByteArray(R"({"format": 1, "preset": "unified-monthly", "events": [{"at": "x", )"
                      R"("type": "signup"}]})");
    QTest::newRow("events not an array")
        << QByteArray(R"({"format": 1, "preset": "unified-monthly", "events": {}})");
    QTest::newRow("no events") << QByteArray(R"({"format": 1, "preset": "unified-monthly"})");
    QTest::newRow("empty events") << QByteArray(
        R"({"format": 1, "preset": "unified-monthly", "events": []})");
    QTest::newRow("past 9999 in the zone")
        << QByteArray(R"({"format": 1, "preset": "unified-monthly", "timezone": "Pacific/)"
                      R"(Kiritimati", "events": [{"at": "9999-12-31T20:00:00Z", "type": )"
                      R"("signup"}]})");
}

// Small files, well-formed or not: the same verdict, the same words.
void TestHistoryReader::malformedAsTheReaderSays()
{
    QFETCH(QByteArray, json);
    compareReads(json);
}

QTEST_GUILESS_MAIN(TestHistoryReader)
#include "tst_historyreader.moc"
