#pragma once

#include "Answers.h"
#include "Credits.h"
#include "Policy.h"
#include "TimePoint.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace creditdesk {

// What the support endpoints answer (docs/api/openapi.yaml, tag `support`), as plain values
// read strictly by SupportJson. Times are instants (the server writes them in the member's
// zone; SyncedAccount/AccountZone format them back); amounts are exact Credits.

// One search hit (AccountMatch).
struct AccountMatch
{
    QString id;
    QString name;
    QString email; // empty when the account has none
    QString preset;
    QString timezone;
};

// One page of GET /v1/accounts?q= (AccountSearchPage). `nextCursor` empty on the last page.
struct AccountSearchPage
{
    QList<AccountMatch> accounts;
    QString nextCursor;
};

// GET /v1/accounts/{id} (AccountProfile).
struct AccountProfile
{
    QString id;
    QString name;
    QString email;
    QString preset;
    QString timezone;
    TimePoint createdAt = NoTime;
    QString plan; // empty: no plan
    QString unit;
};

// Who made a decision (Decider): the token's id, its label (the agent's name) and role.
struct Decider
{
    QString tokenId;
    QString label;
    QString role;
};

// A completed purchase's receipt (Receipt).
struct ReceiptInfo
{
    QString number;
    TimePoint issuedAt = NoTime;
    Credits amount;
    std::optional<Price> price;
    QString paymentMethod;
    qint64 eventSeq = 0; // the purchase event in the events feed
};

// A purchase as support sees it: payment state, when it settled, why it failed, its receipt.
struct SupportPurchase
{
    QString id;
    QString accountId;
    QString status; // pending, completed, failed
    QString pack;   // empty when bought by amount
    Credits amount;
    std::optional<Price> price;
    QString paymentMethod;
    TimePoint createdAt = NoTime;
    TimePoint settledAt = NoTime; // completed or failed when; NoTime while pending
    QString failureReason;
    std::optional<ReceiptInfo> receipt; // completed only
};

// One ledger entry as the API writes it (LedgerEntry), for a task's detail.
struct LedgerLine
{
    QString id;
    TimePoint at = NoTime;
    QString type;   // grant, refresh, purchase, reserve, charge, release, refund, debit…
    QString bucket; // empty when none
    QString task;
    Credits amount;
    Credits balanceAfter;
    QString reason;
};

// The task behind a refund request (TaskDetail).
struct TaskDetail
{
    QString feature;
    QString outcome;
    TimePoint startedAt = NoTime;
    TimePoint endedAt = NoTime;
    Credits charged;
    QList<LedgerLine> entries;
};

// One request of the refund queue (QueuedRefundRequest).
struct QueuedRefund
{
    QString id;
    QString accountId;
    QString accountName;
    QString task;
    QString reason; // the member's
    QString status; // open, approved, declined
    TimePoint createdAt = NoTime;
    TimePoint decidedAt = NoTime;
    std::optional<Decider> decidedBy;
    QString decision; // support's note (approve) or reason (decline)
    std::optional<Credits> refunded;
    TaskDetail taskDetail;
};

struct RefundQueuePage
{
    QList<QueuedRefund> requests;
    QString nextCursor;
};

// The answer to approve/decline (RefundDecision): the decided request and the balances.
struct RefundDecision
{
    QueuedRefund request;
    BalanceAnswer balanceBefore;
    BalanceAnswer balanceAfter;
};

// 409 refund_request_closed: somebody decided it first; `request` says who, when and how.
struct RefundAlreadyDecided
{
    QueuedRefund request;
    QString message; // the server's sentence naming them
};

// The answer to an adjustment (AdjustmentResult); `id` empty for a dry run.
struct AdjustmentOutcome
{
    QString id;
    QString accountId;
    QString type; // grant, debit
    Credits amount;
    QString reason;
    TimePoint at = NoTime;
    TimePoint expiresAt = NoTime;
    Decider decidedBy;
    BalanceAnswer balanceBefore;
    BalanceAnswer balanceAfter;
    bool dryRun = false;
};

// One audit trail row (AuditEntry).
struct AuditRow
{
    QString id;
    TimePoint at = NoTime;
    QString accountId;
    QString actor;
    QString actorLabel;
    QString role;
    QString action;
    QString reason;
    std::optional<BalanceAnswer> balanceBefore;
    std::optional<BalanceAnswer> balanceAfter;
    QJsonObject detail;
};

struct AuditPage
{
    QList<AuditRow> rows;
    QString nextCursor;
};

} // namespace creditdesk
