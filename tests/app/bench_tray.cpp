// bench_tray: five accounts syncing at once keep the UI thread responsive (issue 8, "Speed").
// A benchmark, not a test (never run by ctest):
//   QT_QPA_PLATFORM=offscreen build/tests/app/bench_tray [--accounts 5] [--events 20000]
//                                                        [--seconds 10]
// Starts N creditdesk-server processes (--dev-tls, --seed-demo-events E: the account
// demo-heavy on each), opens the real app (DesktopClient, window shown) and signs in to all N
// at once. A probe timer on the UI thread asks to run every 10 ms; how late each run comes is
// the UI thread's unresponsiveness (a frame at 60 Hz is 16.7 ms). Reported: the worst and the
// 99th-percentile lateness during (1) the N first syncs at once, into empty caches, and (2)
// `--seconds` of "Sync now" on all N every second while every server gains a task a second.
#include "ClientSession.h"
#include "Config.h"
#include "DemoServer.h"
#include "DesktopClient.h"
#include "MainWindow.h"
#include "SyncedAccount.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>
#include <numeric>

using namespace creditdesk;

namespace {

// Runs on the UI thread: records how late each 10 ms tick arrives.
class LatenessProbe : public QObject
{
public:
    explicit LatenessProbe(QObject *parent)
        : QObject(parent)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(10);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const qint64 cpu = threadCpuNs();
            if (m_last >= 0) {
                m_lateness << double(now - m_last) / 1e6 - 10.0;
                // The UI thread's own CPU time between two ticks: what a loaded machine's
                // preemption does not inflate (blocking on the disk is not in it either).
                m_cpuBetween << double(cpu - m_lastCpu) / 1e6;
            }
            m_last = now;
            m_lastCpu = cpu;
        });
    }
    void start()
    {
        m_cpuBetween.clear();
        m_lastCpu = threadCpuNs();
        m_lateness.clear();
        m_last = -1;
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double worst() const
    {
        return m_lateness.isEmpty() ? 0 : *std::max_element(m_lateness.cbegin(), m_lateness.cend());
    }
    double percentile(double p) const
    {
        if (m_lateness.isEmpty())
            return 0;
        QList<double> v = m_lateness;
        std::sort(v.begin(), v.end());
        return v[std::min<qsizetype>(v.size() - 1, qsizetype(double(v.size()) * p))];
    }
    qsizetype samples() const { return m_lateness.size(); }
    double worstCpu() const
    {
        return m_cpuBetween.isEmpty()
                   ? 0
                   : *std::max_element(m_cpuBetween.cbegin(), m_cpuBetween.cend());
    }
    double totalCpu() const
    {
        return std::accumulate(m_cpuBetween.cbegin(), m_cpuBetween.cend(), 0.0);
    }

private:
    static qint64 threadCpuNs()
    {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    }
    QList<double> m_cpuBetween;
    qint64 m_lastCpu = 0;

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    QList<double> m_lateness;
};

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationVersion(QStringLiteral("bench"));
    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption accountsOption(QStringLiteral("accounts"), QStringLiteral("accounts"),
                                      QStringLiteral("N"), QStringLiteral("5"));
    QCommandLineOption eventsOption(QStringLiteral("events"),
                                    QStringLiteral("events of each server's demo-heavy"),
                                    QStringLiteral("E"), QStringLiteral("20000"));
    QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                     QStringLiteral("seconds of repeated syncs"),
                                     QStringLiteral("S"), QStringLiteral("10"));
    parser.addOptions({accountsOption, eventsOption, secondsOption});
    parser.process(app);
    const int n = std::max(1, parser.value(accountsOption).toInt());
    const qint64 events = parser.value(eventsOption).toLongLong();
    const int seconds = std::max(1, parser.value(secondsOption).toInt());
    const QString account = QStringLiteral("demo-heavy");

    QElapsedTimer t;
    t.start();
    std::vector<std::unique_ptr<DemoServer>> servers;
    for (int i = 0; i < n; ++i) {
        servers.push_back(std::make_unique<DemoServer>());
        if (!servers.back()->start(
                {QStringLiteral("--seed-demo-events"), QString::number(events)}) ||
            !servers.back()->memberTokens.contains(account)) {
            std::fprintf(stderr, "server %d did not start:\n%s\n", i,
                         qPrintable(servers.back()->output()));
            return 1;
        }
    }
    std::printf("%d servers seeded (%lld events each) and listening: %.0f ms\n", n,
                static_cast<long long>(events), double(t.elapsed()));

    QTemporaryDir dir;
    Config config(dir.filePath(QStringLiteral("creditdesk.ini")));
    DesktopClient client(config);
    client.setDataDirectory(dir.filePath(QStringLiteral("accounts")));
    client.window().show();
    QTest::qWait(200);

    auto *probe = new LatenessProbe(&app);
    // (0) The machine itself: the probe with nothing else to do (a loaded machine is late too).
    probe->start();
    QTest::qWait(2000);
    probe->stop();
    std::printf("(0) idle, 2 s: UI-thread lateness worst %.1f ms, p99 %.1f ms (%lld samples)\n",
                probe->worst(), probe->percentile(0.99), static_cast<long long>(probe->samples()));
    probe->start();
    t.restart();
    for (auto &server : servers) {
        ClientSession::Target target;
        target.server = server->url();
        target.caCertificates = server->ca();
        target.accountId = account;
        target.token = server->memberTokens.value(account);
        client.addSession(target, &server == &servers.front());
    }
    const auto allSynced = [&] {
        for (ClientSession *s : client.sessions())
            if (!s->account() || s->account()->serverAsOf == NoTime || s->isSyncing())
                return false;
        return true;
    };
    if (!QTest::qWaitFor(allSynced, 600000)) {
        std::fprintf(stderr, "the first syncs did not finish\n");
        return 1;
    }
    probe->stop();
    std::printf("(1) %d first syncs at once (%lld events each): %.0f ms; UI-thread lateness "
                "worst %.1f ms, p99 %.1f ms (%lld samples)\n",
                n, static_cast<long long>(events), double(t.elapsed()), probe->worst(),
                probe->percentile(0.99), static_cast<long long>(probe->samples()));
    std::printf("    UI-thread CPU: worst %.1f ms between two ticks, %.0f ms in all\n",
                probe->worstCpu(), probe->totalCpu());

    // Where a sync's time on the UI thread goes (the EventsSync report of each sync).
    qint64 worstReplay = 0, worstCache = 0, worstVerify = 0;
    for (ClientSession *s : client.sessions())
        QObject::connect(s, &ClientSession::synced, &app, [&](const EventsSync::Report &r) {
            worstReplay = std::max(worstReplay, r.replayMs);
            worstCache = std::max(worstCache, r.cacheMs);
            worstVerify = std::max(worstVerify, r.verifyMs);
        });
    probe->start();
    t.restart();
    int rounds = 0;
    while (t.elapsed() < seconds * 1000) {
        for (auto &server : servers) {
            const QString token = server->memberTokens.value(account);
            const QString task = QStringLiteral("b-") + QUuid::createUuid().toString(QUuid::Id128);
            // Sent without waiting: the server's work must not be the UI thread's.
            server->api().send(
                "POST", QStringLiteral("/v1/accounts/%1/tasks").arg(account), token,
                QStringLiteral("{\"task\":\"%1\",\"feature\":\"chat\"}").arg(task).toUtf8());
        }
        for (ClientSession *s : client.sessions())
            s->syncNow();
        ++rounds;
        QTest::qWait(1000);
    }
    (void)QTest::qWaitFor(allSynced, 30000);
    probe->stop();
    std::printf("(2) %d rounds of Sync now on %d accounts while each server gains tasks: "
                "UI-thread lateness worst %.1f ms, p99 %.1f ms (%lld samples)\n",
                rounds, n, probe->worst(), probe->percentile(0.99),
                static_cast<long long>(probe->samples()));
    std::printf("    UI-thread CPU: worst %.1f ms between two ticks, %.0f ms in all\n",
                probe->worstCpu(), probe->totalCpu());
    std::printf("    per sync, worst: decode+replay %lld ms, cache %lld ms, verify %lld ms\n",
                static_cast<long long>(worstReplay), static_cast<long long>(worstCache),
                static_cast<long long>(worstVerify));
    std::printf("target: no tick later than 50 ms\n");
    return 0;
}
