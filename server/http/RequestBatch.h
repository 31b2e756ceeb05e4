#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

namespace creditdesk {

class HttpConnection;
class HttpHandler;

// The requests that arrived together: connections whose request the handler lets wait
// (HttpHandler::waitsForBatch) park here once its head is read. When the event loop has read
// every connection that was ready (a queued call after them), run() shows the handler all
// their heads at once (HttpHandler::prepare: one database round trip for all of them, not one
// each), then lets each connection go on in the order they came, then tells the handler the
// batch is done. A connection parked during run() (the next request a client pipelined) waits
// for the next batch. A connection gone meanwhile is skipped. Costs a request no more than
// the rest of the loop turn it arrived in.
class RequestBatch : public QObject
{
    Q_OBJECT
public:
    explicit RequestBatch(HttpHandler &handler, QObject *parent = nullptr);

    void park(HttpConnection *connection);
    // Batches run, and the requests they held (for the figures in tests and benchmarks).
    qint64 batches() const { return m_batches; }
    qint64 requests() const { return m_requests; }

private:
    void run();

    HttpHandler &m_handler;
    QList<QPointer<HttpConnection>> m_parked;
    qint64 m_batches = 0;
    qint64 m_requests = 0;
};

} // namespace creditdesk
