#include "PurchaseJob.h"

#include "ApiJson.h"
#include "ServerConnection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrl>
#include <QUrlQuery>

namespace creditdesk {

PurchaseJob::PurchaseJob(ServerConnection *connection, QString accountId, QByteArray idempotencyKey,
                         QByteArray body)
    : ApiJob(connection)
    , m_account(std::move(accountId))
    , m_key(std::move(idempotencyKey))
    , m_body(std::move(body))
{}

QNetworkReply *PurchaseJob::send(QNetworkAccessManager &manager)
{
    QNetworkRequest r =
        connection()->request(QStringLiteral("/v1/accounts/%1/purchases")
                                  .arg(QString::fromLatin1(QUrl::toPercentEncoding(m_account))),
                              {});
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    r.setRawHeader("Idempotency-Key", m_key);
    return manager.post(r, m_body);
}

void PurchaseJob::answer(int, const QByteArray &body, QNetworkReply &)
{
    QString error;
    auto p = ApiJson::purchase(QJsonDocument::fromJson(body).object(), &error);
    if (!p) {
        fail(ApiFailure::malformed(error));
        return;
    }
    succeeded();
    emit finished(*p);
}

} // namespace creditdesk
