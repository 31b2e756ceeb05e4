// `creditdesk --demo`: the real server in this process, over HTTPS on 127.0.0.1 with a fresh
// development CA, on the demo's one ManualClock.

#include "DemoSession.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTest>

using namespace creditdesk;

namespace {

constexpr TimePoint DemoStart = 1795000000; // 2026-11-19

struct Answer
{
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int status = 0;
    QJsonObject body;
};

Answer get(const QUrl &url, const QString &token, const QList<QSslCertificate> &cas)
{
    // A manager per request: Qt keeps a connection per host and port, and one that failed its
    // handshake without the CA would be reused with the configuration it was made with.
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!cas.isEmpty())
        tls.setCaCertificates(cas);
    request.setSslConfiguration(tls);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setTransferTimeout(10000);
    QNetworkReply *reply = network.get(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!done.wait(15000))
        return {QNetworkReply::TimeoutError, 0, {}};
    Answer a{reply->error(), reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
             QJsonDocument::fromJson(reply->readAll()).object()};
    reply->deleteLater();
    return a;
}

} // namespace

class TestAppDemo : public QObject
{
    Q_OBJECT
private slots:
    void serverRunsOverHttpsWithItsOwnCa();
    void movingTheClockMovesTheServer();
    void resetGivesAFreshServer();
};

void TestAppDemo::serverRunsOverHttpsWithItsOwnCa()
{
    DemoSession demo(DemoStart);
    QString error;
    QVERIFY2(demo.start(&error), qPrintable(error));
    QCOMPARE(demo.baseUrl().host(), QStringLiteral("127.0.0.1"));
    QVERIFY(demo.baseUrl().port() > 0);
    QCOMPARE(demo.members().size(), 5); // one member per preset
    QVERIFY(!demo.supportToken().isEmpty());
    const auto member = demo.members().first();

    // Without the demo CA the handshake fails: nothing but TLS reaches it.
    const Answer untrusted = get(demo.baseUrl().resolved(QUrl(QStringLiteral("/v1/me"))),
                                 member.token, {});
    QCOMPARE(untrusted.error, QNetworkReply::SslHandshakeFailedError);

    const Answer me = get(demo.baseUrl().resolved(QUrl(QStringLiteral("/v1/me"))), member.token,
                          {demo.caCertificate()});
    QVERIFY2(me.status == 200, qPrintable(QString::number(int(me.error))));
    QCOMPARE(me.body.value(QStringLiteral("account")).toObject().value(QStringLiteral("id")).toString(),
             member.accountId);
}

void TestAppDemo::movingTheClockMovesTheServer()
{
    DemoSession demo(DemoStart);
    QString error;
    QVERIFY2(demo.start(&error), qPrintable(error));
    const auto member = demo.members().first();
    const QUrl summary = demo.baseUrl().resolved(
        QUrl(QStringLiteral("/v1/accounts/%1/summary").arg(member.accountId)));
    const QString before = get(summary, member.token, {demo.caCertificate()})
                               .body.value(QStringLiteral("as_of"))
                               .toString();
    QSignalSpy moved(&demo, &DemoSession::clockMoved);
    demo.advance(86400);
    QCOMPARE(moved.count(), 1);
    QCOMPARE(moved.first().first().value<TimePoint>(), DemoStart + 86400);
    const QString after = get(summary, member.token, {demo.caCertificate()})
                              .body.value(QStringLiteral("as_of"))
                              .toString();
    QVERIFY(!before.isEmpty());
    QCOMPARE(QDateTime::fromString(after, Qt::ISODate).toSecsSinceEpoch() -
                 QDateTime::fromString(before, Qt::ISODate).toSecsSinceEpoch(),
             qint64(86400));
}

void TestAppDemo::resetGivesAFreshServer()
{
    DemoSession demo(DemoStart);
    QString error;
    QVERIFY2(demo.start(&error), qPrintable(error));
    const QString oldDir = demo.dataDirectory();
    const QString oldToken = demo.members().first().token;
    demo.advance(3 * 86400);
    QSignalSpy restarted(&demo, &DemoSession::restarted);
    demo.reset();
    QCOMPARE(restarted.count(), 1);
    QCOMPARE(demo.clock().now(), DemoStart);
    QVERIFY(demo.dataDirectory() != oldDir);
    QVERIFY(!QFileInfo::exists(oldDir)); // the old temporary directory is gone, not emptied
    QVERIFY(demo.members().first().token != oldToken);
    const auto member = demo.members().first();
    const Answer me = get(demo.baseUrl().resolved(QUrl(QStringLiteral("/v1/me"))), member.token,
                          {demo.caCertificate()});
    QCOMPARE(me.status, 200);
}

QTEST_MAIN(TestAppDemo)
#include "tst_app_demo.moc"
