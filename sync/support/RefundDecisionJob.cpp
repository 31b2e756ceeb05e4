#include "RefundDecisionJob.h"

#include "ServerConnection.h"
#include "SupportJson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace creditdesk {

RefundDecisionJob::RefundDecisionJob(ServerConnection *connection, QString requestId,
                                     Verdict verdict, QString text)
    : ApiJob(connection)
    , m_request(std::move(requestId))
    , m_verdict(verdict)
    , m_text(std::move(text))
{}

QNetworkReply *RefundDecisionJob::send(QNetworkAccessManager &manager)
{
    const bool approve = m_verdict == Verdict::Approve;
    QNetworkRequest r = connection()->request(
        QStringLiteral("/v1/refund-requests/%1/%2")
            .arg(QString::fromLatin1(QUrl::toPercentEncoding(m_request)),
                 approve ? QStringLiteral("approve") : QStringLiteral("decline")),
        {});
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QJsonObject body;
    if (!approve)
        body.insert(QStringLiteral("reason"), m_text);
    else if (!m_text.isEmpty())
        body.insert(QStringLiteral("note"), m_text);
    return manager.post(r, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void RefundDecisionJob::answer(int, const QByteArray &body, QNetworkReply &)
{
    QString error;
    auto decision = SupportJson::decision(QJsonDocument::fromJson(body).object(), &error);
    if (!decision) {
        fail(ApiFailure::malformed(error));
        return;
    }
    succeeded();
    emit finished(*decision);
}

void RefundDecisionJob::deliverFailure(const ApiFailure &failure)
{
    // Decided by somebody else first: a result of its own, with who and when, not an error.
    if (failure.httpStatus == 409 && failure.errorCode == u"refund_request_closed") {
        QString error;
        const auto request = SupportJson::queuedRefund(
            failure.errorDetails.value(QLatin1String("refund_request")).toObject(), &error);
        if (request) {
            emit finished(RefundAlreadyDecided{*request, failure.errorMessage});
            return;
        }
    }
    emit finished(failure);
}

} // namespace creditdesk
