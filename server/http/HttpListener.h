#pragma once

#include "HttpLimits.h"

#include <QSslConfiguration>
#include <QTcpServer>

namespace creditdesk {

class HttpHandler;

// The listening socket: hands each accepted connection to its own HttpConnection (TLS
// handshake first) and never queues one. Beyond `maxConnections` live connections a new one is
// closed as soon as it is accepted, so a crowd of silent or slow clients costs the others a
// refused connection at worst, never a stopped server; accepting resumes by itself after a
// failure such as running out of file descriptors.
class HttpListener : public QTcpServer
{
    Q_OBJECT
public:
    HttpListener(const QSslConfiguration &tls, const HttpLimits &limits, HttpHandler &handler,
                 QObject *parent = nullptr);

    // Connections accepted and not yet released.
    int liveConnections() const { return m_live; }
    // Connections closed at once because there were `maxConnections` already.
    qint64 refusedConnections() const { return m_refused; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    QSslConfiguration m_tls;
    HttpLimits m_limits;
    HttpHandler &m_handler;
    int m_live = 0;
    qint64 m_refused = 0;
};

} // namespace creditdesk
