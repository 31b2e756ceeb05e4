#include "RefundRequestJob.h"

#include "ApiJson.h"
#include "ServerConnection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrl>
#include <QUrlQuery>

namespace creditdesk {

RefundRequestJob::RefundRequestJob(ServerConnection *connection, QString accountId, QString task,
                                   QString reason)
    : ApiJob(connection)
    , m_account(std::move(accountId))
    , m_task(std::move(task))
    , m_reason(std::move(reason))
{}

QNetworkReply *RefundRequestJob::send(QNetworkAccessManager &manager)
{
    QNetworkRequest r =
        connection()->request(QStringLiteral("/v1/accounts/%1/refund-requests")
                                  .arg(QString::fromLatin1(QUrl::toPercentEncoding(m_account))),
                              {});
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QJsonObject body{{QStringLiteral("task"), m_task}};
    if (!m_reason.isEmpty())
        body.insert(QStringLiteral("reason"), m_reason);
    return manager.post(r, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void RefundRequestJob::answer(int, const QByteArray &body, QNetworkReply &)
{
    QString error;
    auto r = ApiJson::refundRequest(QJsonDocument::fromJson(body).object(), &error);
    if (!r) {
        fail(ApiFailure::malformed(error));
        return;
    }
    succeeded();
    emit finished(*r);
}

} // namespace creditdesk
