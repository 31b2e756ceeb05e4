// creditdesk-cli as a user runs it: exit codes, standard output and standard error.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.start(QStringLiteral(CREDITDESK_CLI), args);
    if (!p.waitForStarted())
        qFatal("cannot start creditdesk-cli");
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QString reference(const char *name)
{
    return QStringLiteral(CREDITDESK_TESTS_DIR "/reference/") + QLatin1String(name);
}
} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void simulateFile()
    {
        const Run r = cli({u"simulate"_s, reference("01-unified-monthly-basics.json")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        const QJsonDocument doc = QJsonDocument::fromJson(r.out);
        QCOMPARE(doc.object().value(u"answers").toArray().size(), 6);
    }

    void simulateStandardInput()
    {
        QFile f(reference("02-coding-weekly.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const Run fromStdin = cli({u"simulate"_s, u"-"_s}, f.readAll());
        const Run fromFile = cli({u"simulate"_s, reference("02-coding-weekly.json")});
        QCOMPARE(fromStdin.exitCode, 0);
        QCOMPARE(fromStdin.out, fromFile.out);
    }

    void malformedFile_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("example 07") << QByteArray() << QByteArray("events[1]");
        QTest::newRow("not JSON") << QByteArray("{\"format\": 1, ") << QByteArray("not valid JSON");
        QTest::newRow("empty") << QByteArray(" ") << QByteArray("not valid JSON");
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe", 3) << QByteArray("not valid JSON");
    }
    void malformedFile()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, message);
        const Run r = input.isEmpty() ? cli({u"simulate"_s, reference("07-malformed.json")})
                                      : cli({u"simulate"_s, u"-"_s}, input);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains(message), r.err.constData());
    }

    // A `ledger` query with "explain": true names the rule ids of every entry, after its other
    // fields; the answers are otherwise those of the same file without it.
    void explainPrintsRuleIds()
    {
        QFile f(reference("01-unified-monthly-basics.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        QJsonArray queries = root[u"queries"_s].toArray();
        const qsizetype ledgerAt = queries.size();
        queries.append(
            QJsonObject{{u"at"_s, u"2027-03-10T09:00:00+01:00"_s}, {u"ask"_s, u"ledger"_s}});
        root[u"queries"_s] = queries;
        const Run plain = cli({u"simulate"_s, u"-"_s}, QJsonDocument(root).toJson());
        QJsonObject explained = queries[ledgerAt].toObject();
        explained[u"explain"_s] = true;
        queries[ledgerAt] = explained;
        root[u"queries"_s] = queries;
        const Run r = cli({u"simulate"_s, u"-"_s}, QJsonDocument(root).toJson());
        QCOMPARE(plain.exitCode, 0);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        QVERIFY(!plain.out.contains("\"rules\""));
        // The plus plan's first allotment, then the anniversary refresh (2027-03-10 09:00):
        // the expire it makes of what was left, and the refresh.
        QVERIFY2(r.out.contains(R"("type": "grant", "bucket": "plan", "task": null, )"
                                R"("amount": 1000, "balance_after": 1000, )"
                                R"("rules": ["grant.pool_start"]})"),
                 r.out.constData());
        QVERIFY(
            r.out.contains(R"("rules": ["refresh.monthly_anniversary", "expire.no_rollover"]})"));
        QVERIFY(r.out.contains(R"("type": "refresh", "bucket": "plan", "task": null, )"
                               R"("amount": 1000, "balance_after": )"));
        const QJsonArray withRules = QJsonDocument::fromJson(r.out)[u"answers"_s].toArray();
        const QJsonArray without = QJsonDocument::fromJson(plain.out)[u"answers"_s].toArray();
        QCOMPARE(withRules.size(), without.size());
        QJsonArray entries = withRules[ledgerAt][u"entries"_s].toArray();
        QVERIFY(!entries.isEmpty());
        for (qsizetype i = 0; i < entries.size(); ++i) {
            QJsonObject e = entries[i].toObject();
            QVERIFY(!e[u"rules"_s].toArray().isEmpty());
            e.remove(u"rules"_s);
            entries[i] = e;
        }
        QCOMPARE(entries, without[ledgerAt][u"entries"_s].toArray());
        for (qsizetype i = 0; i < ledgerAt; ++i)
            QCOMPARE(withRules[i], without[i]);
    }

    void malformedExplain()
    {
        const QByteArray file = R"({"format": 1, "preset": "prepaid-tokens", "events": [],
            "queries": [{"at": "2026-01-01T00:00:00Z", "ask": "balance"},
                        {"at": "2026-01-01T00:00:00Z", "ask": "ledger", "explain": "yes"}]})";
        const Run r = cli({u"simulate"_s, u"-"_s}, file);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err, QByteArray("queries[1].explain: expected true or false\n"));
    }

    void missingFile()
    {
        const Run r = cli({u"simulate"_s, u"/nonexistent/history.json"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY(r.err.contains("/nonexistent/history.json"));
    }

    void presetsList()
    {
        const Run r = cli({u"presets"_s});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        for (const char *name : {"unified-monthly", "coding-weekly", "prepaid-tokens",
                                 "tiered-tasks", "daily-free-images"})
            QVERIFY2(r.out.contains(name), name);
    }

    void presetRules()
    {
        const Run r = cli({u"presets"_s, u"tiered-tasks"_s});
        QCOMPARE(r.exitCode, 0);
        for (const char *needle : {"pack_25 = 2750 for 25 USD", "compare: 5 per model (1-4 models)",
                                   "deep_research: 20 per unit (quantity in deep-research tasks)",
                                   "plan → signup_free → purchased", "pro: 2000"})
            QVERIFY2(r.out.contains(needle), needle);
        const Run unknown = cli({u"presets"_s, u"nope"_s});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.out.isEmpty());
    }

    void versionAndHelp()
    {
        const Run v = cli({u"--version"_s});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.startsWith("creditdesk-cli "));
        const Run h = cli({u"--help"_s});
        QCOMPARE(h.exitCode, 0);
        QVERIFY(h.out.contains("simulate"));
        QVERIFY(cli({u"frobnicate"_s}).exitCode != 0);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
