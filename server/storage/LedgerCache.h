#pragma once

#include "AccountLedger.h"

#include <QHash>
#include <QString>

#include <list>
#include <memory>

namespace creditdesk {

class LedgerStore;
class PresetCatalog;

// The accounts' engines, kept in memory and keyed by how many events they have applied.
// Every look-up asks the store for the account's event count (one primary-key read) and
// applies only the newer events, so a second server process writing to the same database is
// seen at once and no balance is ever read from a stale engine.
// Memory is bounded: each engine's size is estimated from its events, entries and cached
// pages, and beyond the budget the least recently used engines are dropped (an engine dropped
// is rebuilt from the store when next asked for). The KeepRecent most recently used are never
// dropped, so a reference a request holds stays valid while it looks up a few more accounts.
class LedgerCache
{
public:
    static constexpr qint64 DefaultBudgetBytes = qint64(512) * 1024 * 1024;
    static constexpr int KeepRecent = 8;

    // Accounts' presets are looked up in `presets` (the built-in ones, or --presets DIR).
    LedgerCache(LedgerStore &store, const PresetCatalog &presets)
        : m_store(store)
        , m_presets(presets)
    {}

    // The account caught up with the store, or nullptr when there is no such account. With
    // `pendingPurchases`, also how many of its purchases are pending (same round trip).
    AccountLedger *find(const QString &accountId, qint64 *pendingPurchases = nullptr);
    // Drops an account whose in-memory state may be ahead of the store (a rolled-back write).
    void forget(const QString &accountId);

    void setBudgetBytes(qint64 bytes) { m_budgetBytes = bytes; }
    qint64 budgetBytes() const { return m_budgetBytes; }
    // What the engines kept take, estimated; how many are kept; how many were dropped.
    qint64 estimatedBytes() const { return m_totalBytes; }
    qsizetype size() const { return m_ledgers.size(); }
    qint64 evictions() const { return m_evictions; }

private:
    struct Slot
    {
        std::shared_ptr<AccountLedger> ledger;
        std::list<QString>::iterator recent; // position in m_recent
        qint64 bytes = 0;
    };

    void touch(Slot &slot);
    void evictBeyondBudget();

    LedgerStore &m_store;
    const PresetCatalog &m_presets;
    QHash<QString, Slot> m_ledgers;
    std::list<QString> m_recent; // most recently used first
    qint64 m_totalBytes = 0;
    qint64 m_budgetBytes = DefaultBudgetBytes;
    qint64 m_evictions = 0;
};

} // namespace creditdesk
