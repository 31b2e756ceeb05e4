#include "AccountNotifications.h"

namespace creditdesk {

AccountNotifications::AccountNotifications(EventsSync &sync, AccountCache *cache, QObject *parent)
    : QObject(parent)
    , m_sync(sync)
    , m_memory(cache)
    , m_planner(m_memory)
{
    if (const SyncedAccount *a = sync.account(); a && a->serverAsOf != NoTime)
        m_before = AccountPicture::of(*a, a->serverAsOf, nullptr);
    connect(&sync, &EventsSync::finished, this, &AccountNotifications::onSynced);
}

void AccountNotifications::setSettings(const NotificationPlanner::Settings &settings)
{
    m_planner.setSettings(settings);
}

void AccountNotifications::onSynced(const EventsSync::Report &report)
{
    const SyncedAccount *account = m_sync.account();
    if (report.outcome == EventsSync::Report::Outcome::Failed || !account ||
        account->serverAsOf == NoTime)
        return;
    if (m_before && account->serverAsOf < m_before->at)
        return; // a server clock that went back: wait until it passes the baseline again
    AccountPicture after =
        AccountPicture::of(*account, account->serverAsOf, m_before ? &*m_before : nullptr);
    if (m_before) {
        const QList<NotificationIntent> intents = m_planner.plan(*m_before, after);
        for (const NotificationIntent &n : intents)
            emit intent(n);
    }
    m_before = std::move(after);
}

} // namespace creditdesk
