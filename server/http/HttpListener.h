#pragma once

#include "HttpLimits.h"
#include "RequestBatch.h"

#include <QHash>
#include <QHostAddress>
#include <QSslConfiguration>
#include <QTcpServer>

namespace creditdesk {

class HttpHandler;

// The listening socket: hands each accepted connection to its own HttpConnection (TLS
// handshake first) and never queues one. Beyond `maxConnections` live connections a new one is
// closed as soon as it is accepted, so a crowd of silent or slow clients costs the others a
// refused connection at worst, never a stopped server; one client address holds at most
// `maxConnectionsPerClient` of them, so a single client cannot take them all. Accepting
// resumes by itself after a failure such as running out of file descriptors.
class HttpListener : public QTcpServer
{
    Q_OBJECT
public:
    HttpListener(const QSslConfiguration &tls, const HttpLimits &limits, HttpHandler &handler,
                 QObject *parent = nullptr);

    // Connections accepted and not yet released.
    int liveConnections() const { return m_live; }
    // Connections closed at once because of `maxConnections` or `maxConnectionsPerClient`.
    qint64 refusedConnections() const { return m_refused; }
    // The requests that waited for their batch, and the batches they made.
    const RequestBatch &batch() const { return m_batch; }
    // Live connections from one client address.
    int liveConnectionsFrom(const QHostAddress &client) const { return m_perClient.value(client); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    static QHostAddress peerOf(qintptr descriptor);

    QSslConfiguration m_tls;
    HttpLimits m_limits;
    HttpHandler &m_handler;
    RequestBatch m_batch;
    int m_live = 0;
    QHash<QHostAddress, int> m_perClient; // live connections by client address
    qint64 m_refused = 0;
};

} // namespace creditdesk
