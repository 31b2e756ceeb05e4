#include "ServerConnection.h"

#include "ApiFailure.h"
#include "ApiJob.h"
#include "CertificateDetails.h"
#include "ConnectionState.h"
#include "TlsDecider.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>
#include <QUrlQuery>

namespace creditdesk {

ServerConnection::ServerConnection(const QUrl &baseUrl, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_baseUrl(baseUrl)
    , m_clock(clock)
    , m_state(new ConnectionState(clock, this))
    , m_ssl(QSslConfiguration::defaultConfiguration())
    , m_ownManager(new QNetworkAccessManager(this))
    , m_manager(m_ownManager)
{
    // HTTP/2 would multiplex every job on one stream set; keep HTTP/1.1 like the server speaks.
    m_ssl.setProtocol(QSsl::TlsV1_2OrLater);
}

ServerConnection::~ServerConnection() = default;

void ServerConnection::setToken(const QString &token)
{
    m_token = token;
    if (!token.isEmpty())
        m_state->signIn();
}

void ServerConnection::signOut()
{
    m_token.clear();
    m_state->signOut();
}

void ServerConnection::addCaCertificates(const QList<QSslCertificate> &certificates)
{
    m_ssl.addCaCertificates(certificates);
}

void ServerConnection::setTrustedPins(const QStringList &pins)
{
    m_pins = pins;
}

void ServerConnection::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    m_manager = manager ? manager : m_ownManager;
}

QNetworkAccessManager &ServerConnection::networkAccessManager() const
{
    return m_manager ? *m_manager : *m_ownManager;
}

QNetworkRequest ServerConnection::request(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_baseUrl;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + path);
    url.setQuery(query);
    QNetworkRequest r(url);
    r.setSslConfiguration(m_ssl);
    r.setRawHeader("Accept", "application/json");
    r.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    r.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    r.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    r.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    return r;
}

bool ServerConnection::acceptPinned(QNetworkReply *reply, const QList<QSslError> &errors)
{
    if (m_pins.isEmpty() || errors.isEmpty())
        return false;
    for (const QSslError &e : errors)
        if (e.error() == QSslError::CertificateRevoked ||
            e.error() == QSslError::CertificateBlacklisted)
            return false;
    const QStringList seen =
        CertificateDetails::pinsOf(reply->sslConfiguration().peerCertificateChain());
    for (const QString &pin : seen) {
        if (m_pins.contains(pin)) {
            reply->ignoreSslErrors(errors); // the member decided, for exactly this certificate
            return true;
        }
    }
    return false;
}

void ServerConnection::askTrust(ApiJob *job, const CertificateDetails &details)
{
    if (!m_decider) {
        job->failTls(details.errors.join(QStringLiteral("; ")));
        return;
    }
    const QString key = details.caFingerprintSha256;
    auto &queue = m_waiting[key];
    queue << QPointer<ApiJob>(job);
    if (queue.size() > 1)
        return; // already asked about this certificate
    emit trustDecisionNeeded();
    QPointer<ServerConnection> self(this);
    m_decider->decide(details, [self, key, details](bool trust) {
        if (self)
            self->decided(key, details, trust);
    });
}

void ServerConnection::decided(const QString &key, const CertificateDetails &details, bool trust)
{
    const QList<QPointer<ApiJob>> jobs = m_waiting.take(key);
    if (trust) {
        for (const QString &pin : details.pins())
            if (!m_pins.contains(pin))
                m_pins << pin;
        emit trustedPinsChanged(m_pins);
        if (m_state->state() == ConnectionState::State::TlsRejected)
            m_state->signIn();
        for (const auto &job : jobs)
            if (job)
                job->restart();
        return;
    }
    const QString why = tr("the certificate of %1 was not trusted").arg(details.host);
    m_state->noteTlsRejected(why);
    for (const auto &job : jobs)
        if (job)
            job->failTls(why);
}

void ServerConnection::noteOutcome(const ApiFailure *failure)
{
    if (failure)
        m_state->noteFailure(*failure);
    else
        m_state->noteSuccess();
}

} // namespace creditdesk
