#pragma once

#include "AccountZone.h"
#include "Answers.h"
#include "Event.h"
#include "LedgerEntry.h"
#include "NameTable.h"
#include "Policy.h"
#include "RefreshSchedule.h"

#include <QJsonObject>
#include <QList>

#include <array>
#include <deque>

#include <memory>
#include <optional>
#include <set>
#include <variant>
#include <vector>

namespace creditdesk {

struct ParseError;

// One account's credits under one policy. Events are applied in time order; expiries and
// refreshes due by an instant are computed when time is advanced to it, never by a job, so
// an expired bucket is never spendable whoever looks. The ledger is append-only and every
// balance is the sum of its entries.
class CreditEngine
{
public:
    CreditEngine(std::shared_ptr<const Policy> policy, AccountZone zone,
                 std::shared_ptr<NameTable> names = {});
    CreditEngine(const CreditEngine &) = default;
    // A copy that interns names into `names` (a copy of this engine's table, same ids): an
    // AccountHistory copy owns its names, so appending to it leaves the original untouched.
    CreditEngine(const CreditEngine &other, std::shared_ptr<NameTable> names);

    const Policy &policy() const { return *m_policy; }
    const AccountZone &zone() const { return m_zone; }
    NameTable &names() { return *m_names; }
    const NameTable &names() const { return *m_names; }
    TimePoint now() const { return m_now; }

    // Applies expiries and refreshes due at or before t. Time never goes back.
    void advanceTo(TimePoint t);
    // Advances to the event's time, then applies it. Events must come in time order.
    void apply(const Event &event);

    // Questions about the state at now().
    BalanceAnswer balance() const;
    QList<RefreshRow> nextRefreshes() const;
    CanStartAnswer canStart(const TaskRequest &request) const;
    QList<WindowRow> limits() const;
    std::optional<qint64> affordable(const TaskRequest &request) const;
    ProjectionAnswer projection(qint64 windowDays) const;
    // A deque: it grows without the copy-and-double peak of a vector of millions of entries.
    const std::deque<LedgerEntry> &ledger() const { return m_ledger; }
    // The debit reason of ledger entry `index` (a NameTable id), or -1.
    int entryNote(std::size_t index) const;
    std::size_t firstEntryAtOrAfter(TimePoint since) const;
    Credits total() const { return m_total; }
    Credits reserved() const { return m_reserved; }
    int currentPlan() const { return m_plan; }
    // Rules that make no ledger entry but describe a task (credit-rules.md, "Rule ids"):
    // task.promotion_free for an admitted task that started inside a promotion.
    RuleSet taskRules(int task) const;
    // task.outcome_free when the preset does not charge a task that ends with `outcome`.
    RuleSet outcomeRules(Outcome outcome) const;
    // charge.applicability when some bucket kind the preset can hold may not pay for the
    // feature; with charge.consumption_order, which every charge follows.
    RuleSet chargeRules(int feature) const;

    // The whole state as JSON, and back. resume(snapshot()) continues exactly where this
    // engine is: the client's cache and the server stand on this.
    QJsonObject snapshot() const;
    static std::variant<std::unique_ptr<CreditEngine>, ParseError>
    resume(std::shared_ptr<const Policy> policy, AccountZone zone, const QJsonObject &snapshot);

private:
    struct Lot
    {
        BucketKind kind = BucketKind::Plan;
        int priority = 0;
        bool dead = false; // reset by a plan change, or expired
        // What its expiry entry names: expire.lot, or (a pool's issue) the refresh's ids.
        RuleSet expiry = {RuleId::ExpireLot};
        TimePoint expiresAt = Never;
        quint64 seq = 0;
        Credits remaining;
    };
    struct Portion
    {
        int lot = -1;
        Credits amount;
    };
    struct Pool
    {
        BucketKind kind = BucketKind::DailyFree;
        Credits amount;
        CycleRule cycle;
        TimePoint anchor = 0;
        TimePoint nextAt = Never;
        bool isPlan = false;
        RefreshSchedule schedule;
    };
    struct WindowState
    {
        QString kind;
        TimePoint openedAt = NoTime;
        qint64 lengthSeconds = 0;
        Credits used;
    };
    enum class TaskState : quint8 { Unknown, Open, Ended };
    // What the engine keeps of a task once admitted (40 bytes: there are hundreds of
    // thousands). Under `covers` an open task holds exactly its cost in reserve.
    struct Task
    {
        TimePoint startAt = 0;
        Credits cost; // known cost, or the estimate reserved under `covers`
        Credits taken;
        quint32 takesBegin = 0;
        quint32 takesCount = 0;
        qint16 feature = -1;
        // Bit i: the task counts toward m_windows[i], which was open at its start (or opened
        // by it). Membership is recorded, not inferred from times: a window opened later at
        // the same instant by another task does not count this one.
        quint16 windows = 0;
        TaskState state = TaskState::Unknown;
        bool reserves = false; // holds `cost` in reserve while open
        bool free = false;
        bool refunded = false;
    };
    struct Promotion
    {
        int feature = -1;
        TimePoint from = 0;
        TimePoint until = 0;
    };
    struct Quote
    {
        bool invalid = false;
        bool known = false; // false: priced by tokens that were not given
        Credits cost;
    };

    bool lotBefore(int a, int b) const;
    int addLot(BucketKind kind, Credits amount, TimePoint expiresAt,
               RuleSet expiry = {RuleId::ExpireLot});
    void addSpendable(int lot);
    void removeSpendable(int lot);
    bool lotAlive(const Lot &lot) const { return !lot.dead && m_now < lot.expiresAt; }
    void append(LedgerEntry entry, int note = -1);
    // `rules` go on every entry; portionRules[i], when given, on the entry portion i joins.
    void appendGrouped(EntryType type, const std::vector<Portion> &portions, int sign, int task,
                       int note, Credits uncovered, RuleSet rules,
                       const std::vector<RuleSet> *portionRules = nullptr);
    std::vector<Portion> allocate(int feature, Credits amount) const;
    Credits withdraw(int feature, Credits amount, EntryType type, RuleSet rules, int task, int note,
                     bool recordTakes, Task *forTask);
    void expireDue(TimePoint at);
    void refreshDue(TimePoint at);
    void reject(int task, RejectReason reason);
    RuleSet rejectRules(RejectReason reason) const;
    static RuleSet cycleRules(CycleRule cycle);
    void startPool(BucketKind kind, Credits amount, CycleRule cycle, TimePoint anchor, bool isPlan);
    void killPlanLots();

    Quote quote(const TaskRequest &request) const;
    Credits estimate(const TaskRequest &request, const Quote &q) const;
    bool isFree(int feature, TimePoint at) const;
    bool mayPay(BucketKind kind, int feature) const;
    RejectReason admissionCheck(const TaskRequest &request, const Quote &q) const;
    Credits availableFor(int feature) const;
    const PlanRule *planRule() const;
    const WindowState *openWindow(const QString &kind) const;

    void onSignup(const Event &e);
    void onSubscribe(const Event &e);
    void onTaskStart(const Event &e);
    void onTaskEnd(const Event &e);
    void onRefund(const Event &e);
    void onDebit(const Event &e);

    std::shared_ptr<const Policy> m_policy;
    AccountZone m_zone;
    std::shared_ptr<NameTable> m_names;
    TimePoint m_now = NoTime;
    Credits m_total;
    Credits m_reserved;
    quint64 m_nextSeq = 0;
    bool m_signedUp = false;
    int m_plan = -1;
    bool m_subscribed = false;
    TimePoint m_anchor = NoTime;
    std::vector<Lot> m_lots;
    std::vector<int> m_spendable;                   // non-empty live lots, consumption order
    std::set<std::pair<TimePoint, int>> m_expiring; // live lots with an expiry
    std::vector<Pool> m_pools;
    std::vector<WindowState> m_windows;
    std::vector<Task> m_tasks; // by NameTable id
    std::vector<Portion> m_takes;
    std::vector<int> m_openReservations; // task ids in admission order
    std::vector<Promotion> m_promotions;
    std::deque<LedgerEntry> m_ledger;
    std::vector<std::pair<std::size_t, int>> m_entryNotes; // (entry index, NameTable id)
    // (time, cumulative usage) after each charge or refund: projections read sums from it.
    std::vector<std::pair<TimePoint, qint64>> m_usage;
    // Per bucket kind, the features (bit = feature index) it may pay for: the policy's
    // applicability as bits, because admission asks it for every lot on every start.
    std::array<quint64, BucketKindCount> m_payMask{};
    // Per feature: some bucket kind the preset can hold may not pay for it (applicability).
    std::vector<bool> m_restrictedFeature;
    mutable std::vector<Credits> m_scratch;
};

} // namespace creditdesk
