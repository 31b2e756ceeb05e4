#include "ApiJob.h"

#include "ApiFailure.h"
#include "CertificateDetails.h"
#include "ServerConnection.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>
#include <QTimer>

namespace creditdesk {

ApiJob::ApiJob(ServerConnection *connection)
    : QObject(connection)
    , m_connection(connection)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ApiJob::onTimeout);
}

ApiJob::~ApiJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ApiJob::start()
{
    if (m_done || m_reply)
        return;
    if (!m_connection) {
        fail(ApiFailure::network(tr("signed out")));
        return;
    }
    m_timedOut = false;
    m_waitingForTrust = false;
    ++m_sends;
    m_reply = send(m_connection->networkAccessManager());
    if (!m_reply) {
        fail(ApiFailure::network(tr("the request could not be made")));
        return;
    }
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, &ApiJob::onFinished);
    connect(reply, &QNetworkReply::sslErrors, this, &ApiJob::onSslErrors);
    const auto progressed = [this] { m_timer->start(m_timeoutMs); };
    connect(reply, &QNetworkReply::downloadProgress, this, progressed);
    connect(reply, &QNetworkReply::uploadProgress, this, progressed);
    m_timer->start(m_timeoutMs);
}

void ApiJob::restart()
{
    if (m_done)
        return;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    start();
}

void ApiJob::abort()
{
    if (m_done)
        return;
    m_aborted = true;
    if (m_reply)
        m_reply->abort(); // onFinished follows
    else
        fail(ApiFailure::network(tr("cancelled")), false);
}

void ApiJob::failTls(const QString &why)
{
    if (m_done)
        return;
    m_waitingForTrust = false;
    fail(ApiFailure::tls(why));
}

void ApiJob::onSslErrors(const QList<QSslError> &errors)
{
    auto *reply = qobject_cast<QNetworkReply *>(sender());
    if (!reply || !m_connection)
        return;
    if (m_connection->acceptPinned(reply, errors))
        return;
    // Not ignored here, so Qt closes the connection before a byte of HTTP is written; the
    // member is asked once the reply has finished.
    m_waitingForTrust = true;
    const QString host = reply->url().host();
    const auto details = CertificateDetails::describe(
        host, reply->sslConfiguration().peerCertificateChain(), errors);
    m_timer->stop();
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
    m_reply = nullptr;
    m_connection->askTrust(this, details);
}

void ApiJob::onTimeout()
{
    if (!m_reply || m_done)
        return;
    m_timedOut = true;
    m_reply->abort();
}

void ApiJob::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_done)
        return;
    m_timer->stop();
    m_reply = nullptr;
    reply->deleteLater();
    reply->disconnect(this);
    if (m_timedOut) {
        fail(ApiFailure::timeout((m_timeoutMs + 999) / 1000));
        return;
    }
    if (m_aborted) {
        fail(ApiFailure::network(tr("cancelled")), false);
        return;
    }
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttr.isValid() ? statusAttr.toInt() : 0;
    if (status == 0) {
        const auto error = reply->error();
        if (error == QNetworkReply::SslHandshakeFailedError)
            fail(ApiFailure::tls(reply->errorString()));
        else
            fail(ApiFailure::network(reply->errorString()));
        return;
    }
    const QByteArray body = reply->readAll();
    if ((status >= 200 && status < 300) || status == 304) {
        // A reply cut short after its headers (truncated body, connection reset).
        if (reply->error() != QNetworkReply::NoError) {
            fail(ApiFailure::network(reply->errorString()));
            return;
        }
        answer(status, body, *reply);
        if (!m_done && !m_answerPending)
            fail(ApiFailure::malformed(tr("no result")));
        return;
    }
    fail(ApiFailure::fromHttp(status, body, reply->rawHeader("Retry-After")));
}

void ApiJob::succeeded()
{
    if (m_done)
        return;
    if (m_connection)
        m_connection->noteOutcome(nullptr);
    finish();
}

void ApiJob::fail(const ApiFailure &failure, bool noteState)
{
    if (m_done)
        return;
    if (m_connection && noteState)
        m_connection->noteOutcome(&failure);
    m_done = true; // before delivering: a slot may restart nothing on this job
    deliverFailure(failure);
    finish();
}

void ApiJob::finish()
{
    m_done = true;
    m_timer->stop();
    deleteLater();
}

} // namespace creditdesk
