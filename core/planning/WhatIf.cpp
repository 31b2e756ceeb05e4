#include "WhatIf.h"

#include "AccountHistory.h"

#include <algorithm>

namespace creditdesk {

TimePoint WhatIf::horizon(const AccountHistory &history, TimePoint now, int days)
{
    if (days > 0)
        return now + qint64(days) * SecondsPerDay;
    const auto engine =
        now >= history.engine().now() ? history.engineAt(now) : history.replayUntil(now);
    TimePoint next = Never;
    for (const RefreshRow &r : engine->nextRefreshes())
        next = std::min(next, r.at);
    if (next != Never && next <= now + 31 * SecondsPerDay)
        return next;
    return now + 30 * SecondsPerDay;
}

std::optional<WhatIf::Rejected> WhatIf::check(const AccountHistory &history, TimePoint now,
                                              const Request &r)
{
    const Policy &policy = history.policy();
    const int feature = policy.featureIndex(r.feature);
    if (feature < 0)
        return Rejected{Field::Feature, Problem::UnknownFeature, 0};
    const FeatureRule &f = policy.features[feature];
    if (r.quantityMilli <= 0)
        return Rejected{Field::Quantity, Problem::QuantityNotPositive, 0};
    if (r.models < 1 ||
        (f.pricing == FeatureRule::Pricing::PerModel && f.maxModels > 0 && r.models > f.maxModels))
        return Rejected{Field::Models, Problem::TooManyModels,
                        f.pricing == FeatureRule::Pricing::PerModel ? f.maxModels : 1};
    if (f.pricing != FeatureRule::Pricing::PerModel && r.models > 1)
        return Rejected{Field::Models, Problem::TooManyModels, 1};
    if (f.pricing == FeatureRule::Pricing::TierOfRequest) {
        if (r.tier.isEmpty())
            return Rejected{Field::Tier, Problem::TierRequired, 0};
        if (policy.tierIndex(r.tier) < 0)
            return Rejected{Field::Tier, Problem::UnknownTier, 0};
    }
    if (f.pricing == FeatureRule::Pricing::PerThousandTokens && policy.taskEndRequiresTokens &&
        r.tokens < 0)
        return Rejected{Field::Tokens, Problem::TokensRequired, 0};
    if (r.perDay < 1 || r.perDay > MaxPerDay)
        return Rejected{Field::PerDay, Problem::PerDayOutOfRange, MaxPerDay};
    if (r.days < 0 || r.days > MaxDays)
        return Rejected{Field::Days, Problem::DaysOutOfRange, MaxDays};
    // Whatever else the engine refuses as invalid (asked at now, on a copy).
    TaskRequest request;
    request.feature = qint16(feature);
    request.quantityMilli = r.quantityMilli;
    request.models = qint16(std::min(r.models, 10000));
    request.tier = qint16(r.tier.isEmpty() ? -1 : policy.tierIndex(r.tier));
    request.tierGiven = !r.tier.isEmpty();
    request.tokens = r.tokens;
    const auto engine =
        now >= history.engine().now() ? history.engineAt(now) : history.replayUntil(now);
    if (engine->canStart(request).reason == RejectReason::InvalidRequest)
        return Rejected{Field::Feature, Problem::EngineRejects, 0};
    return std::nullopt;
}

std::vector<Event> WhatIf::events(const Policy &policy, NameTable &names, TimePoint now,
                                  const Request &r, TimePoint until)
{
    TaskRequest request;
    request.feature = qint16(policy.featureIndex(r.feature));
    request.quantityMilli = r.quantityMilli;
    request.models = qint16(std::min(r.models, 10000));
    request.tier = qint16(r.tier.isEmpty() ? -1 : policy.tierIndex(r.tier));
    request.tierGiven = !r.tier.isEmpty();
    request.tokens = r.tokens;
    std::vector<Event> out;
    for (qint64 j = 0;; ++j) {
        const TimePoint at = now + 60 + j * SecondsPerDay / std::max(1, r.perDay);
        if (at >= until)
            break;
        const int task = names.intern(QStringLiteral("what-if-%1").arg(j + 1));
        Event start;
        start.type = EventType::TaskStart;
        start.at = at;
        start.task = task;
        start.request = request;
        Event end;
        end.type = EventType::TaskEnd;
        end.at = at;
        end.task = task;
        end.request.tokens = r.tokens;
        end.outcome = creditdesk::Outcome::Success;
        out.push_back(start);
        out.push_back(end);
    }
    return out;
}

std::unique_ptr<AccountHistory> WhatIf::replayWith(const AccountHistory &history, TimePoint now,
                                                   const ExtraEvents &extra, TimePoint until,
                                                   std::vector<Event> *added)
{
    std::unique_ptr<AccountHistory> copy;
    if (history.lastEventAt() == NoTime || history.lastEventAt() <= now) {
        copy = std::make_unique<AccountHistory>(history);
    } else {
        // A moment inside the history (a scenario file looked at in the past): only what had
        // happened by then, replayed.
        const Scenario &s = history.scenario();
        copy = std::make_unique<AccountHistory>(s.policy, s.zone, s.presetName, s.inlinePolicy);
        std::vector<Event> past;
        std::vector<QJsonObject> details;
        for (qint64 i = 0; i < history.eventCount(); ++i) {
            const Event &e = history.event(i);
            if (e.at > now)
                continue;
            Event moved = e;
            // Names are the original table's ids: intern them into the copy's table.
            if (e.task >= 0)
                moved.task = copy->names().intern(history.scenario().names->view(e.task));
            if (e.note >= 0)
                moved.note = copy->names().intern(history.scenario().names->view(e.note));
            past.push_back(moved);
            details.push_back(history.detailsOfEvent(i));
        }
        copy->append(std::move(past), std::move(details));
    }
    std::vector<Event> more = extra ? extra(copy->names()) : std::vector<Event>();
    if (added)
        *added = more;
    if (!more.empty()) {
        std::vector<QJsonObject> details(more.size());
        copy->append(std::move(more), std::move(details));
    }
    copy->advanceTo(std::max(until, now));
    return copy;
}

WhatIf::Result WhatIf::run(const AccountHistory &history, TimePoint now, const Request &request)
{
    if (const auto problem = check(history, now, request))
        return *problem;
    Answer o;
    o.from = now;
    o.until = horizon(history, now, request.days);
    const Policy &policy = history.policy();
    o.history = replayWith(
        history, now,
        [&](NameTable &names) { return events(policy, names, now, request, o.until); }, o.until - 1,
        &o.added);
    for (const Event &e : o.added) {
        if (e.type != EventType::TaskStart)
            continue;
        ++o.tasks;
        const TaskSummary *t = o.history->taskByName(e.task);
        if (!t)
            continue;
        o.charged += t->charged;
        if (t->rejected) {
            ++o.rejected;
            if (t->rejectReason == RejectReason::LimitReached && o.limitedAt == NoTime)
                o.limitedAt = e.at;
            if (t->rejectReason == RejectReason::InsufficientCredits && o.runsOutAt == NoTime)
                o.runsOutAt = e.at;
        } else if (t->uncovered.isPositive() && o.runsOutAt == NoTime) {
            o.runsOutAt = e.at;
        }
    }
    return o;
}

} // namespace creditdesk
