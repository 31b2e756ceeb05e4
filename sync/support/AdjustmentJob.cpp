#include "AdjustmentJob.h"

#include "ServerConnection.h"
#include "SupportJson.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace creditdesk {

AdjustmentJob::AdjustmentJob(ServerConnection *connection, QString accountId, AdjustmentDraft draft)
    : ApiJob(connection)
    , m_account(std::move(accountId))
    , m_draft(std::move(draft))
{}

QNetworkReply *AdjustmentJob::send(QNetworkAccessManager &manager)
{
    QNetworkRequest r =
        connection()->request(QStringLiteral("/v1/accounts/%1/adjustments")
                                  .arg(QString::fromLatin1(QUrl::toPercentEncoding(m_account))),
                              {});
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return manager.post(r, m_draft.body());
}

void AdjustmentJob::answer(int, const QByteArray &body, QNetworkReply &)
{
    QString error;
    auto outcome = SupportJson::adjustment(QJsonDocument::fromJson(body).object(), &error);
    if (!outcome) {
        fail(ApiFailure::malformed(error));
        return;
    }
    succeeded();
    emit finished(*outcome);
}

} // namespace creditdesk
