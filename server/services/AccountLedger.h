#pragma once

#include "AccountHistory.h"
#include "StoreRecords.h"

#include <QByteArray>
#include <QHash>
#include <QList>

#include <memory>
#include <vector>

namespace creditdesk {

class PresetCatalog;

// One account in memory: its record and its AccountHistory (the events in order, a
// CreditEngine fed with them, each event's note, entry→event links and task summaries, the
// same implementation the desktop client uses). Every balance the server reports is one of
// this engine's answers. It adds the server's ways in (stored events, new events with their
// notes) and a cache of rendered pages.
//
// A ledger is whole (every event replayed) or a head: resumed from a stored engine snapshot
// (format 2) plus the events stored after it. A head answers everything the engine answers
// "now" or later (balance, limits, next refresh, projection) exactly as the whole history
// would, but holds no events before the snapshot, so ledger pages, tasks, refunds, exports and
// writes ask LedgerCache for the whole ledger, which replays the events.
class AccountLedger
{
public:
    // The stored-snapshot format: the engine's snapshot format 2 (thousandths as integers),
    // as compact JSON. A stored snapshot of another format is ignored and rebuilt.
    static constexpr qint64 SnapshotFormat = 2;

    // Throws StoreError when the account's preset (in `presets`) or time zone is unknown.
    explicit AccountLedger(const AccountRecord &account);
    AccountLedger(const AccountRecord &account, const PresetCatalog &presets);
    // A head resumed from `stored`; nullptr when it is of another format, ran under another
    // policy (policyHash() differs) or does not read back: the caller replays instead. Throws
    // StoreError like the constructor.
    static std::unique_ptr<AccountLedger> resumeHead(const AccountRecord &account,
                                                     const PresetCatalog &presets,
                                                     const StoredSnapshot &stored);
    // What a stored snapshot must name to be resumed under this policy and zone: a hash of
    // the policy's whole definition (a preset edited under --presets DIR changes it).
    static QString policyHash(const Policy &policy, const AccountZone &zone);
    // The engine as it stands now, to store (every event so far; time as far as reads moved
    // it, which is its taken_at).
    StoredSnapshot snapshot() const;
    // True for a head (see above).
    bool isHead() const { return m_history->isPartial(); }
    // The event count of the newest snapshot known to be stored for it (-1: none known).
    qint64 storedSnapshotCount() const { return m_storedSnapshotCount; }
    void setStoredSnapshotCount(qint64 count) { m_storedSnapshotCount = count; }
    // False when a head cannot take these stored events in order (one is earlier than the
    // engine's now: only a replay of the whole history places it); a whole ledger always can.
    bool canApplyInOrder(const QList<StoredEvent> &events) const;

    const AccountRecord &account() const { return m_account; }
    const AccountHistory &history() const { return *m_history; }
    const Scenario &scenario() const { return m_history->scenario(); }
    const CreditEngine &engine() const { return m_history->engine(); }
    const Policy &policy() const { return m_history->policy(); }
    const AccountZone &zone() const { return m_history->zone(); }
    // Every event the ledger stands for (a head's: the snapshot's and those after it).
    qint64 eventCount() const
    {
        return m_history->isPartial() ? m_history->headEventCount() + m_history->eventCount()
                                      : m_history->eventCount();
    }
    TimePoint lastEventAt() const { return m_history->lastEventAt(); }
    // The time a new event gets: now, but never before what the history has seen already.
    TimePoint nextEventTime(TimePoint now) const;

    // Catches up with events read from the store (seq must follow eventCount()). Throws
    // StoreError if a stored event does not read back.
    void applyStored(const QList<StoredEvent> &events);
    // Applies a new event (not yet stored); returns the ledger entries it wrote [begin, end).
    std::pair<std::size_t, std::size_t> apply(const Event &event, const QByteArray &note);
    // What the event would write, on a copy of the engine: the account is not changed.
    std::vector<LedgerEntry> tryApply(const Event &event) const;
    // Applies expiries and refreshes due by t (lazy time: whoever looks sees them).
    void advanceTo(TimePoint t);

    // The server annotation (a JSON object, possibly empty) of the event that wrote entry i.
    const QJsonObject &noteOfEntry(std::size_t entry) const;
    // What the charges of a task took (credits out, positive), and whether it was refunded.
    Credits chargedFor(const QString &task) const;
    bool refunded(const QString &task) const;
    // What its refunds gave back (positive), and the task's own ledger entries (its start,
    // end and refund events' entries naming it), in ledger order.
    Credits refundedFor(const QString &task) const;
    std::vector<std::size_t> entriesOfTask(const QString &task) const;

    // The history as a format-1 scenario with one balance question at `at`. The policy is
    // named by preset when it is the built-in one, written inline otherwise (a server
    // started with --presets DIR), so `creditdesk-cli simulate` replays what the server ran.
    QByteArray exportScenario(TimePoint at) const;

    // Rendered answers (ledger pages, summaries), kept while the ledger does not grow: it is
    // append-only, so a page of a ledger of the same length is the same page; a key holds
    // whatever else the answer depends on (the second, the event count). Polls cost no
    // rendering, and no write can leave one stale.
    const QByteArray *cachedPage(const QString &key) const;
    void cachePage(const QString &key, const QByteArray &body);

    // The memory this account takes, estimated from its events, ledger entries and cached
    // pages (the per-item figures were measured with bench/server-memory; LedgerCache keeps
    // the sum within its budget).
    qint64 estimatedBytes() const;

private:
    AccountLedger(const AccountRecord &account, std::unique_ptr<AccountHistory> history);

    AccountRecord m_account;
    std::unique_ptr<AccountHistory> m_history;
    qint64 m_storedSnapshotCount = -1;
    QHash<QString, QByteArray> m_pages;
    qint64 m_pagesBytes = 0;
    std::size_t m_pagesLedgerSize = 0;
};

} // namespace creditdesk
