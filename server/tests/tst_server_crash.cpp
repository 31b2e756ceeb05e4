// kill -9 in the middle of writes, then a restart: the ledger is whole (no half purchase),
// retries with the same Idempotency-Key give each purchase once, and the export replays to
// the server's balance.
#include "ApiClient.h"
#include "ServerProcess.h"

#include "ScenarioReader.h"
#include "ScenarioReplay.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

class TestServerCrash : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killedWithAPurchaseOpen_retryCreatesItOnce();
    void killedWhileSettling_restartCreditsItOnce();
    void killedDuringABurst_ledgerStaysConsistent();
    // After every kill above: `creditdesk-server verify` replays all accounts and finds
    // every stored counter, purchase and idempotency row in agreement with the events.
    void verifyIsCleanAfterTheCrashes();

private:
    bool startServer(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    ApiClient::Reply buy(const QString &key);
    QString waitSettled(const QString &id);
    // Database checks straight on the file: integrity, and events matching the counts.
    void checkDatabase();
    // The balance the server reports equals the export replayed by the core, and the
    // newest ledger entry's balance_after.
    void checkLedgerConsistent();
    int purchaseEntries();

    QTemporaryDir m_dir;
    QString m_data;
    QString m_token, m_support;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ApiClient> m_client;
};

bool TestServerCrash::startServer(const QProcessEnvironment &env)
{
    m_client.reset();
    m_server = std::make_unique<ServerProcess>(m_data);
    if (!m_server->start({QStringLiteral("--payment-delay-ms"), QStringLiteral("0")}, env)) {
        qWarning("%s", qPrintable(m_server->output()));
        return false;
    }
    m_client = std::make_unique<ApiClient>(m_server->port(), m_server->caPath(), 6);
    return true;
}

ApiClient::Reply TestServerCrash::buy(const QString &key)
{
    return m_client->post(QStringLiteral("/v1/accounts/c1/purchases"), m_token,
                          ApiClient::json({{QStringLiteral("pack"), QStringLiteral("tokens_100")}}),
                          {{"Idempotency-Key", key.toUtf8()}});
}

QString TestServerCrash::waitSettled(const QString &id)
{
    QElapsedTimer timer;
    timer.start();
    QString status;
    do {
        status = m_client->get(QStringLiteral("/v1/accounts/c1/purchases/%1").arg(id), m_token)
                     .json.value(QStringLiteral("status"))
                     .toString();
        if (status != QStringLiteral("pending"))
            break;
        QTest::qWait(20);
    } while (timer.elapsed() < 60000);
    return status;
}

void TestServerCrash::checkDatabase()
{
    {
        const QString spec = ServerProcess::databaseSpec(m_data);
        const bool postgres = spec.startsWith(QStringLiteral("postgres"));
        QSqlDatabase db = QSqlDatabase::addDatabase(postgres ? QStringLiteral("QPSQL")
                                                             : QStringLiteral("QSQLITE"),
                                                    QStringLiteral("check"));
        if (postgres) {
            const QUrl url(spec);
            db.setHostName(url.host());
            db.setPort(url.port(5432));
            db.setUserName(url.userName());
            db.setPassword(url.password());
            db.setDatabaseName(url.path().mid(1));
        } else {
            db.setDatabaseName(spec);
        }
        QVERIFY(db.open());
        QSqlQuery q(db);
        if (!postgres) {
            QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
        }
        // Every account's count equals its events, numbered 1..n without a gap.
        QVERIFY(q.exec(
            QStringLiteral("SELECT a.id, a.event_count, COUNT(e.seq), COALESCE(MAX(e.seq), 0)"
                           " FROM accounts a LEFT JOIN events e ON e.account_id = a.id"
                           " GROUP BY a.id, a.event_count")));
        while (q.next()) {
            QCOMPARE(q.value(1).toLongLong(), q.value(2).toLongLong());
            QCOMPARE(q.value(1).toLongLong(), q.value(3).toLongLong());
        }
        // Every completed purchase has exactly its one event; no other has any.
        QVERIFY(q.exec(QStringLiteral("SELECT status, event_seq FROM purchases")));
        while (q.next()) {
            if (q.value(0).toString() == QStringLiteral("completed"))
                QVERIFY(q.value(1).toLongLong() > 0);
            else
                QVERIFY(q.value(1).isNull());
        }
        // Every purchase row has its idempotency key row (same transaction), and vice versa.
        QVERIFY(q.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM purchases),"
                                      " (SELECT COUNT(*) FROM idempotency_keys)")) &&
                q.next());
        QCOMPARE(q.value(0).toLongLong(), q.value(1).toLongLong());
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
}

int TestServerCrash::purchaseEntries()
{
    const auto ledger = m_client->get(QStringLiteral("/v1/accounts/c1/ledger?limit=500"), m_token);
    int n = 0;
    for (const auto &e : ledger.json.value(QStringLiteral("entries")).toArray())
        if (e.toObject().value(QStringLiteral("type")) == QStringLiteral("purchase"))
            ++n;
    return n;
}

void TestServerCrash::checkLedgerConsistent()
{
    const auto summary = m_client->get(QStringLiteral("/v1/accounts/c1/summary"), m_token);
    QCOMPARE(summary.status, 200);
    const QJsonObject balance = summary.json.value(QStringLiteral("balance")).toObject();
    const auto ledger = m_client->get(QStringLiteral("/v1/accounts/c1/ledger?limit=1"), m_token);
    const QJsonArray newest = ledger.json.value(QStringLiteral("entries")).toArray();
    if (!newest.isEmpty())
        QCOMPARE(newest[0].toObject().value(QStringLiteral("balance_after")).toDouble(),
                 balance.value(QStringLiteral("total")).toDouble());
    const auto exported = m_client->get(QStringLiteral("/v1/accounts/c1/export"), m_token);
    const auto read = creditdesk::ScenarioReader::read(exported.body);
    QVERIFY(std::holds_alternative<creditdesk::Scenario>(read));
    const QJsonObject replayed = QJsonDocument::fromJson(creditdesk::ScenarioReplay::answersJson(
                                                             std::get<creditdesk::Scenario>(read)))
                                     .object();
    QCOMPARE(replayed.value(QStringLiteral("answers")).toArray()[0].toObject(), balance);
}

void TestServerCrash::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_data = m_dir.filePath(QStringLiteral("data"));
    bool ok = false;
    ServerProcess::runAdmin(
        {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--data"), m_data,
         QStringLiteral("--name"), QStringLiteral("Crash Dummy"), QStringLiteral("--preset"),
         QStringLiteral("prepaid-tokens"), QStringLiteral("--id"), QStringLiteral("c1")},
        &ok);
    QVERIFY(ok);
    m_token = ServerProcess::runAdmin({QStringLiteral("token"), QStringLiteral("add"),
                                       QStringLiteral("--data"), m_data, QStringLiteral("--role"),
                                       QStringLiteral("member"), QStringLiteral("--account"),
                                       QStringLiteral("c1")},
                                      &ok);
    QVERIFY(ok);
}

void TestServerCrash::killedWithAPurchaseOpen_retryCreatesItOnce()
{
    // Write 1: purchase k1; write 2: its settlement; write 3: purchase k2, killed with every
    // row written and the transaction not committed.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CREDITDESK_TEST_KILL_BEFORE_COMMIT"), QStringLiteral("3"));
    QVERIFY(startServer(env));
    const auto first = buy(QStringLiteral("k1"));
    QCOMPARE(first.status, 202);
    const QString k1 = first.json.value(QStringLiteral("id")).toString();
    QCOMPARE(waitSettled(k1), QStringLiteral("completed"));
    const auto killed = buy(QStringLiteral("k2"));
    QVERIFY2(killed.status == 0 && killed.error != QNetworkReply::NoError,
             qPrintable(killed.errorString));
    QVERIFY(m_server->waitForExit());
    checkDatabase();

    QVERIFY(startServer());
    // Nothing of k2 survived: one purchase, one purchase entry.
    const auto list = m_client->get(QStringLiteral("/v1/accounts/c1/purchases"), m_token);
    QCOMPARE(list.json.value(QStringLiteral("purchases")).toArray().size(), 1);
    QCOMPARE(purchaseEntries(), 1);
    // The client retries with the same key: created now, once.
    const auto retry = buy(QStringLiteral("k2"));
    QCOMPARE(retry.status, 202);
    QVERIFY(retry.header("Idempotent-Replayed").isEmpty());
    const QString k2 = retry.json.value(QStringLiteral("id")).toString();
    const auto again = buy(QStringLiteral("k2"));
    QCOMPARE(again.json.value(QStringLiteral("id")).toString(), k2);
    QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
    QCOMPARE(waitSettled(k2), QStringLiteral("completed"));
    QCOMPARE(purchaseEntries(), 2);
    checkLedgerConsistent();
    m_server->stop();
    checkDatabase();
}

void TestServerCrash::killedWhileSettling_restartCreditsItOnce()
{
    // Write 1: purchase k3; write 2: its settlement, killed with the purchase event written.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CREDITDESK_TEST_KILL_BEFORE_COMMIT"), QStringLiteral("2"));
    QVERIFY(startServer(env));
    const int before = purchaseEntries();
    // The answer may or may not leave before the process dies (the settlement runs right
    // after it): the client cannot know, and retries.
    buy(QStringLiteral("k3"));
    QVERIFY(m_server->waitForExit());
    checkDatabase();

    // The restart hands the pending purchase to the provider again: credited once.
    QVERIFY(startServer());
    QVERIFY(m_server->output().contains(QStringLiteral("resumed 1 pending purchase")));
    const auto retry = buy(QStringLiteral("k3"));
    QCOMPARE(retry.status, 202);
    QCOMPARE(retry.header("Idempotent-Replayed"), QByteArray("true"));
    const QString id = retry.json.value(QStringLiteral("id")).toString();
    QCOMPARE(waitSettled(id), QStringLiteral("completed"));
    QCOMPARE(purchaseEntries(), before + 1);
    checkLedgerConsistent();
    m_server->stop();
    checkDatabase();
}

void TestServerCrash::killedDuringABurst_ledgerStaysConsistent()
{
    QVERIFY(startServer());
    // Open the connections first so the burst is in flight when the kill lands.
    QList<QNetworkReply *> warm;
    for (int i = 0; i < 36; ++i)
        warm << m_client->send("GET", QStringLiteral("/v1/me"), m_token, {}, {}, i % 6);
    ApiClient::waitAll(warm);

    QList<QNetworkReply *> replies;
    for (int i = 0; i < 40; ++i) {
        replies << m_client->send(
            "POST", QStringLiteral("/v1/accounts/c1/purchases"), m_token,
            ApiClient::json({{QStringLiteral("pack"), QStringLiteral("tokens_100")}}),
            {{"Idempotency-Key", QByteArray("burst-") + QByteArray::number(i)}}, i % 6);
        replies << m_client->send(
            "POST", QStringLiteral("/v1/accounts/c1/tasks"), m_token,
            ApiClient::json({{QStringLiteral("feature"), QStringLiteral("image")}}), {}, i % 6);
    }
    // kill -9 once a quarter of the answers are in: the rest are mid-flight.
    int finished = 0;
    for (QNetworkReply *r : replies)
        QObject::connect(r, &QNetworkReply::finished, r, [&] {
            if (++finished == 20)
                m_server->kill();
        });
    const auto answers = ApiClient::waitAll(replies);
    QVERIFY(m_server->waitForExit());
    QMap<int, QString> before; // purchase i -> id answered before the kill
    int lost = 0;
    for (int i = 0; i < 40; ++i) {
        const auto &a = answers[std::size_t(2 * i)];
        if (a.status == 202)
            before.insert(i, a.json.value(QStringLiteral("id")).toString());
        else
            ++lost;
    }
    qInfo("purchases answered before the kill: %d, cut off: %d", int(before.size()), lost);
    QVERIFY(lost > 0);
    checkDatabase();

    QVERIFY(startServer());
    // Every client retries its purchase with its key: each purchase exists exactly once.
    QSet<QString> ids;
    for (int i = 0; i < 40; ++i) {
        const auto r = buy(QStringLiteral("burst-%1").arg(i));
        QCOMPARE(r.status, 202);
        const QString id = r.json.value(QStringLiteral("id")).toString();
        if (before.contains(i))
            QCOMPARE(id, before.value(i));
        ids << id;
    }
    QCOMPARE(ids.size(), 40);
    for (const QString &id : ids)
        QCOMPARE(waitSettled(id), QStringLiteral("completed"));
    const auto list = m_client->get(QStringLiteral("/v1/accounts/c1/purchases?limit=500"), m_token);
    int burst = 0;
    for (const auto &p : list.json.value(QStringLiteral("purchases")).toArray())
        if (ids.contains(p.toObject().value(QStringLiteral("id")).toString()))
            ++burst;
    QCOMPARE(burst, 40);
    checkLedgerConsistent();
    m_server->stop();
    checkDatabase();
}

void TestServerCrash::verifyIsCleanAfterTheCrashes()
{
    if (m_server)
        m_server->stop();
    bool ok = false;
    const QString report =
        ServerProcess::runAdmin({QStringLiteral("verify"), QStringLiteral("--data"), m_data}, &ok);
    QVERIFY2(ok, qPrintable(report));
    QVERIFY2(report.contains(QStringLiteral(" 0 inconsistencies")), qPrintable(report));
}

QTEST_GUILESS_MAIN(TestServerCrash)
#include "tst_server_crash.moc"
