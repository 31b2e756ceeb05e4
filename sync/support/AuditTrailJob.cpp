#include "AuditTrailJob.h"

#include "ServerConnection.h"
#include "SupportJson.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace creditdesk {

AuditTrailJob::AuditTrailJob(ServerConnection *connection, AuditFilter filter)
    : ApiJob(connection)
    , m_filter(std::move(filter))
{}

QNetworkReply *AuditTrailJob::send(QNetworkAccessManager &manager)
{
    QUrlQuery q;
    const auto add = [&](const char *key, const QString &value) {
        if (!value.isEmpty())
            q.addQueryItem(QLatin1String(key), QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    add("action", m_filter.action);
    add("cursor", m_filter.cursor);
    q.addQueryItem(QStringLiteral("limit"), QString::number(m_filter.limit));
    const QString path =
        m_filter.accountId.isEmpty()
            ? QStringLiteral("/v1/audit")
            : QStringLiteral("/v1/accounts/%1/audit")
                  .arg(QString::fromLatin1(QUrl::toPercentEncoding(m_filter.accountId)));
    return manager.get(connection()->request(path, q));
}

void AuditTrailJob::answer(int, const QByteArray &body, QNetworkReply &)
{
    QString error;
    auto page = SupportJson::auditPage(QJsonDocument::fromJson(body).object(), &error);
    if (!page) {
        fail(ApiFailure::malformed(error));
        return;
    }
    succeeded();
    emit finished(*page);
}

} // namespace creditdesk
