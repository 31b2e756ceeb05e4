#include "AccountPicture.h"

#include "CreditEngine.h"

#include <algorithm>

namespace creditdesk {

AccountPicture AccountPicture::of(const SyncedAccount &account, TimePoint at,
                                  const AccountPicture *previous)
{
    const TimePoint since = previous ? previous->at : NoTime;
    const AccountHistory &history = account.history();
    // The account's own engine answers up to its next refresh or expiry: a copy advanced to
    // `at` (not free on a long history) only when one of those lies before it.
    const CreditEngine &base = history.engine();
    TimePoint boundary = Never;
    for (const RefreshRow &r : base.nextRefreshes())
        boundary = std::min(boundary, r.at);
    for (const BucketRow &b : base.balance().buckets)
        boundary = std::min(boundary, b.expiresAt);
    std::unique_ptr<CreditEngine> copy;
    if (at < base.now())
        copy = history.replayUntil(at);
    else if (at >= boundary)
        copy = history.engineAt(at);
    const CreditEngine *engine = copy ? copy.get() : &base;
    AccountPicture p;
    p.accountId = account.accountId;
    p.accountName = account.displayName;
    p.unit = account.unit;
    p.at = at;
    p.eventCount = history.eventCount();
    const BalanceAnswer balance = engine->balance();
    p.available = balance.available;
    p.buckets = balance.buckets;
    const Policy &policy = engine->policy();
    if (engine->currentPlan() >= 0 && engine->currentPlan() < policy.plans.size()) {
        p.allotment = policy.plans[engine->currentPlan()].allotment;
    } else {
        Credits recurring;
        for (const RecurringGrant &g : policy.signupRecurring)
            recurring += g.amount;
        if (recurring.isPositive())
            p.allotment = recurring;
    }
    if (since != NoTime) {
        const auto &ledger = engine->ledger();
        // Daily free credits come back every day: that is not news worth a notification.
        for (std::size_t i = engine->firstEntryAtOrAfter(since); i < ledger.size(); ++i) {
            const LedgerEntry &e = ledger[i];
            if (e.at <= since || e.type != EntryType::Refresh ||
                (e.hasBucket && e.bucket == BucketKind::DailyFree))
                continue;
            if (!p.refreshes.isEmpty() && p.refreshes.last().at == e.at)
                p.refreshes.last().amount += e.amount;
            else
                p.refreshes.append({e.at, e.amount});
        }
    }
    if (previous) {
        // By position, not time: an event can carry the same second as the last as_of.
        const Policy &events = history.engine().policy();
        for (qint64 i = std::min(previous->eventCount, history.eventCount());
             i < history.eventCount(); ++i) {
            const Event &e = history.event(i);
            if (e.type != EventType::Purchase)
                continue;
            const QString id =
                history.detailsOfEvent(i).value(QStringLiteral("purchase")).toString();
            if (id.isEmpty())
                continue;
            const QString what = e.pack >= 0 && e.pack < events.packs.size()
                                     ? events.packs[e.pack].name
                                     : QStringLiteral("%1 %2").arg(e.amount.toString(), p.unit);
            p.purchaseEvents.append({id, what, e.at});
        }
    }
    p.purchases = account.purchases;
    p.refunds = account.refundRequests;
    return p;
}

} // namespace creditdesk
