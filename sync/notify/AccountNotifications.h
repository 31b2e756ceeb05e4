#pragma once

#include "AccountPicture.h"
#include "EventsSync.h"
#include "NotificationIntent.h"
#include "NotificationMemory.h"
#include "NotificationPlanner.h"

#include <QObject>

#include <optional>

namespace creditdesk {

class AccountCache;

// Runs one account's NotificationPlanner at every sync: the baseline is the account as of the
// last sync of the previous run (what the cache holds, at its server as_of), taken when this
// object is made; each successful sync is compared with the one before and the planner's
// intents are emitted (intent()). The memory of what was shown lives in the account's cache.
// An account with no cache yet gets its baseline from its first sync, which notifies nothing.
class AccountNotifications : public QObject
{
    Q_OBJECT
public:
    // Make it after EventsSync::loadFromCache() and before the first sync().
    AccountNotifications(EventsSync &sync, AccountCache *cache, QObject *parent = nullptr);

    void setSettings(const NotificationPlanner::Settings &settings);
    const NotificationPlanner &planner() const { return m_planner; }
    // The moment the next comparison starts from (NoTime: no baseline yet).
    TimePoint baselineAt() const { return m_before ? m_before->at : NoTime; }

signals:
    void intent(const creditdesk::NotificationIntent &intent);

private:
    void onSynced(const EventsSync::Report &report);

    EventsSync &m_sync;
    NotificationMemory m_memory;
    NotificationPlanner m_planner;
    std::optional<AccountPicture> m_before;
};

} // namespace creditdesk
