// The HTTP layer in process (server/http): the parser byte by byte and at its limits, the
// request's path decoding, and an HttpListener with a stub handler whose live-connection
// count must go back to 0 after refused, timed-out, failed and finished connections.
#include "ApiServer.h"
#include "DevCertificateAuthority.h"
#include "HttpConnection.h"
#include "HttpHandler.h"
#include "HttpListener.h"
#include "HttpRequestParser.h"

#include <QSet>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace creditdesk;

namespace {

using Progress = HttpRequestParser::Progress;

// Answers 200 with the path; refuses (401) any request with "X-Refuse" from its head.
class StubHandler : public HttpHandler
{
public:
    std::optional<ApiResponse> preflight(const HttpRequest &head) override
    {
        ++preflights;
        if (!head.hasHeader("X-Refuse"))
            return std::nullopt;
        ApiResponse r;
        r.status = 401;
        r.body = "{}";
        return r;
    }
    ApiResponse handle(const HttpRequest &request) override
    {
        ApiResponse r;
        r.body = request.path().toUtf8() + ' ' + QByteArray::number(request.body.size());
        return r;
    }
    int preflights = 0;
};

// Lets requests with "X-Batch" wait for their batch, and answers each with its path and
// whether prepare() saw it first ("prepared") or not ("alone").
class BatchingHandler : public StubHandler
{
public:
    bool waitsForBatch(const HttpRequest &head) const override { return head.hasHeader("X-Batch"); }
    void prepare(const QList<const HttpRequest *> &heads) override
    {
        sizes.append(int(heads.size()));
        for (const HttpRequest *head : heads)
            prepared.insert(head->path());
    }
    void batchDone() override { prepared.clear(); }
    ApiResponse handle(const HttpRequest &request) override
    {
        ApiResponse r;
        r.body =
            request.path().toUtf8() + (prepared.contains(request.path()) ? " prepared" : " alone");
        return r;
    }
    QList<int> sizes;
    QSet<QString> prepared;
};

HttpLimits smallLimits()
{
    HttpLimits limits;
    limits.maxConnections = 3;
    limits.maxConnectionsPerClient = 2;
    limits.handshakeTimeoutMs = 300;
    limits.headerTimeoutMs = 300;
    limits.bodyTimeoutMs = 300;
    limits.idleTimeoutMs = 300;
    return limits;
}

} // namespace

class TestServerHttp : public QObject
{
    Q_OBJECT

private slots:
    void parser_byteByByte();
    void parser_headCapWithoutBlankLine();
    void parser_framing_data();
    void parser_framing();
    void parser_pipelinedLeftover();
    void request_pathSegmentsDecodedAfterSplitting_data();
    void request_pathSegmentsDecodedAfterSplitting();
    void listener_countsAndReleasesConnections();
    void listener_batchesRequestsThatArriveTogether();

private:
    // The dev CA's server configuration (in `dir`) and a client one that trusts it.
    static std::pair<QSslConfiguration, QSslConfiguration> tlsPair(const QString &dir);
};

void TestServerHttp::parser_byteByByte()
{
    const QByteArray request = "\r\nPOST /v1/a%20b/c?q=x%26y HTTP/1.1\r\nHost: h\r\n"
                               "content-LENGTH: 5\r\nX-Empty:\r\n\r\nhello";
    HttpRequestParser parser{HttpLimits()};
    Progress p = Progress::NeedMore;
    qsizetype i = 0;
    for (; i < request.size() && p == Progress::NeedMore; ++i)
        p = parser.feed(request.mid(i, 1));
    QCOMPARE(p, Progress::HeadReady);
    QCOMPARE(i, request.size() - 5); // the head ends right before the body
    HttpRequest &r = parser.request();
    QCOMPARE(r.method, HttpRequest::Method::Post);
    QCOMPARE(r.segments,
             QStringList({QStringLiteral("v1"), QStringLiteral("a b"), QStringLiteral("c")}));
    QCOMPARE(r.query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded),
             QStringLiteral("x&y"));
    QCOMPARE(r.header("Content-Length"), QByteArray("5"));
    QCOMPARE(r.header("HOST"), QByteArray("h"));
    QVERIFY(r.hasHeader("x-empty"));
    QCOMPARE(parser.readBody(), Progress::NeedMore);
    for (; i < request.size() && p != Progress::Complete; ++i)
        p = parser.feed(request.mid(i, 1));
    QCOMPARE(p, Progress::Complete);
    QCOMPARE(parser.request().body, QByteArray("hello"));
    QVERIFY(parser.keepAlive());
}

void TestServerHttp::parser_headCapWithoutBlankLine()
{
    HttpLimits limits;
    HttpRequestParser parser(limits);
    QCOMPARE(parser.feed("GET / HTTP/1.1\r\nX: "), Progress::NeedMore);
    // Fed in small pieces (as a slow flood arrives), refused as soon as it is over the cap.
    Progress p = Progress::NeedMore;
    qsizetype fed = 0;
    while (p == Progress::NeedMore && fed < 1024 * 1024) {
        p = parser.feed(QByteArray(100, 'a'));
        fed += 100;
    }
    QCOMPARE(p, Progress::Failed);
    QCOMPARE(parser.errorStatus(), 431);
    QVERIFY(fed <= limits.maxHeaderBytes + 100);
    // Too many headers are 431 too.
    HttpRequestParser many(limits);
    QByteArray head = "GET / HTTP/1.1\r\n";
    for (int i = 0; i <= limits.maxHeaderCount; ++i)
        head += "X-" + QByteArray::number(i) + ": 1\r\n";
    QCOMPARE(many.feed(head + "\r\n"), Progress::Failed);
    QCOMPARE(many.errorStatus(), 431);
}

void TestServerHttp::parser_framing_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("status"); // 0: accepted
    QTest::addColumn<bool>("tooLarge");
    const QByteArray start = "POST /x HTTP/1.1\r\nHost: h\r\n";
    QTest::newRow("length") << start + "Content-Length: 2\r\n" << 0 << false;
    QTest::newRow("zeros") << start + "Content-Length: 0000000000000000000000002\r\n" << 0 << false;
    QTest::newRow("over the cap") << start + "Content-Length: 65537\r\n" << 0 << true;
    QTest::newRow("huge") << start + "Content-Length: 99999999999999999999999\r\n" << 0 << true;
    QTest::newRow("two lengths") << start + "Content-Length: 2\r\nContent-Length: 2\r\n"
                                 << 400 << false;
    QTest::newRow("length and chunked")
        << start + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n"
        << 400 << false;
    QTest::newRow("chunked") << start + "Transfer-Encoding: chunked\r\n" << 411 << false;
    QTest::newRow("signed") << start + "Content-Length: +2\r\n" << 400 << false;
    QTest::newRow("list") << start + "Content-Length: 2, 2\r\n" << 400 << false;
    QTest::newRow("folded") << start + "X: a\r\n b\r\n" << 400 << false;
    QTest::newRow("space before colon") << start + "X : a\r\n" << 400 << false;
    QTest::newRow("bare LF") << start + "X: a\nY: b\r\n" << 400 << false;
    QTest::newRow("NUL") << start + QByteArray("X: a\0b\r\n", 8) << 400 << false;
    QTest::newRow("HTTP/2") << QByteArray("GET / HTTP/2.0\r\n") << 505 << false;
    QTest::newRow("absolute form") << QByteArray("GET http://h/ HTTP/1.1\r\n") << 400 << false;
    QTest::newRow("no version") << QByteArray("GET /\r\n") << 400 << false;
    QTest::newRow("raw UTF-8 target") << QByteArray("GET /\xc3\xa9 HTTP/1.1\r\n") << 400 << false;
}

void TestServerHttp::parser_framing()
{
    QFETCH(QByteArray, head);
    QFETCH(int, status);
    QFETCH(bool, tooLarge);
    HttpRequestParser parser{HttpLimits()};
    const Progress p = parser.feed(head + "\r\n");
    if (status == 0) {
        QCOMPARE(p, Progress::HeadReady);
        QCOMPARE(parser.bodyTooLarge(), tooLarge);
    } else {
        QCOMPARE(p, Progress::Failed);
        QCOMPARE(parser.errorStatus(), status);
    }
}

void TestServerHttp::parser_pipelinedLeftover()
{
    HttpRequestParser parser{HttpLimits()};
    QCOMPARE(parser.feed("POST /a HTTP/1.1\r\nContent-Length: 1\r\n\r\nxGET /b HTTP/1.1\r\n"
                         "Connection: close\r\n\r\n"),
             Progress::HeadReady);
    QCOMPARE(parser.readBody(), Progress::Complete);
    QCOMPARE(parser.request().body, QByteArray("x"));
    parser.next();
    QVERIFY(parser.hasBufferedBytes());
    QCOMPARE(parser.feed({}), Progress::HeadReady);
    QCOMPARE(parser.request().path(), QStringLiteral("/b"));
    QVERIFY(!parser.keepAlive());
    QCOMPARE(parser.readBody(), Progress::Complete);
}

void TestServerHttp::request_pathSegmentsDecodedAfterSplitting_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QStringList>("segments"); // empty: refused
    const auto list = [](const char *commaSeparated) {
        return QString::fromUtf8(commaSeparated).split(u',');
    };
    QTest::newRow("plain") << QByteArray("/v1/accounts/x/summary") << list("v1,accounts,x,summary");
    QTest::newRow("empty segments") << QByteArray("//v1///me/") << list("v1,me");
    QTest::newRow("encoded letter") << QByteArray("/v1/%61") << list("v1,a");
    QTest::newRow("UTF-8") << QByteArray("/v1/%C3%A9") << list("v1,é");
    QTest::newRow("encoded slash") << QByteArray("/v1/accounts/x%2Fsummary") << QStringList();
    QTest::newRow("encoded backslash") << QByteArray("/v1/x%5Cy") << QStringList();
    QTest::newRow("NUL") << QByteArray("/v1/x%00") << QStringList();
    QTest::newRow("newline") << QByteArray("/v1/x%0A") << QStringList();
    QTest::newRow("bad escape") << QByteArray("/v1/x%2") << QStringList();
    QTest::newRow("not hex") << QByteArray("/v1/x%zz") << QStringList();
    QTest::newRow("invalid UTF-8") << QByteArray("/v1/%C3") << QStringList();
    QTest::newRow("encoded surrogate") << QByteArray("/v1/%ED%A0%80") << QStringList();
}

void TestServerHttp::request_pathSegmentsDecodedAfterSplitting()
{
    QFETCH(QByteArray, target);
    QFETCH(QStringList, segments);
    HttpRequest r;
    QString error;
    const bool ok = r.setTarget(target, &error);
    QCOMPARE(ok, !segments.isEmpty());
    if (ok)
        QCOMPARE(r.segments, segments);
    else
        QVERIFY(!error.isEmpty());
}

void TestServerHttp::listener_countsAndReleasesConnections()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    DevCertificateAuthority ca(dir.path());
    QString error;
    QVERIFY2(ca.ensure(&error), qPrintable(error));
    QFile certFile(ca.serverCertificatePath()), keyFile(ca.serverKeyPath());
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    const QSslConfiguration tls =
        ApiServer::tlsConfiguration(QSslCertificate::fromData(certFile.readAll()),
                                    QSslKey(keyFile.readAll(), QSsl::Ec), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    StubHandler handler;
    HttpListener listener(tls, smallLimits(), handler);
    QVERIFY(listener.listen(QHostAddress::LocalHost, 0));

    // Silent connections from three client addresses (all loopback): two of the three from
    // 127.0.0.1 are live (the per-client cap), one from 127.0.0.2 (the global cap is then
    // reached), none from 127.0.0.3; all are released by the handshake timeout.
    std::vector<std::unique_ptr<QTcpSocket>> silent;
    const auto connectFrom = [&](const char *address) {
        silent.push_back(std::make_unique<QTcpSocket>());
        QVERIFY(silent.back()->bind(QHostAddress(QString::fromLatin1(address))));
        silent.back()->connectToHost(QHostAddress::LocalHost, listener.serverPort());
        QVERIFY(silent.back()->waitForConnected(3000));
        QTest::qWait(50); // accepted in this order
    };
    for (int i = 0; i < 3; ++i)
        connectFrom("127.0.0.1");
    connectFrom("127.0.0.2");
    connectFrom("127.0.0.3");
    QTRY_COMPARE(listener.refusedConnections(), qint64(2));
    QCOMPARE(listener.liveConnections(), 3);
    QCOMPARE(listener.liveConnectionsFrom(QHostAddress(QStringLiteral("127.0.0.1"))), 2);
    QCOMPARE(listener.liveConnectionsFrom(QHostAddress(QStringLiteral("127.0.0.2"))), 1);
    QTRY_COMPARE_WITH_TIMEOUT(listener.liveConnections(), 0, 3000); // handshake timeout
    QCOMPARE(listener.liveConnectionsFrom(QHostAddress(QStringLiteral("127.0.0.1"))), 0);
    silent.clear();

    // A finished request (closed by the client's "Connection: close"), a refused one and a
    // failed handshake: each is released.
    QFile caFile(ca.caCertificatePath());
    QVERIFY(caFile.open(QIODevice::ReadOnly));
    QSslConfiguration client = QSslConfiguration::defaultConfiguration();
    client.setCaCertificates(QSslCertificate::fromData(caFile.readAll()));
    for (const QByteArray &extra : {QByteArray(), QByteArray("X-Refuse: 1\r\n")}) {
        QSslSocket s;
        s.setSslConfiguration(client);
        s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), listener.serverPort());
        QTRY_VERIFY(s.isEncrypted());
        s.write("GET /v1/x HTTP/1.1\r\nContent-Length: 0\r\nConnection: close\r\n" + extra +
                "\r\n");
        QByteArray answer;
        QTRY_VERIFY((answer += s.readAll()).contains("\r\n\r\n"));
        QVERIFY(answer.startsWith(extra.isEmpty() ? "HTTP/1.1 200" : "HTTP/1.1 401"));
        QVERIFY(answer.contains("Strict-Transport-Security: max-age=31536000\r\n"));
        QTRY_COMPARE(s.state(), QAbstractSocket::UnconnectedState);
    }
    QSslSocket untrusting; // the system CAs only: refuses the certificate
    untrusting.connectToHostEncrypted(QStringLiteral("127.0.0.1"), listener.serverPort());
    QTRY_COMPARE(untrusting.state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE_WITH_TIMEOUT(listener.liveConnections(), 0, 3000);
    QCOMPARE(handler.preflights, 2);
}

std::pair<QSslConfiguration, QSslConfiguration> TestServerHttp::tlsPair(const QString &dir)
{
    DevCertificateAuthority ca(dir);
    QString error;
    if (!ca.ensure(&error))
        qFatal("dev CA: %s", qPrintable(error));
    QFile certFile(ca.serverCertificatePath()), keyFile(ca.serverKeyPath()),
        caFile(ca.caCertificatePath());
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly) ||
        !caFile.open(QIODevice::ReadOnly))
        qFatal("dev CA files unreadable");
    QSslConfiguration server =
        ApiServer::tlsConfiguration(QSslCertificate::fromData(certFile.readAll()),
                                    QSslKey(keyFile.readAll(), QSsl::Ec), &error);
    QSslConfiguration client = QSslConfiguration::defaultConfiguration();
    client.setCaCertificates(QSslCertificate::fromData(caFile.readAll()));
    return {server, client};
}

void TestServerHttp::listener_batchesRequestsThatArriveTogether()
{
    // Requests that arrive together are prepared together (one database round trip for all of
    // them, in the server), each is answered on its own connection, and a client that
    // pipelines gets its answers in order, the next batched request in the next batch.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto [serverTls, clientTls] = tlsPair(dir.path());
    BatchingHandler handler;
    HttpLimits limits = smallLimits();
    limits.maxConnections = limits.maxConnectionsPerClient = 8;
    HttpListener listener(serverTls, limits, handler);
    QVERIFY(listener.listen(QHostAddress::LocalHost, 0));

    std::vector<std::unique_ptr<QSslSocket>> clients;
    for (int i = 0; i < 5; ++i) {
        clients.push_back(std::make_unique<QSslSocket>());
        clients.back()->setSslConfiguration(clientTls);
        clients.back()->connectToHostEncrypted(QStringLiteral("127.0.0.1"), listener.serverPort());
    }
    for (const auto &c : clients)
        QTRY_VERIFY(c->isEncrypted());
    // All five written before the server reads any.
    for (int i = 0; i < 5; ++i) {
        clients[i]->write("GET /v1/a" + QByteArray::number(i) + " HTTP/1.1\r\nX-Batch: 1\r\n\r\n");
        clients[i]->flush();
    }
    for (int i = 0; i < 5; ++i) {
        QByteArray answer;
        QTRY_VERIFY((answer += clients[i]->readAll()).endsWith(" prepared"));
        QVERIFY(answer.startsWith("HTTP/1.1 200"));
        QVERIFY(answer.endsWith("/v1/a" + QByteArray::number(i) + " prepared"));
    }
    int prepared = 0;
    for (int size : handler.sizes)
        prepared += size;
    QCOMPARE(prepared, 5);
    QVERIFY2(handler.sizes.size() < 5, "no two requests that arrived together were batched");
    QCOMPARE(listener.batch().requests(), qint64(5));

    // Pipelined: a batched request, one that is not, a batched one; answered in this order.
    handler.sizes.clear();
    clients[0]->write("GET /v1/p1 HTTP/1.1\r\nX-Batch: 1\r\n\r\n"
                      "GET /v1/p2 HTTP/1.1\r\n\r\n"
                      "GET /v1/p3 HTTP/1.1\r\nX-Batch: 1\r\n\r\n");
    QByteArray answers;
    QTRY_VERIFY((answers += clients[0]->readAll()).endsWith("/v1/p3 prepared"));
    const qsizetype p1 = answers.indexOf("/v1/p1 prepared"), p2 = answers.indexOf("/v1/p2 alone");
    QVERIFY(p1 > 0 && p2 > p1);
    QCOMPARE(handler.sizes, QList<int>({1, 1}));
    clients.clear();
    QTRY_COMPARE_WITH_TIMEOUT(listener.liveConnections(), 0, 3000);
}

QTEST_MAIN(TestServerHttp)
#include "tst_server_http.moc"
