#include "HttpListener.h"

#include "HttpConnection.h"

#include <QTimer>

#include <unistd.h>

namespace creditdesk {

HttpListener::HttpListener(const QSslConfiguration &tls, const HttpLimits &limits,
                           HttpHandler &handler, QObject *parent)
    : QTcpServer(parent)
    , m_tls(tls)
    , m_limits(limits)
    , m_handler(handler)
{
    // Accepted sockets are never queued as pending connections (incomingConnection takes each
    // one), so QTcpServer's pending limit never pauses accepting; the kernel's backlog only has
    // to absorb a burst between two turns of the event loop.
    setMaxPendingConnections(limits.maxConnections);
    setListenBacklogSize(std::clamp(limits.maxConnections, 128, 4096));
    // QTcpServer pauses accepting on an error other than a temporary one (EMFILE, ENFILE,
    // ENOBUFS): try again shortly rather than never.
    connect(this, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError error) {
        qWarning("accept failed (%d); accepting again in 100 ms", int(error));
        QTimer::singleShot(100, this, [this] { resumeAccepting(); });
    });
}

void HttpListener::incomingConnection(qintptr descriptor)
{
    if (m_live >= m_limits.maxConnections) {
        ++m_refused;
        ::close(int(descriptor));
        return;
    }
    ++m_live;
    auto *connection = new HttpConnection(descriptor, m_tls, m_limits, m_handler, this);
    connect(connection, &QObject::destroyed, this, [this] { --m_live; });
}

} // namespace creditdesk
