// The request fuzzer's seeds and committed corpus (tests/fuzz/corpus-server), replayed once
// through the same RequestFuzzTarget the libFuzzer build uses, without sanitizers: no input
// may get a 5xx, the seeds reach every route with a 2xx, and the ledger the inputs leave
// verifies. Inputs that once failed the server are rows of serverErrorsFound_data().
#include "RequestFuzzTarget.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace creditdesk;

class TestServerFuzzCorpus : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void seedsReachEveryRoute();
    void corpusAnswersWithoutServerError_data();
    void corpusAnswersWithoutServerError();
    void serverErrorsFound_data();
    void serverErrorsFound();
    void ledgerVerifiesAfterwards();

private:
    std::unique_ptr<RequestFuzzTarget> m_target;
};

void TestServerFuzzCorpus::initTestCase()
{
    m_target = std::make_unique<RequestFuzzTarget>();
}

void TestServerFuzzCorpus::seedsReachEveryRoute()
{
    RequestFuzzTarget fresh;
    for (const auto &[name, bytes] : RequestFuzzTarget::seeds()) {
        const auto outcome = fresh.run(bytes);
        QVERIFY2(outcome.answered > 0, qPrintable(name));
        QVERIFY2(outcome.serverErrors == 0, outcome.firstServerError.constData());
    }
    const QString report = fresh.coverageReport();
    QVERIFY2(report.contains(QStringLiteral("every route answered 2xx")), qPrintable(report));
    QVERIFY2(fresh.verify().isEmpty(), qPrintable(fresh.verify().join(u'\n')));
}

void TestServerFuzzCorpus::corpusAnswersWithoutServerError_data()
{
    QTest::addColumn<QByteArray>("input");
    for (const auto &[name, bytes] : RequestFuzzTarget::seeds())
        QTest::newRow(qPrintable(QStringLiteral("seed ") + name)) << bytes;
    const QDir corpus(QStringLiteral(CREDITDESK_SOURCE_DIR "/tests/fuzz/corpus-server"));
    for (const QString &name : corpus.entryList(QDir::Files, QDir::Name)) {
        QFile f(corpus.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QTest::newRow(qPrintable(name)) << f.readAll();
    }
}

void TestServerFuzzCorpus::corpusAnswersWithoutServerError()
{
    QFETCH(QByteArray, input);
    const auto outcome = m_target->run(input);
    QVERIFY2(outcome.serverErrors == 0, outcome.firstServerError.constData());
}

void TestServerFuzzCorpus::serverErrorsFound_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");
    // (Filled with what fuzz_server finds: the shrunk input and the status it must get now.)
    QTest::newRow("unknown route")
        << QByteArray("GET /v1/nope HTTP/1.1\r\nHost: c\r\n"
                      "Authorization: Bearer cdf_member_pp_7b1e4c\r\n\r\n")
        << 404;
}

void TestServerFuzzCorpus::serverErrorsFound()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    RequestFuzzTarget fresh;
    const auto outcome = fresh.run(input);
    QVERIFY2(outcome.serverErrors == 0, outcome.firstServerError.constData());
    QVERIFY2(fresh.coverageReport().contains(QStringLiteral("  %1  ").arg(status)),
             qPrintable(fresh.coverageReport()));
}

void TestServerFuzzCorpus::ledgerVerifiesAfterwards()
{
    const QStringList problems = m_target->verify();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestServerFuzzCorpus)
#include "tst_server_fuzz_corpus.moc"
