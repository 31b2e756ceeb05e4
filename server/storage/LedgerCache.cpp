#include "LedgerCache.h"

#include "LedgerStore.h"
#include "StoreError.h"

#include <tuple>

namespace creditdesk {

AccountLedger *LedgerCache::find(const QString &accountId, qint64 *pendingPurchases, Need need)
{
    qint64 count = -1;
    if (pendingPurchases)
        std::tie(count, *pendingPurchases) = m_store.eventAndPendingCounts(accountId);
    else
        count = m_store.eventCount(accountId);
    return findCounted(accountId, count, need);
}

qint64 LedgerCache::keptEventCount(const QString &accountId) const
{
    const auto it = m_ledgers.constFind(accountId);
    return it == m_ledgers.cend() ? -1 : it->ledger->eventCount();
}

AccountLedger *LedgerCache::findCounted(const QString &accountId, qint64 count, Need need,
                                        const AccountReadAhead *readAhead)
{
    if (count < 0) {
        forget(accountId);
        return nullptr;
    }
    auto it = m_ledgers.find(accountId);
    if (it != m_ledgers.end() &&
        (it->ledger->eventCount() > count || (need == Need::Whole && it->ledger->isHead()))) {
        // Ahead of the store (rebuild from it), or a head where the whole history is needed.
        forget(accountId);
        it = m_ledgers.end();
    }
    if (it == m_ledgers.end()) {
        std::unique_ptr<AccountLedger> loaded = load(accountId, count, need, readAhead);
        if (!loaded)
            return nullptr;
        Slot slot;
        slot.ledger = std::move(loaded);
        m_recent.push_front(accountId);
        slot.recent = m_recent.begin();
        it = m_ledgers.insert(accountId, slot);
    }
    if (it->ledger->eventCount() < count) {
        try {
            // Read with the token when they start where this engine stands (and end at the
            // count: AccountReadAhead::eventsRead), else read now.
            const bool readAlready = readAhead && readAhead->eventsRead &&
                                     readAhead->eventsAfter == it->ledger->eventCount() &&
                                     readAhead->eventsAfter + readAhead->events.size() == count;
            const QList<StoredEvent> newer =
                readAlready ? readAhead->events
                            : m_store.events(accountId, it->ledger->eventCount());
            if (!it->ledger->canApplyInOrder(newer)) {
                // A head cannot place an event earlier than its now: replay everything.
                forget(accountId);
                return findCounted(accountId, count, Need::Whole, readAhead);
            }
            it->ledger->applyStored(newer);
        } catch (...) {
            forget(accountId);
            throw;
        }
    }
    AccountLedger &ledger = *it->ledger;
    if (ledger.eventCount() >= SnapshotMinEvents &&
        ledger.eventCount() - std::max<qint64>(0, ledger.storedSnapshotCount()) >= SnapshotEvery)
        storeSnapshot(ledger);
    touch(*it);
    evictBeyondBudget();
    return &ledger;
}

std::unique_ptr<AccountLedger> LedgerCache::load(const QString &accountId, qint64 count, Need need,
                                                 const AccountReadAhead *readAhead)
{
    const auto record = readAhead && readAhead->account && readAhead->account->id == accountId
                            ? readAhead->account
                            : m_store.account(accountId);
    if (!record)
        return nullptr;
    if (count < SnapshotMinEvents)
        return std::make_unique<AccountLedger>(*record, m_presets);
    // A snapshot of more events than the count read is newer than this request: not used.
    const auto stored = m_store.snapshot(accountId, need == Need::Head);
    bool unreadable = false;
    if (need == Need::Head && stored && stored->eventCount <= count) {
        if (auto head = AccountLedger::resumeHead(*record, m_presets, *stored)) {
            ++m_resumes;
            return head;
        }
        unreadable = true;
    }
    auto whole = std::make_unique<AccountLedger>(*record, m_presets);
    // What is stored already need not be stored again (unless of another format or policy, or
    // it did not read back).
    if (stored && !unreadable && stored->format == AccountLedger::SnapshotFormat &&
        stored->policyHash == AccountLedger::policyHash(whole->policy(), whole->zone()))
        whole->setStoredSnapshotCount(stored->eventCount);
    return whole;
}

void LedgerCache::storeSnapshot(AccountLedger &ledger)
{
    // Inside a write transaction the snapshot would commit or roll back with the write: it
    // waits for a read.
    if (m_store.inTransaction())
        return;
    // Tried once per threshold either way: a failed write is not worth a retry per request.
    ledger.setStoredSnapshotCount(ledger.eventCount());
    try {
        m_store.saveSnapshot(ledger.account().id, ledger.snapshot());
        ++m_snapshotsStored;
    } catch (const StoreError &e) {
        qWarning("engine snapshot of %s not stored: %s", qPrintable(ledger.account().id), e.what());
    }
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
        // What it learnt since its stored snapshot is kept for the next cold look-up.
        const std::shared_ptr<AccountLedger> ledger = m_ledgers.value(oldest).ledger;
        if (ledger->eventCount() >= SnapshotMinEvents &&
            ledger->eventCount() - std::max<qint64>(0, ledger->storedSnapshotCount()) >=
                SnapshotOnEvict)
            storeSnapshot(*ledger);
        forget(oldest);
        ++m_evictions;
    }
}

} // namespace creditdesk
