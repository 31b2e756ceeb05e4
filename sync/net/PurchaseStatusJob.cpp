#include "PurchaseStatusJob.h"

#include "ApiJson.h"
#include "ServerConnection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrl>
#include <QUrlQuery>

namespace creditdesk {

PurchaseStatusJob::PurchaseStatusJob(ServerConnection *connection, QString accountId,
                                     QString purchaseId)
    : ApiJob(connection)
    , m_account(std::move(accountId))
    , m_purchase(std::move(purchaseId))
{}

QNetworkReply *PurchaseStatusJob::send(QNetworkAccessManager &manager)
{
    return manager.get(
        connection()->request(QStringLiteral("/v1/accounts/%1/purchases/%2")
                                  .arg(QString::fromLatin1(QUrl::toPercentEncoding(m_account)),
                                       QString::fromLatin1(QUrl::toPercentEncoding(m_purchase))),
                              {}));
}

void PurchaseStatusJob::answer(int, const QByteArray &body, QNetworkReply &)
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
