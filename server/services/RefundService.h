#pragma once

#include "ApiResponse.h"
#include "Caller.h"
#include "ServiceContext.h"

#include <QHash>
#include <QUrlQuery>

#include <functional>

namespace creditdesk {

class JsonWriter;

// Refund requests: a member files one on a task that was charged; support approves it (a
// `refund` event: the engine returns the charge) or declines it with a reason, once: a second
// decision is 409 naming who decided and when. Decisions are audited with the balance before
// and after. Support reads the queue across accounts with each task's detail.
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
    // A request as support sees it (QueuedRefundRequest): its member, the task's detail and
    // ledger entries, who decided it.
    void writeQueued(JsonWriter &w, const RefundRequestRecord &request, AccountLedger &ledger);
    ApiResponse decisionResponse(const RefundRequestRecord &request, AccountLedger &ledger,
                                 const QByteArray &balanceBefore, const QByteArray &balanceAfter);
    // Decides an open refund request inside its account's write transaction: `decide` gets
    // the request (still open, re-read in the transaction) and returns the response.
    ApiResponse decideOpen(const QString &requestId,
                           const std::function<ApiResponse(AccountWriter::Transaction &,
                                                           RefundRequestRecord &)> &decide);
    ServiceContext &m_ctx;
    QHash<QString, Caller> m_deciders; // token id -> who (label, role)
};

} // namespace creditdesk
