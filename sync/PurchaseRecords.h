#pragma once

#include <QList>

#include <memory>
#include <vector>

namespace creditdesk {

class AccountHistory;
class SyncedAccount;
struct PurchaseInfo;

// Every purchase a member can look back on, newest first, for the packs screen's list and its
// receipts:
//   - those the server lists or this client made (SyncedAccount::purchases: pending, failed,
//     and the ones it saw settle), as they are;
//   - every completed purchase the event history holds that is not among them: its order id
//     from the event's details (the id the server's purchase wrote), its pack and amount and
//     time from the event. The events do not carry the price paid, so the price is the
//     catalogue's for that pack (the server's policy), and none for a custom amount.
// A purchase both listed and in the history appears once, as listed. A history resumed from a
// head snapshot holds no events before it: their purchases appear once the full history is
// read (the account's changed() then).
//
// Kept between calls (one per account: SyncedAccount::allPurchases()): which events are
// purchases with an order id, up to the event count looked at. A call looks only at the
// events after that count while the history is on the same lineage (AccountHistory::lineage():
// every sync's working copy continues the shown history); a history that does not continue it
// (a sync from scratch, a policy reset, the cache's at a start) is looked at from its first
// event. The answer is the same as a look at every event; a packs refresh of a 1,000,000-event
// account no longer reads them all on the UI thread. UI thread only (nothing is locked).
class PurchaseRecords
{
public:
    QList<PurchaseInfo> of(const SyncedAccount &account);

private:
    void follow(const AccountHistory &history);

    std::shared_ptr<const void> m_lineage; // the history looked at, compared by identity
    qint64 m_looked = 0;                   // its events [0, m_looked) were looked at
    std::vector<qint64> m_purchaseEvents;  // those that are purchases with an order id
};

} // namespace creditdesk
