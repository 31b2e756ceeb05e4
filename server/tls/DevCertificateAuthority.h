#pragma once

#include <QByteArray>
#include <QString>

namespace creditdesk {

// A local certificate authority for development and tests (--dev-tls): on first start it
// makes DIR/ca.pem (a CA certificate; its key stays in DIR/ca-key.pem, mode 0600) and a
// server certificate for 127.0.0.1, ::1 and localhost signed by it (DIR/server.pem,
// DIR/server-key.pem). Later starts reuse them, and renew the server certificate when it
// has less than a day left. Clients trust DIR/ca.pem only. Qt cannot make certificates, so
// this uses OpenSSL's libcrypto (EC P-256 keys, SHA-256 signatures).
class DevCertificateAuthority
{
public:
    explicit DevCertificateAuthority(QString directory)
        : m_dir(std::move(directory))
    {}

    // Makes or loads the files; false with *error on failure.
    bool ensure(QString *error);

    QString caCertificatePath() const;
    QString serverCertificatePath() const;
    QString serverKeyPath() const;

private:
    QString m_dir;
};

} // namespace creditdesk
