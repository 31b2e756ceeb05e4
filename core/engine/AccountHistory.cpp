#include "AccountHistory.h"

#include "HugePages.h"

#include <algorithm>

namespace creditdesk {

namespace {
Scenario copyWithOwnNames(const Scenario &s)
{
    Scenario copy = s;
    copy.names = std::make_shared<NameTable>(*s.names);
    return copy;
}
} // namespace

AccountHistory::AccountHistory(std::shared_ptr<const Policy> policy, AccountZone zone,
                               QString presetName, QJsonObject inlinePolicy)
{
    m_scenario.presetName = std::move(presetName);
    m_scenario.inlinePolicy = std::move(inlinePolicy);
    m_scenario.policy = std::move(policy);
    m_scenario.zone = std::move(zone);
    m_engine = std::make_unique<CreditEngine>(m_scenario.policy, m_scenario.zone, m_scenario.names);
}

// The copy owns a copy of the name table (same ids): names it interns later (new tasks) stay
// out of the original, whose snapshot and answers are then exactly as before.
AccountHistory::AccountHistory(const AccountHistory &other)
    : m_scenario(copyWithOwnNames(other.m_scenario))
    , m_engine(std::make_unique<CreditEngine>(*other.m_engine, m_scenario.names))
    , m_details(other.m_details)
    , m_eventEntries(other.m_eventEntries)
    , m_entryEvent(other.m_entryEvent)
    , m_tasks(other.m_tasks)
    , m_taskOfName(other.m_taskOfName)
    , m_lastAt(other.m_lastAt)
    , m_partialEventCount(other.m_partialEventCount)
    , m_lineage(other.m_lineage)
{}

std::unique_ptr<AccountHistory> AccountHistory::resumeHead(std::shared_ptr<const Policy> policy,
                                                           AccountZone zone, QString presetName,
                                                           QJsonObject inlinePolicy,
                                                           const CreditEngine &engine,
                                                           qint64 eventCount, TimePoint lastEventAt)
{
    auto history = std::make_unique<AccountHistory>(std::move(policy), std::move(zone),
                                                    std::move(presetName), std::move(inlinePolicy));
    // The history's name table is the snapshot's (same ids), owned here like any history's.
    history->m_scenario.names = std::make_shared<NameTable>(engine.names());
    history->m_engine = std::make_unique<CreditEngine>(engine, history->m_scenario.names);
    history->m_lastAt = lastEventAt;
    history->m_partialEventCount = std::max<qint64>(0, eventCount);
    return history;
}

TimePoint AccountHistory::lastEventAt() const
{
    // The latest time, not the last arrival's: an event may arrive with an earlier time.
    return m_lastAt;
}

void AccountHistory::apply(const Event &e, std::size_t index)
{
    const std::size_t before = m_engine->ledger().size();
    m_engine->advanceTo(e.at);
    const std::size_t begin = m_engine->ledger().size();
    m_entryEvent.resize(begin, -1);
    summarise(before, begin, nullptr);
    m_engine->apply(e);
    const std::size_t end = m_engine->ledger().size();
    HugePages::reserve(m_entryEvent, end);
    m_entryEvent.resize(end, qint32(index));
    m_eventEntries[index] = {quint32(begin), quint32(end)};

    noteTaskEvent(e, index);
    summarise(begin, end, &e);
    noteTaskRules(e, index, begin, end);
}

void AccountHistory::noteTaskRules(const Event &e, std::size_t index, std::size_t begin,
                                   std::size_t end)
{
    if ((e.type != EventType::TaskStart && e.type != EventType::TaskEnd) || e.task < 0)
        return;
    const auto &ledger = m_engine->ledger();
    for (std::size_t i = begin; i < end; ++i)
        if (ledger[i].type == EntryType::Reject)
            return; // refused: not this task's admission or settlement
    TaskSummary &t = summaryOf(e.task);
    if (e.type == EventType::TaskStart) {
        t.admittedEvent = int(index);
        t.rules = m_engine->taskRules(e.task);
    } else {
        t.settledEvent = int(index);
        t.rules |= m_engine->outcomeRules(e.outcome);
    }
}

TaskSummary &AccountHistory::summaryOf(int task)
{
    // Grown by the id, not to the name table's size: a streamed replay must not read the table
    // the reader is still filling (resize() grows the room geometrically all the same).
    if (std::size_t(task) >= m_taskOfName.size()) {
        HugePages::reserve(m_taskOfName, std::size_t(task) + 1);
        m_taskOfName.resize(std::size_t(task) + 1, -1);
    }
    qint32 &slot = m_taskOfName[std::size_t(task)];
    if (slot < 0) {
        slot = qint32(m_tasks.size());
        HugePages::reserve(m_tasks, m_tasks.size() + 1);
        TaskSummary fresh;
        fresh.task = task;
        m_tasks.push_back(fresh);
    }
    return m_tasks[std::size_t(slot)];
}

void AccountHistory::noteTaskEvent(const Event &e, std::size_t index)
{
    const bool taskEvent = e.type == EventType::TaskStart || e.type == EventType::TaskEnd ||
                           e.type == EventType::Refund;
    if (!taskEvent || e.task < 0)
        return;
    TaskSummary &t = summaryOf(e.task);
    switch (e.type) {
    case EventType::TaskStart:
        if (t.startEvent < 0)
            t.startEvent = int(index);
        break;
    case EventType::TaskEnd:
        if (t.endEvent < 0)
            t.endEvent = int(index);
        break;
    default:
        t.refundEvent = int(index);
        break;
    }
}

// Every entry that names a task counts toward its summary, whichever event (or time) wrote
// it: a summary is then the sum of the ledger's entries of that task, by construction.
void AccountHistory::summarise(std::size_t begin, std::size_t end, const Event *writer)
{
    const auto &ledger = m_engine->ledger();
    for (std::size_t i = begin; i < end; ++i) {
        const LedgerEntry &entry = ledger[i];
        if (entry.task < 0)
            continue;
        TaskSummary &t = summaryOf(entry.task);
        switch (entry.type) {
        case EntryType::Reject: {
            // A start refused: the entry is the start's own (a refused refund or end is not).
            if (writer && writer->type == EventType::TaskStart) {
                t.rejected = true;
                t.rejectReason = entry.reason;
            }
            break;
        }
        case EntryType::Charge:
            t.charged -= entry.amount;
            t.uncovered += entry.uncovered;
            break;
        case EntryType::Refund:
            t.refunded += entry.amount;
            break;
        default:
            break;
        }
    }
}

void AccountHistory::rebuild()
{
    m_engine = std::make_unique<CreditEngine>(m_scenario.policy, m_scenario.zone, m_scenario.names);
    m_entryEvent.clear();
    m_tasks.clear();
    std::fill(m_taskOfName.begin(), m_taskOfName.end(), -1);
    for (const std::size_t i : timeOrder())
        applyAt(i);
}

std::vector<std::size_t> AccountHistory::timeOrder() const
{
    // Appended order, stably sorted by time: equal times keep the order they arrived in.
    std::vector<std::size_t> order(m_scenario.events.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    // Histories almost always arrive in time order (the server writes them so): one linear
    // check spares every past-moment replay a sort of the whole history.
    const auto &events = m_scenario.events;
    if (std::is_sorted(events.begin(), events.end(),
                       [](const Event &a, const Event &b) { return a.at < b.at; }))
        return order;
    std::stable_sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
        return m_scenario.events[a].at < m_scenario.events[b].at;
    });
    return order;
}

std::pair<std::size_t, std::size_t> AccountHistory::append(const Event &event, QJsonObject details)
{
    const bool behind = m_engine->now() != NoTime && event.at < m_engine->now();
    m_scenario.events.push_back(event);
    m_lastAt = std::max(m_lastAt, event.at);
    m_details.push_back(std::move(details));
    m_eventEntries.emplace_back(0, 0);
    extendLineage(eventCount() - 1);
    if (behind)
        rebuild();
    else
        applyAt(m_scenario.events.size() - 1);
    return entriesOfEvent(eventCount() - 1);
}

void AccountHistory::append(std::vector<Event> events, std::vector<QJsonObject> details)
{
    if (events.empty())
        return;
    HugePages::reserve(details, events.size());
    details.resize(events.size());
    bool behind = false;
    TimePoint at = m_engine->now();
    for (const Event &e : events) {
        if (at != NoTime && e.at < at)
            behind = true;
        at = std::max(at, e.at);
    }
    const std::size_t first = m_scenario.events.size();
    for (const Event &e : events)
        m_lastAt = std::max(m_lastAt, e.at);
    if (first == 0) {
        // The first batch (a scenario file, a cache read at start: a million events) is taken
        // as it is, not copied: a copy would cost as much as reading them did.
        m_scenario.events = std::move(events);
        m_details = std::move(details);
    } else {
        // Grown geometrically: an exact reserve moved every held event at every sync (a sync of
        // one new event on a 100,000-event history relocated all of them, on the UI thread).
        const std::size_t needed = first + events.size();
        if (m_scenario.events.capacity() < needed)
            m_scenario.events.reserve(std::max(needed, m_scenario.events.capacity() * 2));
        if (m_details.capacity() < needed)
            m_details.reserve(std::max(needed, m_details.capacity() * 2));
        m_scenario.events.insert(m_scenario.events.end(), std::make_move_iterator(events.begin()),
                                 std::make_move_iterator(events.end()));
        m_details.insert(m_details.end(), std::make_move_iterator(details.begin()),
                         std::make_move_iterator(details.end()));
    }
    const std::size_t count = m_scenario.events.size();
    extendLineage(qint64(first));
    HugePages::reserve(m_eventEntries, count);
    m_eventEntries.resize(count, {0, 0});
    // Room for what the replay below adds, once, instead of a doubling per power of two: a
    // ledger runs to about 1.5 entries per event and a history to about one task per two.
    // Grown geometrically past the first batch, as the events are above.
    const auto grow = [](auto &v, std::size_t needed) { HugePages::reserve(v, needed); };
    grow(m_entryEvent, m_engine->ledger().size() + (count - first) * 3 / 2);
    grow(m_tasks, m_tasks.size() + (count - first) / 2);
    grow(m_taskOfName, std::size_t(m_scenario.names->size()));
    if (behind) {
        rebuild();
        return;
    }
    for (std::size_t i = first; i < m_scenario.events.size(); ++i)
        applyAt(i);
}

std::unique_ptr<AccountHistory> AccountHistory::startStreamed(std::shared_ptr<const Policy> policy,
                                                              AccountZone zone,
                                                              std::shared_ptr<NameTable> names,
                                                              std::size_t expected)
{
    auto history = std::make_unique<AccountHistory>(std::move(policy), std::move(zone));
    history->m_scenario.names = std::move(names);
    history->m_engine = std::make_unique<CreditEngine>(
        history->m_scenario.policy, history->m_scenario.zone, history->m_scenario.names);
    // As append() reserves for a first batch (room never touched costs no memory).
    HugePages::reserve(history->m_details, expected);
    HugePages::reserve(history->m_eventEntries, expected);
    HugePages::reserve(history->m_entryEvent, expected * 3 / 2);
    HugePages::reserve(history->m_tasks, expected / 2);
    return history;
}

void AccountHistory::applyStreamed(std::span<const Event> events)
{
    // While streamed, the array is the reader's: the history counts what it replayed in its
    // per-event tables.
    const std::size_t first = m_eventEntries.size();
    HugePages::reserve(m_eventEntries, first + events.size());
    HugePages::reserve(m_details, first + events.size());
    m_eventEntries.resize(first + events.size(), {0, 0});
    m_details.resize(first + events.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
        m_lastAt = std::max(m_lastAt, events[i].at);
        apply(events[i], first + i);
    }
}

void AccountHistory::finishStreamed(std::vector<Event> events, QString presetName,
                                    QJsonObject inlinePolicy)
{
    const std::size_t replayed = m_eventEntries.size();
    Q_ASSERT(m_scenario.events.empty() && replayed <= events.size());
    m_scenario.events = std::move(events);
    m_scenario.presetName = std::move(presetName);
    m_scenario.inlinePolicy = std::move(inlinePolicy);
    const std::size_t count = m_scenario.events.size();
    extendLineage(0); // the events were the reader's until now
    m_eventEntries.resize(count, {0, 0});
    m_details.resize(count);
    for (std::size_t i = replayed; i < count; ++i) {
        m_lastAt = std::max(m_lastAt, m_scenario.events[i].at);
        applyAt(i);
    }
}

void AccountHistory::extendLineage(qint64 before)
{
    // As long as the longest on the lineage: this one is the longest now. Shorter: another
    // history on it holds events past `before`, perhaps other ones than these.
    qint64 longest = before;
    if (!m_lineage->compare_exchange_strong(longest, eventCount()))
        m_lineage = std::make_shared<std::atomic<qint64>>(eventCount());
}

void AccountHistory::advanceTo(TimePoint t)
{
    const std::size_t begin = m_engine->ledger().size();
    m_engine->advanceTo(t);
    m_entryEvent.resize(m_engine->ledger().size(), -1);
    summarise(begin, m_engine->ledger().size(), nullptr);
}

std::unique_ptr<CreditEngine> AccountHistory::replayUntil(TimePoint t) const
{
    auto engine =
        std::make_unique<CreditEngine>(m_scenario.policy, m_scenario.zone, m_scenario.names);
    for (const std::size_t i : timeOrder()) {
        const Event &e = m_scenario.events[i];
        if (e.at > t)
            break;
        engine->apply(e);
    }
    engine->advanceTo(t);
    return engine;
}

std::unique_ptr<CreditEngine> AccountHistory::engineAt(TimePoint t) const
{
    if (m_engine->now() != NoTime && t < m_engine->now())
        return replayUntil(t);
    auto engine = std::make_unique<CreditEngine>(*m_engine);
    engine->advanceTo(t);
    return engine;
}

std::vector<LedgerEntry> AccountHistory::tryApply(const Event &event) const
{
    CreditEngine copy(*m_engine);
    copy.advanceTo(event.at);
    const std::size_t begin = copy.ledger().size();
    copy.apply(event);
    return {copy.ledger().begin() + std::ptrdiff_t(begin), copy.ledger().end()};
}

int AccountHistory::eventOfEntry(std::size_t entry) const
{
    return entry < m_entryEvent.size() ? m_entryEvent[entry] : -1;
}

std::pair<std::size_t, std::size_t> AccountHistory::entriesOfEvent(qint64 index) const
{
    if (index < 0 || index >= eventCount())
        return {0, 0};
    const auto &range = m_eventEntries[std::size_t(index)];
    return {range.first, range.second};
}

const QJsonObject &AccountHistory::detailsOfEvent(qint64 index) const
{
    static const QJsonObject none;
    if (index < 0 || index >= qint64(m_details.size()))
        return none;
    return m_details[std::size_t(index)];
}

const QJsonObject &AccountHistory::detailsOfEntry(std::size_t entry) const
{
    return detailsOfEvent(eventOfEntry(entry));
}

const TaskSummary *AccountHistory::taskByName(int nameId) const
{
    if (nameId < 0 || std::size_t(nameId) >= m_taskOfName.size() ||
        m_taskOfName[std::size_t(nameId)] < 0)
        return nullptr;
    return &m_tasks[std::size_t(m_taskOfName[std::size_t(nameId)])];
}

const TaskSummary *AccountHistory::task(QStringView taskId) const
{
    return taskByName(m_scenario.names->find(taskId));
}

} // namespace creditdesk
