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
        forget(accountId);
        return nullptr;
    }
    auto it = m_ledgers.find(accountId);
    if (it != m_ledgers.end() && it->ledger->eventCount() > count) {
        forget(accountId); // ahead of the store: rebuild from it
        it = m_ledgers.end();
    }
    if (it == m_ledgers.end()) {
        const auto record = m_store.account(accountId);
        if (!record)
            return nullptr;
        Slot slot;
        slot.ledger = std::make_shared<AccountLedger>(*record, m_presets);
        m_recent.push_front(accountId);
        slot.recent = m_recent.begin();
        it = m_ledgers.insert(accountId, slot);
    }
    AccountLedger &ledger = *it->ledger;
    if (ledger.eventCount() < count) {
        try {
            ledger.applyStored(m_store.events(accountId, ledger.eventCount()));
        } catch (...) {
            forget(accountId);
            throw;
        }
    }
    touch(*it);
    evictBeyondBudget();
    return &ledger;
}

void LedgerCache::forget(const QString &accountId)
{
    const auto it = m_ledgers.find(accountId);
    if (it == m_ledgers.end())
        return;
    m_totalBytes -= it->bytes;
    m_recent.erase(it->recent);
    m_ledgers.erase(it);
}

void LedgerCache::touch(Slot &slot)
{
    m_recent.splice(m_recent.begin(), m_recent, slot.recent);
    const qint64 bytes = slot.ledger->estimatedBytes();
    m_totalBytes += bytes - slot.bytes;
    slot.bytes = bytes;
}

void LedgerCache::evictBeyondBudget()
{
    while (m_totalBytes > m_budgetBytes && m_recent.size() > std::size_t(KeepRecent)) {
        const QString oldest = m_recent.back();
        forget(oldest);
        ++m_evictions;
    }
}

} // namespace creditdesk
