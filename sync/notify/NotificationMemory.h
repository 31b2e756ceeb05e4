#pragma once

#include "TimePoint.h"

#include <QSet>
#include <QString>

namespace creditdesk {

class AccountCache;

// Which notifications an account has already had, by NotificationIntent key. The planner asks
// it before deciding and tells it after, so each event is shown at most once; the cache-backed
// memory keeps the keys in the account's SQLite file, so a restart does not show them again.
// Without a cache (a test, or a cache that would not open) the keys live for this run only.
class NotificationMemory
{
public:
    explicit NotificationMemory(AccountCache *cache = nullptr);

    bool contains(const QString &key) const { return m_keys.contains(key); }
    void remember(const QString &key, TimePoint at);
    // A threshold re-arms (the balance rose above it again): its next crossing is news.
    void forget(const QString &key);
    qsizetype size() const { return m_keys.size(); }

private:
    AccountCache *m_cache;
    QSet<QString> m_keys;
};

} // namespace creditdesk
