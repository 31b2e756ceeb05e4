#pragma once

#include "Answers.h"
#include "SyncedAccount.h"
#include "TimePoint.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <variant>
#include <vector>

namespace creditdesk {

// One event of the feed as it came: its seq, the event's JSON text exactly as the server sent
// it (a scenario-format event, stored in the cache as is), the server's details object.
struct FeedEvent
{
    qint64 seq = 0;
    TimePoint at = NoTime;
    QByteArray body;
    QByteArray details; // "{}" when none
};

// One page of GET /v1/accounts/{id}/events (docs/client.md, "The events feed"), read with the
// core's JSON DOM so that a 10,000-event page is not copied into QJsonValues: each event's
// text is a slice of the body. parse() checks every field the client relies on; anything
// missing or mistyped makes the whole page Malformed (and nothing of it is used).
struct EventsPage
{
    bool notModified = false; // 304: nothing changed since `etag`
    QByteArray etag;
    qint64 after = 0; // what was asked for
    QString accountId;
    QString accountName;
    QString preset;
    QString unit;
    QString timezone;
    QByteArray policyJson; // the policy object's text
    QString policyHash;
    std::vector<FeedEvent> events;
    qint64 lastSeq = 0;
    bool hasMore = false;
    TimePoint asOf = NoTime;
    BalanceAnswer balance;
    QList<PurchaseInfo> pendingPurchases;
    QList<RefundRequestInfo> refundRequests;
    // The texts of those three, as sent: the cache keeps them to re-check and show offline.
    QByteArray balanceJson;
    QByteArray pendingJson;
    QByteArray refundsJson;

    static std::variant<EventsPage, QString> parse(const QByteArray &body);
};

} // namespace creditdesk
