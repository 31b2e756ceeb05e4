#pragma once

#include "Answers.h"
#include "Credits.h"
#include "SyncedAccount.h"
#include "TimePoint.h"

#include <QList>
#include <QString>

#include <optional>

namespace creditdesk {

// What the notifications compare: one account at one moment, as the engine answers it —
// available credits, the plan's allotment (for percentage thresholds), the lots with their
// expiries, the refreshes that happened since an earlier moment, and the server's purchases and
// refund requests. Built from a SyncedAccount; holds no pointer into it.
struct AccountPicture
{
    struct Refresh
    {
        TimePoint at = NoTime;
        Credits amount; // granted at that moment, all refreshing kinds together
    };

    QString accountId;
    QString accountName;
    QString unit;
    TimePoint at = NoTime;
    qint64 eventCount = 0; // events held at `at`
    Credits available;
    std::optional<Credits> allotment; // the current plan's, else the recurring grants'
    QList<BucketRow> buckets;
    QList<Refresh> refreshes; // refreshes after `since` up to `at`, oldest first
    struct PurchaseEvent
    {
        QString id;   // the server's purchase id (the event's details)
        QString what; // the pack's name, or the amount
        TimePoint at = NoTime;
    };
    // The purchases the events feed brought after `previous`: a settled purchase appends one,
    // so a pending purchase that left the server's list without one failed.
    QList<PurchaseEvent> purchaseEvents;
    QList<PurchaseInfo> purchases;
    QList<RefundRequestInfo> refunds;

    // The account at `at` (a moment at or after its last event; else replayed), with the
    // refreshes and purchase events since `previous` (nullptr: none are collected).
    static AccountPicture of(const SyncedAccount &account, TimePoint at,
                             const AccountPicture *previous);
};

} // namespace creditdesk
