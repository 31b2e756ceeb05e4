// The client computes its numbers; it does not echo the server. Against the real server in
// this process (server/InProcessServer over HTTPS, demo seed) on ONE ManualClock shared with
// the client:
//  1. for every demo member, after a sync, the client's own answers (balance with buckets,
//     next refreshes, limits, projection) at the server's as_of are byte for byte the ones in
//     the server's /summary at that moment;
//  2. then with the server stopped, the clock is moved across each member's next refresh and
//     next lot expiry (found by the client's own engine) and further, and at every moment the
//     client's answers are byte for byte what `creditdesk-cli simulate` prints for the account's
//     export (taken before the stop) asked at those moments;
//  3. 20 random past moments (seeded, seed printed; CREDITDESK_PAST_SEED repeats a run) between
//     each member's first and last event: AccountHistory::replayUntil equals `simulate`.
//  4. the server-killed cycle at the session level (AccountSession, as the app holds it):
//     Offline with the cached numbers, then the server back on the same port and data →
//     Online and Verified. (tst_sync_events' serverKilledThenBack does the same one level
//     down, on EventsSync + ServerConnection.) A creditdesk-server process on the wall clock,
//     because a restart must keep the port, and the cache file is named after the URL.
#include "AccountCache.h"
#include "AccountHistory.h"
#include "AccountSession.h"
#include "ApiClient.h"
#include "ConnectionState.h"
#include "CreditEngine.h"
#include "DemoServer.h"
#include "EventsSync.h"
#include "InProcessServer.h"
#include "IsoTime.h"
#include "JsonWriter.h"
#include "ManualClock.h"
#include "Scenario.h"
#include "ScenarioReplay.h"
#include "ServerConnection.h"
#include "SyncedAccount.h"
#include "WallClock.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <tuple>

using namespace creditdesk;

namespace {

// The asks a dashboard shows, in the order they are compared.
const QList<Query::Ask> DashboardAsks = {Query::Ask::Balance, Query::Ask::NextRefresh,
                                         Query::Ask::Limits, Query::Ask::Projection};

const char *askName(Query::Ask ask)
{
    switch (ask) {
    case Query::Ask::Balance:
        return "balance";
    case Query::Ask::NextRefresh:
        return "next_refresh";
    case Query::Ask::Limits:
        return "limits";
    case Query::Ask::Projection:
        return "projection";
    default:
        return "?";
    }
}

Query query(Query::Ask ask, TimePoint at)
{
    Query q;
    q.ask = ask;
    q.at = at;
    q.windowDays = 7; // the summary's default, and the scenario format's
    return q;
}

// The client's sync stack for one account, on the shared clock.
struct Client
{
    QString account;
    QString token;
    std::unique_ptr<ServerConnection> connection;
    std::unique_ptr<AccountCache> cache;
    std::unique_ptr<EventsSync> sync;
    QByteArray exported; // GET /v1/accounts/{id}/export, taken while the server ran

    const AccountHistory &history() const { return sync->account()->history(); }
};

// `export` with its queries replaced by `moments` × DashboardAsks, in the account's zone.
QByteArray withQueries(const QByteArray &exported, const AccountZone &zone,
                       const QList<TimePoint> &moments)
{
    const qsizetype at = exported.lastIndexOf("\"queries\"");
    if (at < 0)
        return {};
    QByteArray out = exported.left(at) + "\"queries\": [\n";
    bool first = true;
    for (TimePoint t : moments)
        for (Query::Ask ask : DashboardAsks) {
            JsonWriter w;
            w.beginObject();
            w.key("at").value(zone.format(t));
            w.key("ask").value(QString::fromLatin1(askName(ask)));
            if (ask == Query::Ask::Projection)
                w.key("window_days").value(qint64(7));
            w.endObject();
            out += (first ? "  " : ",\n  ") + w.take();
            first = false;
        }
    out += "\n ]\n}\n";
    return out;
}

// What `creditdesk-cli simulate` prints for the scenario (trailing newline dropped), or an
// empty array with *error.
QByteArray simulate(const QByteArray &scenario, QString *error)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("scenario.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(scenario) != scenario.size()) {
        *error = file.errorString();
        return {};
    }
    file.close();
    QProcess cli;
    cli.start(QStringLiteral(CREDITDESK_CLI), {QStringLiteral("simulate"), path});
    if (!cli.waitForFinished(20000) || cli.exitStatus() != QProcess::NormalExit ||
        cli.exitCode() != 0) {
        *error = QStringLiteral("simulate failed (%1): %2")
                     .arg(cli.exitCode())
                     .arg(QString::fromUtf8(cli.readAllStandardError()));
        return {};
    }
    return cli.readAllStandardOutput().trimmed();
}

// The same document, from the client's engines: one per moment, each already at its moment.
QByteArray clientAnswers(const std::vector<std::unique_ptr<CreditEngine>> &engines,
                         const QList<TimePoint> &moments)
{
    JsonWriter w;
    w.beginObject().key("answers").beginArray();
    for (qsizetype i = 0; i < moments.size(); ++i)
        for (Query::Ask ask : DashboardAsks)
            w.raw(ScenarioReplay::answerJson(*engines[std::size_t(i)], query(ask, moments[i])));
    w.endArray().endObject();
    return w.take();
}

// Where two answer documents first differ, for a failure message a person can read.
QString firstDifference(const QByteArray &mine, const QByteArray &theirs)
{
    qsizetype i = 0;
    while (i < mine.size() && i < theirs.size() && mine[i] == theirs[i])
        ++i;
    const qsizetype from = std::max<qsizetype>(0, i - 120);
    return QStringLiteral("at byte %1\n client:   …%2\n simulate: …%3")
        .arg(i)
        .arg(QString::fromUtf8(mine.mid(from, 300)), QString::fromUtf8(theirs.mid(from, 300)));
}

} // namespace

class TestSyncOffline : public QObject
{
    Q_OBJECT

private:
    // 2026-11-20T12:00:00Z: the seed walks the four months before it.
    ManualClock m_clock{1795176000};
    QTemporaryDir m_dir;
    std::unique_ptr<InProcessServer> m_server;
    std::unique_ptr<ApiClient> m_api;
    std::map<QString, Client> m_clients;

    QString zoneFormat(const QString &id, TimePoint t) const
    {
        return m_clients.at(id).history().zone().format(t);
    }

    EventsSync::Report syncAndWait(Client &c)
    {
        std::optional<EventsSync::Report> got;
        const auto connection = QObject::connect(c.sync.get(), &EventsSync::finished,
                                                 [&got](const EventsSync::Report &r) { got = r; });
        c.sync->sync();
        (void)QTest::qWaitFor([&] { return got.has_value(); }, 30000);
        QObject::disconnect(connection);
        return got.value_or(EventsSync::Report{});
    }

    // Answers of `c`'s engines at `moments` against `simulate` on its export at the same.
    void compareWithSimulate(const Client &c, const QList<TimePoint> &moments,
                             const std::vector<std::unique_ptr<CreditEngine>> &engines)
    {
        const QByteArray scenario = withQueries(c.exported, c.history().zone(), moments);
        QVERIFY2(!scenario.isEmpty(), qPrintable(c.account + QStringLiteral(": no queries")));
        QString error;
        const QByteArray theirs = simulate(scenario, &error);
        QVERIFY2(error.isEmpty(), qPrintable(c.account + QStringLiteral(": ") + error));
        const QByteArray mine = clientAnswers(engines, moments);
        QVERIFY2(mine == theirs, qPrintable(c.account + QStringLiteral(" differs from simulate ") +
                                            firstDifference(mine, theirs)));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        InProcessServer::Options options;
        options.paymentDelayMs = 0;
        m_server = std::make_unique<InProcessServer>(m_dir.filePath(QStringLiteral("server")),
                                                     m_clock, options);
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        QCOMPARE(m_server->seeded().accounts.size(), 5);
        m_api = std::make_unique<ApiClient>(m_server->port(), m_server->caCertificatePath());
        for (const DemoAccount &a : m_server->seeded().accounts) {
            Client &c = m_clients[a.id];
            c.account = a.id;
            c.token = a.memberToken;
            c.connection = std::make_unique<ServerConnection>(m_server->baseUrl(), m_clock);
            c.connection->addCaCertificates({m_server->caCertificate()});
            c.connection->setToken(a.memberToken);
            c.cache = std::make_unique<AccountCache>(
                AccountCache::pathFor(m_dir.filePath(QStringLiteral("client")), m_server->baseUrl(),
                                      a.id),
                m_clock);
            c.cache->open();
            c.sync = std::make_unique<EventsSync>(c.connection.get(), c.cache.get(), a.id);
        }
    }

    // 1. Online: the client's own answers at the server's as_of are the summary's, byte for byte.
    void everyMemberEqualsTheSummaryAtItsMoment()
    {
        // The demo's only expiring lots are plan pools, which expire at their refresh; support
        // grants each member a lot (with decimals) that expires at an odd moment of its own.
        int n = 0;
        for (auto &[id, c] : m_clients) {
            const TimePoint expires = m_clock.now() + 2 * 86400 + 3 * 3600 + 17 * 60 + 11 * ++n;
            const ApiClient::Reply granted = m_api->post(
                QStringLiteral("/v1/accounts/%1/adjustments").arg(id),
                m_server->seeded().supportToken,
                QStringLiteral("{\"type\":\"grant\",\"amount\":12.345,\"reason\":\"test\","
                               "\"expires_at\":\"%1+00:00\"}")
                    .arg(QDateTime::fromSecsSinceEpoch(expires, QTimeZone::utc())
                             .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")))
                    .toUtf8());
            QVERIFY2(granted.status == 200 || granted.status == 201, granted.body.constData());
        }
        for (auto &[id, c] : m_clients) {
            const EventsSync::Report r = syncAndWait(c);
            QVERIFY2(r.outcome == EventsSync::Report::Outcome::Synced,
                     qPrintable(id + QStringLiteral(": ") + r.error));
            QVERIFY2(c.sync->account()->verification.state == Verification::State::Verified,
                     qPrintable(id + u' ' + c.sync->account()->verification.detail));
            QVERIFY(c.history().eventCount() > 0);

            const ApiClient::Reply summary =
                m_api->get(QStringLiteral("/v1/accounts/%1/summary").arg(id), c.token);
            QCOMPARE(summary.status, 200);
            const auto asOf =
                IsoTime::parse(summary.json.value(QStringLiteral("as_of")).toString());
            QVERIFY(asOf);
            QCOMPARE(*asOf, std::max(m_clock.now(), c.history().lastEventAt()));
            const auto engine = c.history().engineAt(*asOf);
            for (Query::Ask ask : DashboardAsks) {
                const QByteArray mine = ScenarioReplay::answerJson(*engine, query(ask, *asOf));
                const QByteArray field = QByteArray("\"") + askName(ask) + "\": ";
                QVERIFY2(summary.body.contains(field + mine),
                         qPrintable(id + u' ' + QString::fromLatin1(askName(ask)) +
                                    QStringLiteral(": client ") + QString::fromUtf8(mine) +
                                    QStringLiteral("\nserver ") + QString::fromUtf8(summary.body)));
                // And the same value when read as JSON (not just a substring somewhere).
                QCOMPARE(QJsonDocument::fromJson(mine).object(),
                         summary.json.value(QString::fromLatin1(askName(ask))).toObject());
            }

            const ApiClient::Reply exported =
                m_api->get(QStringLiteral("/v1/accounts/%1/export").arg(id), c.token);
            QCOMPARE(exported.status, 200);
            QVERIFY(exported.body.contains("\"format\": 1") ||
                    exported.body.contains("\"format\":1"));
            c.exported = exported.body;
        }
    }

    // 2. Offline: the clock crosses refreshes and expiries; the client alone answers, exactly
    // as `simulate` does on the export.
    void offlineAcrossRefreshAndExpiryEqualsSimulate()
    {
        QVERIFY(!m_clients.begin()->second.exported.isEmpty()); // needs the online test first
        m_server->stop();
        QVERIFY(!m_server->isRunning());
        // The server is gone: a sync fails and keeps every cached number.
        {
            Client &c = m_clients.begin()->second;
            const qint64 lastSeq = c.sync->account()->lastSeq;
            const EventsSync::Report r = syncAndWait(c);
            QCOMPARE(r.outcome, EventsSync::Report::Outcome::Failed);
            QCOMPARE(c.sync->account()->lastSeq, lastSeq);
        }

        // Each member's moments, from its own engine: around its next refresh and next lot
        // expiry, then past the refresh after, then weeks on.
        const TimePoint start = m_clock.now();
        std::map<QString, QList<TimePoint>> moments;
        std::vector<std::pair<TimePoint, QString>> timeline;
        int refreshes = 0;
        int expiries = 0;
        // (member, just before, just after) for each crossing: the balance must move there.
        std::vector<std::tuple<QString, TimePoint, TimePoint>> crossings;
        for (auto &[id, c] : m_clients) {
            const auto now = c.history().engineAt(start);
            QList<TimePoint> ts{start};
            const QList<RefreshRow> next = now->nextRefreshes();
            if (!next.isEmpty()) {
                const TimePoint r = next.first().at;
                ts << r - 1 << r << r + 1;
                ++refreshes;
                crossings.emplace_back(id, r - 1, r + 1);
                // The refresh after that one, seen from just past the first.
                const QList<RefreshRow> then = c.history().engineAt(r + 1)->nextRefreshes();
                if (!then.isEmpty() && then.first().at > r + 1)
                    ts << then.first().at + 60;
            }
            // The soonest lot expiry that is not a refresh (those are crossed above).
            TimePoint expiry = Never;
            for (const auto &bucket : now->balance().buckets)
                if (bucket.expiresAt != Never && bucket.expiresAt > start &&
                    std::none_of(next.begin(), next.end(),
                                 [&](const RefreshRow &r) { return r.at == bucket.expiresAt; }))
                    expiry = std::min(expiry, bucket.expiresAt);
            if (expiry != Never) {
                ts << expiry - 1 << expiry << expiry + 1;
                ++expiries;
                crossings.emplace_back(id, expiry - 1, expiry + 1);
            }
            ts << start + 3 * 86400 << start + 45 * 86400;
            std::sort(ts.begin(), ts.end());
            ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
            moments[id] = ts;
            for (TimePoint t : ts)
                timeline.emplace_back(t, id);
        }
        QVERIFY2(refreshes >= 4, "most demo members have a recurring pool");
        QCOMPARE(expiries, int(m_clients.size())); // each holds the granted lot

        // Walk the shared clock forward once; at each moment the member's dashboard answers
        // are its local engine's at the clock's now.
        std::sort(timeline.begin(), timeline.end());
        std::map<QString, std::vector<std::unique_ptr<CreditEngine>>> engines;
        for (const auto &[t, id] : timeline) {
            m_clock.set(t);
            engines[id].push_back(m_clients.at(id).history().engineAt(m_clock.now()));
        }

        // Crossing a refresh or an expiry changes what the member sees (else the moments
        // would prove nothing).
        int moved = 0;
        for (const auto &[id, before, after] : crossings) {
            const QList<TimePoint> &ts = moments[id];
            const auto &mine = engines[id];
            const auto b = ScenarioReplay::answerJson(*mine[std::size_t(ts.indexOf(before))],
                                                      query(Query::Ask::Balance, before));
            const auto a = ScenarioReplay::answerJson(*mine[std::size_t(ts.indexOf(after))],
                                                      query(Query::Ask::Balance, after));
            if (a != b)
                ++moved;
            qInfo("%s: %s → %s: %s", qPrintable(id), qPrintable(zoneFormat(id, before)),
                  qPrintable(zoneFormat(id, after)), a != b ? "balance moved" : "unchanged");
        }
        QCOMPARE(moved, int(crossings.size()));

        int changedAfterStart = 0;
        for (auto &[id, c] : m_clients) {
            compareWithSimulate(c, moments[id], engines[id]);
            if (QTest::currentTestFailed())
                return;
            const auto &mine = engines[id];
            if (ScenarioReplay::answerJson(*mine.front(), query(Query::Ask::Balance, start)) !=
                ScenarioReplay::answerJson(*mine.back(),
                                           query(Query::Ask::Balance, moments[id].back())))
                ++changedAfterStart;
        }
        // The numbers moved without the server: the client computed them.
        QVERIFY2(changedAfterStart >= 3, qPrintable(QString::number(changedAfterStart)));
    }

    // 3. Random past moments between each member's first and last event: replayUntil equals
    // simulate at the same moments.
    void randomPastMomentsEqualSimulate()
    {
        QVERIFY(!m_clients.begin()->second.exported.isEmpty());
        quint32 seed = QRandomGenerator::global()->generate();
        if (qEnvironmentVariableIsSet("CREDITDESK_PAST_SEED"))
            seed = qEnvironmentVariable("CREDITDESK_PAST_SEED").toUInt();
        qInfo("random past moments: seed %u (CREDITDESK_PAST_SEED=%u repeats this run)", seed,
              seed);
        QRandomGenerator random(seed);
        for (auto &[id, c] : m_clients) {
            const TimePoint first = c.history().scenario().events.front().at;
            const TimePoint last = c.history().lastEventAt();
            QVERIFY(last > first);
            QList<TimePoint> ts;
            for (int i = 0; i < 20; ++i)
                ts << first + TimePoint(random.generate64() % (quint64(last - first) + 1));
            std::vector<std::unique_ptr<CreditEngine>> engines;
            for (TimePoint t : ts)
                engines.push_back(c.history().replayUntil(t));
            compareWithSimulate(c, ts, engines);
            if (QTest::currentTestFailed())
                return;
        }
    }

    // 4. Server killed: the session keeps showing the cached numbers, Offline; back → Online,
    // Verified.
    void sessionOfflineWhileServerKilledThenBack()
    {
        DemoServer own;
        QVERIFY2(own.start(), qPrintable(own.output()));
        const QString account = QStringLiteral("demo-coding-weekly");
        WallClock clock;
        AccountSession::Options options;
        options.server = own.url();
        options.accountId = account;
        options.cacheDirectory = m_dir.filePath(QStringLiteral("session"));
        options.caCertificates = own.ca();
        AccountSession session(options, clock);
        QSignalSpy finished(&session, &AccountSession::syncFinished);
        session.start(own.memberTokens.value(account));
        QVERIFY(finished.wait(20000));
        QCOMPARE(session.lastReport().outcome, EventsSync::Report::Outcome::Synced);
        QCOMPARE(session.connection().state().state(), ConnectionState::State::Online);
        QCOMPARE(session.account()->verification.state, Verification::State::Verified);
        const BalanceAnswer before = session.account()->history().engine().balance();
        const qint64 lastSeq = session.account()->lastSeq;

        own.kill();
        session.syncNow();
        // The sync's own report (the packs fetch may see the outage first and say Offline).
        QVERIFY(QTest::qWaitFor(
            [&] {
                return !session.isSyncing() &&
                       session.lastReport().outcome == EventsSync::Report::Outcome::Failed;
            },
            20000));
        QCOMPARE(session.connection().state().state(), ConnectionState::State::Offline);
        QVERIFY(session.lastReport().failure && session.lastReport().failure->isUnreachable());
        // What the member sees stays: the same account object, numbers and verification.
        QVERIFY(session.account());
        QCOMPARE(session.account()->lastSeq, lastSeq);
        const BalanceAnswer offline = session.account()->history().engine().balance();
        QCOMPARE(offline.total, before.total);
        QCOMPARE(offline.available, before.available);
        QCOMPARE(offline.buckets.size(), before.buckets.size());
        QCOMPARE(session.account()->verification.state, Verification::State::Verified);

        QVERIFY2(own.restart(), qPrintable(own.output()));
        session.syncNow();
        QVERIFY(QTest::qWaitFor(
            [&] {
                return session.connection().state().state() == ConnectionState::State::Online &&
                       !session.isSyncing() &&
                       session.lastReport().outcome != EventsSync::Report::Outcome::Failed;
            },
            20000));
        QVERIFY(session.lastReport().outcome != EventsSync::Report::Outcome::Failed);
        QCOMPARE(session.account()->verification.state, Verification::State::Verified);
        QCOMPARE(session.account()->lastSeq, lastSeq);
    }
};

QTEST_GUILESS_MAIN(TestSyncOffline)
#include "tst_sync_offline.moc"
