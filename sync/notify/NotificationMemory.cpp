#include "NotificationMemory.h"

#include "AccountCache.h"

namespace creditdesk {

NotificationMemory::NotificationMemory(AccountCache *cache)
    : m_cache(cache)
{
    if (m_cache && m_cache->isOpen()) {
        const QStringList keys = m_cache->notifiedKeys();
        m_keys = QSet<QString>(keys.cbegin(), keys.cend());
    }
}

void NotificationMemory::remember(const QString &key, TimePoint at)
{
    if (m_keys.contains(key))
        return;
    m_keys.insert(key);
    // A write that fails (full disk) still keeps the key for this run: shown once per run at
    // worst, never in a loop.
    if (m_cache && m_cache->isOpen())
        m_cache->addNotified(key, at);
}

void NotificationMemory::forget(const QString &key)
{
    if (!m_keys.remove(key))
        return;
    if (m_cache && m_cache->isOpen())
        m_cache->removeNotified(key);
}

} // namespace creditdesk
