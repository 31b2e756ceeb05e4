// Benchmark (not a test, not in CI): the packs page's purchase list over a large history.
//   QT_QPA_PLATFORM=offscreen build/tests/ui/bench_packs FILE
// FILE: a scenario file (`creditdesk-cli bench --write /tmp/1m.json` writes a million-event
// one). Prints, each the median of 7 runs, wall time and this process's CPU time:
//   - PurchaseRecords looking at every event (a fresh one: what every packs refresh and every
//     receipt did before it kept its list between calls);
//   - the same kept between calls after a sync that brought one purchase (the history copied,
//     the purchase appended and the copy shown, as EventsSync does; that part is not timed);
//   - the whole packs page's refresh after such a sync, a receipt's text, and the refresh when
//     the page looks at every event (an account that kept nothing: each refresh before).
#include "AccountHistory.h"
#include "ManualClock.h"
#include "PacksView.h"
#include "PurchaseRecords.h"
#include "ScenarioFileAccount.h"
#include "SyncedAccount.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

using namespace creditdesk;

namespace {

qint64 cpuNs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
}

// `prepare` runs untimed before each timed `run`.
void report(const char *what, const std::function<void()> &prepare,
            const std::function<void()> &run)
{
    std::vector<double> wall, cpu;
    for (int i = 0; i < 7; ++i) {
        prepare();
        QElapsedTimer timer;
        const qint64 cpuBefore = cpuNs();
        timer.start();
        run();
        wall.push_back(double(timer.nsecsElapsed()) / 1e6);
        cpu.push_back(double(cpuNs() - cpuBefore) / 1e6);
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    std::printf("%-58s %9.3f ms wall %9.3f ms CPU\n", what, wall[3], cpu[3]);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_packs SCENARIO.json\n");
        return 2;
    }
    QElapsedTimer open;
    open.start();
    auto opened = ScenarioFileAccount::open(QString::fromLocal8Bit(argv[1]));
    if (const auto *error = std::get_if<ParseError>(&opened)) {
        std::fprintf(stderr, "%s\n", qPrintable(error->toString()));
        return 1;
    }
    std::unique_ptr<SyncedAccount> account =
        std::move(std::get<ScenarioFileAccount::Opened>(opened).account);
    account->source = SyncedAccount::Source::Server;
    std::printf("opened %lld events in %lld ms\n", qlonglong(account->history().eventCount()),
                qlonglong(open.elapsed()));

    // A sync that brought one purchase with an order id, made as EventsSync makes one.
    const Policy &policy = account->history().policy();
    int syncs = 0;
    const auto syncOnePurchase = [&] {
        auto copy = std::make_unique<AccountHistory>(account->history());
        Event e;
        e.type = EventType::Purchase;
        e.at = copy->lastEventAt() + 60;
        e.pack = policy.packs.isEmpty() ? -1 : 0;
        e.amount = Credits::whole(100);
        copy->append(e, QJsonObject{{QStringLiteral("purchase"),
                                     QStringLiteral("pur_bench_%1").arg(++syncs)}});
        account->replaceHistory(std::move(copy));
    };

    qsizetype listed = 0;
    report(
        "every event looked at (a fresh PurchaseRecords)", [] {},
        [&] { listed = PurchaseRecords().of(*account).size(); });
    account->allPurchases(); // the list kept from here on
    report("kept list, after a sync of one purchase", syncOnePurchase,
           [&] { listed = account->allPurchases().size(); });
    std::printf("purchases listed: %lld\n", qlonglong(listed));

    ManualClock clock(account->history().lastEventAt());
    PacksView view(clock);
    view.resize(1000, 800);
    view.show();
    view.setAccount(account.get());
    report("packs page refresh after a sync of one purchase", syncOnePurchase,
           [&] { view.refresh(); });
    report(
        "a receipt's text (no new events)", [] {}, [&] { view.receiptText(0); });
    // What every refresh cost before: the page shows the same history on an account that kept
    // nothing (a SyncedAccount made afresh around it), so the refresh looks at every event.
    std::unique_ptr<SyncedAccount> next;
    report(
        "packs page refresh looking at every event (each one before)",
        [&] {
            if (next)
                account = std::move(next);
            next = std::make_unique<SyncedAccount>(account->replaceHistory(nullptr));
            next->source = account->source;
            next->unit = account->unit;
            next->packs = account->packs;
            next->customAmount = account->customAmount;
        },
        [&] { view.setAccount(next.get()); });
    return 0;
}
