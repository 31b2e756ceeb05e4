// bench_server_memory: the server's per-account engine cache at scale (issue 10, "Bounded
// memory"). A benchmark, never run by ctest.
//
//   bench_server_memory seed DIR [--accounts N] [--events-per-account N] [--heavy N]
//                           [--database URL] [--tokens FILE] [--clone]
//       fills DIR/creditdesk.sqlite: N accounts (unified-monthly) with a few grants each, and
//       the account demo-heavy with a synthetic history of --heavy events (default 10000).
//       --clone: the first account is made through the services, the others are copies of
//       its row and events in SQL (three statements each, 500 accounts a transaction), with
//       their own tokens; the same data in a fraction of the round trips (the accounts were
//       identical anyway; no audit row "account created" for the copies).
//   bench_server_memory touch DIR [--cache-mb N] [--touches N]
//       opens it as the server does, asks for the cold account demo-heavy (timed), then for
//       random accounts (each a look-up the API makes on a request) and prints the peak
//       resident size (VmHWM) against the budget, the cache's estimate and the evictions.
//
// Two processes, so the seeding's own memory does not count in the peak. bench/server-memory.sh
// runs both.
#include "DemoSeeder.h"
#include "PresetCatalog.h"
#include "RandomIds.h"
#include "ServerRuntime.h"
#include "SimulatedPaymentProvider.h"
#include "SystemClock.h"
#include "TokenAuthenticator.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include <cstdio>
#include <ctime>

using namespace creditdesk;

namespace {

qint64 statusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// This process's CPU time: on a shared machine wall time measures the neighbours too.
qint64 cpuMicros()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1000000 + t.tv_nsec / 1000;
}

qint64 option(const QStringList &args, const QString &name, qint64 fallback)
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1].toLongLong() : fallback;
}

QString text(const QStringList &args, QStringView name)
{
    for (qsizetype i = 0; i + 1 < args.size(); ++i)
        if (args[i] == name)
            return args[i + 1];
    return {};
}

// A second connection to the store's database, for the copies (--clone).
QSqlDatabase openRaw(const QString &db)
{
    QSqlDatabase raw;
    if (db.startsWith(u"postgres://") || db.startsWith(u"postgresql://")) {
        const QUrl url(db);
        raw = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("clone"));
        raw.setHostName(url.host().isEmpty() ? QStringLiteral("localhost") : url.host());
        raw.setPort(url.port(5432));
        raw.setUserName(url.userName());
        raw.setPassword(url.password());
        raw.setDatabaseName(url.path().mid(1));
    } else {
        raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("clone"));
        raw.setDatabaseName(db);
        raw.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=60000"));
    }
    if (!raw.open())
        qFatal("cannot open %s: %s", qPrintable(db), qPrintable(raw.lastError().text()));
    return raw;
}

void runOrDie(QSqlQuery &q)
{
    if (!q.exec())
        qFatal("clone: %s", qPrintable(q.lastError().text()));
}

// Accounts [from, to) as copies of `templateId` (row and events) with a member token each.
void cloneAccounts(const QString &db, const QString &templateId, qint64 from, qint64 to,
                   TimePoint now, QFile &tokens)
{
    QSqlDatabase raw = openRaw(db);
    {
        QSqlQuery account(raw), events(raw), token(raw);
        account.prepare(QStringLiteral(
            "INSERT INTO accounts (id, display_name, preset, timezone, created_at, event_count,"
            " name_key, search_key) SELECT ?, ?, preset, timezone, created_at, event_count, ?, ?"
            " FROM accounts WHERE id = ?"));
        events.prepare(QStringLiteral("INSERT INTO events (account_id, seq, at, body, note)"
                                      " SELECT ?, seq, at, body, note FROM events"
                                      " WHERE account_id = ?"));
        token.prepare(QStringLiteral("INSERT INTO tokens (id, token_hash, role, account_id, label,"
                                     " created_at) VALUES (?, ?, 'member', ?, 'bench', ?)"));
        for (qint64 i = from; i < to; ++i) {
            if ((i - from) % 500 == 0 && !raw.transaction())
                qFatal("clone: %s", qPrintable(raw.lastError().text()));
            const QString id = QStringLiteral("bench-%1").arg(i, 6, 10, QLatin1Char('0'));
            const QString name = QStringLiteral("Bench %1").arg(i);
            account.bindValue(0, id);
            account.bindValue(1, name);
            account.bindValue(2, name.toLower());
            account.bindValue(3, name.toLower() + QStringLiteral("\n\n") + id);
            account.bindValue(4, templateId);
            runOrDie(account);
            events.bindValue(0, id);
            events.bindValue(1, templateId);
            runOrDie(events);
            const QString secret = RandomIds::token();
            token.bindValue(0, RandomIds::make("tok"));
            token.bindValue(1, QString::fromLatin1(TokenAuthenticator::hashOf(secret)));
            token.bindValue(2, id);
            token.bindValue(3, qlonglong(now));
            runOrDie(token);
            if (tokens.isOpen())
                tokens.write(id.toUtf8() + ' ' + secret.toUtf8() + '\n');
            if ((i - from) % 500 == 499 || i + 1 == to) {
                if (!raw.commit())
                    qFatal("clone: %s", qPrintable(raw.lastError().text()));
            }
        }
    }
    raw.close();
    raw = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("clone"));
}

int seed(const QString &dir, qint64 accounts, qint64 eventsPerAccount, qint64 heavy,
         const QString &database, const QString &tokensFile, bool clone)
{
    QDir().mkpath(dir);
    const QString db =
        database.isEmpty() ? QDir(dir).filePath(QStringLiteral("creditdesk.sqlite")) : database;
    // --tokens FILE: one "ACCOUNT TOKEN" line per account, for wrk spread over all of them.
    QFile tokens(tokensFile);
    if (!tokensFile.isEmpty() && !tokens.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(tokensFile));
        return 1;
    }
    SystemClock clock;
    QElapsedTimer timer;
    timer.start();
    DemoSeeder::seedAccounts(db, clock.now(), PresetCatalog::builtIn(), heavy);
    std::printf("demo accounts and demo-heavy (%lld events): %lld ms\n",
                static_cast<long long>(heavy), static_cast<long long>(timer.restart()));
    SimulatedPaymentProvider provider(0, 0);
    ServerRuntime rt(db, clock, provider);
    // --clone: only the first through the services, the others copied from it.
    const qint64 madeHere = clone ? std::min<qint64>(accounts, 1) : accounts;
    for (qint64 i = 0; i < madeHere; ++i) {
        const QString id = QStringLiteral("bench-%1").arg(i, 6, 10, QLatin1Char('0'));
        rt.accounts.createAccount(QStringLiteral("Bench %1").arg(i),
                                  QStringLiteral("unified-monthly"), QStringLiteral("UTC"), id,
                                  QString());
        rt.writer.write(id, [&](AccountWriter::Transaction &tx) {
            for (qint64 e = 0; e < eventsPerAccount; ++e)
                tx.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("grant")},
                                      {QStringLiteral("kind"), QStringLiteral("bonus")},
                                      {QStringLiteral("amount"), 5 + int(e)}});
        });
        rt.cache.forget(id);
        if (tokens.isOpen())
            tokens.write(
                id.toUtf8() + ' ' +
                rt.auth.issue(Role::Member, id, QStringLiteral("bench"), clock.now()).toUtf8() +
                '\n');
        if ((i + 1) % 10000 == 0) {
            std::printf("  %lld accounts (%lld ms)\n", static_cast<long long>(i + 1),
                        static_cast<long long>(timer.elapsed()));
            std::fflush(stdout);
        }
    }
    if (madeHere < accounts)
        cloneAccounts(db, QStringLiteral("bench-000000"), madeHere, accounts, clock.now(), tokens);
    std::printf("seeded %lld accounts with %lld grants each: %lld ms\n",
                static_cast<long long>(accounts), static_cast<long long>(eventsPerAccount),
                static_cast<long long>(timer.elapsed()));
    return 0;
}

int touch(const QString &dir, qint64 cacheMb, qint64 touches)
{
    const QString db = QDir(dir).filePath(QStringLiteral("creditdesk.sqlite"));
    SystemClock clock;
    SimulatedPaymentProvider provider(0, 0);
    ServerRuntime rt(db, clock, provider);
    rt.cache.setBudgetBytes(cacheMb * 1024 * 1024);
    QStringList ids;
    for (const AccountRecord &a : rt.store.accounts())
        if (a.id.startsWith(u"bench-"))
            ids << a.id;
    const qint64 baseKb = statusKb("VmRSS:");

    // The cold account: built from its events on first ask (a ledger page's cost, and the
    // summary's before any snapshot was stored).
    QElapsedTimer timer;
    timer.start();
    const qint64 cpuBefore = cpuMicros();
    const qint64 rssBeforeKb = statusKb("VmRSS:");
    AccountLedger *heavy = rt.cache.find(QStringLiteral("demo-heavy"));
    const qint64 coldUs = timer.nsecsElapsed() / 1000;
    const qint64 coldCpuUs = cpuMicros() - cpuBefore;
    const qint64 heavyKb = statusKb("VmRSS:") - rssBeforeKb;
    if (!heavy) {
        std::fprintf(stderr, "no demo-heavy: seed with --heavy N first\n");
        return 1;
    }
    std::printf(
        "cold account with %lld events, replayed: %.1f ms wall, %.1f ms CPU (resident +%lld KiB, "
        "estimated %lld KiB)\n",
        static_cast<long long>(heavy->eventCount()), double(coldUs) / 1000.0,
        double(coldCpuUs) / 1000.0, static_cast<long long>(heavyKb),
        static_cast<long long>(heavy->estimatedBytes() / 1024));
    std::printf("  (stored %lld engine snapshot(s) on the way)\n",
                static_cast<long long>(rt.cache.snapshotsStored()));
    // The same cold account as the summary asks for it: resumed from its stored snapshot plus
    // the events after it (none here), five times over (forgotten in between).
    for (int round = 0; round < 5; ++round) {
        rt.cache.forget(QStringLiteral("demo-heavy"));
        QElapsedTimer wall;
        wall.start();
        const qint64 c0 = cpuMicros();
        AccountLedger *head =
            rt.cache.find(QStringLiteral("demo-heavy"), nullptr, LedgerCache::Need::Head);
        const qint64 wallUs = wall.nsecsElapsed() / 1000;
        const qint64 c1 = cpuMicros();
        std::printf("cold account with %lld events from its stored snapshot%s: %.1f ms wall, %.1f "
                    "ms CPU\n",
                    static_cast<long long>(head->eventCount()),
                    head->isHead() ? "" : " (NOT resumed: replayed)", double(wallUs) / 1000.0,
                    double(c1 - c0) / 1000.0);
    }
    {
        const AccountRecord record = *rt.store.account(QStringLiteral("demo-heavy"));
        const qint64 c0 = cpuMicros();
        const auto stored = rt.store.snapshot(QStringLiteral("demo-heavy"));
        const qint64 c1 = cpuMicros();
        const auto head = AccountLedger::resumeHead(record, rt.presets, *stored);
        const qint64 c2 = cpuMicros();
        const QJsonDocument parsed = QJsonDocument::fromJson(stored->body);
        const qint64 c3 = cpuMicros();
        std::printf("  of which: the snapshot is %lld KiB; reading its row %.1f ms CPU, parsing "
                    "and resuming it %.1f ms CPU (the JSON parse alone %.1f ms)\n",
                    static_cast<long long>(stored->body.size() / 1024), double(c1 - c0) / 1000.0,
                    double(c2 - c1) / 1000.0, double(c3 - c2) / 1000.0);
    }
    // Where the replay's time goes: reading the rows, and decoding + replaying them.
    {
        const qint64 c0 = cpuMicros();
        const QList<StoredEvent> rows = rt.store.events(QStringLiteral("demo-heavy"), 0);
        const qint64 c1 = cpuMicros();
        AccountLedger fresh(*rt.store.account(QStringLiteral("demo-heavy")));
        fresh.applyStored(rows);
        const qint64 c2 = cpuMicros();
        std::printf("  of which: reading %lld rows %.1f ms CPU, decoding and replaying them %.1f "
                    "ms CPU\n",
                    static_cast<long long>(rows.size()), double(c1 - c0) / 1000.0,
                    double(c2 - c1) / 1000.0);
    }
    if (ids.isEmpty())
        return 0;

    QRandomGenerator rng(7);
    timer.restart();
    const qint64 loopCpu = cpuMicros();
    for (qint64 i = 0; i < touches; ++i)
        rt.cache.find(ids[qsizetype(rng.bounded(quint32(ids.size())))]);
    const qint64 ms = timer.elapsed();
    const qint64 loopCpuMs = (cpuMicros() - loopCpu) / 1000;
    const qint64 hwmKb = statusKb("VmHWM:");
    std::printf("%lld random look-ups over %lld accounts: %lld ms wall, %lld ms CPU (%.1f us "
                "CPU each)\n",
                static_cast<long long>(touches), static_cast<long long>(ids.size()),
                static_cast<long long>(ms), static_cast<long long>(loopCpuMs),
                double(loopCpuMs) * 1000.0 / double(touches));
    std::printf("budget %lld MiB; cache estimate %lld MiB in %lld engines; %lld evictions\n",
                static_cast<long long>(cacheMb),
                static_cast<long long>(rt.cache.estimatedBytes() / (1024 * 1024)),
                static_cast<long long>(rt.cache.size()),
                static_cast<long long>(rt.cache.evictions()));
    std::printf("resident after opening: %lld MiB; peak (VmHWM): %lld MiB; peak - budget: %lld "
                "MiB\n",
                static_cast<long long>(baseKb / 1024), static_cast<long long>(hwmKb / 1024),
                static_cast<long long>(hwmKb / 1024 - cacheMb));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() >= 3 && args[1] == u"seed")
        return seed(args[2], option(args, QStringLiteral("--accounts"), 100000),
                    option(args, QStringLiteral("--events-per-account"), 4),
                    option(args, QStringLiteral("--heavy"), 10000), text(args, u"--database"),
                    text(args, u"--tokens"), args.contains(u"--clone"));
    if (args.size() >= 3 && args[1] == u"touch")
        return touch(args[2], option(args, QStringLiteral("--cache-mb"), 64),
                     option(args, QStringLiteral("--touches"), 300000));
    std::fprintf(stderr, "usage: bench_server_memory seed DIR [--accounts N] "
                         "[--events-per-account N] [--heavy N] [--database URL] "
                         "[--tokens FILE] [--clone]\n"
                         "       bench_server_memory touch DIR [--cache-mb N] [--touches N]\n");
    return 2;
}
