#include "AccountSearchJob.h"

#include "ServerConnection.h"
#include "SupportJson.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace creditdesk {

AccountSearchJob::AccountSearchJob(ServerConnection *connection, QString query, QString cursor,
                                   int limit)
    : ApiJob(connection)
    , m_query(std::move(query))
    , m_cursor(std::move(cursor))
    , m_limit(limit)
{}

QNetworkReply *AccountSearchJob::send(QNetworkAccessManager &manager)
{
    QUrlQuery q;
    if (!m_query.isEmpty())
        q.addQueryItem(QStringLiteral("q"), QString::fromLatin1(QUrl::toPercentEncoding(m_query)));
    if (!m_cursor.isEmpty())
        q.addQueryItem(QStringLiteral("cursor"),
                       QString::fromLatin1(QUrl::toPercentEncoding(m_cursor)));
    q.addQueryItem(QStringLiteral("limit"), QString::number(m_limit));
    return manager.get(connection()->request(QStringLiteral("/v1/accounts"), q));
}

void AccountSearchJob::answer(int, const QByteArray &body, QNetworkReply &)
{
    QString error;
    auto page = SupportJson::searchPage(QJsonDocument::fromJson(body).object(), &error);
    if (!page) {
        fail(ApiFailure::malformed(error));
        return;
    }
    succeeded();
    emit finished(*page);
}

} // namespace creditdesk
