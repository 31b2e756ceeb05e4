#include "RefundQueueJob.h"

#include "ServerConnection.h"
#include "SupportJson.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace creditdesk {

RefundQueueJob::RefundQueueJob(ServerConnection *connection, RefundQueueFilter filter)
    : ApiJob(connection)
    , m_filter(std::move(filter))
{}

QNetworkReply *RefundQueueJob::send(QNetworkAccessManager &manager)
{
    QUrlQuery q;
    const auto add = [&](const char *key, const QString &value) {
        if (!value.isEmpty())
            q.addQueryItem(QLatin1String(key), QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    add("status", m_filter.status);
    add("account", m_filter.accountId);
    add("cursor", m_filter.cursor);
    q.addQueryItem(QStringLiteral("limit"), QString::number(m_filter.limit));
    return manager.get(connection()->request(QStringLiteral("/v1/refund-requests"), q));
}

void RefundQueueJob::answer(int, const QByteArray &body, QNetworkReply &)
{
    QString error;
    auto page = SupportJson::refundQueue(QJsonDocument::fromJson(body).object(), &error);
    if (!page) {
        fail(ApiFailure::malformed(error));
        return;
    }
    succeeded();
    emit finished(*page);
}

} // namespace creditdesk
