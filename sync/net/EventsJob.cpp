#include "EventsJob.h"

#include "ServerConnection.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrl>
#include <QUrlQuery>

namespace creditdesk {

EventsJob::EventsJob(ServerConnection *connection, QString accountId, qint64 after, int limit,
                     QByteArray etag)
    : ApiJob(connection)
    , m_account(std::move(accountId))
    , m_after(after)
    , m_limit(limit)
    , m_etag(std::move(etag))
{}

QNetworkReply *EventsJob::send(QNetworkAccessManager &manager)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("after"), QString::number(m_after));
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_limit));
    QNetworkRequest r =
        connection()->request(QStringLiteral("/v1/accounts/%1/events")
                                  .arg(QString::fromLatin1(QUrl::toPercentEncoding(m_account))),
                              query);
    if (!m_etag.isEmpty())
        r.setRawHeader("If-None-Match", m_etag);
    return manager.get(r);
}

void EventsJob::answer(int status, const QByteArray &body, QNetworkReply &reply)
{
    if (status == 304) {
        EventsPage page;
        page.notModified = true;
        page.etag = m_etag;
        page.after = m_after;
        succeeded();
        emit finished(page);
        return;
    }
    auto parsed = EventsPage::parse(body);
    if (auto *error = std::get_if<QString>(&parsed)) {
        fail(ApiFailure::malformed(*error));
        return;
    }
    EventsPage &page = std::get<EventsPage>(parsed);
    page.etag = reply.rawHeader("ETag");
    page.after = m_after;
    succeeded();
    emit finished(page);
}

} // namespace creditdesk
