#pragma once

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QStringList>

namespace creditdesk {

// What the member is shown about a certificate that did not verify, and what trusting it
// pins. The leaf is described (issuer, subject, its SHA-256 fingerprint); the pin is the
// chain's top certificate (the CA, when the server sends it) and the leaf's public key, both
// by SHA-256, because `creditdesk-server --dev-tls` renews the leaf but keeps its CA.
struct CertificateDetails
{
    QString host;
    QString subject;
    QString issuer;
    QString fingerprintSha256;   // of the leaf, "AB:CD:…"
    QString caFingerprintSha256; // of the top of the chain the server sent, hex
    QString publicKeySha256;     // of the leaf's public key (DER), hex
    QStringList errors;          // why it failed, in words (QSslError::errorString)
    QList<QSslCertificate> chain;

    static CertificateDetails describe(const QString &host, const QList<QSslCertificate> &chain,
                                       const QList<QSslError> &errors);
    // The pins trusting these details adds: "ca:<hex>" and "key:<hex>".
    QStringList pins() const;
    // The pins a chain matches (same form as pins()).
    static QStringList pinsOf(const QList<QSslCertificate> &chain);
};

} // namespace creditdesk
