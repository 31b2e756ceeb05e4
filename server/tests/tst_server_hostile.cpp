// Hostile clients against a real creditdesk-server (issue 6): silent, aborted, plain-text and
// slow connections, too many of them, header floods, huge and unauthenticated bodies, request
// smuggling framings, encoded slashes, and the API's smaller edges (search text, cursors,
// amounts, reasons). The server runs with small limits and 1 s timeouts; after each attack
// (and during the ones that hold connections) an authenticated GET /v1/me must be answered
// within 3 s, and at the end every connection the attacks made must have been released.
#include "ApiClient.h"
#include "ServerProcess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <vector>

namespace {

constexpr int MaxConnections = 48;
constexpr int MaxConnectionsPerClient = 40;
// The attacks come from 127.0.0.1 (and .3, .4); the probe of a normal client from 127.0.0.2.
constexpr const char *Attacker = "127.0.0.1";
constexpr const char *NormalClient = "127.0.0.2";
constexpr int ProbeLimitMs = 3000;

// A blocking TCP connection from address `from` (any 127.x.y.z) to 127.0.0.1:port, or -1.
int tcpConnect(quint16 port, const char *from = Attacker)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in source{};
    source.sin_family = AF_INET;
    ::inet_pton(AF_INET, from, &source.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&source), sizeof source) != 0) {
        ::close(fd);
        return -1;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Waits up to timeoutMs for the server to close fd (end of stream or reset).
bool closedByServer(int fd, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    char buffer[4096];
    while (timer.elapsed() < timeoutMs) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 20) > 0 && ::recv(fd, buffer, sizeof buffer, 0) <= 0)
            return true;
    }
    return false;
}

// Sockets closed by whoever owns this, at the end at the latest.
struct RawSockets
{
    std::vector<int> fds;
    ~RawSockets() { closeAll(); }
    void closeAll()
    {
        for (int fd : fds)
            if (fd >= 0)
                ::close(fd);
        fds.clear();
    }
};

// One HTTP exchange over TLS with a raw request, read back by hand.
struct Exchange
{
    bool encrypted = false;
    bool closedByServer = false;
    int status = 0;
    QByteArray head;
    QByteArray body;
    qint64 ms = 0;

    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
    QString errorCode() const
    {
        return QJsonDocument::fromJson(body)
            .object()
            .value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("code"))
            .toString();
    }
};

// Parses one complete response at the start of `in` into *e; false while incomplete.
bool parseResponse(QByteArray *in, Exchange *e)
{
    const qsizetype end = in->indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    Exchange parsed;
    parsed.head = in->left(end);
    const QList<QByteArray> words = parsed.head.left(parsed.head.indexOf('\r')).split(' ');
    parsed.status = words.size() > 1 ? words[1].toInt() : 0;
    const qsizetype length = parsed.header("Content-Length").toLongLong();
    if (in->size() < end + 4 + length)
        return false;
    e->head = parsed.head;
    e->status = parsed.status;
    e->body = in->mid(end + 4, length);
    in->remove(0, end + 4 + length);
    return true;
}

QSslConfiguration trusting(const QList<QSslCertificate> &ca)
{
    QSslConfiguration c = QSslConfiguration::defaultConfiguration();
    c.setCaCertificates(ca);
    return c;
}

// Reads responses from a connected socket until `count` are complete or the time is up.
QList<Exchange> readResponses(QSslSocket &s, int count, int timeoutMs, QByteArray *pending)
{
    QElapsedTimer timer;
    timer.start();
    QList<Exchange> out;
    while (out.size() < count && timer.elapsed() < timeoutMs) {
        Exchange e;
        if (parseResponse(pending, &e)) {
            e.ms = timer.elapsed();
            out << e;
            continue;
        }
        if (s.state() != QAbstractSocket::ConnectedState && s.bytesAvailable() == 0)
            break;
        s.waitForReadyRead(50);
        *pending += s.readAll();
    }
    return out;
}

Exchange exchange(quint16 port, const QList<QSslCertificate> &ca, const QByteArray &request,
                  int timeoutMs = 5000, const char *from = Attacker)
{
    QElapsedTimer timer;
    timer.start();
    Exchange e;
    QSslSocket s;
    s.setSslConfiguration(trusting(ca));
    s.bind(QHostAddress(QString::fromLatin1(from)));
    s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    if (!s.waitForEncrypted(timeoutMs)) {
        e.ms = timer.elapsed();
        return e;
    }
    QByteArray pending;
    s.write(request);
    const QList<Exchange> got = readResponses(s, 1, timeoutMs, &pending);
    if (!got.isEmpty())
        e = got.first();
    e.encrypted = true;
    e.ms = timer.elapsed();
    return e;
}

qint64 procStatusKb(qint64 pid, const QByteArray &field)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field + ':'))
            return line.mid(field.size() + 1).trimmed().split(' ').first().toLongLong();
    return -1;
}

// The server's CPU time (user + system) in clock ticks.
qint64 cpuTicks(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 12 ? fields[11].toLongLong() + fields[12].toLongLong() : -1;
}

// The server's open sockets (listening, accepted, database), from /proc/PID/fd.
int openSockets(qint64 pid)
{
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    int n = 0;
    for (const QString &name : fds.entryList(QDir::NoDotAndDotDot | QDir::System | QDir::Files)) {
        char target[256] = {};
        const QByteArray path = fds.filePath(name).toLocal8Bit();
        if (::readlink(path.constData(), target, sizeof target - 1) > 0 &&
            QByteArray(target).startsWith("socket:"))
            ++n;
    }
    return n;
}

} // namespace

class TestServerHostile : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void headers_onEveryResponse();
    void keepAlive_sequentialPipelinedAndClose();
    void silent_connectionsThatClose();
    void silent_connectionsHeldOpen();
    void plainHttp_onTheTlsPort();
    void tls_clientsRejectingTheCertificate();
    void cap_excessConnectionsClosedAtOnce();
    void slow_headersTimeOut();
    void headers_floodIs431();
    void body_hugeContentLengthIs413();
    void body_withoutTokenIs401Unread();
    void body_slowIsCutOff();
    void framing_chunkedDuplicateAndBoth();
    void path_encodedSlashIs400();
    void search_textBounded();
    void amounts_boundedAt10e12();
    void reason_codePointsAndSurrogates();
    void ledger_cursorsBeyondTheLedger();
    void connections_allReleased();

private:
    QByteArray get(const QByteArray &target, const QString &token,
                   const QByteArray &extra = {}) const
    {
        QByteArray r = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        if (!token.isEmpty())
            r += "Authorization: Bearer " + token.toLatin1() + "\r\n";
        return r + extra + "\r\n";
    }
    Exchange send(const QByteArray &request) const
    {
        return exchange(m_server->port(), m_ca, request);
    }
    // How long an authenticated GET /v1/me takes to be answered 200 (retrying refused
    // connections), or -1 if not within ProbeLimitMs.
    qint64 probe() const;

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ApiClient> m_client;
    QList<QSslCertificate> m_ca;
    QString m_member, m_unified, m_support;
    int m_baselineSockets = 0;
};

qint64 TestServerHostile::probe() const
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ProbeLimitMs) {
        const Exchange e =
            exchange(m_server->port(), m_ca, get("/v1/me", m_member, "Connection: close\r\n"),
                     int(ProbeLimitMs - timer.elapsed()), NormalClient);
        if (e.status == 200)
            return timer.elapsed();
        QTest::qWait(20);
    }
    return -1;
}

#define VERIFY_PROBE()                                                                             \
    do {                                                                                           \
        const qint64 ms = probe();                                                                 \
        QVERIFY2(ms >= 0, "GET /v1/me was not answered within 3 s");                               \
        qInfo("GET /v1/me answered in %lld ms", ms);                                               \
    } while (false)

void TestServerHostile::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString data = m_dir.filePath(QStringLiteral("data"));
    bool ok = false;
    const auto admin = [&](QStringList args) {
        args.insert(2, QStringLiteral("--data"));
        args.insert(3, data);
        const QString out = ServerProcess::runAdmin(args, &ok);
        return out;
    };
    admin({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
           QStringLiteral("Paula"), QStringLiteral("--preset"), QStringLiteral("prepaid-tokens"),
           QStringLiteral("--id"), QStringLiteral("pp")});
    QVERIFY(ok);
    admin({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
           QStringLiteral("Umar"), QStringLiteral("--preset"), QStringLiteral("unified-monthly"),
           QStringLiteral("--id"), QStringLiteral("um")});
    QVERIFY(ok);
    m_member = admin({QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--role"),
                      QStringLiteral("member"), QStringLiteral("--account"), QStringLiteral("pp")});
    QVERIFY(ok);
    m_unified =
        admin({QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--role"),
               QStringLiteral("member"), QStringLiteral("--account"), QStringLiteral("um")});
    QVERIFY(ok);
    m_support = admin({QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--role"),
                       QStringLiteral("support")});
    QVERIFY(ok);

    m_server = std::make_unique<ServerProcess>(data);
    QVERIFY2(m_server->start({QStringLiteral("--max-connections"), QString::number(MaxConnections),
                              QStringLiteral("--max-connections-per-client"),
                              QString::number(MaxConnectionsPerClient),
                              QStringLiteral("--handshake-timeout-ms"), QStringLiteral("1000"),
                              QStringLiteral("--header-timeout-ms"), QStringLiteral("1000"),
                              QStringLiteral("--body-timeout-ms"), QStringLiteral("1000"),
                              QStringLiteral("--idle-timeout-ms"), QStringLiteral("1000")}),
             qPrintable(m_server->output()));
    m_baselineSockets = openSockets(m_server->pid());
    QVERIFY(m_baselineSockets >= 1);
    QFile ca(m_server->caPath());
    QVERIFY(ca.open(QIODevice::ReadOnly));
    m_ca = QSslCertificate::fromData(ca.readAll());
    QVERIFY(!m_ca.isEmpty());
    m_client = std::make_unique<ApiClient>(m_server->port(), m_server->caPath());
}

void TestServerHostile::cleanupTestCase()
{
    m_client.reset();
    if (m_server)
        m_server->stop();
}

void TestServerHostile::headers_onEveryResponse()
{
    const auto check = [](const Exchange &e) {
        QCOMPARE(e.header("Strict-Transport-Security"), QByteArray("max-age=31536000"));
        QCOMPARE(e.header("X-Content-Type-Options"), QByteArray("nosniff"));
        QVERIFY2(e.header("Cache-Control").contains("no-store"), e.head.constData());
    };
    const Exchange root = send(get("/", {}));
    QCOMPARE(root.status, 404);
    check(root);
    const Exchange me = send(get("/v1/me", m_member));
    QCOMPARE(me.status, 200);
    check(me);
    QVERIFY(!me.header("Date").isEmpty());
    const Exchange ledger = send(get("/v1/accounts/pp/ledger", m_member));
    QCOMPARE(ledger.status, 200);
    check(ledger);
    QVERIFY(!ledger.header("ETag").isEmpty());
    const Exchange unauthorized = send(get("/v1/me", {}));
    QCOMPARE(unauthorized.status, 401);
    check(unauthorized);
    const Exchange malformed = send("GET /v1/me HTTP/1.1\r\nBad Header\r\n\r\n");
    QCOMPARE(malformed.status, 400);
    check(malformed);
}

void TestServerHostile::keepAlive_sequentialPipelinedAndClose()
{
    QSslSocket s;
    s.setSslConfiguration(trusting(m_ca));
    s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
    QVERIFY(s.waitForEncrypted(3000));
    QByteArray pending;
    s.write(get("/v1/me", m_member));
    auto got = readResponses(s, 1, 3000, &pending);
    QCOMPARE(got.size(), 1);
    QCOMPARE(got[0].status, 200);
    // Two requests in one write: both answered, in order.
    s.write(get("/v1/me", m_member) + get("/v1/nothing", m_member));
    got = readResponses(s, 2, 3000, &pending);
    QCOMPARE(got.size(), 2);
    QCOMPARE(got[0].status, 200);
    QCOMPARE(got[1].status, 404);
    // "Connection: close" is honoured: answered, then closed.
    s.write(get("/v1/me", m_member, "Connection: close\r\n"));
    got = readResponses(s, 1, 3000, &pending);
    QCOMPARE(got.size(), 1);
    QCOMPARE(got[0].header("Connection"), QByteArray("close"));
    QVERIFY(s.state() == QAbstractSocket::UnconnectedState || s.waitForDisconnected(3000));
}

void TestServerHostile::silent_connectionsThatClose()
{
    RawSockets sockets;
    for (int i = 0; i < 60; ++i)
        sockets.fds.push_back(tcpConnect(m_server->port()));
    sockets.closeAll();
    VERIFY_PROBE();
}

void TestServerHostile::silent_connectionsHeldOpen()
{
    RawSockets sockets;
    for (int i = 0; i < MaxConnectionsPerClient; ++i) {
        sockets.fds.push_back(tcpConnect(m_server->port()));
        QVERIFY(sockets.fds.back() >= 0);
    }
    // One client address holds no more than its share: the next is closed at once...
    const int extra = tcpConnect(m_server->port());
    QVERIFY(closedByServer(extra, 800));
    ::close(extra);
    VERIFY_PROBE(); // ...and another client is served while they are held.
    // The handshake timeout (1 s) closes every one of them.
    for (int fd : sockets.fds)
        QVERIFY(closedByServer(fd, 2500));
    VERIFY_PROBE();
}

void TestServerHostile::plainHttp_onTheTlsPort()
{
    RawSockets sockets;
    for (int i = 0; i < 100; ++i) {
        const int fd = tcpConnect(m_server->port());
        QVERIFY(fd >= 0);
        const QByteArray request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        (void)::send(fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL);
        sockets.fds.push_back(fd);
    }
    VERIFY_PROBE();
    for (int fd : sockets.fds)
        QVERIFY(closedByServer(fd, 2500));
    VERIFY_PROBE();
}

void TestServerHostile::tls_clientsRejectingTheCertificate()
{
    std::vector<std::unique_ptr<QSslSocket>> clients;
    for (int i = 0; i < 40; ++i) {
        auto s = std::make_unique<QSslSocket>();
        // The system's CAs only: the server's certificate is refused, the handshake aborted.
        s->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
        clients.push_back(std::move(s));
    }
    for (auto &s : clients)
        QVERIFY(!s->waitForEncrypted(3000));
    clients.clear();
    VERIFY_PROBE();
}

void TestServerHostile::cap_excessConnectionsClosedAtOnce()
{
    // Two attacking addresses fill the server together.
    RawSockets held;
    for (int i = 0; i < MaxConnectionsPerClient; ++i)
        held.fds.push_back(tcpConnect(m_server->port()));
    for (int i = MaxConnectionsPerClient; i < MaxConnections; ++i)
        held.fds.push_back(tcpConnect(m_server->port(), "127.0.0.3"));
    QTest::qWait(100); // all accepted
    const int extra = tcpConnect(m_server->port(), "127.0.0.4");
    QVERIFY(extra >= 0);
    QElapsedTimer timer;
    timer.start();
    QVERIFY2(closedByServer(extra, 1000), "a connection over the cap was not closed");
    qInfo("connection over the cap closed after %lld ms", timer.elapsed());
    QVERIFY(timer.elapsed() < 800); // at once, not after the handshake timeout
    ::close(extra);
    // The held ones time out; then the probe gets through.
    VERIFY_PROBE();
    held.closeAll();
    VERIFY_PROBE();
}

void TestServerHostile::slow_headersTimeOut()
{
    QSslSocket s;
    s.setSslConfiguration(trusting(m_ca));
    s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
    QVERIFY(s.waitForEncrypted(3000));
    s.write("GET /v1/me HTTP/1.1\r\n");
    QElapsedTimer timer;
    timer.start();
    // One header line every 100 ms, never the blank line: the head timeout (1 s) ends it.
    while (s.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 4000) {
        s.write("X-Slow: a\r\n");
        s.waitForBytesWritten(100);
        s.waitForDisconnected(100);
    }
    QVERIFY2(s.state() != QAbstractSocket::ConnectedState, "a slow head was not cut off");
    qInfo("slow head cut off after %lld ms", timer.elapsed());
    QVERIFY(timer.elapsed() < 2500);
    VERIFY_PROBE();
}

void TestServerHostile::headers_floodIs431()
{
    // A complete head just over 16 KiB: 431 with the usual headers.
    const Exchange big =
        send(get("/v1/me", m_member, "X-Big: " + QByteArray(17 * 1024, 'a') + "\r\n"));
    QCOMPARE(big.status, 431);
    QCOMPARE(big.header("X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(send(get("/v1/me", m_member, "X-Fits: " + QByteArray(15 * 1024, 'a') + "\r\n")).status,
             200);
    // 1 MB of headers without the blank line: 431 (or closed) quickly and cheaply.
    const qint64 cpuBefore = cpuTicks(m_server->pid());
    QSslSocket s;
    s.setSslConfiguration(trusting(m_ca));
    s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
    QVERIFY(s.waitForEncrypted(3000));
    QElapsedTimer timer;
    timer.start();
    QByteArray flood = "GET /v1/me HTTP/1.1\r\nX-Flood: ";
    flood += QByteArray(1024 * 1024, 'a');
    s.write(flood);
    QByteArray pending;
    const QList<Exchange> got = readResponses(s, 1, 3000, &pending);
    if (!got.isEmpty())
        QCOMPARE(got.first().status, 431);
    else
        QVERIFY(s.state() != QAbstractSocket::ConnectedState);
    QVERIFY(timer.elapsed() < 2000);
    const qint64 cpuTicksUsed = cpuTicks(m_server->pid()) - cpuBefore;
    qInfo("1 MB header flood: answered in %lld ms, server CPU %lld ticks", timer.elapsed(),
          cpuTicksUsed);
    QVERIFY(cpuTicksUsed < sysconf(_SC_CLK_TCK) / 2);
    VERIFY_PROBE();
}

void TestServerHostile::body_hugeContentLengthIs413()
{
    // Refused from the head: no body is ever sent.
    Exchange e = send("POST /v1/accounts/pp/tasks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                      m_member.toLatin1() + "\r\nContent-Length: 99999999999\r\n\r\n");
    QCOMPARE(e.status, 413);
    QCOMPARE(e.errorCode(), QStringLiteral("payload_too_large"));
    QVERIFY(e.ms < 2000);
    e = send("POST /v1/accounts/pp/tasks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
             m_member.toLatin1() + "\r\nContent-Length: 70000\r\n\r\n");
    QCOMPARE(e.status, 413);
    e = send("POST /v1/accounts/pp/tasks HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n");
    QCOMPARE(e.status, 400);
    VERIFY_PROBE();
}

void TestServerHostile::body_withoutTokenIs401Unread()
{
    const qint64 pid = m_server->pid();
    // Peak memory from now on ("5" resets VmHWM to the current resident size).
    {
        QFile clear(QStringLiteral("/proc/%1/clear_refs").arg(pid));
        QVERIFY(clear.open(QIODevice::WriteOnly));
        clear.write("5");
    }
    const qint64 before = procStatusKb(pid, "VmHWM");
    QSslSocket s;
    s.setSslConfiguration(trusting(m_ca));
    s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
    QVERIFY(s.waitForEncrypted(3000));
    constexpr qint64 BodyBytes = 50 * 1024 * 1024;
    s.write("POST /v1/accounts/pp/tasks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            "Content-Length: " +
            QByteArray::number(BodyBytes) + "\r\n\r\n");
    QByteArray pending;
    const QList<Exchange> got = readResponses(s, 1, 3000, &pending);
    QCOMPARE(got.size(), 1);
    QCOMPARE(got.first().status, 401); // before a byte of the body was sent
    QCOMPARE(got.first().header("Connection"), QByteArray("close"));
    // Sending the body anyway: the server has closed; it never holds it.
    const QByteArray chunk(1024 * 1024, 'x');
    qint64 sent = 0;
    while (sent < BodyBytes && s.state() == QAbstractSocket::ConnectedState) {
        s.write(chunk);
        sent += chunk.size();
        s.waitForBytesWritten(1000);
    }
    // And an attacker that does not wait for the answer: head and body in one go.
    QSslSocket eager;
    eager.setSslConfiguration(trusting(m_ca));
    eager.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
    QVERIFY(eager.waitForEncrypted(3000));
    eager.write("POST /v1/accounts/pp/tasks HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                QByteArray::number(BodyBytes) + "\r\n\r\n");
    QElapsedTimer timer;
    timer.start();
    qint64 eagerSent = 0;
    while (eagerSent < BodyBytes && eager.state() == QAbstractSocket::ConnectedState &&
           timer.elapsed() < 10000) {
        if (eager.bytesToWrite() < 4 * chunk.size()) {
            eager.write(chunk);
            eagerSent += chunk.size();
        }
        eager.waitForBytesWritten(100);
    }
    QVERIFY2(eager.state() != QAbstractSocket::ConnectedState, "the server read the whole body");
    const qint64 rise = procStatusKb(pid, "VmHWM") - before;
    qInfo("50 MB body without a token: %lld MB (waiting for the 401) and %lld MB (not waiting) "
          "sent before the close, VmHWM rise %lld kB",
          sent / (1024 * 1024), eagerSent / (1024 * 1024), rise);
    QVERIFY2(rise < 20 * 1024, qPrintable(QString::number(rise)));
    VERIFY_PROBE();
}

void TestServerHostile::body_slowIsCutOff()
{
    QSslSocket s;
    s.setSslConfiguration(trusting(m_ca));
    s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
    QVERIFY(s.waitForEncrypted(3000));
    s.write("POST /v1/accounts/pp/tasks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
            m_member.toLatin1() + "\r\nContent-Length: 100\r\n\r\n{\"feature\"");
    QElapsedTimer timer;
    timer.start();
    // The body never completes: the body timeout (1 s) ends the connection.
    QVERIFY(s.waitForDisconnected(3000));
    qInfo("unfinished body cut off after %lld ms", timer.elapsed());
    QVERIFY(timer.elapsed() < 2500);
    VERIFY_PROBE();
}

void TestServerHostile::framing_chunkedDuplicateAndBoth()
{
    const QByteArray post = "POST /v1/accounts/pp/tasks HTTP/1.1\r\nHost: x\r\nAuthorization: "
                            "Bearer " +
                            m_member.toLatin1() + "\r\n";
    Exchange e = send(post + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
    QCOMPARE(e.status, 411);
    QCOMPARE(e.errorCode(), QStringLiteral("length_required"));
    e = send(post + "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}");
    QCOMPARE(e.status, 400);
    e = send(post + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}");
    QCOMPARE(e.status, 400);
    e = send(post + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}");
    QCOMPARE(e.header("Connection"), QByteArray("close"));
    VERIFY_PROBE();
}

void TestServerHostile::path_encodedSlashIs400()
{
    Exchange e = send(get("/v1/accounts/pp%2Fsummary", m_member));
    QCOMPARE(e.status, 400);
    e = send(get("/v1/accounts/pp%2fsummary/summary", m_member));
    QCOMPARE(e.status, 400);
    e = send(get("/v1/accounts/p%00p/summary", m_member));
    QCOMPARE(e.status, 400);
    // Segments are decoded after splitting: an encoded letter is just that letter.
    e = send(get("/v1/accounts/%70p/summary", m_member));
    QCOMPARE(e.status, 200);
}

void TestServerHostile::search_textBounded()
{
    auto r = m_client->get(QStringLiteral("/v1/accounts?q=") + QString(201, u'a'), m_support);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("q"));
    QVERIFY(QString::fromUtf8(r.body).contains(QStringLiteral("200")));
    r = m_client->get(QStringLiteral("/v1/accounts?q=") + QString(200, u'a'), m_support);
    QCOMPARE(r.status, 200);
    r = m_client->get(QStringLiteral("/v1/accounts?q=%00"), m_support);
    QCOMPARE(r.status, 400);
    Exchange e = send(get("/v1/accounts?q=" + QByteArray(5000, 'a'), m_support));
    QCOMPARE(e.status, 400);
    // 60,000 characters do not even make a head (16 KiB at most).
    e = send(get("/v1/accounts?q=" + QByteArray(60000, 'a'), m_support));
    QCOMPARE(e.status, 431);
    r = m_client->get(QStringLiteral("/v1/accounts?q=Paula"), m_support);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("accounts")).toArray().size(), 1);
}

void TestServerHostile::ledger_cursorsBeyondTheLedger()
{
    const QString path = QStringLiteral("/v1/accounts/pp/ledger");
    auto all = m_client->get(path, m_member);
    QCOMPARE(all.status, 200);
    const QString latest = all.json.value(QStringLiteral("latest_cursor")).toString();
    for (const QString &since : {QStringLiteral("9223372036854775807"), latest}) {
        const auto r = m_client->get(path + QStringLiteral("?since=") + since, m_member);
        QCOMPARE(r.status, 200);
        QVERIFY(r.json.value(QStringLiteral("entries")).toArray().isEmpty());
        QVERIFY(r.json.value(QStringLiteral("next_cursor")).isNull());
        QCOMPARE(r.json.value(QStringLiteral("latest_cursor")).toString(), latest);
    }
    QVERIFY(latest.toLongLong() > 1);
    const auto r =
        m_client->get(path + QStringLiteral("?before=9223372036854775807&limit=1"), m_member);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("entries")).toArray().size(), 1);
    QCOMPARE(
        r.json.value(QStringLiteral("entries")).toArray()[0].toObject().value(QStringLiteral("id")),
        QJsonValue(latest));
}

void TestServerHostile::amounts_boundedAt10e12()
{
    const QString adjust = QStringLiteral("/v1/accounts/pp/adjustments");
    const auto grant = [&](const QJsonValue &amount) {
        return m_client->post(
            adjust, m_support,
            ApiClient::json({{QStringLiteral("type"), QStringLiteral("grant")},
                             {QStringLiteral("amount"), amount},
                             {QStringLiteral("reason"), QStringLiteral("test")}}));
    };
    for (const double amount : {4e15, 9999999999999999.0, 1000000000000.001, -4e15}) {
        const auto r = grant(amount);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("amount_too_large"));
        QVERIFY(QString::fromUtf8(r.body).contains(QStringLiteral("1000000000000")));
    }
    // Raw text too (beyond a double's exact integers).
    auto r = m_client->post(adjust, m_support,
                            "{\"type\":\"grant\",\"amount\":9999999999999999,\"reason\":\"x\"}");
    QCOMPARE(r.errorCode(), QStringLiteral("amount_too_large"));
    // Each within the bound, but the second would take the balance beyond it.
    QCOMPARE(grant(600000000000.0).status, 201);
    r = grant(600000000000.0);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QStringLiteral("amount_too_large"));
    QVERIFY(QString::fromUtf8(r.body).contains(QStringLiteral("1000000000000")));
    // A custom purchase (unified-monthly sells any amount).
    r = m_client->post(QStringLiteral("/v1/accounts/um/purchases"), m_unified,
                       ApiClient::json({{QStringLiteral("amount"), 1e15}}),
                       {{"Idempotency-Key", "big-1"}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QStringLiteral("amount_too_large"));
    // The bound is published.
    r = m_client->get(QStringLiteral("/v1/packs"), m_support);
    QCOMPARE(r.status, 200);
    for (const QJsonValue &entry : r.json.value(QStringLiteral("catalogue")).toArray())
        QCOMPARE(entry.toObject().value(QStringLiteral("max_amount")).toDouble(), 1e12);
}

void TestServerHostile::reason_codePointsAndSurrogates()
{
    const QString adjust = QStringLiteral("/v1/accounts/pp/adjustments");
    const auto debit = [&](const QString &reason) {
        return m_client->post(adjust, m_support,
                              ApiClient::json({{QStringLiteral("type"), QStringLiteral("grant")},
                                               {QStringLiteral("amount"), 1},
                                               {QStringLiteral("reason"), reason}}));
    };
    QString emoji;
    for (int i = 0; i < 500; ++i)
        emoji += QString::fromUtf8("\xF0\x9F\x98\x80"); // U+1F600, two UTF-16 units
    QCOMPARE(debit(emoji).status, 201);
    const auto longer = debit(emoji + QString::fromUtf8("\xF0\x9F\x98\x80"));
    QCOMPARE(longer.status, 400);
    QCOMPARE(longer.errorField(), QStringLiteral("reason"));
    // A lone surrogate (Qt would store it as "?") and bytes that are not UTF-8 are refused.
    for (const QByteArray &reason :
         {QByteArray("\\ud800x"), QByteArray("x\\udc00"), QByteArray("\\ud800\\u0041"),
          QByteArray("\xff\xfe"), QByteArray("\xed\xa0\x80")}) {
        const auto r = m_client->post(
            adjust, m_support, "{\"type\":\"grant\",\"amount\":1,\"reason\":\"" + reason + "\"}");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_json"));
    }
    // A proper pair, escaped, is fine; so is an escaped backslash before "ud800".
    QCOMPARE(m_client
                 ->post(adjust, m_support,
                        "{\"type\":\"grant\",\"amount\":1,\"reason\":\"\\ud83d\\ude00 \\\\ud800\"}")
                 .status,
             201);
}

void TestServerHostile::connections_allReleased()
{
    m_client.reset(); // its kept-alive connections
    // Every connection of every attack closes: the server's sockets return to what it had
    // before the first one (the listening socket, the database's).
    QTRY_COMPARE_WITH_TIMEOUT(openSockets(m_server->pid()), m_baselineSockets, 5000);
    VERIFY_PROBE();
    QTRY_COMPARE_WITH_TIMEOUT(openSockets(m_server->pid()), m_baselineSockets, 3000);
}

QTEST_MAIN(TestServerHostile)
#include "tst_server_hostile.moc"
