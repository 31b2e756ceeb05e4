#pragma once

#include "AccountLedger.h"

#include <QHash>
#include <QString>

#include <list>
#include <memory>
#include <optional>

namespace creditdesk {

class LedgerStore;
class PresetCatalog;

// The accounts' engines, kept in memory and keyed by how many events they have applied.
// Every look-up asks the store for the account's event count (one primary-key read, or the
// count the request read with its token) and applies only the newer events, so a second
// server process writing to the same database is seen at once and no balance is ever read
// from a stale engine.
// Memory is bounded: each engine's size is estimated from its events, entries and cached
// pages, and beyond the budget the least recently used engines are dropped (an engine dropped
// is rebuilt from the store when next asked for). The KeepRecent most recently used are never
// dropped, so a reference a request holds stays valid while it looks up a few more accounts.
// Cold accounts resume from stored engine snapshots: a look-up that needs only the engine's
// answers "now" (Need::Head: the summary) takes the account's stored snapshot plus the events
// after it; one that needs the whole history (ledger pages, tasks, writes) replays every event.
// A ledger SnapshotEvery events past its stored snapshot stores a new one (outside write
// transactions), and so does an evicted one with SnapshotOnEvict newer events; accounts under
// SnapshotMinEvents events are cheaper to replay than to resume and get none.
class LedgerCache
{
public:
    static constexpr qint64 DefaultBudgetBytes = qint64(512) * 1024 * 1024;
    static constexpr int KeepRecent = 8;
    static constexpr qint64 SnapshotMinEvents = 256;
    static constexpr qint64 SnapshotEvery = 500;
    static constexpr qint64 SnapshotOnEvict = 64;
    // A request's token read also reads up to this many newer events of its account (a cold
    // account of more resumes from its snapshot instead).
    static constexpr qint64 ReadAheadEvents = SnapshotMinEvents - 1;

    enum class Need { Whole, Head };

    // Accounts' presets are looked up in `presets` (the built-in ones, or --presets DIR).
    LedgerCache(LedgerStore &store, const PresetCatalog &presets)
        : m_store(store)
        , m_presets(presets)
    {}

    // The account caught up with the store, or nullptr when there is no such account. With
    // `pendingPurchases`, also how many of its purchases are pending (same round trip).
    AccountLedger *find(const QString &accountId, qint64 *pendingPurchases = nullptr,
                        Need need = Need::Whole);
    // The same with the account's event count already read in this request (-1: no account),
    // and what was read with it (the account row, newer events), used where it fits.
    AccountLedger *findCounted(const QString &accountId, qint64 eventCount, Need need = Need::Whole,
                               const AccountReadAhead *readAhead = nullptr);
    // How many events the engine kept of an account has applied (-1: none kept).
    qint64 keptEventCount(const QString &accountId) const;
    // Drops an account whose in-memory state may be ahead of the store (a rolled-back write).
    void forget(const QString &accountId);

    void setBudgetBytes(qint64 bytes) { m_budgetBytes = bytes; }
    qint64 budgetBytes() const { return m_budgetBytes; }
    // What the engines kept take, estimated; how many are kept; how many were dropped.
    qint64 estimatedBytes() const { return m_totalBytes; }
    qsizetype size() const { return m_ledgers.size(); }
    qint64 evictions() const { return m_evictions; }
    // How many cold look-ups resumed a stored snapshot; how many snapshots were stored.
    qint64 resumes() const { return m_resumes; }
    qint64 snapshotsStored() const { return m_snapshotsStored; }

private:
    struct Slot
    {
        std::shared_ptr<AccountLedger> ledger;
        std::list<QString>::iterator recent; // position in m_recent
        qint64 bytes = 0;
    };

    std::unique_ptr<AccountLedger> load(const QString &accountId, qint64 count, Need need,
                                        const AccountReadAhead *readAhead);
    void storeSnapshot(AccountLedger &ledger);
    void touch(Slot &slot);
    void evictBeyondBudget();

    LedgerStore &m_store;
    const PresetCatalog &m_presets;
    QHash<QString, Slot> m_ledgers;
    std::list<QString> m_recent; // most recently used first
    qint64 m_totalBytes = 0;
    qint64 m_budgetBytes = DefaultBudgetBytes;
    qint64 m_evictions = 0;
    qint64 m_resumes = 0;
    qint64 m_snapshotsStored = 0;
};

} // namespace creditdesk
