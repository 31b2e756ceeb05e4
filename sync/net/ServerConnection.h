#pragma once

#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
class QSslCertificate;
class QSslError;
class QUrlQuery;

namespace creditdesk {

class ApiJob;
class Clock;
class ConnectionState;
class TlsDecider;
struct ApiFailure;
struct CertificateDetails;

// One signed-in server and account, after Nextcloud's Account + AccountState: the base URL,
// the bearer token (in memory only: CredentialStore keeps it in the keychain), the TLS setup
// for this server's requests only (private CA certificates added to a QSslConfiguration of its
// own, never to the process-wide default) and the certificates the member trusted explicitly
// (pins: "ca:<sha256 of the CA certificate>" or "key:<sha256 of the leaf's public key>", since
// `--dev-tls` renews the leaf). Every job takes its QNetworkAccessManager from here, so tests
// can put a fault-injecting one in (setNetworkAccessManager).
//
// TLS promise: a certificate that does not verify is never accepted silently. A job whose
// handshake reports errors aborts the reply at once (the HTTP request is never written), and
// the connection asks the TlsDecider asynchronously; "trust" pins the certificate and
// restarts every job that waited for that decision, "abort" fails them with a Tls failure and
// moves the state to TlsRejected. Only errors of a chain that matches a pin are ignored, and
// only certificate-trust errors (never a revoked certificate).
class ServerConnection : public QObject
{
    Q_OBJECT
public:
    ServerConnection(const QUrl &baseUrl, const Clock &clock, QObject *parent = nullptr);
    ~ServerConnection() override;

    QUrl baseUrl() const { return m_baseUrl; }
    const Clock &clock() const { return m_clock; }
    ConnectionState &state() { return *m_state; }
    const ConnectionState &state() const { return *m_state; }

    void setToken(const QString &token);
    bool hasToken() const { return !m_token.isEmpty(); }
    // Forgets the token and moves to SignedOut; running jobs finish as they will.
    void signOut();

    // A private CA for this server (e.g. the PEM `--dev-tls` writes): used for its requests only.
    void addCaCertificates(const QList<QSslCertificate> &certificates);
    QSslConfiguration sslConfiguration() const { return m_ssl; }

    // Pins the member trusted earlier (the UI keeps them in its settings; they are not secret).
    void setTrustedPins(const QStringList &pins);
    QStringList trustedPins() const { return m_pins; }
    void setTlsDecider(TlsDecider *decider) { m_decider = decider; }

    // Not owned. nullptr goes back to the connection's own manager.
    void setNetworkAccessManager(QNetworkAccessManager *manager);
    QNetworkAccessManager &networkAccessManager() const;

    // A request for `path` (e.g. "/v1/me") with the token, JSON accept and this TLS setup.
    QNetworkRequest request(const QString &path, const QUrlQuery &query) const;

    // For ApiJob. Whether a pin covers these errors (then the reply was told to ignore them).
    bool acceptPinned(QNetworkReply *reply, const QList<QSslError> &errors);
    // The job waits for the member's decision about `details`.
    void askTrust(ApiJob *job, const CertificateDetails &details);
    // Every job's outcome, for the state machine (nullptr: success).
    void noteOutcome(const ApiFailure *failure);

signals:
    void trustedPinsChanged(const QStringList &pins);
    // A certificate decision is being waited for (the UI may want to bring its window up).
    void trustDecisionNeeded();

private:
    void decided(const QString &key, const CertificateDetails &details, bool trust);

    QUrl m_baseUrl;
    const Clock &m_clock;
    ConnectionState *m_state;
    QString m_token;
    QSslConfiguration m_ssl;
    QStringList m_pins;
    TlsDecider *m_decider = nullptr;
    QNetworkAccessManager *m_ownManager;
    QPointer<QNetworkAccessManager> m_manager;
    // Jobs waiting for a decision, by the certificate (CA fingerprint) it is about.
    QMap<QString, QList<QPointer<ApiJob>>> m_waiting;
};

} // namespace creditdesk
