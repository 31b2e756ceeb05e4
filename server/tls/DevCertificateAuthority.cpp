#include "DevCertificateAuthority.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QSslCertificate>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace creditdesk {

namespace {

struct Free
{
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(BIO *p) const { BIO_free(p); }
    void operator()(X509_EXTENSION *p) const { X509_EXTENSION_free(p); }
    void operator()(BIGNUM *p) const { BN_free(p); }
};
template <typename T> using Owned = std::unique_ptr<T, Free>;

constexpr long Day = 24 * 60 * 60;

QByteArray bioBytes(BIO *bio)
{
    QByteArray out(qsizetype(BIO_ctrl_pending(bio)), Qt::Uninitialized);
    const int n = BIO_read(bio, out.data(), int(out.size()));
    out.resize(std::max(n, 0));
    return out;
}

QByteArray pemOfKey(EVP_PKEY *key)
{
    Owned<BIO> bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    return bioBytes(bio.get());
}

QByteArray pemOfCert(X509 *cert)
{
    Owned<BIO> bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), cert);
    return bioBytes(bio.get());
}

Owned<EVP_PKEY> readKey(const QByteArray &pem)
{
    Owned<BIO> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    return Owned<EVP_PKEY>(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

Owned<X509> readCert(const QByteArray &pem)
{
    Owned<BIO> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    return Owned<X509>(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

bool addExtension(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    Owned<X509_EXTENSION> ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

Owned<X509> makeCertificate(EVP_PKEY *key, const char *commonName, X509 *issuer,
                            EVP_PKEY *issuerKey, long days, bool isCa)
{
    Owned<X509> cert(X509_new());
    if (!cert)
        return {};
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    Owned<BIGNUM> bn(BN_bin2bn(serial, sizeof serial, nullptr));
    BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get()));
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -Day);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), days * Day);
    X509_set_pubkey(cert.get(), key);
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("CreditDesk development"),
                               -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>(commonName), -1, -1, 0);
    X509 *signer = issuer ? issuer : cert.get();
    X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
    bool ok = addExtension(cert.get(), signer, NID_subject_key_identifier, "hash");
    if (isCa) {
        ok = ok &&
             addExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
        ok = ok && addExtension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        ok = ok && addExtension(cert.get(), signer, NID_authority_key_identifier, "keyid:always");
        ok = ok && addExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE");
        ok = ok && addExtension(cert.get(), signer, NID_key_usage,
                                "critical,digitalSignature,keyEncipherment");
        ok = ok && addExtension(cert.get(), signer, NID_ext_key_usage, "serverAuth");
        ok = ok && addExtension(cert.get(), signer, NID_subject_alt_name,
                                "IP:127.0.0.1,IP:::1,DNS:localhost");
    }
    if (!ok || X509_sign(cert.get(), issuerKey ? issuerKey : key, EVP_sha256()) <= 0)
        return {};
    return cert;
}

bool writeFile(const QString &path, const QByteArray &data, bool secret)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    if (secret)
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(data);
    return f.commit();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool stillValid(const QString &path)
{
    const auto certs = QSslCertificate::fromPath(path);
    return !certs.isEmpty() &&
           certs.first().expiryDate() > QDateTime::currentDateTimeUtc().addDays(1);
}

} // namespace

QString DevCertificateAuthority::caCertificatePath() const
{
    return QDir(m_dir).filePath(QStringLiteral("ca.pem"));
}

QString DevCertificateAuthority::serverCertificatePath() const
{
    return QDir(m_dir).filePath(QStringLiteral("server.pem"));
}

QString DevCertificateAuthority::serverKeyPath() const
{
    return QDir(m_dir).filePath(QStringLiteral("server-key.pem"));
}

bool DevCertificateAuthority::ensure(QString *error)
{
    const QString caKeyPath = QDir(m_dir).filePath(QStringLiteral("ca-key.pem"));
    Owned<EVP_PKEY> caKey;
    Owned<X509> caCert;
    if (QFile::exists(caCertificatePath()) && QFile::exists(caKeyPath) &&
        stillValid(caCertificatePath())) {
        caKey = readKey(readFile(caKeyPath));
        caCert = readCert(readFile(caCertificatePath()));
    }
    bool newCa = false;
    if (!caKey || !caCert) {
        caKey.reset(EVP_EC_gen("P-256"));
        if (caKey)
            caCert = makeCertificate(caKey.get(), "CreditDesk development CA", nullptr, nullptr,
                                     3650, true);
        if (!caKey || !caCert) {
            *error = QStringLiteral("could not make the development CA");
            return false;
        }
        if (!writeFile(caKeyPath, pemOfKey(caKey.get()), true) ||
            !writeFile(caCertificatePath(), pemOfCert(caCert.get()), false)) {
            *error = QStringLiteral("could not write the CA to %1").arg(m_dir);
            return false;
        }
        newCa = true;
    }
    if (!newCa && QFile::exists(serverKeyPath()) && stillValid(serverCertificatePath()))
        return true;
    Owned<EVP_PKEY> key(EVP_EC_gen("P-256"));
    if (!key) {
        *error = QStringLiteral("could not make the server key");
        return false;
    }
    Owned<X509> cert =
        makeCertificate(key.get(), "127.0.0.1", caCert.get(), caKey.get(), 397, false);
    if (!cert) {
        *error = QStringLiteral("could not sign the server certificate");
        return false;
    }
    if (!writeFile(serverKeyPath(), pemOfKey(key.get()), true) ||
        !writeFile(serverCertificatePath(), pemOfCert(cert.get()), false)) {
        *error = QStringLiteral("could not write the server certificate to %1").arg(m_dir);
        return false;
    }
    return true;
}

} // namespace creditdesk
