#pragma once

#include "Policy.h"
#include "TimePoint.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace creditdesk {

// Rows of the server's database, as plain values. LedgerStore reads and writes them; the
// credit rules never look at them (balances come from the engine fed with the events).

struct AccountRecord
{
    QString id;
    QString displayName;
    QString preset;
    QString timezone;
    TimePoint createdAt = 0;
    qint64 eventCount = 0;
    QString email; // empty: none
};

// One page of an account search and where the next one starts (empty: the last page).
struct AccountSearchResult
{
    QList<AccountRecord> accounts;
    QString nextCursor;
};

struct StoredEvent
{
    qint64 seq = 0; // 1, 2, 3... per account: the engine's input order
    TimePoint at = 0;
    QByteArray body; // the event as a scenario-format JSON object
    QByteArray note; // server annotation as a JSON object ({"reason": ...}), or empty
};

// An account's engine as it stood after its first `eventCount` events (CreditEngine::snapshot,
// format 2), so a cold account resumes from it plus the newer events instead of replaying them
// all. Never trusted for proof: `verify` replays the events.
struct StoredSnapshot
{
    qint64 eventCount = 0;
    TimePoint lastEventAt = 0; // the latest event time among those eventCount events
    qint64 format = 0;         // AccountLedger::SnapshotFormat when written
    QString policyHash;        // AccountLedger::policyHash() of the policy it ran under
    TimePoint takenAt = 0;
    QByteArray body; // the engine snapshot, compact JSON
};

// What a request about one account read with its token besides the counts
// (LedgerStore::tokenWithCounts), so that a cold account costs one round trip, not three: the
// account's row when this process kept no engine of it, and its events after `eventsAfter`
// (all of them up to the count read) when there were few enough (`eventsRead`).
struct AccountReadAhead
{
    std::optional<AccountRecord> account;
    qint64 eventsAfter = 0;
    bool eventsRead = false;
    QList<StoredEvent> events;
};

struct TokenRecord
{
    QString id;
    QString role; // "member" or "support"
    QString accountId;
    QString label;
    TimePoint createdAt = 0;
    TimePoint expiresAt = 0;  // 0: never
    TimePoint revokedAt = 0;  // 0: not revoked
    TimePoint lastUsedAt = 0; // 0: never used (written at most once a minute)
};

struct IdempotencyRecord
{
    QByteArray requestHash;
    int status = 0;
    QByteArray response;
};

struct PurchaseRecord
{
    QString id;
    QString accountId;
    QString pack; // empty when bought by amount
    qint64 amountMilli = 0;
    QString status; // pending, completed, failed
    QString failureReason;
    QString paymentMethod;
    QString idempotencyKey;
    TimePoint createdAt = 0;
    TimePoint settledAt = 0;    // 0 while pending
    qint64 eventSeq = 0;        // the purchase event, once completed
    std::optional<Price> price; // what the pack cost when bought; none by amount or unpriced
};

// An idempotency key as stored, with the account and key it belongs to (for verify).
struct StoredIdempotency
{
    QString key;
    IdempotencyRecord record;
};

struct TaskRecord
{
    QString accountId;
    QString taskId;
    QString state; // open, rejected, ended
    QString feature;
    TimePoint startedAt = 0;
    TimePoint endedAt = 0;
    QString outcome;
};

struct RefundRequestRecord
{
    QString id;
    QString accountId;
    QString taskId;
    QString reason;
    QString status; // open, approved, declined
    TimePoint createdAt = 0;
    QString createdBy; // token id
    TimePoint decidedAt = 0;
    QString decidedBy;
    QString decision; // support's note
    qint64 eventSeq = 0;
};

struct AuditRecord
{
    QString id;
    TimePoint at = 0;
    QString actor;      // token id, or "admin" for the command line
    QString actorLabel; // the token's label (the agent's name); the actor itself otherwise
    QString role;
    QString action;
    QString accountId;
    QByteArray detail; // JSON object
};

} // namespace creditdesk
