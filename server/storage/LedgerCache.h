#pragma once

#include "AccountLedger.h"

#include <QHash>
#include <QString>

#include <memory>

namespace creditdesk {

class LedgerStore;
class PresetCatalog;

// The accounts' engines, kept in memory and keyed by how many events they have applied.
// Every look-up asks the store for the account's event count (one primary-key read) and
// applies only the newer events, so a second server process writing to the same database is
// seen at once and no balance is ever read from a stale engine.
class LedgerCache
{
public:
    // Accounts' presets are looked up in `presets` (the built-in ones, or --presets DIR).
    LedgerCache(LedgerStore &store, const PresetCatalog &presets)
        : m_store(store)
        , m_presets(presets)
    {}

    // The account caught up with the store, or nullptr when there is no such account. With
    // `pendingPurchases`, also how many of its purchases are pending (same round trip).
    AccountLedger *find(const QString &accountId, qint64 *pendingPurchases = nullptr);
    // Drops an account whose in-memory state may be ahead of the store (a rolled-back write).
    void forget(const QString &accountId) { m_ledgers.remove(accountId); }

private:
    LedgerStore &m_store;
    const PresetCatalog &m_presets;
    QHash<QString, std::shared_ptr<AccountLedger>> m_ledgers;
};

} // namespace creditdesk
