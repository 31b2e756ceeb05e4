#pragma once

#include "ApiResponse.h"
#include "Caller.h"
#include "HttpHandler.h"

#include <QElapsedTimer>

#include <exception>

namespace creditdesk {

class AccountService;
class PurchaseService;
class RefundService;
class TaskService;
class TokenAuthenticator;
class TokenRateLimiter;

// API v1: checks the body's size, authenticates the bearer token, picks the handler by method
// and path, and turns every refusal into {"error": {...}} with its status. Nothing it refuses
// has touched the ledger: handlers check before they write, and writes are all-or-nothing.
// preflight() does the checks that need no body (size, /v1, token) from the head alone, so
// the HTTP layer refuses those requests without reading their bodies; the route table stays
// in dispatch() only (a body of at most 64 KiB is read before an unknown route is a 404).
class ApiRouter : public HttpHandler
{
public:
    ApiRouter(TokenAuthenticator &auth, AccountService &accounts, PurchaseService &purchases,
              TaskService &tasks, RefundService &refunds);

    std::optional<ApiResponse> preflight(const HttpRequest &head) override;
    ApiResponse handle(const HttpRequest &request) override;
    // Reads of one account (GET /v1/accounts/ID/...) wait for their batch: their
    // tokens and the accounts' counts are read together (TokenAuthenticator::prefetch).
    bool waitsForBatch(const HttpRequest &head) const override;
    void prepare(const QList<const HttpRequest *> &heads) override;
    void batchDone() override;
    // Per-token request budget (429 with Retry-After beyond it); none: unlimited.
    void setRateLimiter(TokenRateLimiter *limiter);

private:
    // The caller, once the head passes the checks that need no body; throws ApiError.
    Caller admit(const HttpRequest &head);
    // The account a head reads (GET /v1/accounts/ID/...), or none.
    static QString accountRead(const HttpRequest &head);
    ApiResponse dispatch(const HttpRequest &request);
    static ApiResponse refusal(const std::exception_ptr &error);

    TokenAuthenticator &m_auth;
    AccountService &m_accounts;
    PurchaseService &m_purchases;
    TaskService &m_tasks;
    RefundService &m_refunds;
    TokenRateLimiter *m_limiter = nullptr;
    // The request whose head preflight() admitted last, and its caller (compared by address:
    // the HTTP layer hands the same request object to handle(); another connection's
    // preflight in between only costs a second token read).
    const HttpRequest *m_preflighted = nullptr;
    Caller m_preflightCaller;
    QByteArray m_preflightKey; // its Authorization header and target, to be sure
    QElapsedTimer m_monotonic;
};

} // namespace creditdesk
