#include "DashboardAnswers.h"

#include "AccountHistory.h"

#include <algorithm>

namespace creditdesk {

DashboardAnswers DashboardAnswers::compute(const AccountHistory &history, TimePoint at)
{
    DashboardAnswers a;
    a.at = at;
    if (at == NoTime)
        return a;
    const std::unique_ptr<CreditEngine> engine = history.engineAt(at);
    const Policy &policy = history.policy();
    a.balance = engine->balance();
    a.refreshes = engine->nextRefreshes();
    a.windows = engine->limits();
    a.projection = engine->projection(ProjectionDays);
    a.plan = engine->currentPlan();

    for (int f = 0; f < policy.features.size(); ++f) {
        const FeatureRule &rule = policy.features[f];
        const bool routing = rule.pricing == FeatureRule::Pricing::TierOfRequest;
        const int tiers = routing ? int(policy.tiers.size()) : 1;
        for (int t = 0; t < tiers; ++t) {
            Capacity c;
            c.feature = f;
            TaskRequest request;
            request.feature = qint16(f);
            if (routing) {
                c.tier = t;
                request.tier = qint16(t);
                request.tierGiven = true;
            }
            if (rule.pricing == FeatureRule::Pricing::PerThousandTokens) {
                // Counted in tasks of 1,000 tokens, so count × 1,000 is the tokens covered.
                request.tokens = 1000;
                c.tokensPerTask = 1000;
            }
            c.count = engine->affordable(request);
            c.limitReached = engine->canStart(request).reason == RejectReason::LimitReached;
            for (const BucketRow &row : a.balance.buckets)
                if (row.remaining.isPositive() && !policy.mayPay(row.kind, f) &&
                    !c.cannotPay.contains(row.kind))
                    c.cannotPay.push_back(row.kind);
            a.capacities.push_back(c);
        }
    }

    // Which pack would carry the member to the refresh: asked of the engine (a purchase applied
    // to a copy, then its projection), never estimated here.
    const bool short_ = a.projection.runsOutAt != NoTime && a.projection.runsOutBeforeRefresh &&
                        a.projection.nextRefreshAt != NoTime;
    if (short_ && policy.packs.size() <= 8) {
        for (int p = 0; p < policy.packs.size(); ++p) {
            CreditEngine copy(*engine);
            Event purchase;
            purchase.type = EventType::Purchase;
            purchase.at = at;
            purchase.pack = p;
            copy.apply(purchase);
            const ProjectionAnswer after = copy.projection(ProjectionDays);
            a.packs.push_back({p, !after.runsOutBeforeRefresh});
        }
    }
    return a;
}

TimePoint DashboardAnswers::nextChange() const
{
    TimePoint next = Never;
    const auto consider = [&](TimePoint t) {
        if (t != NoTime && t != Never && t > at)
            next = std::min(next, t);
    };
    for (const RefreshRow &r : refreshes)
        consider(r.at);
    for (const BucketRow &b : balance.buckets)
        consider(b.expiresAt);
    for (const WindowRow &w : windows)
        consider(w.resetsAt);
    return next;
}

} // namespace creditdesk
