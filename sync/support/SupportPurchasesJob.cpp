#include "SupportPurchasesJob.h"

#include "ServerConnection.h"
#include "SupportJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace creditdesk {

SupportPurchasesJob::SupportPurchasesJob(ServerConnection *connection, QString accountId,
                                         QString status, int limit)
    : ApiJob(connection)
    , m_account(std::move(accountId))
    , m_status(std::move(status))
    , m_limit(limit)
{}

QNetworkReply *SupportPurchasesJob::send(QNetworkAccessManager &manager)
{
    QUrlQuery q;
    if (!m_status.isEmpty())
        q.addQueryItem(QStringLiteral("status"), m_status);
    q.addQueryItem(QStringLiteral("limit"), QString::number(m_limit));
    return manager.get(
        connection()->request(QStringLiteral("/v1/accounts/%1/purchases")
                                  .arg(QString::fromLatin1(QUrl::toPercentEncoding(m_account))),
                              q));
}

void SupportPurchasesJob::answer(int, const QByteArray &body, QNetworkReply &)
{
    const QJsonValue list =
        QJsonDocument::fromJson(body).object().value(QLatin1String("purchases"));
    if (!list.isArray()) {
        fail(ApiFailure::malformed(QStringLiteral("purchases")));
        return;
    }
    QList<SupportPurchase> out;
    QString error;
    for (const QJsonValue &v : list.toArray()) {
        auto p = SupportJson::purchase(v.toObject(), &error);
        if (!p) {
            fail(ApiFailure::malformed(error));
            return;
        }
        out.append(*p);
    }
    succeeded();
    emit finished(out);
}

} // namespace creditdesk
