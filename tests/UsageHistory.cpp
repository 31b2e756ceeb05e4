#include "UsageHistory.h"

#include "AccountHistory.h"
#include "PresetCatalog.h"

namespace creditdesk {

std::unique_ptr<AccountHistory> UsageHistory::build() const
{
    const auto policy = PresetCatalog::builtIn().find(preset);
    auto h = std::make_unique<AccountHistory>(policy, *AccountZone::fromId(QStringLiteral("UTC")),
                                              preset);
    std::vector<Event> events;
    Event signup;
    signup.type = EventType::Signup;
    signup.at = start;
    events.push_back(signup);
    if (!plan.isEmpty()) {
        Event sub;
        sub.type = EventType::Subscribe;
        sub.at = start;
        sub.plan = policy->planIndex(plan);
        events.push_back(sub);
    }
    int n = 0;
    for (int d = 0; d < days; ++d) {
        const int count = perDay(d);
        for (int k = 0; k < count; ++k) {
            const TimePoint t =
                start + firstTaskAfter + qint64(d) * SecondsPerDay + k * (80000 / count);
            const int task = h->names().intern(QStringLiteral("t%1").arg(++n));
            Event s;
            s.type = EventType::TaskStart;
            s.at = t;
            s.task = task;
            s.request.feature = qint16(policy->featureIndex(feature));
            s.request.tokens = tokens;
            Event e;
            e.type = EventType::TaskEnd;
            e.at = t + taskSeconds;
            e.task = task;
            e.request.tokens = tokens;
            events.push_back(s);
            events.push_back(e);
        }
    }
    h->append(std::move(events), {});
    return h;
}

} // namespace creditdesk
