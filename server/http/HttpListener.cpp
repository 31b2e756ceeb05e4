#include "HttpListener.h"

#include "HttpConnection.h"

#include <QTimer>

#include <sys/socket.h>
#include <unistd.h>

namespace creditdesk {

HttpListener::HttpListener(const QSslConfiguration &tls, const HttpLimits &limits,
                           HttpHandler &handler, QObject *parent)
    : QTcpServer(parent)
    , m_tls(tls)
    , m_limits(limits)
    , m_handler(handler)
    , m_batch(handler)
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

QHostAddress HttpListener::peerOf(qintptr descriptor)
{
    sockaddr_storage address{};
    socklen_t size = sizeof address;
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr *>(&address), &size) != 0)
        return {};
    return QHostAddress(reinterpret_cast<const sockaddr *>(&address));
}

void HttpListener::incomingConnection(qintptr descriptor)
{
    const QHostAddress peer = peerOf(descriptor);
    int &fromPeer = m_perClient[peer];
    if (m_live >= m_limits.maxConnections || fromPeer >= m_limits.maxConnectionsPerClient) {
        ++m_refused;
        if (fromPeer == 0)
            m_perClient.remove(peer);
        ::close(int(descriptor));
        return;
    }
    ++m_live;
    ++fromPeer;
    auto *connection = new HttpConnection(descriptor, m_tls, m_limits, m_handler, &m_batch, this);
    connect(connection, &QObject::destroyed, this, [this, peer] {
        --m_live;
        const auto it = m_perClient.find(peer);
        if (it != m_perClient.end() && --*it <= 0)
            m_perClient.erase(it);
    });
}

} // namespace creditdesk
