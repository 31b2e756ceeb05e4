#pragma once

#include "CreditEngine.h"
#include "Scenario.h"

#include <QJsonObject>

#include <atomic>
#include <memory>
#include <span>
#include <utility>
#include <vector>

namespace creditdesk {

// What became of one task, from the ledger entries its events wrote: the token log's row and
// the server's refund checks read this, never the raw ledger.
struct TaskSummary
{
    int task = -1;          // NameTable id
    int startEvent = -1;    // index into the history's events
    int endEvent = -1;      // -1 while open (or never admitted)
    int refundEvent = -1;   // the last refund event, -1 if none
    int admittedEvent = -1; // the start that was admitted, -1 if none
    int settledEvent = -1;  // the task_end that settled it, -1 while open
    // The rules that describe the task but make no entry (task.outcome_free from its
    // settlement, task.promotion_free from its admission), decided by the engine.
    RuleSet rules;
    bool rejected = false;
    RejectReason rejectReason = RejectReason::None;
    Credits charged;   // what its charges took, positive
    Credits refunded;  // what its refunds gave back, positive
    Credits uncovered; // the part of its cost nothing paid (positive admission)
};

// One account's history as the engine sees it: the scenario (policy, zone, events in the
// order they happened), a CreditEngine fed with them, each event's details (the server's
// annotation: reason, purchase id, refund request, adjustment), which event wrote which ledger
// entry, and a summary per task. The server (AccountLedger) and the desktop client (its cache)
// both stand on this one implementation, so the token log and the API can never disagree.
//
// The engine stays at the time of the last event unless advanceTo() moves it. An event
// appended with a time before the engine's now() is not applied at the wrong moment: the whole
// history is replayed from the start in time order (equal times in the order they arrived);
// event indexes stay the order of arrival.
class AccountHistory
{
public:
    AccountHistory(std::shared_ptr<const Policy> policy, AccountZone zone, QString presetName = {},
                   QJsonObject inlinePolicy = {});
    AccountHistory(const AccountHistory &other);
    AccountHistory &operator=(const AccountHistory &) = delete;

    // A history resumed at its head, for a cold start to paint from before the events are
    // read: `engine` is CreditEngine::resume() of a snapshot taken after `eventCount` events
    // whose latest time was `lastEventAt`. It answers everything the engine answers "now" (or
    // later) exactly as the full history would, but holds no events, no ledger links and no
    // task summaries (isPartial(): the token log waits for the full history, which replaces
    // it), and its past-moment replays know nothing before the snapshot.
    static std::unique_ptr<AccountHistory> resumeHead(std::shared_ptr<const Policy> policy,
                                                      AccountZone zone, QString presetName,
                                                      QJsonObject inlinePolicy,
                                                      const CreditEngine &engine, qint64 eventCount,
                                                      TimePoint lastEventAt);
    // True for a head resumed without its events (see resumeHead()).
    bool isPartial() const { return m_partialEventCount >= 0; }
    // The events the history stands for: eventCount(), or the snapshot's count when partial.
    qint64 headEventCount() const { return isPartial() ? m_partialEventCount : eventCount(); }

    // Which histories continue one another. A history and the copies made of it share a
    // lineage while each is a prefix of the longest of them; an append to one that another has
    // already outgrown starts a new lineage for it (what it adds may differ from what the other
    // added). So two histories on one lineage hold the same first min(eventCount()) events and
    // details, and whatever a reader derived from one's first n events holds for the other's
    // (PurchaseRecords goes on from there). A history built afresh (the constructor,
    // resumeHead(), startStreamed()) starts a lineage of its own. Compared by identity: holding
    // the pointer keeps its identity from being reused.
    std::shared_ptr<const void> lineage() const { return m_lineage; }

    const Scenario &scenario() const { return m_scenario; }
    // Task ids and reasons of appended events are interned here (EventCodec, readers).
    NameTable &names() { return *m_scenario.names; }
    const Policy &policy() const { return *m_scenario.policy; }
    const AccountZone &zone() const { return m_scenario.zone; }
    const CreditEngine &engine() const { return *m_engine; }
    qint64 eventCount() const { return qint64(m_scenario.events.size()); }
    const Event &event(qint64 index) const { return m_scenario.events[std::size_t(index)]; }
    // The latest time of any event (NoTime when there is none).
    TimePoint lastEventAt() const;

    // Appends one event with its details; returns the ledger entries it wrote [begin, end)
    // (after a replay forced by an earlier time, the range of its entries in the new ledger).
    std::pair<std::size_t, std::size_t> append(const Event &event,
                                               QJsonObject details = QJsonObject());
    // Appends many at once (one replay at most).
    void append(std::vector<Event> events, std::vector<QJsonObject> details);
    // A first batch replayed while a reader is still reading it (ScenarioHistoryReader: the
    // replay runs on a second core): a history that starts empty, over the reader's name table,
    // replays the reader's events as they come, then takes the whole array (its first events
    // are those replayed) and replays the rest. The result is append()'s exactly.
    static std::unique_ptr<AccountHistory> startStreamed(std::shared_ptr<const Policy> policy,
                                                         AccountZone zone,
                                                         std::shared_ptr<NameTable> names,
                                                         std::size_t expected);
    // The next events of the array, in time order (none before the engine's now()).
    void applyStreamed(std::span<const Event> events);
    void finishStreamed(std::vector<Event> events, QString presetName, QJsonObject inlinePolicy);

    // Applies expiries and refreshes due by t.
    void advanceTo(TimePoint t);
    // A fresh engine fed with the events up to and including t, then advanced to t: the answer
    // to "what was it then" (the history itself is not touched).
    std::unique_ptr<CreditEngine> replayUntil(TimePoint t) const;
    // A copy of the engine advanced to t >= engine().now(): answers "now" without moving the
    // history (t before now() gives a replay instead).
    std::unique_ptr<CreditEngine> engineAt(TimePoint t) const;
    // What the event would write, on a copy: the history is not changed.
    std::vector<LedgerEntry> tryApply(const Event &event) const;

    // The event that wrote ledger entry i, or -1 for time's own entries (refresh, expiry).
    int eventOfEntry(std::size_t entry) const;
    // Ledger entries [begin, end) that event i wrote.
    std::pair<std::size_t, std::size_t> entriesOfEvent(qint64 index) const;
    const QJsonObject &detailsOfEvent(qint64 index) const;
    const QJsonObject &detailsOfEntry(std::size_t entry) const;

    // Tasks in the order they were first started.
    const std::vector<TaskSummary> &tasks() const { return m_tasks; }
    // The summary of a task by id, or nullptr when no event named it.
    const TaskSummary *task(QStringView taskId) const;
    const TaskSummary *taskByName(int nameId) const;

private:
    void applyAt(std::size_t index) { apply(m_scenario.events[index], index); }
    void apply(const Event &e, std::size_t index);
    TaskSummary &summaryOf(int task);
    void noteTaskEvent(const Event &e, std::size_t index);
    void noteTaskRules(const Event &e, std::size_t index, std::size_t begin, std::size_t end);
    // Entries [begin, end) into the task summaries; `writer` wrote them (null: time did).
    void summarise(std::size_t begin, std::size_t end, const Event *writer);
    void rebuild();
    std::vector<std::size_t> timeOrder() const;
    // After events were added to the `before` held: stays on the lineage or starts its own.
    void extendLineage(qint64 before);

    Scenario m_scenario;
    std::unique_ptr<CreditEngine> m_engine;
    std::vector<QJsonObject> m_details;                      // per event
    std::vector<std::pair<quint32, quint32>> m_eventEntries; // per event: [begin, end)
    std::vector<qint32> m_entryEvent;                        // per entry: event, or -1
    std::vector<TaskSummary> m_tasks;                        // in first-start order
    std::vector<qint32> m_taskOfName;                        // NameTable id -> m_tasks index
    TimePoint m_lastAt = NoTime;                             // the latest event time
    qint64 m_partialEventCount = -1; // a resumed head's event count; -1 when whole
    // The longest event count of the histories on this one's lineage (copies run on other
    // threads: EventsSync's worker appends to its copy while the UI thread reads the original).
    std::shared_ptr<std::atomic<qint64>> m_lineage = std::make_shared<std::atomic<qint64>>(0);
};

} // namespace creditdesk
