#pragma once

#include "HttpLimits.h"
#include "HttpListener.h"

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>

class QHostAddress;

namespace creditdesk {

class ApiRouter;

// The HTTPS API server: our own HTTP/1.1 layer (http/: listener, connections, parser) wired
// to the ApiRouter, under the limits and the TLS policy every connection gets. TLS only: 1.3,
// or 1.2 with ECDHE and an AEAD cipher (no CBC, no PSK, no RSA key exchange).
class ApiServer
{
public:
    ApiServer(ApiRouter &router, const HttpLimits &limits, const QSslConfiguration &tls);

    // The port it listens on (the one asked for, or a free one for 0); 0 on failure.
    quint16 listen(const QHostAddress &address, quint16 port);
    int liveConnections() const { return m_listener.liveConnections(); }

    // The server side of the TLS policy with this certificate chain and key. *error is set
    // (and the result unusable) when the TLS library offers none of the allowed ciphers.
    static QSslConfiguration tlsConfiguration(const QList<QSslCertificate> &chain,
                                              const QSslKey &key, QString *error);
    // The cipher suites the policy allows, by OpenSSL name, strongest first.
    static QStringList allowedCipherNames();

private:
    HttpListener m_listener;
};

} // namespace creditdesk
