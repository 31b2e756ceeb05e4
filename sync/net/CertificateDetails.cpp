#include "CertificateDetails.h"

#include <QCryptographicHash>
#include <QSslKey>

namespace creditdesk {

namespace {
QString hexSha256(const QByteArray &der)
{
    return QString::fromLatin1(QCryptographicHash::hash(der, QCryptographicHash::Sha256).toHex());
}

QString keyHash(const QSslCertificate &cert)
{
    const QByteArray der = cert.publicKey().toDer();
    return der.isEmpty() ? QString() : hexSha256(der);
}

QString names(const QSslCertificate &cert, bool issuer)
{
    const auto commonName = issuer ? cert.issuerInfo(QSslCertificate::CommonName)
                                   : cert.subjectInfo(QSslCertificate::CommonName);
    const auto org = issuer ? cert.issuerInfo(QSslCertificate::Organization)
                            : cert.subjectInfo(QSslCertificate::Organization);
    QStringList parts = commonName;
    parts += org;
    return parts.join(QStringLiteral(", "));
}
} // namespace

CertificateDetails CertificateDetails::describe(const QString &host,
                                                const QList<QSslCertificate> &chain,
                                                const QList<QSslError> &errors)
{
    CertificateDetails d;
    d.host = host;
    d.chain = chain;
    for (const QSslError &e : errors)
        if (!d.errors.contains(e.errorString()))
            d.errors << e.errorString();
    if (chain.isEmpty())
        return d;
    const QSslCertificate &leaf = chain.first();
    d.subject = names(leaf, false);
    d.issuer = names(leaf, true);
    d.fingerprintSha256 =
        QString::fromLatin1(leaf.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    d.caFingerprintSha256 = hexSha256(chain.last().toDer());
    d.publicKeySha256 = keyHash(leaf);
    return d;
}

QStringList CertificateDetails::pins() const
{
    QStringList out;
    if (!caFingerprintSha256.isEmpty())
        out << QStringLiteral("ca:") + caFingerprintSha256;
    if (!publicKeySha256.isEmpty())
        out << QStringLiteral("key:") + publicKeySha256;
    return out;
}

QStringList CertificateDetails::pinsOf(const QList<QSslCertificate> &chain)
{
    QStringList out;
    for (const QSslCertificate &cert : chain) {
        out << QStringLiteral("ca:") + hexSha256(cert.toDer());
        const QString key = keyHash(cert);
        if (!key.isEmpty())
            out << QStringLiteral("key:") + key;
    }
    return out;
}

} // namespace creditdesk
