#include "AccountGlance.h"

#include "AmountFormat.h"
#include "CreditEngine.h"
#include "SyncedAccount.h"
#include "TimeFormat.h"

#include <algorithm>

namespace creditdesk {

AccountGlance AccountGlance::of(const SyncedAccount *account, const SyncStatus &status,
                                TimePoint now, const NotificationPlanner::Settings &thresholds)
{
    AccountGlance g;
    g.statusText = status.text();
    g.syncing = status.state == SyncStatus::State::Syncing;
    if (!account) {
        g.availableText = tr("Loading…");
        if (status.state == SyncStatus::State::Offline ||
            status.state == SyncStatus::State::Unauthorized ||
            status.state == SyncStatus::State::TlsRejected ||
            status.state == SyncStatus::State::Failed)
            g.state = State::Offline;
        return g;
    }
    g.name = account->displayName.isEmpty() ? account->accountId : account->displayName;
    const AccountHistory &history = account->history();
    const TimePoint at = std::max(now, history.engine().now());
    // The account's own engine answers for any moment before its next refresh or expiry;
    // only past one is a copy advanced to `at` needed (a copy of a long history is not free,
    // and this runs for every account after every sync).
    const CreditEngine &base = history.engine();
    TimePoint boundary = Never;
    for (const RefreshRow &r : base.nextRefreshes())
        boundary = std::min(boundary, r.at);
    const BalanceAnswer current = base.balance();
    for (const BucketRow &b : current.buckets)
        boundary = std::min(boundary, b.expiresAt);
    std::unique_ptr<CreditEngine> advanced;
    if (at >= boundary)
        advanced = history.engineAt(at);
    const CreditEngine *engine = advanced ? advanced.get() : &base;
    const BalanceAnswer balance = advanced ? engine->balance() : current;
    g.available = balance.available;
    const AmountFormat amounts(account->unit);
    g.availableText = tr("%1 available").arg(amounts.withUnit(balance.available));

    // Exhausted: no credits, or a usage window used up; it comes back at the next refresh or
    // when the window resets (whichever is the reason, the later if both).
    TimePoint back = NoTime;
    bool empty = false;
    if (!balance.available.isPositive()) {
        empty = true;
        TimePoint next = Never;
        for (const RefreshRow &r : engine->nextRefreshes())
            next = std::min(next, r.at);
        if (next != Never)
            back = next;
    }
    for (const WindowRow &w : engine->limits()) {
        if (w.openedAt == NoTime || w.used < w.limit || w.resetsAt == NoTime || w.resetsAt <= at)
            continue; // closed, not used up, or already reset
        empty = true;
        back = back == NoTime ? w.resetsAt : std::max(back, w.resetsAt);
    }
    std::optional<Credits> allotment;
    const Policy &policy = engine->policy();
    if (engine->currentPlan() >= 0 && engine->currentPlan() < policy.plans.size())
        allotment = policy.plans[engine->currentPlan()].allotment;
    const QList<Credits> levels = NotificationPlanner::thresholds(thresholds, allotment);

    if (empty)
        g.state = State::Empty;
    else if (!levels.isEmpty() && balance.available <= levels.first())
        g.state = State::Low;
    else
        g.state = State::Normal;
    if (empty && back != NoTime && back > at) {
        g.backAt = back;
        const TimeFormat times(engine->zone());
        g.backText = back - at < 3600 ? tr("back in %1").arg(TimeFormat::duration(back - at))
                                      : tr("back at %1").arg(times.whenShort(back, at));
    }
    switch (status.state) {
    case SyncStatus::State::Offline:
    case SyncStatus::State::Unauthorized:
    case SyncStatus::State::TlsRejected:
    case SyncStatus::State::Failed:
        g.state = State::Offline; // the numbers are the cached ones: say so first
        break;
    default:
        break;
    }
    return g;
}

QString AccountGlance::stateWord() const
{
    switch (state) {
    case State::Low:
        return tr("Low");
    case State::Empty:
        return tr("Empty");
    case State::Offline:
        return tr("Offline");
    case State::Unknown:
    case State::Normal:
        break;
    }
    return {};
}

QString AccountGlance::line() const
{
    QString s = tr("%1 — %2").arg(name.isEmpty() ? key : name, availableText);
    if (!backText.isEmpty())
        s += QStringLiteral(" · ") + backText;
    else if (state == State::Offline)
        s += QStringLiteral(" · ") + tr("offline");
    else if (state == State::Low)
        s += QStringLiteral(" · ") + tr("low");
    else if (state == State::Empty)
        s += QStringLiteral(" · ") + tr("empty");
    return s;
}

} // namespace creditdesk
