#pragma once

#include "Answers.h"
#include "LedgerEntry.h"
#include "RuleSet.h"
#include "TimePoint.h"

#include <vector>

namespace creditdesk {

class AccountHistory;

// One step of a balance's walk: a ledger entry (with the rule ids the engine gave it), where
// it stands in the ledger, the event that wrote it (-1 for time's own entries: refreshes and
// expiries), and a debit's reason (a NameTable id, or -1).
struct WalkStep
{
    LedgerEntry entry;
    qint64 index = 0;
    int event = -1;
    int note = -1;
};

// A task named by an event up to the walk's moment, with the rules that describe it by then
// (task.promotion_free once admitted, task.outcome_free once settled).
struct WalkTask
{
    int task = -1; // NameTable id
    int startEvent = -1;
    int settledEvent = -1; // -1 while open at the walk's moment
    RuleSet rules;
};

struct BalanceExplanation
{
    TimePoint at = NoTime;
    BalanceAnswer balance;       // the engine's own answer at `at`
    std::vector<WalkStep> steps; // every ledger entry at or before `at`, in ledger order
    std::vector<WalkTask> tasks; // in the order they were first started
};

// Explains an account's balance at any moment: the balance the engine gives then, and the
// walk of ledger entries that produced it, each naming the rules that made it (credit-rules.md,
// "Rule ids"). It only computes; words are the UI's. The history is replayed up to the moment
// (a bare engine: a 100,000-event history takes a few milliseconds), so a moment before the
// history's last event is answered as it was then, not with what came later. It reads the
// history it is given, which must outlive it.
class BalanceWalk
{
public:
    explicit BalanceWalk(const AccountHistory &history);

    BalanceExplanation at(TimePoint t) const;

private:
    const AccountHistory &m_history;
};

} // namespace creditdesk
