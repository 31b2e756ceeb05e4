#pragma once

#include "ApiResponse.h"
#include "Caller.h"
#include "ServiceContext.h"

#include <QUrlQuery>

#include <functional>

namespace creditdesk {

// Refund requests: a member files one on a task that was charged; support approves it (a
// `refund` event: the engine returns the charge) or declines it with a reason. Audited.
class RefundService
{
public:
    explicit RefundService(ServiceContext &context)
        : m_ctx(context)
    {}

    ApiResponse file(const Caller &caller, const QString &accountId, const QByteArray &body);
    ApiResponse listForAccount(const Caller &caller, const QString &accountId,
                               const QUrlQuery &query);
    ApiResponse queue(const Caller &caller, const QUrlQuery &query);
    ApiResponse approve(const Caller &caller, const QString &requestId, const QByteArray &body);
    ApiResponse decline(const Caller &caller, const QString &requestId, const QByteArray &body);

private:
    ApiResponse list(const QString &accountId, const QUrlQuery &query);
    // Decides an open refund request inside its account's write transaction: `decide` gets
    // the request (still open, re-read in the transaction) and returns the response.
    ApiResponse decideOpen(const QString &requestId,
                           const std::function<ApiResponse(AccountWriter::Transaction &,
                                                           RefundRequestRecord &)> &decide);
    ServiceContext &m_ctx;
};

} // namespace creditdesk
