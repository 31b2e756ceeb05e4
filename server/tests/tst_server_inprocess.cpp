// InProcessServer: the real server inside the test's process, on a ManualClock, over HTTPS
// with its development CA — what the desktop app's --demo and the client's tests run.
#include "InProcessServer.h"
#include "ManualClock.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QtTest>

using namespace creditdesk;
using namespace Qt::StringLiterals;

class TestServerInProcess : public QObject
{
    Q_OBJECT

private slots:
    void servesOverHttpsOnAManualClock();

private:
    struct Reply
    {
        int status = 0;
        QJsonObject json;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
    };
    Reply send(const QByteArray &method, const QString &path, const QString &token,
               const QByteArray &body = {}, const QByteArray &idempotencyKey = {});

    QNetworkAccessManager m_net;
    InProcessServer *m_server = nullptr;
};

TestServerInProcess::Reply TestServerInProcess::send(const QByteArray &method, const QString &path,
                                                     const QString &token, const QByteArray &body,
                                                     const QByteArray &idempotencyKey)
{
    QNetworkRequest request(m_server->baseUrl().resolved(QUrl(path)));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({m_server->caCertificate()}); // only the demo's CA is trusted
    request.setSslConfiguration(tls);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", idempotencyKey);
    QNetworkReply *reply = m_net.sendCustomRequest(request, method, body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        done.wait(30000);
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.json = QJsonDocument::fromJson(reply->readAll()).object();
    r.error = reply->error();
    reply->deleteLater();
    return r;
}

void TestServerInProcess::servesOverHttpsOnAManualClock()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ManualClock clock(QDateTime::currentSecsSinceEpoch());
    InProcessServer::Options options;
    options.paymentDelayMs = 30000; // on the ManualClock: only moving time settles it
    InProcessServer server(dir.filePath(u"data"_s), clock, options);
    m_server = &server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QVERIFY(server.isRunning());
    QVERIFY(server.port() > 0);
    QCOMPARE(server.baseUrl().scheme(), u"https"_s);
    QVERIFY(!server.caCertificate().isNull());
    QVERIFY(QFile::exists(server.caCertificatePath()));

    const DemoSeed &seed = server.seeded();
    QVERIFY(seed.seeded);
    QCOMPARE(seed.accounts.size(), 5);
    QVERIFY(!seed.supportToken.isEmpty());
    DemoAccount tiered;
    for (const DemoAccount &a : seed.accounts) {
        QVERIFY(!a.memberToken.isEmpty());
        QVERIFY(!a.displayName.isEmpty());
        if (a.preset == u"tiered-tasks")
            tiered = a;
    }
    QCOMPARE(tiered.id, u"demo-tiered-tasks"_s);

    const Reply me = send("GET", u"/v1/me"_s, tiered.memberToken);
    QCOMPARE(me.error, QNetworkReply::NoError);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json.value(u"role").toString(), u"member"_s);
    QCOMPARE(me.json.value(u"account").toObject().value(u"id").toString(), tiered.id);
    QCOMPARE(send("GET", u"/v1/me"_s, seed.supportToken).json.value(u"role").toString(),
             u"support"_s);

    // A purchase waits for the ManualClock, not for wall time.
    const Reply bought = send("POST", u"/v1/accounts/%1/purchases"_s.arg(tiered.id),
                              tiered.memberToken, R"({"pack": "pack_10"})", "k1");
    QCOMPARE(bought.status, 202);
    QCOMPARE(bought.json.value(u"price").toObject().value(u"amount").toDouble(), 10.0);
    const QString path =
        u"/v1/accounts/%1/purchases/%2"_s.arg(tiered.id, bought.json.value(u"id").toString());
    QTest::qWait(600); // the periodic check runs; the clock has not moved
    QCOMPARE(send("GET", path, tiered.memberToken).json.value(u"status").toString(), u"pending"_s);
    clock.advance(31);
    QCOMPARE(send("GET", path, tiered.memberToken).json.value(u"status").toString(),
             u"completed"_s);

    server.stop();
    QVERIFY(!server.isRunning());
    const Reply gone = send("GET", u"/v1/me"_s, tiered.memberToken);
    QVERIFY(gone.error != QNetworkReply::NoError);
    m_server = nullptr;
}

QTEST_MAIN(TestServerInProcess)
#include "tst_server_inprocess.moc"
