#pragma once

#include "ApiFailure.h"
#include "ApiJob.h"
#include "EventsPage.h"

#include <variant>

class QThread;

namespace creditdesk {

// GET /v1/accounts/{id}/events?after=&limit= with If-None-Match: one page of the events feed
// (or notModified on 304). A page's body (a 5,000-event page is megabytes) is parsed on a
// worker thread, so the UI thread never waits for it; finished comes back on the job's thread.
class EventsJob : public ApiJob
{
    Q_OBJECT
public:
    using Result = std::variant<EventsPage, ApiFailure>;
    EventsJob(ServerConnection *connection, QString accountId, qint64 after, int limit,
              QByteArray etag = {});
    ~EventsJob() override;

signals:
    void finished(const creditdesk::EventsJob::Result &result);

protected:
    QNetworkReply *send(QNetworkAccessManager &manager) override;
    void answer(int status, const QByteArray &body, QNetworkReply &reply) override;
    void deliverFailure(const ApiFailure &failure) override { emit finished(failure); }

private:
    QString m_account;
    qint64 m_after;
    int m_limit;
    QByteArray m_etag;
    QThread *m_parser = nullptr; // parsing the body; waited for if the job goes first
};

} // namespace creditdesk
