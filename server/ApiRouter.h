#pragma once

#include "ApiResponse.h"

class QHttpServerRequest;

namespace creditdesk {

class AccountService;
class PurchaseService;
class RefundService;
class TaskService;
class TokenAuthenticator;

// API v1: checks the body's size, authenticates the bearer token, picks the handler by method
// and path, and turns every refusal into {"error": {...}} with its status. Nothing it refuses
// has touched the ledger: handlers check before they write, and writes are all-or-nothing.
class ApiRouter
{
public:
    ApiRouter(TokenAuthenticator &auth, AccountService &accounts, PurchaseService &purchases,
              TaskService &tasks, RefundService &refunds);

    ApiResponse handle(const QHttpServerRequest &request);

private:
    ApiResponse dispatch(const QHttpServerRequest &request);

    TokenAuthenticator &m_auth;
    AccountService &m_accounts;
    PurchaseService &m_purchases;
    TaskService &m_tasks;
    RefundService &m_refunds;
};

} // namespace creditdesk
