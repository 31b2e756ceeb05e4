// bench_client: the desktop client's figures from issue 7, "Speed and memory", in one run.
//
//  (a) start to first paint of a bare Qt Widgets window (this program with --bare, spawned as a
//      child) versus a cold start of the client with a cached account to its balance painted
//      (this program with --cold: the same DesktopClient, MainWindow and ClientSession that
//      `creditdesk` runs, signed in to an account whose cache the parent filled first);
//  (b) the demo's "+1 day" step re-rendered from local data on a 100,000-event account
//      (and with the sync that follows), and a jump to a past moment of it;
//  (c) resident memory (VmHWM) of the client child and of this process (server + client).
//
// A benchmark, not a test: it prints figures and exits 0; nothing here is run by CI.

#include "ClientSession.h"
#include "Config.h"
#include "DashboardView.h"
#include "DesktopClient.h"
#include "InProcessServer.h"
#include "MainWindow.h"
#include "ManualClock.h"
#include "PacksView.h"
#include "SyncedAccount.h"
#include "ThemePalette.h"
#include "ThemeSetting.h"
#include "ViewClock.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QWidget>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace creditdesk;

namespace {

// Peak resident set size of this process in KB (VmHWM), -1 where /proc is not there.
qint64 peakResidentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// CPU time (user + system) this process has used so far, in ms: beside wall time, the figure
// a loaded machine distorts least.
qint64 cpuMs()
{
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return -1;
    return (qint64(usage.ru_utime.tv_sec) + usage.ru_stime.tv_sec) * 1000 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

void say(const char *line)
{
    std::fputs(line, stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

// The bare window: a plain QWidget that says "painted" at its first paint event, then quits.
class BareWindow : public QWidget
{
protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter(this).fillRect(rect(), palette().window());
        if (m_said)
            return;
        m_said = true;
        say("painted");
        say(QStringLiteral("cpu %1").arg(cpuMs()).toUtf8().constData());
        QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    }

private:
    bool m_said = false;
};

int runBare(QApplication &app)
{
    BareWindow w;
    w.resize(1100, 700);
    w.setWindowTitle(QStringLiteral("bare"));
    w.show();
    return app.exec();
}

// Says "painted" when the balance label paints a number (not the empty state's "—").
class BalancePaintWatch : public QObject
{
public:
    BalancePaintWatch(QLabel *label, std::function<void()> painted)
        : m_label(label)
        , m_painted(std::move(painted))
    {
        label->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_label && event->type() == QEvent::Paint && !m_done) {
            const QString text = m_label->text();
            if (!text.isEmpty() && text != u"—") {
                m_done = true;
                QTimer::singleShot(0, this, m_painted);
            }
        }
        return false;
    }

private:
    QLabel *m_label;
    std::function<void()> m_painted;
    bool m_done = false;
};

// --cold DATA URL ACCOUNT TOKEN CAFILE: the client's own start with a cached account, as
// `creditdesk` does it after restoring the token (theme, main window, session from the cache).
// Prints "painted" when the balance is on screen, then waits for the first sync to end (the
// numbers then verified) and prints "synced <ms>" and "hwm <KB>".
int runCold(QApplication &app, const QStringList &args)
{
    QElapsedTimer started;
    started.start();
    // BENCH_CLIENT_TRACE=1: where the cold start's time goes, on stderr.
    const bool trace = qEnvironmentVariableIsSet("BENCH_CLIENT_TRACE");
    const auto mark = [&](const char *what) {
        if (trace)
            std::fprintf(stderr, "  cold %-28s %lld ms\n", what, qint64(started.elapsed()));
    };
    const QString dataDir = args.value(0);
    QTemporaryDir scratch;
    Config config(QDir(scratch.path()).filePath(QStringLiteral("creditdesk.ini")));
    ThemePalette::apply(app, ThemeSetting::fromName(config.get(Config::GUI_Theme).toString()));
    mark("theme applied");
    DesktopClient client(config);
    mark("DesktopClient made");
    client.setDataDirectory(dataDir);
    auto *label = client.dashboard()->findChild<QLabel *>(QStringLiteral("availableBalance"));
    if (!label) {
        say("error no availableBalance label");
        return 1;
    }
    BalancePaintWatch watch(label, [&] {
        mark("balance painted");
        say("painted");
        say(QStringLiteral("cpu %1").arg(cpuMs()).toUtf8().constData());
    });

    ClientSession::Target target;
    target.server = QUrl(args.value(1));
    target.accountId = args.value(2);
    target.token = args.value(3);
    QFile ca(args.value(4));
    if (ca.open(QIODevice::ReadOnly))
        target.caCertificates = QSslCertificate::fromData(ca.readAll());
    QObject::connect(&client, &DesktopClient::accountShown, &app, [&] { mark("accountShown"); });
    client.startSession(target);
    mark("startSession returned");
    client.window().show();
    mark("window shown");
    QObject::connect(client.session(), &ClientSession::synced, &app, [&started] {
        say(QStringLiteral("synced %1").arg(started.elapsed()).toUtf8().constData());
        say(QStringLiteral("hwm %1").arg(peakResidentKb()).toUtf8().constData());
        QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    });
    QTimer::singleShot(20000, &app, [] {
        say("error no sync in 20 s");
        QCoreApplication::exit(1);
    });
    return app.exec();
}

struct ChildRun
{
    qint64 paintedMs = -1; // spawn to "painted"
    qint64 cpuMs = -1;     // the child's CPU time (user + system) at "painted"
    qint64 syncedMs = -1;  // its own start to the first sync's end (cold start only)
    qint64 hwmKb = -1;
    QString error;
};

// Spawns this program with `args` and times spawn → "painted" while this event loop keeps
// running (the in-process server must answer the child's sync).
ChildRun spawnAndTime(const QStringList &args)
{
    ChildRun run;
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QEventLoop loop;
    QElapsedTimer clock;
    QByteArray pending;
    QObject::connect(&child, &QProcess::readyReadStandardOutput, &loop, [&] {
        pending += child.readAllStandardOutput();
        qsizetype nl;
        while ((nl = pending.indexOf('\n')) >= 0) {
            const QByteArray line = pending.left(nl).trimmed();
            pending.remove(0, nl + 1);
            if (line == "painted")
                run.paintedMs = clock.elapsed();
            else if (line.startsWith("cpu "))
                run.cpuMs = line.mid(4).toLongLong();
            else if (line.startsWith("synced "))
                run.syncedMs = line.mid(7).toLongLong();
            else if (line.startsWith("hwm "))
                run.hwmKb = line.mid(4).toLongLong();
            else if (line.startsWith("error"))
                run.error = QString::fromUtf8(line);
        }
    });
    QObject::connect(&child, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    clock.start();
    child.start(QCoreApplication::applicationFilePath(), args);
    loop.exec();
    if (child.state() != QProcess::NotRunning) {
        child.kill();
        child.waitForFinished();
        run.error = QStringLiteral("timed out");
    }
    return run;
}

qint64 median(std::vector<qint64> v)
{
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

QString range(const std::vector<qint64> &v)
{
    if (v.empty())
        return QStringLiteral("-");
    return QStringLiteral("%1 (%2–%3)")
        .arg(median(v))
        .arg(*std::min_element(v.begin(), v.end()))
        .arg(*std::max_element(v.begin(), v.end()));
}

// Waits (on the event loop) until `done` holds or `ms` pass; false on timeout.
bool waitFor(const std::function<bool()> &done, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > ms)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

// Signs in to `accountId` with a ClientSession on `cacheDir` and waits for the first sync.
// Returns the session (the account in *account), null on failure.
std::unique_ptr<ClientSession> signIn(const InProcessServer &server, const Clock &clock,
                                      const QString &cacheDir, const DemoAccount &who,
                                      SyncedAccount **account, qint64 *syncMs)
{
    ClientSession::Target target;
    target.server = server.baseUrl();
    target.caCertificates = {server.caCertificate()};
    target.accountId = who.id;
    target.token = who.memberToken;
    auto session = std::make_unique<ClientSession>(target, clock, cacheDir, nullptr);
    bool synced = false;
    bool failed = false;
    // The lambda writes to this frame's locals: it must not outlive the call. The session
    // lives on and syncs again (the demo steps); left connected, each later sync wrote a byte
    // into whatever frame then occupied this stack — the glib dispatcher's saved registers,
    // which crashed in g_main_context_dispatch.
    const QMetaObject::Connection firstSync = QObject::connect(
        session.get(), &ClientSession::synced, session.get(), [&](const EventsSync::Report &r) {
            synced = true;
            failed = r.outcome == EventsSync::Report::Outcome::Failed;
        });
    QElapsedTimer t;
    t.start();
    QString error;
    const bool ok = session->start(&error) && waitFor([&] { return synced; }, 30000) && !failed;
    QObject::disconnect(firstSync);
    if (!ok) {
        std::fprintf(stderr, "bench_client: sign-in as %s failed %s\n", qPrintable(who.id),
                     qPrintable(error));
        return nullptr;
    }
    *syncMs = t.elapsed();
    *account = session->account();
    return session;
}

struct Row
{
    QString what;
    QString figure;
    QString target;
    QString verdict;
};

int runBenchmark(qint64 events, int runs)
{
    QTemporaryDir dir;
    // BENCH_CLIENT_KEEP=1: keep the server's and caches' directory (to profile a --cold child).
    if (qEnvironmentVariableIsSet("BENCH_CLIENT_KEEP")) {
        dir.setAutoRemove(false);
        std::printf("keeping %s\n", qPrintable(dir.path()));
    }
    ManualClock clock(QDateTime::currentSecsSinceEpoch());
    InProcessServer::Options options;
    options.seedDemoEvents = events;
    InProcessServer server(dir.filePath(QStringLiteral("server")), clock, options);
    QElapsedTimer t;
    t.start();
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "bench_client: the server did not start: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("server with demo-heavy (%lld events) ready in %lld ms\n", events,
                qint64(t.elapsed()));
    std::fflush(stdout);
    const DemoAccount *small = nullptr;
    const DemoAccount *heavy = nullptr;
    for (const DemoAccount &a : server.seeded().accounts) {
        if (a.preset == u"demo-heavy" || a.id.contains(u"heavy"))
            heavy = &a;
        else if (!small)
            small = &a;
    }
    if (!small || !heavy) {
        std::fprintf(stderr, "bench_client: the seed has no demo-heavy account\n");
        return 1;
    }
    QFile caFile(dir.filePath(QStringLiteral("ca.pem")));
    if (!caFile.open(QIODevice::WriteOnly))
        return 1;
    caFile.write(server.caCertificate().toPem());
    caFile.close();

    // Fill the caches: one sign-in each, as a member would have done on an earlier day.
    const QString cacheDir = dir.filePath(QStringLiteral("accounts"));
    QDir().mkpath(cacheDir);
    SyncedAccount *smallAccount = nullptr;
    SyncedAccount *heavyAccount = nullptr;
    qint64 smallSyncMs = 0, heavySyncMs = 0, smallEvents = 0;
    {
        auto s = signIn(server, clock, cacheDir, *small, &smallAccount, &smallSyncMs);
        if (!s)
            return 1;
        smallEvents = smallAccount->history().eventCount();
    }
    auto heavySession = signIn(server, clock, cacheDir, *heavy, &heavyAccount, &heavySyncMs);
    if (!heavySession)
        return 1;
    const qint64 firstHeavySyncMs = heavySyncMs;
    const qint64 heavyEvents = heavyAccount->history().eventCount();
    heavySession.reset(); // the children open the same cache; let it go (snapshot written)
    QCoreApplication::processEvents();

    // (a) bare window vs cold start, interleaved so load on the machine hits both alike.
    std::vector<qint64> bare, coldSmall, coldHeavy, syncSmall, syncHeavy;
    std::vector<qint64> cpuBare, cpuSmall, cpuHeavy;
    qint64 hwmSmall = -1, hwmHeavy = -1;
    if (qEnvironmentVariableIsSet("BENCH_CLIENT_KEEP"))
        std::printf("cold child: --cold %s %s %s %s %s\n", qPrintable(cacheDir),
                    qPrintable(server.baseUrl().toString()), qPrintable(heavy->id),
                    qPrintable(heavy->memberToken), qPrintable(caFile.fileName()));
    const auto cold = [&](const DemoAccount &who) {
        return spawnAndTime({QStringLiteral("--cold"), cacheDir, server.baseUrl().toString(),
                             who.id, who.memberToken, caFile.fileName()});
    };
    for (int i = 0; i < runs; ++i) {
        const ChildRun b = spawnAndTime({QStringLiteral("--bare")});
        const ChildRun s = cold(*small);
        const ChildRun h = cold(*heavy);
        for (const ChildRun *r : {&b, &s, &h})
            if (!r->error.isEmpty() || r->paintedMs < 0) {
                std::fprintf(stderr, "bench_client: a child failed: %s\n", qPrintable(r->error));
                return 1;
            }
        bare.push_back(b.paintedMs);
        coldSmall.push_back(s.paintedMs);
        coldHeavy.push_back(h.paintedMs);
        syncSmall.push_back(s.syncedMs);
        syncHeavy.push_back(h.syncedMs);
        cpuBare.push_back(b.cpuMs);
        cpuSmall.push_back(s.cpuMs);
        cpuHeavy.push_back(h.cpuMs);
        hwmSmall = std::max(hwmSmall, s.hwmKb);
        hwmHeavy = std::max(hwmHeavy, h.hwmKb);
    }

    // (b) the demo's steps on the heavy account, in this process: the dashboard and packs
    // screens in a window, read through a ViewClock that follows the demo clock, as
    // DesktopClient does on DemoSession::clockMoved (refreshViews, then a sync).
    heavySession = signIn(server, clock, cacheDir, *heavy, &heavyAccount, &heavySyncMs);
    if (!heavySession)
        return 1;
    ViewClock viewClock(clock);
    QWidget window;
    auto *layout = new QHBoxLayout(&window);
    auto *dashboard = new DashboardView(viewClock);
    auto *packs = new PacksView(viewClock);
    layout->addWidget(dashboard);
    layout->addWidget(packs);
    window.resize(1400, 800);
    window.show();
    dashboard->setAccount(heavyAccount);
    packs->setAccount(heavyAccount);
    QCoreApplication::processEvents();

    std::vector<qint64> stepLocal, stepSynced, jumpPast, replayOnly, replayedEvents;
    const AccountHistory &history = heavyAccount->history();
    TimePoint first = history.event(0).at;
    for (qint64 i = 0; i < history.eventCount(); ++i)
        first = std::min(first, history.event(i).at);
    for (int i = 0; i < std::max(runs, 5); ++i) {
        // "+1 day": the clock moves, the screens answer from local data at once...
        QElapsedTimer step;
        step.start();
        clock.advance(86400);
        dashboard->refresh();
        packs->refresh();
        window.repaint();
        stepLocal.push_back(step.elapsed());
        // ...then the sync brings the server's events for that day (and re-renders on changed).
        bool synced = false;
        QMetaObject::Connection c = QObject::connect(heavySession.get(), &ClientSession::synced,
                                                     &window, [&] { synced = true; });
        heavySession->syncNow();
        waitFor([&] { return synced; }, 20000);
        window.repaint();
        QObject::disconnect(c);
        stepSynced.push_back(step.elapsed());
    }
    for (int i = 0; i < std::max(runs, 5); ++i) {
        // A past moment, spread over the history (a slider or date field in the app).
        const TimePoint last = heavyAccount->history().lastEventAt();
        const TimePoint past = first + (last - first) * (i + 1) / (std::max(runs, 5) + 1);
        qint64 replayed = 0;
        for (qint64 e = 0; e < heavyAccount->history().eventCount(); ++e)
            replayed += heavyAccount->history().event(e).at <= past ? 1 : 0;
        replayedEvents.push_back(replayed);
        QElapsedTimer replay;
        replay.start();
        {
            auto engine = heavyAccount->history().replayUntil(past);
        }
        replayOnly.push_back(replay.elapsed());
        QElapsedTimer jump;
        jump.start();
        viewClock.standAt(past);
        dashboard->refresh();
        packs->refresh();
        window.repaint();
        jumpPast.push_back(jump.elapsed());
    }
    viewClock.follow(clock);

    const qint64 hwmHere = peakResidentKb();
    const double ratioSmall = double(median(coldSmall)) / double(std::max<qint64>(1, median(bare)));
    const double ratioHeavy = double(median(coldHeavy)) / double(std::max<qint64>(1, median(bare)));
    const auto ok = [](bool good) { return good ? QStringLiteral("ok") : QStringLiteral("MISS"); };
    const QString ms = QStringLiteral(" ms");
    std::vector<Row> rows = {
        {QStringLiteral("bare Qt Widgets window: spawn → first paint"), range(bare) + ms,
         QStringLiteral("reference"), QString()},
        {QStringLiteral("cold start, cached %1 (%2 events): spawn → balance painted")
             .arg(small->preset)
             .arg(smallEvents),
         range(coldSmall) + ms + QStringLiteral(" = %1× bare").arg(ratioSmall, 0, 'f', 2),
         QStringLiteral("≤ 3× bare"), ok(ratioSmall <= 3.0)},
        {QStringLiteral("cold start, cached demo-heavy (%1 events): spawn → balance painted")
             .arg(heavyEvents),
         range(coldHeavy) + ms + QStringLiteral(" = %1× bare").arg(ratioHeavy, 0, 'f', 2),
         QStringLiteral("≤ 3× bare"), ok(ratioHeavy <= 3.0)},
        {QStringLiteral("  CPU (user + sys) to the paint: bare / small / heavy"),
         QStringLiteral("%1 / %2 / %3 ms = %4× / %5×")
             .arg(median(cpuBare))
             .arg(median(cpuSmall))
             .arg(median(cpuHeavy))
             .arg(double(median(cpuSmall)) / double(std::max<qint64>(1, median(cpuBare))), 0, 'f',
                  2)
             .arg(double(median(cpuHeavy)) / double(std::max<qint64>(1, median(cpuBare))), 0, 'f',
                  2),
         QStringLiteral("(report)"), QString()},
        {QStringLiteral("  … then first sync ended (304/empty page), small / heavy"),
         QStringLiteral("%1 / %2 ms").arg(median(syncSmall)).arg(median(syncHeavy)),
         QStringLiteral("-"), QString()},
        {QStringLiteral("first sync of demo-heavy in this process (HTTPS, cache, replay)"),
         QStringLiteral("%1 ms").arg(firstHeavySyncMs), QStringLiteral("< 1000 ms (bench_sync)"),
         QString()},
        {QStringLiteral("demo +1 day, re-rendered from local data (dashboard + packs)"),
         range(stepLocal) + ms, QStringLiteral("< 100 ms"), ok(median(stepLocal) < 100)},
        {QStringLiteral("demo +1 day incl. the sync that follows and its re-render"),
         range(stepSynced) + ms, QStringLiteral("(report)"), QString()},
        {QStringLiteral("jump to a past moment: dashboard + packs re-rendered"),
         range(jumpPast) + ms, QStringLiteral("< 150 ms"), ok(median(jumpPast) < 150)},
        {QStringLiteral("  of which one AccountHistory::replayUntil (events replayed: %1)")
             .arg(range(replayedEvents)),
         range(replayOnly) + ms, QStringLiteral("-"), QString()},
        {QStringLiteral("VmHWM, client child (cold start + sync), small / heavy"),
         QStringLiteral("%1 / %2 MB").arg(hwmSmall / 1024).arg(hwmHeavy / 1024),
         QStringLiteral("< 400 MB"), ok(hwmHeavy < 400 * 1024)},
        {QStringLiteral("VmHWM, this process (server + client + 100k account)"),
         QStringLiteral("%1 MB").arg(hwmHere / 1024), QStringLiteral("(report)"), QString()},
    };
    std::printf("\nruns: %d (figures: median (min–max)); QT_QPA_PLATFORM=%s\n\n", runs,
                qgetenv("QT_QPA_PLATFORM").constData());
    std::printf("| %-72s | %-34s | %-22s | %-4s |\n", "what", "figure", "target", "");
    std::printf("|%s|%s|%s|%s|\n", QByteArray(74, '-').constData(), QByteArray(36, '-').constData(),
                QByteArray(24, '-').constData(), QByteArray(6, '-').constData());
    for (const Row &r : rows)
        std::printf("| %s | %s | %s | %s |\n", qPrintable(r.what), qPrintable(r.figure),
                    qPrintable(r.target), qPrintable(r.verdict));
    std::fflush(stdout);
    heavySession.reset();
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("CreditDesk"));
    QApplication::setApplicationName(QStringLiteral("CreditDesk"));
    QStringList args = QApplication::arguments().mid(1);
    if (args.value(0) == u"--bare")
        return runBare(app);
    if (args.value(0) == u"--cold")
        return runCold(app, args.mid(1));
    qint64 events = 100000;
    int runs = 5;
    for (int i = 0; i + 1 < args.size(); ++i) {
        if (args[i] == u"--events")
            events = args[i + 1].toLongLong();
        else if (args[i] == u"--runs")
            runs = std::max(1, args[i + 1].toInt());
    }
    return runBenchmark(events, runs);
}
