#include "HttpConnection.h"

#include "ApiError.h"
#include "ApiResponse.h"
#include "HttpHandler.h"
#include "RequestBatch.h"

#include <QDateTime>
#include <QLocale>
#include <QSslConfiguration>
#include <QSslSocket>

#include <algorithm>
#include <utility>

#include <sys/socket.h>
#include <unistd.h>

namespace creditdesk {

namespace {

// What is read from the socket at a time; with the socket's own read buffer of the same size,
// one connection never holds more than the head and body caps plus these.
constexpr qint64 ReadChunk = 16 * 1024;
// After a refusal, what a client may still send (thrown away unread) before the connection is
// aborted; up to it the client sees the answer rather than a reset.
constexpr qint64 MaxDiscardBytes = 1024 * 1024;
// Answers not yet taken by a client that pipelines requests: beyond this no further request is
// read until it takes them (or the idle deadline ends the connection).
constexpr qint64 MaxUnsentBytes = 256 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Status";
    }
}

// "Date: ..." in RFC 9110's IMF-fixdate, formatted once a second.
QByteArray dateHeader()
{
    static qint64 second = -1;
    static QByteArray header;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (now.toSecsSinceEpoch() != second) {
        second = now.toSecsSinceEpoch();
        header = "Date: " +
                 QLocale::c()
                     .toString(now, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                     .toLatin1() +
                 "\r\n";
    }
    return header;
}

bool isSafeHeaderText(const QByteArray &text)
{
    return !text.contains('\r') && !text.contains('\n') && !text.contains('\0');
}

} // namespace

QByteArray HttpConnection::securityHeaders()
{
    return QByteArrayLiteral("Strict-Transport-Security: max-age=31536000\r\n"
                             "X-Content-Type-Options: nosniff\r\n");
}

HttpConnection::HttpConnection(qintptr descriptor, const QSslConfiguration &tls,
                               const HttpLimits &limits, HttpHandler &handler, RequestBatch *batch,
                               QObject *parent)
    : QObject(parent)
    , m_limits(limits)
    , m_parser(limits)
    , m_handler(handler)
    , m_batch(batch)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &HttpConnection::release);
    m_socket = new QSslSocket(this);
    // Bounds what Qt buffers for us (also below TLS) while we are not reading.
    m_socket->setReadBufferSize(ReadChunk);
    if (!m_socket->setSocketDescriptor(descriptor)) {
        ::close(int(descriptor));
        release();
        return;
    }
    m_peer = m_socket->peerAddress();
    m_socket->setSslConfiguration(tls);
    connect(m_socket, &QSslSocket::encrypted, this, [this] {
        // The first request is due within the head timeout, not the (longer) idle one: a
        // client that only shakes hands does not hold a connection for long.
        enterPhase(Phase::Idle);
        m_deadline.start(std::min(m_limits.headerTimeoutMs, m_limits.idleTimeoutMs));
        readIncoming();
    });
    connect(m_socket, &QSslSocket::encryptedBytesWritten, this, [this] {
        if (m_phase == Phase::Closing)
            shutDownSendingWhenFlushed();
        else if (!backlogged())
            resume();
    });
    connect(m_socket, &QSslSocket::readyRead, this, &HttpConnection::readIncoming);
    connect(m_socket, &QSslSocket::disconnected, this, &HttpConnection::release);
    // Failed handshakes (plain HTTP, a client refusing the certificate), resets, timeouts.
    connect(m_socket, &QSslSocket::errorOccurred, this, &HttpConnection::release);
    enterPhase(Phase::Handshake);
    m_socket->startServerEncryption();
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::enterPhase(Phase phase)
{
    m_phase = phase;
    switch (phase) {
    case Phase::Handshake:
        m_deadline.start(m_limits.handshakeTimeoutMs);
        break;
    case Phase::Idle:
        m_deadline.start(m_limits.idleTimeoutMs);
        break;
    case Phase::Head:
        m_deadline.start(m_limits.headerTimeoutMs);
        break;
    case Phase::Parked:
        break; // still the head's deadline: a batch runs within the same turn of the loop
    case Phase::Body:
        m_deadline.start(m_limits.bodyTimeoutMs);
        break;
    case Phase::Closing:
        // A client that does not read its answer does not keep the socket either.
        m_deadline.start(m_limits.headerTimeoutMs);
        break;
    case Phase::Released:
        m_deadline.stop();
        break;
    }
}

bool HttpConnection::backlogged() const
{
    return m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite() > MaxUnsentBytes;
}

void HttpConnection::resume()
{
    // Requests that arrived while the client was not taking its answers.
    if ((m_phase == Phase::Idle || m_phase == Phase::Head) && m_parser.hasBufferedBytes()) {
        if (m_phase == Phase::Idle)
            enterPhase(Phase::Head);
        drive(m_parser.feed({}));
    }
    readIncoming();
}

void HttpConnection::readIncoming()
{
    while ((m_phase == Phase::Idle || m_phase == Phase::Head || m_phase == Phase::Body) &&
           !backlogged()) {
        const QByteArray data = m_socket->read(ReadChunk);
        if (data.isEmpty())
            return;
        if (m_phase == Phase::Idle)
            enterPhase(Phase::Head);
        drive(m_parser.feed(data));
    }
    if (m_phase == Phase::Closing)
        discardIncoming();
}

void HttpConnection::discardIncoming()
{
    while (m_phase == Phase::Closing) {
        const qint64 skipped = m_socket->skip(ReadChunk);
        if (skipped <= 0)
            return;
        m_discardBudget -= skipped;
        if (m_discardBudget < 0) {
            release();
            return;
        }
        if (m_discardBudget == 0 && m_awaitingDeclaredBody) {
            // All it said it would send has come: a clean close (the client has read or
            // will read the answer, then sees close_notify).
            m_awaitingDeclaredBody = false;
            m_discardBudget = 0;
            m_socket->disconnectFromHost();
            return;
        }
    }
}

void HttpConnection::shutDownSendingWhenFlushed()
{
    if (m_sendingShutDown || m_awaitingDeclaredBody || m_phase != Phase::Closing ||
        m_socket->bytesToWrite() > 0 || m_socket->encryptedBytesToWrite() > 0)
        return;
    m_sendingShutDown = true;
    // TLS has no half-close of its own (and Qt's close is a full one, which would answer what
    // the client still sends with a reset that can destroy our answer in flight): shut the TCP
    // sending side, and wait for the client's end of stream (`disconnected`).
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
}

void HttpConnection::drive(HttpRequestParser::Progress progress)
{
    using Progress = HttpRequestParser::Progress;
    for (;;) {
        switch (progress) {
        case Progress::NeedMore:
            return;
        case Progress::Failed:
            m_headOnly = false;
            refuse(m_parser.errorStatus(), m_parser.errorCode(), m_parser.errorMessage());
            return;
        case Progress::HeadReady: {
            HttpRequest &head = m_parser.request();
            head.peer = m_peer;
            m_headOnly = head.method == HttpRequest::Method::Head;
            // A request without a body may wait for the others that arrived with it.
            if (m_batch && !std::exchange(m_resumed, false) && m_parser.contentLength() == 0 &&
                m_handler.waitsForBatch(head)) {
                enterPhase(Phase::Parked);
                m_batch->park(this);
                return;
            }
            // Refused from its head alone (no token, too large...): the body is never read.
            if (const auto refusal = m_handler.preflight(head)) {
                answer(*refusal, Close::Lingering, m_parser.unreceivedBodyBytes());
                return;
            }
            if (m_parser.bodyTooLarge()) {
                refuse(413, QStringLiteral("payload_too_large"),
                       QStringLiteral("a request body has at most %1 bytes")
                           .arg(m_limits.maxBodyBytes),
                       m_parser.unreceivedBodyBytes());
                return;
            }
            if (m_parser.contentLength() > 0) {
                enterPhase(Phase::Body);
                if (m_parser.expectsContinue() && !m_parser.hasBufferedBytes())
                    m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            }
            progress = m_parser.readBody();
            continue;
        }
        case Progress::Complete: {
            const bool keepAlive = m_parser.keepAlive();
            answer(m_handler.handle(m_parser.request()), keepAlive ? Close::No : Close::Graceful);
            if (!keepAlive)
                return;
            m_parser.next();
            if (!m_parser.hasBufferedBytes() || backlogged()) {
                // Waits for the next request, or for the client to take its answers first.
                enterPhase(Phase::Idle);
                return;
            }
            // The next request was sent before this answer (pipelining).
            enterPhase(Phase::Head);
            progress = m_parser.feed({});
            continue;
        }
        }
    }
}

const HttpRequest &HttpConnection::parkedHead() const
{
    return m_parser.request();
}

void HttpConnection::resumeParked()
{
    if (m_phase != Phase::Parked)
        return;
    m_phase = Phase::Head;
    m_resumed = true;
    drive(HttpRequestParser::Progress::HeadReady);
    // What arrived meanwhile: the socket is not read while parked.
    readIncoming();
}

void HttpConnection::refuse(int status, const QString &code, const QString &message,
                            qint64 expectedBytes)
{
    ApiResponse r;
    r.status = status;
    r.body = ApiError(status, code, message).toJson();
    answer(r, Close::Lingering, expectedBytes);
}

void HttpConnection::answer(const ApiResponse &response, Close close, qint64 expectedBytes)
{
    const bool hasBody = response.status != 304 && response.status != 204;
    QByteArray out;
    out.reserve(response.body.size() + 512);
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) +
           "\r\n";
    out += dateHeader();
    bool cacheControl = false;
    for (const auto &[name, value] : response.headers) {
        if (!isSafeHeaderText(name) || !isSafeHeaderText(value))
            continue;
        cacheControl = cacheControl || name.compare("Cache-Control", Qt::CaseInsensitive) == 0;
        out += name + ": " + value + "\r\n";
    }
    // Every answer is private (a caller's ledger, or an error about its request).
    if (!cacheControl)
        out += "Cache-Control: no-store\r\n";
    out += securityHeaders();
    if (hasBody) {
        out += "Content-Type: " + response.contentType + "\r\n";
        out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    }
    if (close != Close::No)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (hasBody && !m_headOnly)
        out += response.body;
    m_socket->write(out);
    if (close == Close::No)
        return;
    enterPhase(Phase::Closing);
    if (close == Close::Graceful) {
        // The request was read whole: flush, send TLS's close_notify, close.
        m_socket->disconnectFromHost();
        return;
    }
    // A small declared body is let in (and thrown away) before closing: some clients (Qt's
    // among them) report a connection closed during their upload as an error, not the answer.
    m_awaitingDeclaredBody = expectedBytes > 0 && expectedBytes <= MaxDiscardBytes;
    m_discardBudget = m_awaitingDeclaredBody ? expectedBytes : MaxDiscardBytes;
    shutDownSendingWhenFlushed();
}

void HttpConnection::release()
{
    if (m_phase == Phase::Released)
        return;
    enterPhase(Phase::Released);
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    deleteLater();
}

} // namespace creditdesk
