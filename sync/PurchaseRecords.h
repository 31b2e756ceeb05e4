#pragma once

#include "SyncedAccount.h"

namespace creditdesk {

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
class PurchaseRecords
{
public:
    static QList<PurchaseInfo> of(const SyncedAccount &account);
};

} // namespace creditdesk
