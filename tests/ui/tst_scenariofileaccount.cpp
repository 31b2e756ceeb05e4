// ScenarioFileAccount: a scenario file opens as a read-only account, and a malformed one gives
// the reader's exact error (JSON path and reason) instead of a crash.
#include "AccountHistory.h"
#include "ScenarioFileAccount.h"
#include "SyncedAccount.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace creditdesk;

class TestScenarioFileAccount : public QObject
{
    Q_OBJECT
private slots:
    void opensReferenceFile();
    void malformedFileNamesThePath();
    void missingAndTruncatedFiles();
    void tokensAccountKeepsItsUnit();
};

static QString testFile(const QString &name)
{
    return QStringLiteral(CREDITDESK_TESTS_DIR "/") + name;
}

void TestScenarioFileAccount::opensReferenceFile()
{
    auto result = ScenarioFileAccount::open(
        testFile(QStringLiteral("reference/01-unified-monthly-basics.json")));
    if (auto *e = std::get_if<ParseError>(&result))
        QFAIL(qPrintable(e->toString()));
    auto &opened = std::get<ScenarioFileAccount::Opened>(result);
    const SyncedAccount &a = *opened.account;
    QCOMPARE(a.source, SyncedAccount::Source::ScenarioFile);
    QCOMPARE(a.unit, QStringLiteral("credits"));
    QCOMPARE(a.timezone, QStringLiteral("Europe/Paris"));
    QCOMPARE(a.history().eventCount(), 7);
    QCOMPARE(a.history().tasks().size(), std::size_t(2));
    // The file's last query: 2027-03-10T09:00:00+01:00.
    QCOMPARE(opened.viewTime, TimePoint(1804665600));
    QCOMPARE(a.history().engine().balance().available, Credits::whole(975));
    // Task ids survive the move of the reader's name table.
    QVERIFY(a.history().task(u"a1"));
    QCOMPARE(a.history().task(u"a1")->charged, Credits::whole(50));
}

void TestScenarioFileAccount::malformedFileNamesThePath()
{
    auto result =
        ScenarioFileAccount::open(testFile(QStringLiteral("reference/07-malformed.json")));
    QVERIFY(std::holds_alternative<ParseError>(result));
    const ParseError &e = std::get<ParseError>(result);
    QFile want(testFile(QStringLiteral("reference/07-malformed.error")));
    QVERIFY(want.open(QIODevice::ReadOnly));
    const QString path = QString::fromUtf8(want.readAll()).trimmed();
    QVERIFY2(e.toString().startsWith(path), qPrintable(e.toString()));
    QCOMPARE(e.path, QStringLiteral("events[1].at"));
    QVERIFY(!e.message.isEmpty());
}

void TestScenarioFileAccount::missingAndTruncatedFiles()
{
    auto missing = ScenarioFileAccount::open(QStringLiteral("/nonexistent/file.json"));
    QVERIFY(std::holds_alternative<ParseError>(missing));
    QVERIFY(std::get<ParseError>(missing).message.contains(QStringLiteral("file.json")));

    QFile full(testFile(QStringLiteral("reference/01-unified-monthly-basics.json")));
    QVERIFY(full.open(QIODevice::ReadOnly));
    const QByteArray text = full.readAll();
    for (const qsizetype cut : {qsizetype(0), qsizetype(1), text.size() / 3, text.size() - 2}) {
        auto r = ScenarioFileAccount::fromJson(text.left(cut));
        QVERIFY2(std::holds_alternative<ParseError>(r), qPrintable(QString::number(cut)));
        QVERIFY(!std::get<ParseError>(r).toString().isEmpty());
    }
    auto notJson = ScenarioFileAccount::fromJson(QByteArrayLiteral("{\"format\": 2}"));
    QVERIFY(std::holds_alternative<ParseError>(notJson));
    QCOMPARE(std::get<ParseError>(notJson).path, QStringLiteral("format"));
}

void TestScenarioFileAccount::tokensAccountKeepsItsUnit()
{
    auto result =
        ScenarioFileAccount::open(testFile(QStringLiteral("reference/03-prepaid-tokens.json")));
    QVERIFY(std::holds_alternative<ScenarioFileAccount::Opened>(result));
    const SyncedAccount &a = *std::get<ScenarioFileAccount::Opened>(result).account;
    QCOMPARE(a.unit, QStringLiteral("tokens"));
    QCOMPARE(a.packs.size(), 3);
    QCOMPARE(a.packs[0].name, QStringLiteral("tokens_100"));
    QVERIFY(!a.customAmount);
}

QTEST_GUILESS_MAIN(TestScenarioFileAccount)
#include "tst_scenariofileaccount.moc"
