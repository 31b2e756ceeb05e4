// Races through three creditdesk-server processes sharing one database (SQLite here; run by
// scripts/test-postgres.sh on one PostgreSQL database too, as a deployment behind a load
// balancer runs): a server process answers one request at a time, so one process would hide
// every race. Also: a token revoked while they run is refused by all three within a second.
#include "ApiClient.h"
#include "ServerProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

class TestServerRaces : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void fiftyIdenticalPurchasesChargeOnce();
    void hundredTaskStartsAdmitExactlyTen();
    void eachProcessSeesTheOthersWritesAtOnce();
    void revokedTokenRefusedByEveryProcessWithinASecond();

private:
    // Request i goes to server A, B or C by i % 3, over several connections each.
    QNetworkReply *send(int i, const QByteArray &method, const QString &path, const QString &token,
                        const QByteArray &body = {}, const ApiClient::Headers &h = {})
    {
        ApiClient &c = i % 3 == 0 ? *m_a : i % 3 == 1 ? *m_b : *m_c;
        return c.send(method, path, token, body, h, (i / 3) % 8);
    }
    QString waitCompleted(const QString &account, const QString &id);

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_serverA, m_serverB, m_serverC;
    std::unique_ptr<ApiClient> m_a, m_b, m_c;
    QString m_data;
    QString m_r1, m_r2, m_support;
};

QString TestServerRaces::waitCompleted(const QString &account, const QString &id)
{
    QElapsedTimer timer;
    timer.start();
    QString status;
    do {
        status =
            m_a->get(QStringLiteral("/v1/accounts/%1/purchases/%2").arg(account, id), m_support)
                .json.value(QStringLiteral("status"))
                .toString();
        if (status != QStringLiteral("pending"))
            break;
        QTest::qWait(20);
    } while (timer.elapsed() < 60000);
    return status;
}

void TestServerRaces::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString data = m_dir.filePath(QStringLiteral("data"));
    m_data = data;
    bool ok = false;
    for (const char *id : {"r1", "r2"}) {
        ServerProcess::runAdmin({QStringLiteral("account"), QStringLiteral("add"),
                                 QStringLiteral("--data"), data, QStringLiteral("--name"),
                                 QStringLiteral("Racer %1").arg(QLatin1String(id)),
                                 QStringLiteral("--preset"), QStringLiteral("prepaid-tokens"),
                                 QStringLiteral("--id"), QLatin1String(id)},
                                &ok);
        QVERIFY(ok);
    }
    const auto token = [&](const QStringList &extra) {
        QStringList args{QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--data"),
                         data};
        const QString t = ServerProcess::runAdmin(args + extra, &ok);
        return t;
    };
    m_r1 = token({QStringLiteral("--role"), QStringLiteral("member"), QStringLiteral("--account"),
                  QStringLiteral("r1")});
    QVERIFY(ok);
    m_r2 = token({QStringLiteral("--role"), QStringLiteral("member"), QStringLiteral("--account"),
                  QStringLiteral("r2")});
    QVERIFY(ok);
    m_support = token({QStringLiteral("--role"), QStringLiteral("support")});
    QVERIFY(ok);

    // A first (it makes the CA), then B on the same directory and database.
    m_serverA = std::make_unique<ServerProcess>(data);
    QVERIFY2(m_serverA->start({QStringLiteral("--payment-delay-ms"), QStringLiteral("50")}),
             qPrintable(m_serverA->output()));
    m_serverB = std::make_unique<ServerProcess>(data);
    QVERIFY2(m_serverB->start({QStringLiteral("--payment-delay-ms"), QStringLiteral("50")}),
             qPrintable(m_serverB->output()));
    m_serverC = std::make_unique<ServerProcess>(data);
    QVERIFY2(m_serverC->start({QStringLiteral("--payment-delay-ms"), QStringLiteral("50")}),
             qPrintable(m_serverC->output()));
    QVERIFY(m_serverA->port() != m_serverB->port());
    QVERIFY(m_serverC->port() != m_serverB->port());
    m_a = std::make_unique<ApiClient>(m_serverA->port(), m_serverA->caPath(), 8);
    m_b = std::make_unique<ApiClient>(m_serverB->port(), m_serverB->caPath(), 8);
    m_c = std::make_unique<ApiClient>(m_serverC->port(), m_serverC->caPath(), 8);
    // Open every connection first (TLS handshakes), so the bursts below reach both
    // processes at the same time rather than in the order the handshakes finish.
    QList<QNetworkReply *> warm;
    for (int i = 0; i < 96; ++i)
        warm << send(i, "GET", QStringLiteral("/v1/me"), m_support);
    for (const auto &r : ApiClient::waitAll(warm))
        QCOMPARE(r.status, 200);
}

void TestServerRaces::cleanupTestCase()
{
    m_a.reset();
    m_b.reset();
    m_c.reset();
    m_serverA.reset();
    m_serverB.reset();
    m_serverC.reset();
}

void TestServerRaces::fiftyIdenticalPurchasesChargeOnce()
{
    QList<QNetworkReply *> replies;
    const QByteArray body =
        ApiClient::json({{QStringLiteral("pack"), QStringLiteral("tokens_100")}});
    for (int i = 0; i < 50; ++i)
        replies << send(i, "POST", QStringLiteral("/v1/accounts/r1/purchases"), m_r1, body,
                        {{"Idempotency-Key", "same-key-50"}});
    const auto answers = ApiClient::waitAll(replies);
    QSet<QString> ids;
    int replayed = 0;
    for (const auto &a : answers) {
        QVERIFY2(a.status == 202, qPrintable(a.errorString + QString::fromUtf8(a.body)));
        ids << a.json.value(QStringLiteral("id")).toString();
        if (a.header("Idempotent-Replayed") == "true")
            ++replayed;
    }
    QCOMPARE(ids.size(), 1);
    QCOMPARE(replayed, 49);
    QCOMPARE(waitCompleted(QStringLiteral("r1"), *ids.begin()), QStringLiteral("completed"));

    const auto list = m_a->get(QStringLiteral("/v1/accounts/r1/purchases"), m_r1);
    QCOMPARE(list.json.value(QStringLiteral("purchases")).toArray().size(), 1);
    for (ApiClient *c : {m_a.get(), m_b.get(), m_c.get()}) {
        const auto summary = c->get(QStringLiteral("/v1/accounts/r1/summary"), m_r1);
        QCOMPARE(summary.json.value(QStringLiteral("balance"))
                     .toObject()
                     .value(QStringLiteral("total"))
                     .toDouble(),
                 100.0);
    }
    const auto ledger = m_b->get(QStringLiteral("/v1/accounts/r1/ledger"), m_r1);
    int purchases = 0;
    for (const auto &e : ledger.json.value(QStringLiteral("entries")).toArray())
        if (e.toObject().value(QStringLiteral("type")) == QStringLiteral("purchase"))
            ++purchases;
    QCOMPARE(purchases, 1);
}

void TestServerRaces::hundredTaskStartsAdmitExactlyTen()
{
    // 100 tokens; an image costs 10 under a `covers` preset: exactly ten starts fit.
    const auto bought =
        m_b->post(QStringLiteral("/v1/accounts/r2/purchases"), m_r2,
                  ApiClient::json({{QStringLiteral("pack"), QStringLiteral("tokens_100")}}),
                  {{"Idempotency-Key", "r2-funds"}});
    QCOMPARE(bought.status, 202);
    QCOMPARE(
        waitCompleted(QStringLiteral("r2"), bought.json.value(QStringLiteral("id")).toString()),
        QStringLiteral("completed"));

    QList<QNetworkReply *> replies;
    const QByteArray body = ApiClient::json({{QStringLiteral("feature"), QStringLiteral("image")}});
    for (int i = 0; i < 100; ++i)
        replies << send(i, "POST", QStringLiteral("/v1/accounts/r2/tasks"), m_r2, body);
    const auto answers = ApiClient::waitAll(replies);
    int admitted = 0, rejected = 0, on[3] = {0, 0, 0};
    QStringList tasks;
    for (int i = 0; i < int(answers.size()); ++i) {
        const auto &a = answers[std::size_t(i)];
        if (a.status == 201) {
            ++admitted;
            ++on[i % 3];
            tasks << a.json.value(QStringLiteral("task")).toString();
            QCOMPARE(a.json.value(QStringLiteral("reserved")).toDouble(), 10.0);
        } else {
            QVERIFY2(a.status == 200, qPrintable(a.errorString + QString::fromUtf8(a.body)));
            QCOMPARE(a.json.value(QStringLiteral("reason")).toString(),
                     QStringLiteral("insufficient_credits"));
            ++rejected;
        }
    }
    qInfo("admitted %d (%d through A, %d through B, %d through C), rejected %d", admitted, on[0],
          on[1], on[2], rejected);
    QCOMPARE(admitted, 10);
    QCOMPARE(rejected, 90);

    // Every process gives the same answer: everything reserved, nothing available.
    QJsonObject balanceA;
    for (ApiClient *c : {m_a.get(), m_b.get(), m_c.get()}) {
        const auto s = c->get(QStringLiteral("/v1/accounts/r2/summary"), m_r2);
        const QJsonObject balance = s.json.value(QStringLiteral("balance")).toObject();
        if (c == m_a.get())
            balanceA = balance;
        QCOMPARE(balance, balanceA);
    }
    QCOMPARE(balanceA.value(QStringLiteral("reserved")).toDouble(), 100.0);
    QCOMPARE(balanceA.value(QStringLiteral("available")).toDouble(), 0.0);

    // Ending the ten at once, through all processes: each charged once, the balance is 0.
    replies.clear();
    for (int i = 0; i < tasks.size(); ++i)
        replies << send(i, "POST", QStringLiteral("/v1/accounts/r2/tasks/%1/end").arg(tasks[i]),
                        m_r2,
                        ApiClient::json({{QStringLiteral("outcome"), QStringLiteral("success")}}));
    for (const auto &a : ApiClient::waitAll(replies)) {
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json.value(QStringLiteral("charged")).toDouble(), 10.0);
    }
    const auto s = m_b->get(QStringLiteral("/v1/accounts/r2/summary"), m_r2);
    const QJsonObject balance = s.json.value(QStringLiteral("balance")).toObject();
    QCOMPARE(balance.value(QStringLiteral("total")).toDouble(), 0.0);
    QCOMPARE(balance.value(QStringLiteral("reserved")).toDouble(), 0.0);
    const auto ledger = m_a->get(QStringLiteral("/v1/accounts/r2/ledger?limit=500"), m_r2);
    QMap<QString, int> types;
    for (const auto &e : ledger.json.value(QStringLiteral("entries")).toArray())
        ++types[e.toObject().value(QStringLiteral("type")).toString()];
    QCOMPARE(types.value(QStringLiteral("reserve")), 10);
    QCOMPARE(types.value(QStringLiteral("reject")), 90);
    QCOMPARE(types.value(QStringLiteral("release")), 10);
    QCOMPARE(types.value(QStringLiteral("charge")), 10);
}

void TestServerRaces::eachProcessSeesTheOthersWritesAtOnce()
{
    for (int round = 0; round < 5; ++round) {
        ApiClient &writer = round % 2 == 0 ? *m_a : *m_b;
        ApiClient &reader = round % 2 == 0 ? *m_b : *m_a;
        const auto before = reader.get(QStringLiteral("/v1/accounts/r1/ledger?limit=1"), m_r1);
        const QByteArray etag = before.header("ETag");
        QCOMPARE(writer
                     .post(QStringLiteral("/v1/accounts/r1/adjustments"), m_support,
                           ApiClient::json(
                               {{QStringLiteral("type"), QStringLiteral("grant")},
                                {QStringLiteral("amount"), 1},
                                {QStringLiteral("reason"), QStringLiteral("round %1").arg(round)}}))
                     .status,
                 201);
        // The other process answers with the new state at once (no stale cache, no 304).
        const auto after = reader.get(QStringLiteral("/v1/accounts/r1/ledger?limit=1"), m_r1,
                                      {{"If-None-Match", etag}});
        QCOMPARE(after.status, 200);
        QCOMPARE(after.json.value(QStringLiteral("entries"))
                     .toArray()[0]
                     .toObject()
                     .value(QStringLiteral("reason"))
                     .toString(),
                 QStringLiteral("round %1").arg(round));
    }
    const auto s = m_a->get(QStringLiteral("/v1/accounts/r1/summary"), m_r1);
    QCOMPARE(s.json.value(QStringLiteral("balance"))
                 .toObject()
                 .value(QStringLiteral("total"))
                 .toDouble(),
             105.0);
}

void TestServerRaces::revokedTokenRefusedByEveryProcessWithinASecond()
{
    bool ok = false;
    const QString token = ServerProcess::runAdmin(
        {QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--data"), m_data,
         QStringLiteral("--role"), QStringLiteral("member"), QStringLiteral("--account"),
         QStringLiteral("r1"), QStringLiteral("--label"), QStringLiteral("laptop")},
        &ok);
    QVERIFY(ok);
    QString tokenId;
    for (ApiClient *c : {m_a.get(), m_b.get(), m_c.get()}) {
        const auto me = c->get(QStringLiteral("/v1/me"), token);
        QCOMPARE(me.status, 200);
        tokenId = me.json.value(QStringLiteral("token_id")).toString();
    }
    QVERIFY(!tokenId.isEmpty());
    const QString list = ServerProcess::runAdmin(
        {QStringLiteral("token"), QStringLiteral("list"), QStringLiteral("--data"), m_data,
         QStringLiteral("--account"), QStringLiteral("r1")},
        &ok);
    QVERIFY(ok);
    QVERIFY2(list.contains(tokenId) && list.contains(QStringLiteral("laptop")), qPrintable(list));
    QVERIFY2(!list.contains(token), "token list must never print a secret");

    const QString revoked =
        ServerProcess::runAdmin({QStringLiteral("token"), QStringLiteral("revoke"),
                                 QStringLiteral("--data"), m_data, tokenId},
                                &ok);
    QVERIFY2(ok, qPrintable(revoked));
    QElapsedTimer since;
    since.start();
    // Every process refuses it within a second of the revocation, without a restart.
    for (ApiClient *c : {m_a.get(), m_b.get(), m_c.get()}) {
        int status = 0;
        while (since.elapsed() < 1000) {
            status = c->get(QStringLiteral("/v1/me"), token).status;
            if (status == 401)
                break;
            QTest::qWait(20);
        }
        QCOMPARE(status, 401);
    }
    // The other tokens of the account still work.
    QCOMPARE(m_b->get(QStringLiteral("/v1/me"), m_r1).status, 200);
}

QTEST_GUILESS_MAIN(TestServerRaces)
#include "tst_server_races.moc"
