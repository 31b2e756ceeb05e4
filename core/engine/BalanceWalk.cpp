#include "BalanceWalk.h"

#include "AccountHistory.h"

namespace creditdesk {

BalanceWalk::BalanceWalk(const AccountHistory &history)
    : m_history(history)
{}

BalanceExplanation BalanceWalk::at(TimePoint t) const
{
    BalanceExplanation x;
    x.at = t;
    const std::unique_ptr<CreditEngine> engine = m_history.engineAt(t);
    x.balance = engine->balance();
    // The replay's ledger is the history's own up to t (the engine applies the same events in
    // the same order), so the history's entry-to-event links hold for it.
    const auto &ledger = engine->ledger();
    const std::size_t end = engine->firstEntryAtOrAfter(t == Never ? t : t + 1);
    x.steps.reserve(end);
    for (std::size_t i = 0; i < end; ++i) {
        WalkStep step;
        step.entry = ledger[i];
        step.index = qint64(i);
        step.event = m_history.eventOfEntry(i);
        step.note = engine->entryNote(i);
        x.steps.push_back(step);
    }
    const auto by = [&](int event) { return event >= 0 && m_history.event(event).at <= t; };
    for (const TaskSummary &s : m_history.tasks()) {
        if (!by(s.startEvent) && !by(s.admittedEvent) && !by(s.endEvent) && !by(s.refundEvent))
            continue;
        WalkTask task;
        task.task = s.task;
        task.startEvent = by(s.admittedEvent) ? s.admittedEvent : s.startEvent;
        if (by(s.admittedEvent))
            task.rules |= s.rules & RuleSet{RuleId::TaskPromotionFree};
        if (by(s.settledEvent)) {
            task.settledEvent = s.settledEvent;
            task.rules |= s.rules & RuleSet{RuleId::TaskOutcomeFree};
        }
        x.tasks.push_back(task);
    }
    return x;
}

} // namespace creditdesk
