// Benchmark (not a test, not in CI): the plan view over a 100,000-event history.
//   build/tests/ui/bench_plan [EVENTS]
// Prints: building the history; the chart's series (BalanceSeries from the engine at now);
// the chart drawn (setData + a full paint of the chart widget at 1100×420, offscreen); the
// whole plan view's refresh (forecast, waste replay, advice, chart) and a what-if (history +
// 5 tasks a day to the next refresh, replayed by the engine), each the median of 5 runs.

#include "AccountHistory.h"
#include "BalanceChart.h"
#include "BalanceSeries.h"
#include "BurnForecast.h"
#include "ManualClock.h"
#include "PlanView.h"
#include "PresetCatalog.h"
#include "SyncedAccount.h"
#include "WhatIf.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPixmap>

#include <algorithm>
#include <cstdio>

using namespace creditdesk;

namespace {

double medianMs(const std::function<void()> &run)
{
    std::vector<double> ms;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer t;
        t.start();
        run();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms[2];
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const qint64 events = argc > 1 ? QByteArray(argv[1]).toLongLong() : 100000;

    // A pro member of unified-monthly over a year: tasks of 1,000–9,000 tokens spread evenly,
    // each a start and an end.
    QElapsedTimer build;
    build.start();
    const auto policy = PresetCatalog::builtIn().find(u"unified-monthly");
    auto h = std::make_unique<AccountHistory>(policy, *AccountZone::fromId(QStringLiteral("UTC")),
                                              QStringLiteral("unified-monthly"));
    const TimePoint start = 1767225600; // 2026-01-01T00:00:00Z
    std::vector<Event> list;
    Event signup;
    signup.type = EventType::Signup;
    signup.at = start;
    list.push_back(signup);
    Event sub;
    sub.type = EventType::Subscribe;
    sub.at = start;
    sub.plan = policy->planIndex(u"pro");
    list.push_back(sub);
    const qint64 tasks = (events - 2) / 2;
    const qint64 span = 360 * SecondsPerDay;
    for (qint64 i = 0; i < tasks; ++i) {
        const TimePoint t = start + 60 + i * span / tasks;
        const int task = h->names().intern(QStringLiteral("t%1").arg(i));
        Event s;
        s.type = EventType::TaskStart;
        s.at = t;
        s.task = task;
        s.request.feature = qint16(policy->featureIndex(u"chat"));
        s.request.tokens = 1000 + (i * 7919) % 8000;
        Event e = s;
        e.type = EventType::TaskEnd;
        e.at = t + 30;
        list.push_back(s);
        list.push_back(e);
    }
    h->append(std::move(list), {});
    const TimePoint now = start + span + 3600;
    std::printf("history: %lld events, %zu ledger entries, built in %lld ms\n",
                qlonglong(h->eventCount()), h->engine().ledger().size(),
                qlonglong(build.elapsed()));

    SyncedAccount account(std::move(h));
    account.timezone = QStringLiteral("UTC");
    const AccountHistory &history = account.history();

    std::shared_ptr<const CreditEngine> engine = history.engineAt(now);
    const double seriesMs = medianMs([&] { BalanceSeries::fromEngine(*engine); });
    const auto series = std::make_shared<BalanceSeries>(BalanceSeries::fromEngine(*engine));
    std::printf("steps in the series: %zu\n", series->steps().size());

    BalanceChart chart;
    chart.resize(1100, 420);
    chart.show();
    BalanceChart::Data data;
    data.series = series;
    data.engine = engine;
    data.forecast = BurnForecast::forecast(*engine, start);
    chart.setData(data);
    chart.grab();
    for (const auto &[range, name] : {std::pair{BalanceChart::Range::All, "all"},
                                      std::pair{BalanceChart::Range::Month, "30 d"}}) {
        chart.setRange(range);
        const double drawMs = medianMs([&] {
            chart.setData(data);
            chart.grab(); // a full paint of the chart
        });
        std::printf("chart drawn (%s, %lld points): %.1f ms\n", name,
                    qlonglong(chart.balancePoints().size()), drawMs);
    }
    std::printf("series from the engine: %.1f ms\n", seriesMs);
    std::printf("series + chart drawn (all): %.1f ms\n", medianMs([&] {
                    data.series =
                        std::make_shared<BalanceSeries>(BalanceSeries::fromEngine(*engine));
                    chart.setRange(BalanceChart::Range::All);
                    chart.setData(data);
                    chart.grab();
                }));

    ManualClock clock(now);
    PlanView view(clock);
    view.resize(1200, 1000);
    view.show();
    view.setAccount(&account);
    std::printf("plan view refresh (forecast, waste replay, advice, chart): %.1f ms\n",
                medianMs([&] {
                    view.refresh();
                    view.grab();
                }));

    WhatIf::Request request;
    request.feature = QStringLiteral("code");
    request.tokens = 4000;
    request.perDay = 5;
    int added = 0;
    const double whatIfMs = medianMs([&] {
        const auto r = WhatIf::run(history, now, request);
        added = std::get<WhatIf::Answer>(r).tasks;
    });
    std::printf("what-if (%d tasks to the next refresh): %.1f ms\n", added, whatIfMs);
    return 0;
}
