#include "ApiServer.h"

#include "ApiRouter.h"

#include <QHostAddress>
#include <QSslCipher>

namespace creditdesk {

ApiServer::ApiServer(ApiRouter &router, const HttpLimits &limits, const QSslConfiguration &tls)
    : m_listener(tls, limits, router)
{}

quint16 ApiServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_listener.listen(address, port))
        return 0;
    return m_listener.serverPort();
}

QStringList ApiServer::allowedCipherNames()
{
    return {
        // TLS 1.3 (all three are AEAD).
        QStringLiteral("TLS_AES_256_GCM_SHA384"),
        QStringLiteral("TLS_CHACHA20_POLY1305_SHA256"),
        QStringLiteral("TLS_AES_128_GCM_SHA256"),
        // TLS 1.2: forward secrecy (ECDHE) and AEAD only.
        QStringLiteral("ECDHE-ECDSA-AES256-GCM-SHA384"),
        QStringLiteral("ECDHE-RSA-AES256-GCM-SHA384"),
        QStringLiteral("ECDHE-ECDSA-CHACHA20-POLY1305"),
        QStringLiteral("ECDHE-RSA-CHACHA20-POLY1305"),
        QStringLiteral("ECDHE-ECDSA-AES128-GCM-SHA256"),
        QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256"),
    };
}

QSslConfiguration ApiServer::tlsConfiguration(const QList<QSslCertificate> &chain,
                                              const QSslKey &key, QString *error)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients authenticate with tokens
    // Qt's default list follows OpenSSL's, which offers CBC and (TLS 1.2) PSK suites too.
    const QList<QSslCipher> supported = QSslConfiguration::supportedCiphers();
    QList<QSslCipher> ciphers;
    for (const QString &name : allowedCipherNames())
        for (const QSslCipher &c : supported)
            if (c.name() == name && !ciphers.contains(c))
                ciphers << c;
    if (ciphers.isEmpty())
        *error = QStringLiteral("the TLS library offers none of the allowed cipher suites");
    tls.setCiphers(ciphers);
    // Client-initiated renegotiation (a handshake's cost for free) is off by default in
    // OpenSSL 3. Qt's backend options cannot say so themselves: they reach SSL_CONF_cmd without
    // SSL_CONF_FLAG_SERVER, so every "Options" value is refused.
    return tls;
}

} // namespace creditdesk
