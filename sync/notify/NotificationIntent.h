#pragma once

#include "TimePoint.h"

#include <QString>

namespace creditdesk {

// One thing worth telling the member about an account, decided by NotificationPlanner: what
// kind of news it is, the key that makes it "at most once" (remembered across runs), and the
// words to show. Whoever displays it (the tray's showMessage) adds nothing and decides nothing.
struct NotificationIntent
{
    enum class Kind : quint8 {
        LowBalance,  // available credits crossed a threshold the member set
        Refreshed,   // credits refreshed (a new plan cycle or a recurring grant)
        ExpiringLot, // a lot expires unused within a day
        PurchaseSettled,
        PurchaseFailed,
        RefundDecided,
    };

    Kind kind = Kind::LowBalance;
    QString key;       // unique per event within one account
    QString accountId; // whose account
    QString title;
    QString message;
    bool warning = false;  // shown with the warning icon
    TimePoint at = NoTime; // the account moment it was decided at (server time)
};

} // namespace creditdesk
