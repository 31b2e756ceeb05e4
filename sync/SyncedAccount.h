#pragma once

#include "AccountHistory.h"
#include "Credits.h"
#include "PurchaseRecords.h"
#include "TimePoint.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace creditdesk {

// Price (an exact amount and an ISO 4217 currency) is the core's, from Policy.h.

// One purchase as the server reported it (the API's Purchase schema).
struct PurchaseInfo
{
    QString id;
    QString status; // pending, completed, failed
    QString pack;   // empty when bought by amount
    Credits amount;
    std::optional<Price> price;
    QString paymentMethod;
    QString failureReason;
    TimePoint createdAt = NoTime;
    TimePoint settledAt = NoTime;
};

// One refund request (the API's RefundRequest schema).
struct RefundRequestInfo
{
    QString id;
    QString task;
    QString reason;
    QString status; // open, approved, declined
    QString decision;
    TimePoint createdAt = NoTime;
    TimePoint decidedAt = NoTime;
};

// A pack on offer (GET /v1/packs), with its price where the preset knows one.
struct PackOffer
{
    QString name;
    Credits amount;
    std::optional<Price> price;
};

// How the client's own answer compares with the server's for the same events and moment.
struct Verification
{
    enum class State : quint8 { NotChecked, Verified, Mismatch };
    State state = State::NotChecked;
    TimePoint at = NoTime;  // the server's as_of that was compared
    qint64 lastSeq = 0;     // after this many events
    Credits localAvailable; // both answers, shown when they differ
    Credits serverAvailable;
    QString detail; // which field differed, in words (empty when verified)
};

// The client's copy of one account: what the dashboard, token log and packs screens show.
// Filled by EventsSync from the local cache and the server's events feed, or from a scenario
// file (read-only, no server). Every number on screen is an answer of `history`'s engine;
// nothing here computes money. Emits changed() once per sync that changed anything.
class SyncedAccount : public QObject
{
    Q_OBJECT
public:
    enum class Source : quint8 { Server, ScenarioFile };

    SyncedAccount(std::unique_ptr<AccountHistory> history, QObject *parent = nullptr)
        : QObject(parent)
        , m_history(std::move(history))
    {}

    const AccountHistory &history() const { return *m_history; }
    AccountHistory &history() { return *m_history; }
    // Returns the history it held (EventsSync frees it on its worker, after any job reading it).
    std::unique_ptr<AccountHistory> replaceHistory(std::unique_ptr<AccountHistory> history)
    {
        std::swap(m_history, history);
        return history;
    }
    // `purchases` and the completed ones of the history, newest first (PurchaseRecords: it
    // keeps what it found, so a call looks only at the events that came since the last).
    QList<PurchaseInfo> allPurchases() const { return m_purchaseRecords.of(*this); }

    Source source = Source::Server;
    QString accountId;
    QString displayName;
    QString preset;
    QString unit = QStringLiteral("credits");
    QString timezone;
    qint64 lastSeq = 0;
    QList<PurchaseInfo> purchases; // newest first: pending ones and those this client made
    QList<RefundRequestInfo> refundRequests; // newest first
    QList<PackOffer> packs;
    bool customAmount = false; // the preset sells any amount
    Credits maxAmount = Credits::whole(qint64(1000000000000));
    Verification verification;
    TimePoint serverAsOf = NoTime; // the last as_of the server sent
    qint64 serverClockOffset = 0;  // server time minus local clock, seconds
    TimePoint syncedAt = NoTime;   // local clock: the last sync the server answered (200 or 304)

signals:
    void changed();

private:
    std::unique_ptr<AccountHistory> m_history;
    mutable PurchaseRecords m_purchaseRecords; // what allPurchases() found so far
};

} // namespace creditdesk
