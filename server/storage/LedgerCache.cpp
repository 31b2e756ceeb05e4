#include "LedgerCache.h"

#include "LedgerStore.h"

#include <tuple>

namespace creditdesk {

AccountLedger *LedgerCache::find(const QString &accountId, qint64 *pendingPurchases)
{
    qint64 count = -1;
    if (pendingPurchases)
        std::tie(count, *pendingPurchases) = m_store.eventAndPendingCounts(accountId);
    else
        count = m_store.eventCount(accountId);
    if (count < 0) {
        m_ledgers.remove(accountId);
        return nullptr;
    }
    auto it = m_ledgers.find(accountId);
    if (it != m_ledgers.end() && (*it)->eventCount() > count) {
        m_ledgers.erase(it); // ahead of the store: rebuild from it
        it = m_ledgers.end();
    }
    if (it == m_ledgers.end()) {
        const auto record = m_store.account(accountId);
        if (!record)
            return nullptr;
        it = m_ledgers.insert(accountId, std::make_shared<AccountLedger>(*record, m_presets));
    }
    AccountLedger &ledger = **it;
    if (ledger.eventCount() < count) {
        try {
            ledger.applyStored(m_store.events(accountId, ledger.eventCount()));
        } catch (...) {
            m_ledgers.remove(accountId);
            throw;
        }
    }
    return &ledger;
}

} // namespace creditdesk
