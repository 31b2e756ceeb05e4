// Token-log benchmark (not a test): opens a scenario file — `creditdesk-cli bench --write FILE`
// writes a million-event one — into the token log offscreen and reports the time to load it,
// scroll to the end, sort, filter by feature and search, and the resident memory.
//   QT_QPA_PLATFORM=offscreen build/tests/ui/bench_log FILE
#include "AccountHistory.h"
#include "DashboardView.h"
#include "ManualClock.h"
#include "ScenarioFileAccount.h"
#include "ScenarioReader.h"
#include "SyncedAccount.h"
#include "TaskLogModel.h"
#include "TokenLogView.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QTableView>

#include <cstdio>
#include <ctime>

using namespace creditdesk;

namespace {
qint64 statusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

void paint(QWidget *w)
{
    QCoreApplication::processEvents();
    w->repaint();
}

// CPU time of the process (all threads), in ns: on a loaded machine wall time says little.
qint64 cpuNs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
}

qint64 g_cpuMark = 0;

void report(const char *what, qint64 ns, const char *target)
{
    const qint64 cpu = cpuNs();
    std::printf("%-44s %9.1f ms wall %8.1f ms cpu  (target %s)\n", what, double(ns) / 1e6,
                double(cpu - g_cpuMark) / 1e6, target);
    std::fflush(stdout);
    if (qEnvironmentVariableIsSet("BENCH_LOG_MARKS")) { // for `perf report --time A,B`
        timespec t{};
        clock_gettime(CLOCK_MONOTONIC, &t);
        std::printf("  ends at %.6f (monotonic), began %.6f\n",
                    double(t.tv_sec) + double(t.tv_nsec) / 1e9,
                    double(t.tv_sec) + double(t.tv_nsec) / 1e9 - double(ns) / 1e9);
    }
    g_cpuMark = cpuNs();
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_log SCENARIO.json\n");
        return 64;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    std::printf("file: %s (%.1f MB), resident at start %lld MB\n", argv[1],
                double(QFile(path).size()) / 1e6, statusKb("VmRSS") / 1024);

    QElapsedTimer total;
    total.start();
    const qint64 totalCpu = cpuNs();
    QElapsedTimer timer;
    timer.start();
    g_cpuMark = cpuNs();
    auto opened = ScenarioFileAccount::open(path);
    if (auto *e = std::get_if<ParseError>(&opened)) {
        std::fprintf(stderr, "%s\n", qPrintable(e->toString()));
        return 2;
    }
    auto &o = std::get<ScenarioFileAccount::Opened>(opened);
    const qint64 openNs = timer.nsecsElapsed();
    SyncedAccount &account = *o.account;
    std::printf("events %lld, ledger entries %zu, tasks %zu\n", account.history().eventCount(),
                account.history().engine().ledger().size(), account.history().tasks().size());
    report("open file (read + replay into history)", openNs, "-");

    ManualClock clock(o.viewTime);
    TokenLogView view(clock);
    view.resize(1400, 900);
    view.show();
    timer.restart();
    g_cpuMark = cpuNs();
    view.setAccount(&account);
    auto *table = view.findChild<QTableView *>(QStringLiteral("taskTable"));
    paint(table);
    const qint64 modelNs = timer.nsecsElapsed();
    report("token log model built and painted", modelNs, "-");
    g_cpuMark = totalCpu;
    report("LOAD: file opened into the token log", total.nsecsElapsed(), "< 1500 ms");
    std::printf("rows in the log: %d\n", view.taskModel()->rowCount());

    timer.restart();
    g_cpuMark = cpuNs();
    table->scrollToBottom();
    paint(table);
    report("scroll to the end", timer.nsecsElapsed(), "< 100 ms");

    timer.restart();
    g_cpuMark = cpuNs();
    table->sortByColumn(TaskLogModel::Amount, Qt::AscendingOrder);
    paint(table);
    report("sort by amount", timer.nsecsElapsed(), "< 100 ms");

    timer.restart();
    g_cpuMark = cpuNs();
    table->sortByColumn(TaskLogModel::Started, Qt::DescendingOrder);
    paint(table);
    report("sort back to newest first", timer.nsecsElapsed(), "< 100 ms");

    auto *feature = view.findChild<QComboBox *>(QStringLiteral("logFeature"));
    timer.restart();
    g_cpuMark = cpuNs();
    feature->setCurrentIndex(1);
    paint(table);
    report("filter by feature", timer.nsecsElapsed(), "< 100 ms");
    std::printf("rows after the feature filter: %d\n", view.taskModel()->rowCount());

    timer.restart();
    g_cpuMark = cpuNs();
    feature->setCurrentIndex(0);
    paint(table);
    report("filter cleared", timer.nsecsElapsed(), "< 100 ms");

    auto *search = view.findChild<QLineEdit *>(QStringLiteral("logSearch"));
    search->setText(QStringLiteral("t12345"));
    timer.restart();
    g_cpuMark = cpuNs();
    view.applyFilters();
    paint(table);
    report("text search (after the typing pause)", timer.nsecsElapsed(), "< 100 ms");
    search->clear();
    view.applyFilters();

    auto *tabs = view.findChild<QTabWidget *>(QStringLiteral("logTabs"));
    tabs->setCurrentIndex(1);
    auto *entries = view.findChild<QTableView *>(QStringLiteral("entryTable"));
    timer.restart();
    g_cpuMark = cpuNs();
    entries->scrollToBottom();
    paint(entries);
    report("ledger entries: scroll to the end", timer.nsecsElapsed(), "< 100 ms");
    auto *type = view.findChild<QComboBox *>(QStringLiteral("logEntryType"));
    timer.restart();
    g_cpuMark = cpuNs();
    type->setCurrentIndex(1);
    paint(entries);
    report("ledger entries: filter by type (charges)", timer.nsecsElapsed(), "< 100 ms");

    std::printf("token log done: resident %lld MB, peak so far %lld MB (target < 400 MB)\n",
                statusKb("VmRSS") / 1024, statusKb("VmHWM") / 1024);

    DashboardView dashboard(clock);
    dashboard.resize(1000, 900);
    dashboard.show();
    timer.restart();
    g_cpuMark = cpuNs();
    dashboard.setAccount(&account);
    paint(&dashboard);
    report("dashboard at the view time (engine copy)", timer.nsecsElapsed(), "-");
    clock.set(o.viewTime - 30 * SecondsPerDay);
    timer.restart();
    g_cpuMark = cpuNs();
    dashboard.refresh();
    paint(&dashboard);
    report("dashboard 30 days back (replay)", timer.nsecsElapsed(), "-");

    std::printf("with the dashboard: resident %lld MB, peak %lld MB\n", statusKb("VmRSS") / 1024,
                statusKb("VmHWM") / 1024);

    // Calibration on this machine, in this run: the core's own reader and a bare engine replay
    // of the same file (README: 0.35 s and 0.25 s on an idle 2-core machine).
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    const QByteArray text = file.readAll();
    timer.restart();
    g_cpuMark = cpuNs();
    auto scenario = ScenarioReader::read(text);
    report("calibration: ScenarioReader::read alone", timer.nsecsElapsed(), "README 350 ms idle");
    if (auto *sc = std::get_if<Scenario>(&scenario)) {
        timer.restart();
        g_cpuMark = cpuNs();
        CreditEngine engine(sc->policy, sc->zone, sc->names);
        for (const Event &e : sc->events)
            engine.apply(e);
        report("calibration: bare engine replay", timer.nsecsElapsed(), "README 250 ms idle");
    }
    return 0;
}
