// bench_sync: the sync library's speed on a long history (a benchmark, not a test).
//   bench_sync [--events N] [--runs R]
// Starts creditdesk-server --dev-tls --seed-demo --seed-demo-events N (the account
// demo-heavy), then measures over HTTPS on loopback:
//   - first sync into an empty cache: all pages fetched, checked, cached, replayed, verified;
//   - incremental sync with nothing new (one request answered 304: the ETag is the head's);
//   - cold start: open the cache file and have the history ready (events decoded, replayed),
//     and the app's cold start from the head snapshot (the history following on a worker);
//   - peak resident memory of this process.
#include "AccountCache.h"
#include "ClientUnderTest.h"
#include "DemoServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

using namespace creditdesk;

namespace {
double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption eventsOption(QStringLiteral("events"),
                                    QStringLiteral("events of demo-heavy"), QStringLiteral("N"),
                                    QStringLiteral("100000"));
    QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("repetitions"),
                                  QStringLiteral("R"), QStringLiteral("3"));
    parser.addOptions({eventsOption, runsOption});
    parser.process(app);
    const qint64 events = parser.value(eventsOption).toLongLong();
    const int runs = std::max(1, parser.value(runsOption).toInt());
    const QString account = QStringLiteral("demo-heavy");

    QElapsedTimer t;
    t.start();
    DemoServer server;
    if (!server.start({QStringLiteral("--seed-demo-events"), QString::number(events)}) ||
        !server.memberTokens.contains(account)) {
        std::fprintf(stderr, "server did not start with %s:\n%s\n", qPrintable(account),
                     qPrintable(server.output()));
        return 1;
    }
    std::printf("server seeded and listening: %.0f ms\n", ms(t));

    QTemporaryDir dir;
    QList<double> first, incremental, notModified, cold, coldHead, headToWhole;
    qint64 lastSeq = 0;
    int requests = 0, notModifiedRequests = 0;
    QString verification;
    for (int run = 0; run < runs; ++run) {
        const QString cacheDir = dir.filePath(QString::number(run));
        ClientUnderTest c(server.url(), server.ca(), account, server.memberTokens.value(account),
                          cacheDir);
        t.restart();
        const auto r = c.syncAndWait(120000);
        first << ms(t);
        if (r.outcome != EventsSync::Report::Outcome::Synced) {
            std::fprintf(stderr, "first sync failed: %s %s\n", qPrintable(r.error),
                         r.failure ? qPrintable(r.failure->message) : "");
            return 1;
        }
        lastSeq = c.synced().lastSeq;
        requests = r.requests;
        std::printf(
            "  run %d: %.0f ms = network+parse %lld, decode+replay %lld, cache %lld, verify "
            "%lld (ms)\n",
            run + 1, first.last(), r.networkMs, r.replayMs, r.cacheMs, r.verifyMs);
        // The head snapshot, made on a worker after the sync (the UI thread only copies the
        // engine and writes the row).
        QElapsedTimer snap;
        snap.start();
        (void)QTest::qWaitFor([&] { return c.cache->snapshotEventCount() == c.synced().lastSeq; },
                              60000);
        std::printf("  then the head snapshot: %.0f ms in all, %lld ms of it on the UI thread\n",
                    ms(snap), c.sync->lastSnapshotMs());
        verification = c.synced().verification.state == Verification::State::Verified
                           ? QStringLiteral("verified")
                           : QStringLiteral("NOT verified: ") + c.synced().verification.detail;

        t.restart();
        c.syncAndWait();
        incremental << ms(t);
        t.restart();
        const auto again = c.syncAndWait();
        notModified << ms(t);
        notModifiedRequests = again.outcome == EventsSync::Report::Outcome::NotModified
                                  ? again.requests
                                  : -again.requests;

        t.restart();
        QString error;
        if (!c.restart(&error)) {
            std::fprintf(stderr, "cold start failed: %s\n", qPrintable(error));
            return 1;
        }
        (void)c.synced().history().engine().balance();
        cold << ms(t);

        // The app's cold start: the head at once, the history read on a worker after it.
        t.restart();
        if (c.coldStart() != EventsSync::ColdStart::Head) {
            std::fprintf(stderr, "cold start did not resume the head\n");
            return 1;
        }
        (void)c.synced().history().engine().balance();
        coldHead << ms(t);
        (void)QTest::qWaitFor([&] { return !c.sync->isLoadingHistory(); }, 60000);
        headToWhole << ms(t);
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);

    std::printf("account %s: %lld events\n", qPrintable(account), static_cast<long long>(lastSeq));
    std::printf("first sync (HTTPS, %d pages, cached, replayed, %s): median %.0f ms (runs: %s)\n",
                requests, qPrintable(verification), median(first), qPrintable([&] {
                    QStringList s;
                    for (double v : first)
                        s << QString::number(v, 'f', 0);
                    return s.join(u' ');
                }()));
    std::printf("sync after it, nothing new: median %.1f ms\n", median(incremental));
    std::printf("sync with nothing new (%s, %d request): median %.1f ms\n",
                notModifiedRequests > 0 ? "304" : "NOT 304", std::abs(notModifiedRequests),
                median(notModified));
    std::printf("cold start from cache to history ready (whole replay): median %.0f ms\n",
                median(cold));
    std::printf("cold start from the head snapshot to balance ready: median %.1f ms\n",
                median(coldHead));
    std::printf("  … then the full history read, checked and replayed off the UI thread: "
                "median %.0f ms\n",
                median(headToWhole));
    std::printf("peak resident memory: %ld MB\n", usage.ru_maxrss / 1024);
    return 0;
}
