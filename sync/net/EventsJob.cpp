#include "EventsJob.h"

#include "ServerConnection.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>

#include <QUrl>
#include <QUrlQuery>
#include <memory>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#endif

namespace creditdesk {

EventsJob::EventsJob(ServerConnection *connection, QString accountId, qint64 after, int limit,
                     QByteArray etag)
    : ApiJob(connection)
    , m_account(std::move(accountId))
    , m_after(after)
    , m_limit(limit)
    , m_etag(std::move(etag))
{}

EventsJob::~EventsJob()
{
    // Aborted while its page was being parsed: the parse's result is dropped.
    if (m_parser) {
        m_parser->disconnect(this);
        m_parser->wait();
        delete m_parser;
    }
}

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
    const QByteArray etag = reply.rawHeader("ETag");
    auto parsed = std::make_shared<std::variant<EventsPage, QString>>();
    m_parser = QThread::create([body, parsed] {
#ifdef Q_OS_LINUX
        setpriority(PRIO_PROCESS, 0, 10); // this thread only: the UI thread is served first
#endif
        *parsed = EventsPage::parse(body);
    });
    m_parser->setObjectName(QStringLiteral("events-page-parser"));
    connect(m_parser, &QThread::finished, this, [this, parsed, etag] {
        m_parser->wait();
        delete m_parser;
        m_parser = nullptr;
        if (isFinished())
            return; // aborted meanwhile
        if (auto *error = std::get_if<QString>(parsed.get())) {
            fail(ApiFailure::malformed(*error));
            return;
        }
        EventsPage &page = std::get<EventsPage>(*parsed);
        page.etag = etag;
        page.after = m_after;
        succeeded();
        emit finished(page);
    });
    answerLater();
    m_parser->start();
}

} // namespace creditdesk
