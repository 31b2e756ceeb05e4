#pragma once

#include "AccountPicture.h"
#include "Credits.h"
#include "NotificationIntent.h"

#include <QList>

#include <optional>

namespace creditdesk {

class NotificationMemory;

// Decides what to tell the member about one account, and when (issue 8): given the account
// as it stood after the previous sync (`before`) and after this one (`after`), it returns the
// intents for what happened in between, each at most once (its key goes to the
// NotificationMemory):
//
//   LowBalance   available fell from above a threshold to at or below it (the lowest one
//                crossed wins the wording); the threshold re-arms once available is above it
//                again. Thresholds: percentages of the plan's allotment (default 20 % and
//                5 %), or absolute amounts.
//   Refreshed    a refresh (plan cycle, recurring grant; not the daily free credits) happened
//                after `before`.
//   ExpiringLot  a lot with credits left expires within a day, and "a day before" passed after
//                `before` (not daily free credits: they always expire the same day).
//   Purchase…    a purchase settled (completed or failed) after `before`, or was pending then.
//   RefundDecided a refund request was approved or declined after `before`, or was open then.
//
// Nothing is decided without a `before`: the first sync of a new account (or the first after
// its cache was lost) only sets the baseline, so old events never notify. Each kind can be
// switched off; a switched-off kind still records nothing, so switching it on later does not
// replay the past (its events are older than `before` by then). Qt Core only; no clock read.
class NotificationPlanner
{
public:
    struct Settings
    {
        bool lowBalance = true;
        bool refreshed = true;
        bool expiringLot = true;
        bool purchase = true;
        bool refund = true;
        bool absoluteThresholds = false;
        QList<int> percents{20, 5}; // of the allotment
        QList<Credits> amounts{Credits::whole(100), Credits::whole(20)};
    };

    explicit NotificationPlanner(NotificationMemory &memory);

    void setSettings(const Settings &settings) { m_settings = settings; }
    const Settings &settings() const { return m_settings; }

    // The thresholds that apply to an account with `allotment`, highest first (empty:
    // percentages without an allotment to take them of).
    static QList<Credits> thresholds(const Settings &settings, std::optional<Credits> allotment);

    QList<NotificationIntent> plan(const AccountPicture &before, const AccountPicture &after);

private:
    void planLowBalance(const AccountPicture &before, const AccountPicture &after,
                        QList<NotificationIntent> *out);
    void planRefreshes(const AccountPicture &before, const AccountPicture &after,
                       QList<NotificationIntent> *out);
    void planExpiries(const AccountPicture &before, const AccountPicture &after,
                      QList<NotificationIntent> *out);
    void planPurchases(const AccountPicture &before, const AccountPicture &after,
                       QList<NotificationIntent> *out);
    void planRefunds(const AccountPicture &before, const AccountPicture &after,
                     QList<NotificationIntent> *out);
    // Adds the intent unless its key was already used; remembers it.
    void emitOnce(NotificationIntent intent, const AccountPicture &after,
                  QList<NotificationIntent> *out);

    NotificationMemory &m_memory;
    Settings m_settings;
};

} // namespace creditdesk
