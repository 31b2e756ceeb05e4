#include "RequestBatch.h"

#include "HttpConnection.h"
#include "HttpHandler.h"

#include <utility>

namespace creditdesk {

RequestBatch::RequestBatch(HttpHandler &handler, QObject *parent)
    : QObject(parent)
    , m_handler(handler)
{}

void RequestBatch::park(HttpConnection *connection)
{
    // The first of a batch schedules its run: queued, so it comes after the socket
    // notifications of this turn of the event loop (the other requests that arrived with it).
    if (m_parked.isEmpty())
        QMetaObject::invokeMethod(this, &RequestBatch::run, Qt::QueuedConnection);
    m_parked.append(connection);
}

void RequestBatch::run()
{
    const QList<QPointer<HttpConnection>> parked = std::exchange(m_parked, {});
    QList<const HttpRequest *> heads;
    heads.reserve(parked.size());
    for (const QPointer<HttpConnection> &connection : parked)
        if (connection && connection->isParked())
            heads.append(&connection->parkedHead());
    if (heads.isEmpty())
        return;
    ++m_batches;
    m_requests += heads.size();
    m_handler.prepare(heads);
    for (const QPointer<HttpConnection> &connection : parked)
        if (connection && connection->isParked())
            connection->resumeParked();
    m_handler.batchDone();
}

} // namespace creditdesk
