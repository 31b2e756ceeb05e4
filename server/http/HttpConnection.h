#pragma once

#include "HttpLimits.h"
#include "HttpRequestParser.h"

#include <QHostAddress>
#include <QObject>
#include <QTimer>

class QSslConfiguration;
class QSslSocket;

namespace creditdesk {

class HttpHandler;
class RequestBatch;
struct ApiResponse;
struct HttpRequest;

// One accepted TCP connection, from the TLS handshake to the close: reads requests one after
// another (keep-alive, "Connection: close" honoured), asks the handler to preflight each head
// before reading its body, and writes each answer with the security headers every response
// carries. A request refused from its head (no token, too large, malformed...) is answered at
// once and the connection closed the way a server that stops reading must: after the answer
// is flushed its sending side is shut (or, for a declared body of at most 1 MiB, once that
// body has arrived), and what the client still sends is discarded unread (1 MiB at most)
// until it closes too, so it reads the answer rather than a reset. Every phase
// runs against a deadline (handshake, head, body, idle, closing); when it passes, or the
// handshake fails, or the peer goes away, the socket is aborted and the connection deletes
// itself — there is no path on which it lingers.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    // With `batch`, a request the handler lets wait (HttpHandler::waitsForBatch) is parked
    // there once its head is read, and goes on when the batch runs (resumeParked()).
    HttpConnection(qintptr descriptor, const QSslConfiguration &tls, const HttpLimits &limits,
                   HttpHandler &handler, RequestBatch *batch = nullptr, QObject *parent = nullptr);
    ~HttpConnection() override;

    // Parked in its batch: the head read, nothing else read or answered until resumed.
    bool isParked() const { return m_phase == Phase::Parked; }
    const HttpRequest &parkedHead() const;
    void resumeParked();

    // The headers added to every response: HSTS and nosniff (Cache-Control: no-store too,
    // unless the handler chose a Cache-Control of its own).
    static QByteArray securityHeaders();

private:
    enum class Phase { Handshake, Idle, Head, Parked, Body, Closing, Released };

    void enterPhase(Phase phase);
    void readIncoming();
    // Too much written that the client has not taken yet: read nothing more until it does.
    bool backlogged() const;
    void resume();
    void drive(HttpRequestParser::Progress progress);
    enum class Close { No, Graceful, Lingering };

    // Lingering: `expectedBytes` is what the client declared it will still send (-1: unknown).
    void answer(const ApiResponse &response, Close close, qint64 expectedBytes = -1);
    void refuse(int status, const QString &code, const QString &message, qint64 expectedBytes = -1);
    void discardIncoming();
    void shutDownSendingWhenFlushed();
    void release();

    QSslSocket *m_socket = nullptr;
    QTimer m_deadline;
    HttpLimits m_limits;
    HttpRequestParser m_parser;
    HttpHandler &m_handler;
    RequestBatch *m_batch = nullptr;
    bool m_resumed = false; // the parked head goes on: not parked again
    QHostAddress m_peer;
    Phase m_phase = Phase::Handshake;
    bool m_headOnly = false;    // the request being answered is a HEAD
    qint64 m_discardBudget = 0; // Closing: bytes still to throw away before aborting
    bool m_sendingShutDown = false;
    bool m_awaitingDeclaredBody = false; // Closing: close once the declared body is discarded
};

} // namespace creditdesk
