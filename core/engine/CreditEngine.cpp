#include "CreditEngine.h"

#include "HugePages.h"

#include <algorithm>

namespace creditdesk {

namespace {
// The last second of the year 9999: projections further out answer null.
constexpr TimePoint EndOfYear9999 = 253402300799;

bool isFeaturePricedByTokens(const FeatureRule &f)
{
    return f.pricing == FeatureRule::Pricing::PerThousandTokens;
}
} // namespace

CreditEngine::CreditEngine(std::shared_ptr<const Policy> policy, AccountZone zone,
                           std::shared_ptr<NameTable> names)
    : m_policy(std::move(policy))
    , m_zone(std::move(zone))
    , m_names(std::move(names))
{
    if (!m_names)
        m_names = std::make_shared<NameTable>();
    for (int k = 0; k < BucketKindCount; ++k) {
        quint64 mask = 0;
        for (int f = 0; f < int(m_policy->features.size()) && f < 64; ++f)
            if (m_policy->mayPay(BucketKind(k), f))
                mask |= quint64(1) << f;
        m_payMask[std::size_t(k)] = mask;
    }
    // The bucket kinds this preset can hold: grants of any kind (bonus, adjustment), purchases
    // and refunds always; plan credits with a plan that recurs; its signup grants and pools.
    std::array<bool, BucketKindCount> held{};
    held[std::size_t(BucketKind::Bonus)] = true;
    held[std::size_t(BucketKind::Adjustment)] = true;
    held[std::size_t(BucketKind::Purchased)] = true;
    held[std::size_t(BucketKind::Refund)] = true;
    for (const PlanRule &plan : m_policy->plans)
        if (plan.cycle.recurs())
            held[std::size_t(BucketKind::Plan)] = true;
    for (const OneTimeGrant &g : m_policy->signupGrants)
        held[std::size_t(g.kind)] = true;
    for (const RecurringGrant &g : m_policy->signupRecurring)
        held[std::size_t(g.kind)] = true;
    m_restrictedFeature.resize(std::size_t(m_policy->features.size()));
    for (int f = 0; f < int(m_policy->features.size()); ++f)
        for (int k = 0; k < BucketKindCount; ++k)
            if (held[std::size_t(k)] && !m_policy->mayPay(BucketKind(k), f))
                m_restrictedFeature[std::size_t(f)] = true;
}

RuleSet CreditEngine::taskRules(int task) const
{
    if (task < 0 || std::size_t(task) >= m_tasks.size())
        return {};
    const Task &t = m_tasks[std::size_t(task)];
    return t.state != TaskState::Unknown && t.free ? RuleSet{RuleId::TaskPromotionFree} : RuleSet{};
}

RuleSet CreditEngine::outcomeRules(Outcome outcome) const
{
    return m_policy->chargedOutcomes[std::size_t(outcome)] ? RuleSet{}
                                                           : RuleSet{RuleId::TaskOutcomeFree};
}

RuleSet CreditEngine::chargeRules(int feature) const
{
    RuleSet rules{RuleId::ChargeConsumptionOrder};
    if (feature >= 0 && std::size_t(feature) < m_restrictedFeature.size() &&
        m_restrictedFeature[std::size_t(feature)])
        rules.add(RuleId::ChargeApplicability);
    return rules;
}

RuleSet CreditEngine::rejectRules(RejectReason reason) const
{
    switch (reason) {
    case RejectReason::InsufficientCredits:
        return {m_policy->admission == Admission::Positive ? RuleId::RejectInsufficientPositive
                                                           : RuleId::RejectInsufficientCovers};
    case RejectReason::LimitReached:
        return {RuleId::RejectLimit};
    case RejectReason::InvalidRequest:
        return {RuleId::RejectInvalid};
    case RejectReason::None:
        break;
    }
    return {};
}

RuleSet CreditEngine::cycleRules(CycleRule cycle)
{
    if (!cycle.recurs())
        return {};
    if (cycle.unit == CycleRule::Unit::Months)
        return {RuleId::RefreshMonthlyAnniversary};
    return {cycle.count == 1 ? RuleId::RefreshDailyMidnight : RuleId::RefreshRollingDays};
}

bool CreditEngine::mayPay(BucketKind kind, int feature) const
{
    if (feature >= 64)
        return m_policy->mayPay(kind, feature);
    return (m_payMask[std::size_t(kind)] >> feature) & 1;
}

// ---- lots -------------------------------------------------------------------------------

bool CreditEngine::lotBefore(int a, int b) const
{
    const Lot &x = m_lots[std::size_t(a)];
    const Lot &y = m_lots[std::size_t(b)];
    if (x.priority != y.priority)
        return x.priority < y.priority;
    if (x.expiresAt != y.expiresAt)
        return x.expiresAt < y.expiresAt;
    return x.seq < y.seq;
}

int CreditEngine::addLot(BucketKind kind, Credits amount, TimePoint expiresAt, RuleSet expiry)
{
    Lot lot;
    lot.kind = kind;
    lot.expiry = expiry;
    lot.priority = m_policy->priority[std::size_t(kind)];
    lot.expiresAt = expiresAt;
    lot.seq = m_nextSeq++;
    lot.remaining = amount;
    const int id = int(m_lots.size());
    m_lots.push_back(lot);
    if (expiresAt != Never)
        m_expiring.emplace(expiresAt, id);
    if (amount.isPositive())
        addSpendable(id);
    m_total += amount;
    return id;
}

void CreditEngine::addSpendable(int lot)
{
    // New grants usually sort last among their peers, so this is an append in practice.
    auto it = std::upper_bound(m_spendable.begin(), m_spendable.end(), lot,
                               [this](int a, int b) { return lotBefore(a, b); });
    m_spendable.insert(it, lot);
}

void CreditEngine::removeSpendable(int lot)
{
    auto it = std::find(m_spendable.begin(), m_spendable.end(), lot);
    if (it != m_spendable.end())
        m_spendable.erase(it);
}

// ---- ledger -----------------------------------------------------------------------------

void CreditEngine::append(LedgerEntry entry, int note)
{
    entry.at = m_now;
    entry.balanceAfter = m_total;
    if (note >= 0)
        m_entryNotes.emplace_back(m_ledger.size(), note);
    m_ledger.push_back(entry);
}

int CreditEngine::entryNote(std::size_t index) const
{
    auto it = std::lower_bound(m_entryNotes.begin(), m_entryNotes.end(),
                               std::pair<std::size_t, int>(index, -1));
    return it != m_entryNotes.end() && it->first == index ? it->second : -1;
}

void CreditEngine::appendGrouped(EntryType type, const std::vector<Portion> &portions, int sign,
                                 int task, int note, Credits uncovered, RuleSet rules,
                                 const std::vector<RuleSet> *portionRules)
{
    // One entry per bucket (kind and expiry); a merged entry stands where its oldest grant
    // does, which is where the portion list first meets it.
    struct Group
    {
        BucketKind kind;
        TimePoint expiresAt;
        Credits amount;
        RuleSet rules; // every rule that holds for one of its portions
    };
    std::vector<Group> groups;
    for (std::size_t i = 0; i < portions.size(); ++i) {
        const Portion &p = portions[i];
        const Lot &lot = m_lots[std::size_t(p.lot)];
        const RuleSet own = portionRules ? (*portionRules)[i] : RuleSet();
        auto it = std::find_if(groups.begin(), groups.end(), [&](const Group &g) {
            return g.kind == lot.kind && g.expiresAt == lot.expiresAt;
        });
        if (it == groups.end()) {
            groups.push_back({lot.kind, lot.expiresAt, p.amount, rules | own});
        } else {
            it->amount += p.amount;
            it->rules |= own;
        }
    }
    Credits balance = m_total;
    // m_total already holds the final balance; walk back to the balance before the entries.
    for (const Group &g : groups)
        balance -= g.amount.times(sign);
    for (std::size_t i = 0; i < groups.size(); ++i) {
        balance += groups[i].amount.times(sign);
        LedgerEntry e;
        e.at = m_now;
        e.type = type;
        e.hasBucket = true;
        e.bucket = groups[i].kind;
        e.task = task;
        e.amount = groups[i].amount.times(sign);
        e.balanceAfter = balance;
        e.rules = groups[i].rules;
        if (i + 1 == groups.size()) {
            e.uncovered = uncovered;
            if (uncovered.isPositive())
                e.rules.add(RuleId::ChargeUncovered);
        }
        if (note >= 0)
            m_entryNotes.emplace_back(m_ledger.size(), note);
        m_ledger.push_back(e);
    }
}

std::vector<CreditEngine::Portion> CreditEngine::allocate(int feature, Credits amount) const
{
    std::vector<Portion> portions;
    Credits left = amount;
    for (int id : m_spendable) {
        if (!left.isPositive())
            break;
        const Lot &lot = m_lots[std::size_t(id)];
        if (feature >= 0 && !mayPay(lot.kind, feature))
            continue;
        const Credits take = min(left, lot.remaining);
        portions.push_back({id, take});
        left -= take;
    }
    return portions;
}

Credits CreditEngine::withdraw(int feature, Credits amount, EntryType type, RuleSet rules, int task,
                               int note, bool recordTakes, Task *forTask)
{
    const std::vector<Portion> portions = allocate(feature, amount);
    Credits taken;
    for (const Portion &p : portions) {
        Lot &lot = m_lots[std::size_t(p.lot)];
        lot.remaining -= p.amount;
        taken += p.amount;
        if (lot.remaining.isZero())
            removeSpendable(p.lot);
    }
    m_total -= taken;
    const Credits uncovered = amount - taken;
    if (forTask && recordTakes) {
        forTask->takesBegin = quint32(m_takes.size());
        forTask->takesCount = quint32(portions.size());
        forTask->taken = taken;
        HugePages::reserve(m_takes, m_takes.size() + portions.size());
        m_takes.insert(m_takes.end(), portions.begin(), portions.end());
    }
    if (portions.empty()) {
        // A charge that could take nothing still tells what it cost.
        LedgerEntry e;
        e.type = type;
        e.task = task;
        e.uncovered = uncovered;
        e.rules = rules;
        if (uncovered.isPositive())
            e.rules.add(RuleId::ChargeUncovered);
        append(e, note);
    } else {
        appendGrouped(type, portions, -1, task, note, uncovered, rules);
    }
    return taken;
}

void CreditEngine::reject(int task, RejectReason reason)
{
    LedgerEntry e;
    e.type = EntryType::Reject;
    e.task = task;
    e.reason = reason;
    e.rules = rejectRules(reason);
    append(e);
}

// ---- time -------------------------------------------------------------------------------

void CreditEngine::expireDue(TimePoint at)
{
    std::vector<int> due;
    while (!m_expiring.empty() && m_expiring.begin()->first <= at) {
        due.push_back(m_expiring.begin()->second);
        m_expiring.erase(m_expiring.begin());
    }
    std::sort(due.begin(), due.end(), [this](int a, int b) { return lotBefore(a, b); });
    std::vector<Portion> portions;
    std::vector<RuleSet> portionRules;
    for (int id : due) {
        Lot &lot = m_lots[std::size_t(id)];
        lot.dead = true;
        if (lot.remaining.isPositive()) {
            portions.push_back({id, lot.remaining});
            portionRules.push_back(lot.expiry);
            m_total -= lot.remaining;
            lot.remaining = Credits();
            removeSpendable(id);
        }
    }
    if (!portions.empty())
        appendGrouped(EntryType::Expire, portions, -1, -1, -1, Credits(), {}, &portionRules);
}

void CreditEngine::refreshDue(TimePoint at)
{
    std::vector<std::size_t> due;
    for (std::size_t i = 0; i < m_pools.size(); ++i)
        if (m_pools[i].nextAt == at)
            due.push_back(i);
    std::sort(due.begin(), due.end(), [this](std::size_t a, std::size_t b) {
        return bucketKindName(m_pools[a].kind) < bucketKindName(m_pools[b].kind);
    });
    for (std::size_t i : due) {
        Pool &pool = m_pools[i];
        pool.nextAt = pool.schedule.nextAfter(at);
        // What is left of this issue expires at the next refresh, which rolls nothing over.
        const RuleSet cycle = cycleRules(pool.cycle);
        const int lot =
            addLot(pool.kind, pool.amount, pool.nextAt, cycle | RuleSet{RuleId::ExpireNoRollover});
        LedgerEntry e;
        e.type = EntryType::Refresh;
        e.rules = cycle;
        e.hasBucket = true;
        e.bucket = pool.kind;
        e.amount = m_lots[std::size_t(lot)].remaining;
        append(e);
    }
}

CreditEngine::CreditEngine(const CreditEngine &other, std::shared_ptr<NameTable> names)
    : CreditEngine(other)
{
    m_names = std::move(names);
}

void CreditEngine::advanceTo(TimePoint t)
{
    if (m_now != NoTime && t < m_now)
        return;
    for (;;) {
        TimePoint next = m_expiring.empty() ? Never : m_expiring.begin()->first;
        for (const Pool &pool : m_pools)
            next = std::min(next, pool.nextAt);
        if (next > t || next == Never)
            break;
        m_now = next;
        // At one instant: expiries first (in consumption order), then refreshes.
        expireDue(next);
        refreshDue(next);
    }
    m_now = t;
}

void CreditEngine::startPool(BucketKind kind, Credits amount, CycleRule cycle, TimePoint anchor,
                             bool isPlan)
{
    Pool pool;
    pool.kind = kind;
    pool.amount = amount;
    pool.cycle = cycle;
    pool.anchor = anchor;
    pool.isPlan = isPlan;
    pool.schedule = RefreshSchedule(cycle, anchor, m_zone);
    pool.nextAt = pool.schedule.nextAfter(m_now);
    m_pools.push_back(pool);
    // The first issue of a pool is a grant; it lasts until the pool's next boundary.
    addLot(kind, amount, pool.nextAt, cycleRules(cycle) | RuleSet{RuleId::ExpireNoRollover});
    LedgerEntry e;
    e.type = EntryType::Grant;
    e.rules = {RuleId::GrantPoolStart};
    e.hasBucket = true;
    e.bucket = kind;
    e.amount = amount;
    append(e);
}

// ---- events -----------------------------------------------------------------------------

void CreditEngine::apply(const Event &e)
{
    advanceTo(e.at);
    switch (e.type) {
    case EventType::Signup:
        onSignup(e);
        break;
    case EventType::Subscribe:
        onSubscribe(e);
        break;
    case EventType::Grant: {
        addLot(e.kind, e.amount, e.until);
        LedgerEntry entry;
        entry.type = EntryType::Grant;
        entry.hasBucket = true;
        entry.bucket = e.kind;
        entry.amount = e.amount;
        entry.rules = {RuleId::GrantEvent};
        append(entry);
        break;
    }
    case EventType::Purchase: {
        const Credits amount = e.pack >= 0 ? m_policy->packs[e.pack].amount : e.amount;
        addLot(BucketKind::Purchased, amount, Never);
        LedgerEntry entry;
        entry.type = EntryType::Purchase;
        entry.hasBucket = true;
        entry.bucket = BucketKind::Purchased;
        entry.amount = amount;
        entry.rules = {RuleId::PurchaseCredited};
        append(entry);
        break;
    }
    case EventType::TaskStart:
        onTaskStart(e);
        break;
    case EventType::TaskEnd:
        onTaskEnd(e);
        break;
    case EventType::Refund:
        onRefund(e);
        break;
    case EventType::Debit:
        onDebit(e);
        break;
    case EventType::Promotion:
        m_promotions.push_back({e.request.feature, e.from, e.until});
        break;
    }
}

void CreditEngine::onSignup(const Event &)
{
    if (m_signedUp) {
        reject(-1, RejectReason::InvalidRequest);
        return;
    }
    m_signedUp = true;
    // signup_free before daily_free: one-time grants first, then the recurring pools.
    for (const OneTimeGrant &g : m_policy->signupGrants) {
        addLot(g.kind, g.amount, Never);
        LedgerEntry entry;
        entry.type = EntryType::Grant;
        entry.hasBucket = true;
        entry.bucket = g.kind;
        entry.amount = g.amount;
        entry.rules = {RuleId::GrantSignup};
        append(entry);
    }
    for (const RecurringGrant &g : m_policy->signupRecurring)
        startPool(g.kind, g.amount, g.cycle, m_now, false);
}

void CreditEngine::killPlanLots()
{
    std::vector<Portion> portions;
    for (std::size_t id = 0; id < m_lots.size(); ++id) {
        Lot &lot = m_lots[id];
        if (lot.kind != BucketKind::Plan || lot.dead)
            continue;
        lot.dead = true;
        if (lot.expiresAt != Never)
            m_expiring.erase({lot.expiresAt, int(id)});
        if (lot.remaining.isPositive()) {
            portions.push_back({int(id), lot.remaining});
            m_total -= lot.remaining;
            lot.remaining = Credits();
            removeSpendable(int(id));
        }
    }
    if (!portions.empty())
        appendGrouped(EntryType::Expire, portions, -1, -1, -1, Credits(), {RuleId::PlanChange});
}

void CreditEngine::onSubscribe(const Event &e)
{
    if (m_subscribed && e.plan == m_plan)
        return;
    killPlanLots();
    m_pools.erase(
        std::remove_if(m_pools.begin(), m_pools.end(), [](const Pool &p) { return p.isPlan; }),
        m_pools.end());
    m_plan = e.plan;
    m_subscribed = true;
    const PlanRule &plan = m_policy->plans[e.plan];
    if (plan.cycle.recurs()) {
        if (m_anchor == NoTime)
            m_anchor = m_now;
        startPool(BucketKind::Plan, plan.allotment, plan.cycle, m_anchor, true);
    }
}

const PlanRule *CreditEngine::planRule() const
{
    return m_subscribed ? &m_policy->plans[m_plan] : nullptr;
}

const CreditEngine::WindowState *CreditEngine::openWindow(const QString &kind) const
{
    for (const WindowState &w : m_windows)
        if (w.kind == kind && w.openedAt != NoTime && m_now < w.openedAt + w.lengthSeconds)
            return &w;
    return nullptr;
}

CreditEngine::Quote CreditEngine::quote(const TaskRequest &r) const
{
    Quote q;
    const FeatureRule &f = m_policy->features[r.feature];
    switch (f.pricing) {
    case FeatureRule::Pricing::PerUnit:
        q.known = true;
        q.cost = f.price.timesMilli(r.quantityMilli);
        break;
    case FeatureRule::Pricing::PerModel:
        if (f.maxModels > 0 && r.models > f.maxModels) {
            q.invalid = true;
            return q;
        }
        q.known = true;
        q.cost = f.price.times(r.models).timesMilli(r.quantityMilli);
        break;
    case FeatureRule::Pricing::TierOfRequest:
        if (r.tier < 0) {
            q.invalid = true;
            return q;
        }
        q.known = true;
        q.cost = m_policy->tiers[r.tier].price.timesMilli(r.quantityMilli);
        break;
    case FeatureRule::Pricing::PerThousandTokens:
        q.known = r.tokens >= 0;
        if (q.known)
            q.cost = f.price.timesMilli(r.tokens);
        break;
    }
    return q;
}

Credits CreditEngine::estimate(const TaskRequest &r, const Quote &q) const
{
    if (q.known)
        return q.cost;
    return m_policy->features[r.feature].price.timesMilli(m_policy->defaultTokens);
}

bool CreditEngine::isFree(int feature, TimePoint at) const
{
    if (m_promotions.empty())
        return false;
    for (const Promotion &p : m_promotions)
        if (p.feature == feature && p.from <= at && at < p.until)
            return true;
    return false;
}

Credits CreditEngine::availableFor(int feature) const
{
    if (!m_policy->hasApplicability())
        return max(Credits(), m_total - m_reserved);
    // Allocate every open reservation, in admission order, from the buckets that may pay
    // for its feature; what the buckets that may pay for `feature` have left is available.
    std::vector<Credits> &left = m_scratch;
    left.clear();
    for (int id : m_spendable)
        left.push_back(m_lots[std::size_t(id)].remaining);
    for (int taskId : m_openReservations) {
        const Task &t = m_tasks[std::size_t(taskId)];
        Credits need = t.cost;
        for (std::size_t i = 0; i < m_spendable.size() && need.isPositive(); ++i) {
            if (!left[i].isPositive() ||
                !mayPay(m_lots[std::size_t(m_spendable[i])].kind, t.feature))
                continue;
            const Credits take = min(need, left[i]);
            left[i] -= take;
            need -= take;
        }
    }
    Credits sum;
    for (std::size_t i = 0; i < m_spendable.size(); ++i)
        if (mayPay(m_lots[std::size_t(m_spendable[i])].kind, feature))
            sum += left[i];
    return sum;
}

RejectReason CreditEngine::admissionCheck(const TaskRequest &r, const Quote &q) const
{
    if (q.invalid)
        return RejectReason::InvalidRequest;
    if (isFree(r.feature, m_now))
        return RejectReason::None;
    if (const PlanRule *plan = planRule()) {
        for (const UsageWindowRule &rule : plan->windows) {
            const WindowState *w = openWindow(rule.kind);
            if (w && w->used >= rule.limit)
                return RejectReason::LimitReached;
        }
    }
    const Credits available = availableFor(r.feature);
    if (m_policy->admission == Admission::Positive)
        return available.isPositive() ? RejectReason::None : RejectReason::InsufficientCredits;
    return available >= estimate(r, q) ? RejectReason::None : RejectReason::InsufficientCredits;
}

void CreditEngine::onTaskStart(const Event &e)
{
    // Time only moves forward: a promotion that has ended can never apply again.
    std::erase_if(m_promotions, [this](const Promotion &p) { return p.until <= m_now; });
    // Grown by the id, not to the name table's size: a replay that follows a reader
    // (ScenarioHistoryReader) must not read the table the reader is still filling.
    if (m_tasks.size() <= std::size_t(e.task)) {
        HugePages::reserve(m_tasks, std::size_t(e.task) + 1);
        m_tasks.resize(std::size_t(e.task) + 1);
    }
    if (m_tasks[std::size_t(e.task)].state != TaskState::Unknown) {
        reject(e.task, RejectReason::InvalidRequest);
        return;
    }
    const Quote q = quote(e.request);
    const RejectReason reason = admissionCheck(e.request, q);
    if (reason != RejectReason::None) {
        reject(e.task, reason);
        return;
    }
    Task &task = m_tasks[std::size_t(e.task)];
    task.feature = qint16(e.request.feature);
    task.startAt = m_now;
    task.state = TaskState::Open;
    task.free = isFree(e.request.feature, m_now);
    task.cost = task.free ? Credits() : estimate(e.request, q);
    if (task.free)
        return;
    if (const PlanRule *plan = planRule()) {
        for (const UsageWindowRule &rule : plan->windows) {
            auto it = std::find_if(m_windows.begin(), m_windows.end(),
                                   [&](const WindowState &w) { return w.kind == rule.kind; });
            if (it == m_windows.end())
                it = m_windows.insert(m_windows.end(), WindowState{rule.kind, NoTime, 0, {}});
            if (!openWindow(rule.kind)) {
                it->openedAt = m_now;
                it->lengthSeconds = rule.lengthSeconds;
                it->used = Credits();
            }
            const auto index = std::size_t(it - m_windows.begin());
            if (index < 16)
                task.windows |= quint16(1u << index);
        }
    }
    if (m_policy->admission == Admission::Covers && task.cost.isPositive()) {
        task.reserves = true;
        m_reserved += task.cost;
        m_openReservations.push_back(e.task);
        LedgerEntry entry;
        entry.type = EntryType::Reserve;
        entry.task = e.task;
        entry.amount = -task.cost;
        entry.rules = {RuleId::ReserveHold};
        append(entry);
    }
}

void CreditEngine::onTaskEnd(const Event &e)
{
    if (std::size_t(e.task) >= m_tasks.size() ||
        m_tasks[std::size_t(e.task)].state != TaskState::Open) {
        reject(e.task, RejectReason::InvalidRequest);
        return;
    }
    Task &task = m_tasks[std::size_t(e.task)];
    task.state = TaskState::Ended;
    if (task.reserves) {
        m_reserved -= task.cost;
        m_openReservations.erase(
            std::find(m_openReservations.begin(), m_openReservations.end(), e.task));
        LedgerEntry entry;
        entry.type = EntryType::Release;
        entry.task = e.task;
        entry.amount = task.cost;
        entry.rules = {RuleId::ReserveRelease};
        append(entry);
        task.reserves = false;
    }
    if (task.free || !m_policy->chargedOutcomes[std::size_t(e.outcome)])
        return;
    Credits cost = task.cost;
    const FeatureRule &feature = m_policy->features[task.feature];
    if (isFeaturePricedByTokens(feature) && e.request.tokens >= 0)
        cost = feature.price.timesMilli(e.request.tokens);
    if (!cost.isPositive())
        return;
    const Credits taken = withdraw(task.feature, cost, EntryType::Charge, chargeRules(task.feature),
                                   e.task, -1, true, &task);
    // Sums as Credits: they stop at the ends of the range rather than wrap.
    const Credits usedBefore = Credits::fromMilli(m_usage.empty() ? 0 : m_usage.back().second);
    HugePages::reserve(m_usage, m_usage.size() + 1);
    m_usage.emplace_back(m_now, (usedBefore + taken).milli());
    // Its charge adds what it took to the windows that were open at its start, if they are
    // still the same windows (one of a kind at a time: the same one if it spans the start).
    for (std::size_t i = 0; i < m_windows.size() && i < 16; ++i) {
        WindowState &w = m_windows[i];
        if ((task.windows >> i) & 1 && w.openedAt <= task.startAt &&
            task.startAt < w.openedAt + w.lengthSeconds)
            w.used += taken;
    }
}

void CreditEngine::onRefund(const Event &e)
{
    if (std::size_t(e.task) >= m_tasks.size()) {
        reject(e.task, RejectReason::InvalidRequest);
        return;
    }
    Task &task = m_tasks[std::size_t(e.task)];
    if (task.state != TaskState::Ended || !task.taken.isPositive() || task.refunded) {
        reject(e.task, RejectReason::InvalidRequest);
        return;
    }
    task.refunded = true;
    std::vector<Portion> portions;
    std::vector<RuleSet> portionRules;
    int refundLot = -1;
    for (quint32 i = 0; i < task.takesCount; ++i) {
        const Portion &take = m_takes[task.takesBegin + i];
        Lot &lot = m_lots[std::size_t(take.lot)];
        if (lotAlive(lot)) {
            if (lot.remaining.isZero())
                addSpendable(take.lot);
            lot.remaining += take.amount;
            m_total += take.amount;
            portions.push_back(take);
            portionRules.push_back({RuleId::RefundToLots});
        } else {
            // Its bucket expired or was reset: the credits come back as a refund bucket.
            if (refundLot < 0)
                refundLot = addLot(BucketKind::Refund, take.amount, Never);
            else {
                m_lots[std::size_t(refundLot)].remaining += take.amount;
                m_total += take.amount;
            }
            portions.push_back({refundLot, take.amount});
            portionRules.push_back({RuleId::RefundToRefundLot});
        }
    }
    appendGrouped(EntryType::Refund, portions, 1, e.task, -1, Credits(), {}, &portionRules);
    const Credits usedBefore = Credits::fromMilli(m_usage.empty() ? 0 : m_usage.back().second);
    HugePages::reserve(m_usage, m_usage.size() + 1);
    m_usage.emplace_back(m_now, (usedBefore - task.taken).milli());
}

void CreditEngine::onDebit(const Event &e)
{
    if (e.amount > m_total - m_reserved) {
        LedgerEntry entry;
        entry.type = EntryType::Reject;
        entry.reason = RejectReason::InvalidRequest;
        entry.rules = rejectRules(entry.reason);
        append(entry);
        return;
    }
    withdraw(-1, e.amount, EntryType::Debit, {RuleId::DebitAdjustment}, -1, e.note, false, nullptr);
}

// ---- questions --------------------------------------------------------------------------

BalanceAnswer CreditEngine::balance() const
{
    BalanceAnswer a;
    a.total = m_total;
    a.reserved = m_reserved;
    a.available = m_total - m_reserved;
    for (int id : m_spendable) {
        const Lot &lot = m_lots[std::size_t(id)];
        auto it = std::find_if(a.buckets.begin(), a.buckets.end(), [&](const BucketRow &row) {
            return row.kind == lot.kind && row.expiresAt == lot.expiresAt;
        });
        if (it == a.buckets.end())
            a.buckets.push_back({lot.kind, lot.remaining, lot.expiresAt});
        else
            it->remaining += lot.remaining;
    }
    return a;
}

QList<RefreshRow> CreditEngine::nextRefreshes() const
{
    QList<RefreshRow> rows;
    for (const Pool &pool : m_pools)
        if (pool.nextAt != Never)
            rows.push_back({pool.kind, pool.nextAt});
    std::sort(rows.begin(), rows.end(), [](const RefreshRow &a, const RefreshRow &b) {
        if (a.at != b.at)
            return a.at < b.at;
        return bucketKindName(a.kind) < bucketKindName(b.kind);
    });
    return rows;
}

CanStartAnswer CreditEngine::canStart(const TaskRequest &request) const
{
    CanStartAnswer a;
    const Quote q = quote(request);
    // A token-priced task without tokens has no known cost, unless a promotion covers the
    // start: then it costs 0, tokens or not (scenario-format.md, Queries).
    if (!q.invalid && isFree(request.feature, m_now))
        a.cost = Credits();
    else if (!q.invalid && q.known)
        a.cost = q.cost;
    a.reason = admissionCheck(request, q);
    a.allowed = a.reason == RejectReason::None;
    return a;
}

QList<WindowRow> CreditEngine::limits() const
{
    QList<WindowRow> rows;
    const PlanRule *plan = planRule();
    if (!plan)
        return rows;
    for (const UsageWindowRule &rule : plan->windows) {
        WindowRow row;
        row.kind = rule.kind;
        row.limit = rule.limit;
        if (const WindowState *w = openWindow(rule.kind)) {
            row.used = w->used;
            row.openedAt = w->openedAt;
            row.resetsAt = w->openedAt + w->lengthSeconds;
        }
        rows.push_back(row);
    }
    return rows;
}

std::optional<qint64> CreditEngine::affordable(const TaskRequest &request) const
{
    TaskRequest r = request;
    const FeatureRule &feature = m_policy->features[r.feature];
    if (isFeaturePricedByTokens(feature) && r.tokens < 0)
        r.tokens = m_policy->defaultTokens;
    const Quote q = quote(r);
    if (q.invalid)
        return 0;
    if (isFree(r.feature, m_now) || !q.cost.isPositive())
        return std::nullopt;
    const Credits available = availableFor(r.feature);
    return std::max<qint64>(0, available.milli() / q.cost.milli());
}

std::size_t CreditEngine::firstEntryAtOrAfter(TimePoint since) const
{
    auto it = std::lower_bound(m_ledger.begin(), m_ledger.end(), since,
                               [](const LedgerEntry &e, TimePoint t) { return e.at < t; });
    return std::size_t(it - m_ledger.begin());
}

ProjectionAnswer CreditEngine::projection(qint64 windowDays) const
{
    ProjectionAnswer a;
    const auto usageUpTo = [this](WideInt t) -> qint64 {
        if (t < WideInt(std::numeric_limits<qint64>::min()))
            return 0;
        auto it = std::upper_bound(
            m_usage.begin(), m_usage.end(), TimePoint(t),
            [](TimePoint v, const std::pair<TimePoint, qint64> &u) { return v < u.first; });
        return it == m_usage.begin() ? 0 : std::prev(it)->second;
    };
    // A window of any length: 128-bit arithmetic, so no window_days can overflow.
    const WideInt windowSeconds = WideInt(windowDays) * SecondsPerDay;
    const qint64 net = std::max<qint64>(0, (Credits::fromMilli(usageUpTo(m_now)) -
                                            Credits::fromMilli(usageUpTo(m_now - windowSeconds)))
                                               .milli());
    // burn_per_day rounded half up to 3 digits; runs_out_at uses the exact burn.
    a.burnPerDay =
        Credits::fromMilli(qint64((2 * WideInt(net) + windowDays) / (2 * WideInt(windowDays))));
    for (const Pool &pool : m_pools)
        if (pool.nextAt != Never && (a.nextRefreshAt == NoTime || pool.nextAt < a.nextRefreshAt))
            a.nextRefreshAt = pool.nextAt;
    if (net > 0) {
        const Credits available = m_total - m_reserved;
        if (!available.isPositive()) {
            a.runsOutAt = m_now;
        } else {
            // available × window may pass even 128 bits (2^63 × 9·10^15 days): that is
            // far past the year 9999.
            WideInt product;
            const WideInt seconds =
                __builtin_mul_overflow(WideInt(available.milli()), windowSeconds, &product)
                    ? WideInt(Never)
                    : product / net;
            // Null past the year 9999 as the member reads it, in the account's zone.
            if (seconds <= WideInt(EndOfYear9999 - m_now) + 14 * 3600) {
                const TimePoint t = m_now + TimePoint(seconds);
                if (t + m_zone.offsetAt(t) <= EndOfYear9999)
                    a.runsOutAt = t;
            }
        }
    }
    if (a.runsOutAt != NoTime)
        a.runsOutBeforeRefresh = a.nextRefreshAt == NoTime || a.runsOutAt < a.nextRefreshAt;
    return a;
}

} // namespace creditdesk
