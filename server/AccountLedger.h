#pragma once

#include "CreditEngine.h"
#include "Scenario.h"
#include "StoreRecords.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>

#include <memory>
#include <vector>

namespace creditdesk {

// One account in memory: its event history (the engine's input, in order) and a CreditEngine
// fed with it. Every balance the server reports is one of this engine's answers. Which event
// made which ledger entry is kept too, so the API can show a support adjustment's reason or a
// purchase's id beside the entries it produced.
class AccountLedger
{
public:
    // Throws StoreError when the account's preset or time zone is unknown.
    explicit AccountLedger(const AccountRecord &account);

    const AccountRecord &account() const { return m_account; }
    const Scenario &scenario() const { return m_scenario; }
    const CreditEngine &engine() const { return *m_engine; }
    const Policy &policy() const { return *m_scenario.policy; }
    const AccountZone &zone() const { return m_scenario.zone; }
    qint64 eventCount() const { return qint64(m_scenario.events.size()); }
    TimePoint lastEventAt() const;
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

    // The history as a format-1 scenario with one balance question at `at`.
    QByteArray exportScenario(TimePoint at) const;

    // Rendered answers (ledger pages, summaries), kept while the ledger does not grow: it is
    // append-only, so a page of a ledger of the same length is the same page; a key holds
    // whatever else the answer depends on (the second, the event count). Polls cost no
    // rendering, and no write can leave one stale.
    const QByteArray *cachedPage(const QString &key) const;
    void cachePage(const QString &key, const QByteArray &body);

private:
    void rebuild();
    void applyOne(const Event &event);

    AccountRecord m_account;
    Scenario m_scenario;
    std::unique_ptr<CreditEngine> m_engine;
    std::vector<QJsonObject> m_notes; // per event
    std::vector<int> m_entryEvent;    // per ledger entry: event index, -1 for time's own
    QHash<QString, QByteArray> m_pages;
    std::size_t m_pagesLedgerSize = 0;
};

} // namespace creditdesk
