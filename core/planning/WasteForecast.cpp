#include "WasteForecast.h"

#include "AccountHistory.h"
#include "WhatIf.h"

#include <algorithm>

namespace creditdesk {

namespace {

Credits planExpiringAt(const CreditEngine &engine, TimePoint refreshAt)
{
    Credits sum;
    for (const BucketRow &b : engine.balance().buckets)
        if (b.kind == BucketKind::Plan && b.expiresAt == refreshAt)
            sum += b.remaining;
    return sum;
}

} // namespace

std::vector<Event> WasteForecast::forecastTasks(const AccountHistory &history, TimePoint now,
                                                TimePoint until, NameTable &names)
{
    // The pattern: tasks started in (now − 7 days, now] that the engine admitted and that ended.
    struct Pattern
    {
        Event start;
        Event end;
    };
    std::vector<Pattern> pattern;
    const TimePoint since = now - PatternDays * SecondsPerDay;
    for (const TaskSummary &t : history.tasks()) {
        if (t.rejected || t.startEvent < 0 || t.endEvent < 0)
            continue;
        const Event &start = history.event(t.startEvent);
        const Event &end = history.event(t.endEvent);
        if (start.at <= since || start.at > now || end.at > now)
            continue;
        pattern.push_back({start, end});
    }
    std::sort(pattern.begin(), pattern.end(),
              [](const Pattern &a, const Pattern &b) { return a.start.at < b.start.at; });
    std::vector<Event> out;
    if (pattern.empty())
        return out;
    int n = 0;
    for (qint64 round = 1;; ++round) {
        const qint64 shift = round * PatternDays * SecondsPerDay;
        if (pattern.front().start.at + shift >= until)
            break;
        for (const Pattern &p : pattern) {
            if (p.end.at + shift >= until)
                continue;
            const int task = names.intern(QStringLiteral("forecast-%1").arg(++n));
            Event s = p.start;
            s.at += shift;
            s.task = task;
            Event e = p.end;
            e.at += shift;
            e.task = task;
            out.push_back(s);
            out.push_back(e);
        }
    }
    // Starts and ends of overlapping tasks interleave: time order, starts first at a tie.
    std::stable_sort(out.begin(), out.end(),
                     [](const Event &a, const Event &b) { return a.at < b.at; });
    return out;
}

WasteForecast::Answer WasteForecast::forecast(const AccountHistory &history, TimePoint now)
{
    Answer a;
    const auto engine =
        now >= history.engine().now() ? history.engineAt(now) : history.replayUntil(now);
    for (const RefreshRow &r : engine->nextRefreshes())
        if (r.kind == BucketKind::Plan && (a.refreshAt == NoTime || r.at < a.refreshAt))
            a.refreshAt = r.at;
    if (a.refreshAt == NoTime)
        return a;
    a.hasPlanRefresh = true;
    a.planNow = planExpiringAt(*engine, a.refreshAt);
    const TimePoint before = a.refreshAt - 1;
    std::vector<Event> added;
    const auto replayed = WhatIf::replayWith(
        history, now,
        [&](NameTable &names) { return forecastTasks(history, now, before + 1, names); }, before,
        &added);
    a.forecastTasks = int(added.size() / 2);
    a.wasted = planExpiringAt(replayed->engine(), a.refreshAt);
    return a;
}

} // namespace creditdesk
