#pragma once

#include "ApiResponse.h"

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
};

} // namespace creditdesk
