#pragma once

#include "ApiResponse.h"

#include <QList>

#include <optional>

namespace creditdesk {

struct HttpRequest;

// What answers requests for the HTTP layer, in two steps so a request can be refused before
// its body is read: preflight() sees the head only (the body is empty) and either refuses it
// (401, 404, 413...) or lets it through; handle() then sees the whole request. Neither ever
// throws; both run on the server's one thread.
class HttpHandler
{
public:
    virtual ~HttpHandler() = default;

    virtual std::optional<ApiResponse> preflight(const HttpRequest &head) = 0;
    virtual ApiResponse handle(const HttpRequest &request) = 0;

    // Batches (RequestBatch): a request without a body for which this says yes waits, once its
    // head is read, until the event loop has read every connection that was ready; prepare()
    // then sees all the heads that waited, once, before each is preflighted and handled in
    // turn, so what they need from the database can be read in one round trip. batchDone()
    // follows the last of them: what prepare() read must not serve a later request. None of
    // them throws. By default nothing waits.
    virtual bool waitsForBatch(const HttpRequest &head) const
    {
        Q_UNUSED(head);
        return false;
    }
    virtual void prepare(const QList<const HttpRequest *> &heads) { Q_UNUSED(heads); }
    virtual void batchDone() {}
};

} // namespace creditdesk
