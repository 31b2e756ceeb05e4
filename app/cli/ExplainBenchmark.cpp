#include "ExplainBenchmark.h"

#include "SyntheticHistory.h"

#include "AccountHistory.h"
#include "BalanceWalk.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <random>
#include <vector>

namespace creditdesk {

namespace {
constexpr double GoalMs = 100.0;

// This thread's CPU time: on a machine shared with builds, wall time measures the others too.
double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double percentile(std::vector<double> sorted, double p)
{
    if (sorted.empty())
        return 0;
    const auto i = std::size_t(p * double(sorted.size() - 1) + 0.5);
    return sorted[std::min(i, sorted.size() - 1)];
}
} // namespace

int ExplainBenchmark::run(qint64 events, qint64 moments)
{
    QElapsedTimer timer;
    timer.start();
    const SyntheticHistory synthetic = SyntheticHistory::build(events, 1);
    const Scenario &s = synthetic.scenario;
    std::printf("explain bench: %lld events (synthetic, %s), %lld moments\n",
                static_cast<long long>(events), qPrintable(s.zone.id()),
                static_cast<long long>(moments));
    timer.restart();
    AccountHistory history(s.policy, s.zone, s.presetName, s.inlinePolicy);
    history.names() = *s.names; // the events name tasks by the scenario's ids
    history.append(s.events, {});
    std::printf("  history built (one replay): %.1f ms, %zu ledger entries\n",
                double(timer.nsecsElapsed()) / 1e6, history.engine().ledger().size());

    // Moments: a third exactly at an event's time, the rest anywhere from before the first
    // event to ten days after the last (beyond the history's now: an engine copy advanced).
    std::mt19937_64 random(0x3e91a1);
    std::vector<TimePoint> at;
    const TimePoint from = synthetic.begin - SecondsPerDay;
    const TimePoint until = synthetic.end + 10 * SecondsPerDay;
    for (qint64 i = 0; i < moments; ++i) {
        if (i % 3 == 0)
            at.push_back(s.events[std::size_t(random() % s.events.size())].at);
        else
            at.push_back(from + TimePoint(random() % quint64(until - from)));
    }
    at.push_back(synthetic.end);
    at.push_back(until);

    const BalanceWalk walk(history);
    // Its two parts, the first time (cold: the allocator grows) and once more.
    for (int i = 0; i < 2; ++i) {
        timer.restart();
        double c = cpuMs();
        auto copy = history.engineAt(synthetic.end);
        std::printf("  engineAt(end) (a copy): %.1f ms wall, %.1f ms CPU\n",
                    double(timer.nsecsElapsed()) / 1e6, cpuMs() - c);
        timer.restart();
        c = cpuMs();
        auto replayed = history.replayUntil(synthetic.end);
        std::printf("  replayUntil(end): %.1f ms wall, %.1f ms CPU\n",
                    double(timer.nsecsElapsed()) / 1e6, cpuMs() - c);
    }
    // The first call pays for the allocator's first growth to the walk's size: shown apart.
    timer.restart();
    walk.at(synthetic.end);
    std::printf("  first call (at the last event): %.1f ms\n", double(timer.nsecsElapsed()) / 1e6);
    std::vector<double> ms;
    std::vector<double> cpu;
    std::size_t steps = 0;
    double worstAt = 0;
    TimePoint worst = 0;
    for (TimePoint t : at) {
        timer.restart();
        const double cpuBefore = cpuMs();
        const BalanceExplanation x = walk.at(t);
        cpu.push_back(cpuMs() - cpuBefore);
        const double elapsed = double(timer.nsecsElapsed()) / 1e6;
        steps += x.steps.size() + x.tasks.size();
        ms.push_back(elapsed);
        if (elapsed > worstAt) {
            worstAt = elapsed;
            worst = t;
        }
    }
    std::sort(ms.begin(), ms.end());
    std::sort(cpu.begin(), cpu.end());
    std::printf("  BalanceWalk::at: median %.1f ms, p95 %.1f ms, max %.1f ms (at %s) over %zu "
                "moments (%zu steps and tasks listed)\n",
                percentile(ms, 0.5), percentile(ms, 0.95), ms.back(),
                qPrintable(s.zone.format(worst)), ms.size(), steps);
    std::printf("  CPU time of the same calls: median %.1f ms, p95 %.1f ms, max %.1f ms\n",
                percentile(cpu, 0.5), percentile(cpu, 0.95), cpu.back());
    std::printf("  goal: under %.0f ms at any moment (wall): %s\n", GoalMs,
                ms.back() < GoalMs ? "met" : "NOT met");
    return 0;
}

} // namespace creditdesk
