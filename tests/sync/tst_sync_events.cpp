// EventsSync against a real creditdesk-server (the events feed, docs/client.md): first and
// incremental sync, every balance equal to the server's, the verification and its single
// re-sync, the cache's faults (corrupt, edited behind the app's back, full disk), offline and
// back, purchases settling into credits, refund requests, and feeds that must not be kept
// (a skipped seq, a truncated page, a changed policy).
#include "AccountCache.h"
#include "AccountHistory.h"
#include "AccountSession.h"
#include "ApiJson.h"
#include "BucketKind.h"
#include "ClientUnderTest.h"
#include "ConnectionState.h"
#include "DemoServer.h"
#include "FaultyNetworkAccessManager.h"
#include "HistoryBuilder.h"
#include "IsoTime.h"
#include "PurchaseFlow.h"
#include "RefundRequestJob.h"
#include "SyncSchedule.h"
#include "TlsDecider.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace creditdesk;

namespace {
const QString Tiered = QStringLiteral("demo-tiered-tasks");

QString describe(const EventsSync::Report &r)
{
    QString s = QStringLiteral("outcome %1, requests %2, new %3")
                    .arg(int(r.outcome))
                    .arg(r.requests)
                    .arg(r.newEvents);
    if (r.failure)
        s += QStringLiteral(", failure ") + ApiFailure::kindName(r.failure->kind) + u' ' +
             r.failure->message;
    if (!r.error.isEmpty())
        s += QStringLiteral(", error ") + r.error;
    if (!r.cacheError.isEmpty())
        s += QStringLiteral(", cache ") + r.cacheError;
    return s;
}

// The server's /summary balance next to the client's own answer at the same moment.
QString compareWithSummary(const SyncedAccount &account, const QJsonObject &summary)
{
    const auto asOf = IsoTime::parse(summary.value(QStringLiteral("as_of")).toString());
    if (!asOf)
        return QStringLiteral("no as_of");
    QString error;
    const auto server =
        ApiJson::balance(summary.value(QStringLiteral("balance")).toObject(), &error);
    if (!server)
        return error;
    const auto engine = account.history().engineAt(*asOf);
    const BalanceAnswer local = engine->balance();
    QStringList diffs;
    if (local.total != server->total)
        diffs << QStringLiteral("total %1 vs %2")
                     .arg(local.total.toString(), server->total.toString());
    if (local.reserved != server->reserved)
        diffs << QStringLiteral("reserved");
    if (local.available != server->available)
        diffs << QStringLiteral("available %1 vs %2")
                     .arg(local.available.toString(), server->available.toString());
    if (local.buckets.size() != server->buckets.size())
        diffs << QStringLiteral("bucket count");
    else
        for (qsizetype i = 0; i < local.buckets.size(); ++i)
            if (local.buckets[i].kind != server->buckets[i].kind ||
                local.buckets[i].remaining != server->buckets[i].remaining ||
                local.buckets[i].expiresAt != server->buckets[i].expiresAt)
                diffs << QStringLiteral("bucket %1").arg(i);
    const QJsonArray refreshes = summary.value(QStringLiteral("next_refresh"))
                                     .toObject()
                                     .value(QStringLiteral("refreshes"))
                                     .toArray();
    const auto mine = engine->nextRefreshes();
    if (mine.size() != refreshes.size())
        diffs << QStringLiteral("refresh count");
    else
        for (qsizetype i = 0; i < mine.size(); ++i)
            if (bucketKindName(mine[i].kind) !=
                    refreshes[i].toObject().value(QStringLiteral("kind")).toString() ||
                IsoTime::parse(refreshes[i].toObject().value(QStringLiteral("at")).toString()) !=
                    mine[i].at)
                diffs << QStringLiteral("refresh %1").arg(i);
    return diffs.join(QStringLiteral(", "));
}

// One page of GET …/events (the first the rule matches) without its event at `index`: a seq
// the page skips.
FaultyNetworkAccessManager::Rule pageSkipsEvent(qsizetype index)
{
    auto rule = FaultyNetworkAccessManager::rule("GET", QStringLiteral("/events"),
                                                 FaultyNetworkAccessManager::Fault::Transform);
    rule.transform = [index](const QByteArray &body) {
        QJsonObject o = QJsonDocument::fromJson(body).object();
        QJsonArray events = o.value(QStringLiteral("events")).toArray();
        events.removeAt(index);
        o.insert(QStringLiteral("events"), events);
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    };
    return rule;
}

class TrustingDecider : public TlsDecider
{
public:
    void decide(const CertificateDetails &, std::function<void(bool)> answer) override
    {
        ++asked;
        QTimer::singleShot(0, [answer] { answer(true); });
    }
    int asked = 0;
};
} // namespace

class TestSyncEvents : public QObject
{
    Q_OBJECT

private:
    DemoServer m_server;
    QTemporaryDir m_cacheDir;
    int m_clients = 0;

    std::unique_ptr<ClientUnderTest> client(const QString &account, bool trustCa = true)
    {
        // Each client its own cache directory: tests do not share files.
        const QString dir = m_cacheDir.filePath(QString::number(++m_clients));
        return std::make_unique<ClientUnderTest>(
            m_server.url(), trustCa ? m_server.ca() : QList<QSslCertificate>(), account,
            m_server.memberTokens.value(account), dir);
    }

    QJsonObject summary(const QString &account)
    {
        return m_server.api()
            .get(QStringLiteral("/v1/accounts/%1/summary").arg(account),
                 m_server.memberTokens.value(account))
            .json;
    }

    void startAndEndTask(const QString &account, const QString &task)
    {
        const QString token = m_server.memberTokens.value(account);
        auto r =
            m_server.api().post(QStringLiteral("/v1/accounts/%1/tasks").arg(account), token,
                                QStringLiteral("{\"task\":\"%1\",\"feature\":\"message_frontier\"}")
                                    .arg(task)
                                    .toUtf8());
        QVERIFY2(r.status == 201 || r.status == 200, r.body.constData());
        r = m_server.api().post(QStringLiteral("/v1/accounts/%1/tasks/%2/end").arg(account, task),
                                token, "{\"outcome\":\"success\"}");
        QVERIFY2(r.status == 200, r.body.constData());
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.start({QStringLiteral("--payment-delay-ms"), QStringLiteral("200")}),
                 qPrintable(m_server.output()));
        QCOMPARE(m_server.memberTokens.size(), 5);
    }

    void firstAndIncrementalSync()
    {
        auto c = client(Tiered);
        QVERIFY(!c->sync->loadFromCache()); // nothing cached yet
        auto r = c->syncAndWait();
        QVERIFY2(r.outcome == EventsSync::Report::Outcome::Synced, qPrintable(describe(r)));
        QCOMPARE(r.requests, 1);
        QVERIFY(r.changed);
        SyncedAccount &a = c->synced();
        QVERIFY(a.lastSeq > 10);
        QCOMPARE(r.newEvents, a.lastSeq);
        QCOMPARE(a.history().eventCount(), a.lastSeq);
        QCOMPARE(a.accountId, Tiered);
        QCOMPARE(a.preset, QStringLiteral("tiered-tasks"));
        QVERIFY(!a.unit.isEmpty());
        QVERIFY(!a.timezone.isEmpty());
        QCOMPARE(a.verification.state, Verification::State::Verified);
        QCOMPARE(a.verification.lastSeq, a.lastSeq);
        QVERIFY(qAbs(a.serverClockOffset) < 5);
        QVERIFY(qAbs(a.syncedAt - c->clock.now()) < 5);
        QCOMPARE(c->cache->meta().lastSeq, a.lastSeq);
        QCOMPARE(c->cache->eventCount(), a.lastSeq);

        // Nothing new: one request each, answered 304 from the first poll on (the ETag
        // describes the account's head, whatever `after` the poll sends), keeping the
        // verification; changed() is not emitted.
        QSignalSpy changed(&a, &SyncedAccount::changed);
        r = c->syncAndWait();
        QCOMPARE(r.outcome, EventsSync::Report::Outcome::NotModified);
        QCOMPARE(r.requests, 1);
        QCOMPARE(r.newEvents, 0);
        r = c->syncAndWait();
        QCOMPARE(r.outcome, EventsSync::Report::Outcome::NotModified);
        QCOMPARE(r.requests, 1);
        QCOMPARE(a.verification.state, Verification::State::Verified);
        QCOMPARE(changed.count(), 0);

        // Something new: only that comes, and changed() once.
        startAndEndTask(Tiered, QStringLiteral("sync-incremental-1"));
        const qint64 before = a.lastSeq;
        r = c->syncAndWait();
        QVERIFY2(r.outcome == EventsSync::Report::Outcome::Synced, qPrintable(describe(r)));
        QCOMPARE(r.requests, 1);
        QCOMPARE(r.newEvents, 2);
        QCOMPARE(a.lastSeq, before + 2);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(a.verification.state, Verification::State::Verified);
        QVERIFY(a.history().task(u"sync-incremental-1"));
    }

    void everyMemberEqualsTheServer()
    {
        for (auto it = m_server.memberTokens.cbegin(); it != m_server.memberTokens.cend(); ++it) {
            auto c = client(it.key());
            const auto r = c->syncAndWait();
            QVERIFY2(r.outcome == EventsSync::Report::Outcome::Synced,
                     qPrintable(it.key() + u' ' + describe(r)));
            QVERIFY2(c->synced().verification.state == Verification::State::Verified,
                     qPrintable(it.key() + u' ' + c->synced().verification.detail));
            const QString diff = compareWithSummary(c->synced(), summary(it.key()));
            QVERIFY2(diff.isEmpty(), qPrintable(it.key() + QStringLiteral(": ") + diff));
        }
    }

    void coldStartFromCache()
    {
        auto c = client(QStringLiteral("demo-coding-weekly"));
        QCOMPARE(c->syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        const Credits available = c->synced().history().engine().balance().available;
        const qint64 lastSeq = c->synced().lastSeq;
        QString error;
        QVERIFY2(c->restart(&error), qPrintable(error));
        QCOMPARE(c->synced().lastSeq, lastSeq);
        QCOMPARE(c->synced().history().eventCount(), lastSeq);
        QCOMPARE(c->synced().history().engine().balance().available, available);
        QCOMPARE(c->synced().verification.state, Verification::State::Verified); // restored
        QVERIFY(c->synced().syncedAt != NoTime);
        const auto r = c->syncAndWait();
        QVERIFY2(r.outcome != EventsSync::Report::Outcome::Failed, qPrintable(describe(r)));
        QCOMPARE(r.newEvents, 0);
    }

    void cacheEditedBehindTheAppIsResyncedOnce()
    {
        auto c = client(Tiered);
        QCOMPARE(c->syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        // A charged, ended task: make its end say it failed, so it would not have been charged.
        qint64 seq = 0;
        for (const TaskSummary &t : c->synced().history().tasks())
            if (t.endEvent >= 0 && t.charged.isPositive() && t.refundEvent < 0)
                seq = t.endEvent + 1;
        QVERIFY(seq > 0);
        const QString path = c->cache->path();
        c->cache->close();
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("edit"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT body FROM events WHERE seq = ?"));
            q.addBindValue(seq);
            QVERIFY(q.exec() && q.next());
            QByteArray body = q.value(0).toByteArray();
            const QByteArray edited =
                QString::fromUtf8(body)
                    .replace(QRegularExpression(QStringLiteral("\"outcome\"\\s*:\\s*\"[a-z_]+\"")),
                             QStringLiteral("\"outcome\":\"system_error\""))
                    .toUtf8();
            QVERIFY(edited != body);
            QSqlQuery u(db);
            u.prepare(QStringLiteral("UPDATE events SET body = ? WHERE seq = ?"));
            u.addBindValue(edited);
            u.addBindValue(seq);
            QVERIFY(u.exec());
        }
        QSqlDatabase::removeDatabase(QStringLiteral("edit"));

        // The app starts again: the replay no longer matches what the server said.
        QVERIFY(c->restart());
        QCOMPARE(c->synced().verification.state, Verification::State::Mismatch);
        // The next sync starts from scratch once, and the server's events fix it.
        const auto r = c->syncAndWait();
        QVERIFY2(r.outcome == EventsSync::Report::Outcome::Synced, qPrintable(describe(r)));
        QVERIFY(r.resynced);
        QCOMPARE(r.requests, 1);
        QCOMPARE(c->synced().verification.state, Verification::State::Verified);
        QCOMPARE(compareWithSummary(c->synced(), summary(Tiered)), QString());
    }

    void persistentMismatchIsReportedNotLooped()
    {
        auto c = client(QStringLiteral("demo-unified-monthly"));
        FaultyNetworkAccessManager fake;
        // The server's balance off by 1: no replay can agree with it.
        auto rule = FaultyNetworkAccessManager::rule(
            "GET", QStringLiteral("/events"), FaultyNetworkAccessManager::Fault::Transform, -1);
        rule.transform = [](const QByteArray &body) {
            QJsonObject o = QJsonDocument::fromJson(body).object();
            QJsonObject b = o.value(QStringLiteral("balance")).toObject();
            b.insert(QStringLiteral("available"),
                     b.value(QStringLiteral("available")).toDouble() + 1);
            o.insert(QStringLiteral("balance"), b);
            return QJsonDocument(o).toJson(QJsonDocument::Compact);
        };
        fake.addRule(rule);
        c->connection->setNetworkAccessManager(&fake);
        const auto r = c->syncAndWait();
        QVERIFY2(r.outcome == EventsSync::Report::Outcome::Synced, qPrintable(describe(r)));
        QVERIFY(r.resynced);
        QCOMPARE(r.requests, 2); // the first sync and exactly one from scratch
        QCOMPARE(fake.count(QStringLiteral("/events")), 2);
        const Verification &v = c->synced().verification;
        QCOMPARE(v.state, Verification::State::Mismatch);
        QCOMPARE(v.serverAvailable, v.localAvailable + Credits::whole(1));
        QVERIFY(v.detail.contains(u"available"));
        // Cached data is still the server's events, shown with the report.
        QCOMPARE(c->cache->eventCount(), c->synced().lastSeq);
    }

    void coldStartPaintsFromTheHeadThenReadsTheHistory()
    {
        auto c = client(QStringLiteral("demo-prepaid-tokens"));
        QCOMPARE(c->syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        const qint64 lastSeq = c->synced().lastSeq;
        // The head snapshot, made on a worker after the sync.
        QTRY_COMPARE_WITH_TIMEOUT(c->cache->snapshotEventCount(), lastSeq, 10000);
        const TimePoint asOf = c->synced().serverAsOf;
        const BalanceAnswer whole = c->synced().history().engineAt(asOf)->balance();
        const qint64 tasks = qint64(c->synced().history().tasks().size());

        QCOMPARE(c->coldStart(), EventsSync::ColdStart::Head);
        QSignalSpy loaded(c->sync.get(), &EventsSync::historyLoaded);
        SyncedAccount &head = c->synced();
        QVERIFY(head.history().isPartial());
        QCOMPARE(head.history().headEventCount(), lastSeq);
        QCOMPARE(head.history().eventCount(), 0); // nothing read yet: the token log waits
        QCOMPARE(head.lastSeq, lastSeq);
        QCOMPARE(head.verification.state, Verification::State::Verified);
        const BalanceAnswer fromHead = head.history().engineAt(asOf)->balance();
        QCOMPARE(fromHead.available, whole.available);
        QCOMPARE(fromHead.reserved, whole.reserved);
        QCOMPARE(fromHead.buckets.size(), whole.buckets.size());
        // A sync asked for now waits for the history, then answers from the head ETag: 304.
        const auto r = c->syncAndWait();
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(r.outcome, EventsSync::Report::Outcome::NotModified);
        QCOMPARE(r.requests, 1);
        QVERIFY(!head.history().isPartial());
        QCOMPARE(head.history().eventCount(), lastSeq);
        QCOMPARE(qint64(head.history().tasks().size()), tasks);
        QCOMPARE(head.history().engineAt(asOf)->balance().available, whole.available);
        QCOMPARE(head.verification.state, Verification::State::Verified);
        QVERIFY(c->cache->setAsidePath().isEmpty());
    }

    void coldStartFindsACorruptCacheAfterThePaint()
    {
        auto c = client(QStringLiteral("demo-coding-weekly"));
        QCOMPARE(c->syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        const qint64 lastSeq = c->synced().lastSeq;
        QTRY_COMPARE_WITH_TIMEOUT(c->cache->snapshotEventCount(), lastSeq, 10000);
        const QString path = c->cache->path();
        c->cache->close();
        {
            // An event gone from the middle: the cheap checks (last seq) pass, the count not.
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("edit"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("DELETE FROM events WHERE seq = 2")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("edit"));
        QCOMPARE(c->coldStart(), EventsSync::ColdStart::Head);
        QSignalSpy setAside(c->sync.get(), &EventsSync::cacheSetAside);
        QSignalSpy loaded(c->sync.get(), &EventsSync::historyLoaded);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(setAside.count(), 1);
        QVERIFY(c->cache->setAsidePath().startsWith(path + QStringLiteral(".corrupt-")));
        QVERIFY(QFile::exists(c->cache->setAsidePath()));
        QVERIFY(c->synced().verification.state != Verification::State::Verified);
        // The head stays on screen; the next sync rebuilds the cache from the server.
        const auto r = c->syncAndWait();
        QVERIFY2(r.outcome == EventsSync::Report::Outcome::Synced, qPrintable(describe(r)));
        QCOMPARE(r.newEvents, lastSeq);
        QCOMPARE(c->synced().verification.state, Verification::State::Verified);
        QCOMPARE(c->cache->eventCount(), lastSeq);
        QVERIFY(!c->synced().history().isPartial());
    }

    void corruptCacheIsSetAsideAndRebuilt()
    {
        auto c = client(QStringLiteral("demo-prepaid-tokens"));
        QCOMPARE(c->syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        const qint64 lastSeq = c->synced().lastSeq;
        const QString path = c->cache->path();
        c->cache->close();
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(0);
            f.write(QByteArray(200, '\x5a'));
        }
        QString error;
        QVERIFY(!c->restart(&error)); // nothing usable cached
        QVERIFY(c->cache->setAsidePath().startsWith(path + QStringLiteral(".corrupt-")));
        QVERIFY(QFile::exists(c->cache->setAsidePath()));
        const auto r = c->syncAndWait();
        QVERIFY2(r.outcome == EventsSync::Report::Outcome::Synced, qPrintable(describe(r)));
        QCOMPARE(r.newEvents, lastSeq);
        QCOMPARE(c->synced().verification.state, Verification::State::Verified);
        QCOMPARE(c->cache->eventCount(), lastSeq);
    }

    void fullDiskKeepsTheDataInMemory()
    {
        auto c = client(QStringLiteral("demo-daily-free-images"));
        QVERIFY(c->cache->limitPages(1));
        auto r = c->syncAndWait();
        QVERIFY2(r.outcome == EventsSync::Report::Outcome::Synced, qPrintable(describe(r)));
        QVERIFY(r.cacheError.contains(u"full", Qt::CaseInsensitive));
        QCOMPARE(c->synced().verification.state, Verification::State::Verified);
        QVERIFY(c->synced().lastSeq > 0);
        QCOMPARE(c->cache->eventCount(), 0);
        // Space again: the next sync writes what the cache missed.
        QVERIFY(c->cache->limitPages(1 << 30));
        r = c->syncAndWait();
        QVERIFY2(r.outcome != EventsSync::Report::Outcome::Failed, qPrintable(describe(r)));
        QVERIFY(r.cacheError.isEmpty());
        QCOMPARE(c->cache->eventCount(), c->synced().lastSeq);
        QVERIFY(c->restart());
        QCOMPARE(c->synced().history().engine().balance().available,
                 c->synced().history().engine().balance().available);
        QCOMPARE(c->syncAndWait().newEvents, 0);
        QCOMPARE(c->synced().verification.state, Verification::State::Verified);
    }

    // The sync writes on its worker thread: when it reports, everything is in the file, as
    // another connection to it (the app's next start) reads it.
    void syncedDataIsInTheFileWhenReported()
    {
        auto c = client(QStringLiteral("demo-daily-free-images"));
        c->sync->setPageLimit(40);
        const auto r = c->syncAndWait();
        QVERIFY2(r.outcome == EventsSync::Report::Outcome::Synced, qPrintable(describe(r)));
        QVERIFY(r.requests > 2);
        const SyncedAccount &a = c->synced();
        QCOMPARE(a.history().eventCount(), a.lastSeq);
        QCOMPARE(c->cache->meta().lastSeq, a.lastSeq); // the app's own connection knows it
        AccountCache fresh(c->cache->path(), c->clock);
        QVERIFY2(fresh.open(), qPrintable(fresh.lastError())); // every check: events 1..last
        QCOMPARE(fresh.meta().lastSeq, a.lastSeq);
        QCOMPARE(fresh.eventCount(), a.lastSeq);
        QCOMPARE(fresh.meta().etagAfter, a.lastSeq); // the next poll can be answered 304
        QCOMPARE(fresh.syncedAt(), a.syncedAt);
        const AccountCache::ServerState state = fresh.serverState();
        QCOMPARE(state.asOf, a.serverAsOf);
        QCOMPARE(state.verification.value(QStringLiteral("state")).toString(),
                 QStringLiteral("verified"));
        QCOMPARE(state.verification.value(QStringLiteral("last_seq")).toString(),
                 QString::number(a.lastSeq));
    }

    // Quitting while a sync is between pages: no crash, the pages written are whole in the
    // file, and the next start syncs only the rest.
    void quittingMidSyncKeepsWhatWasWritten()
    {
        auto c = client(QStringLiteral("demo-daily-free-images"));
        c->sync->setPageLimit(20);
        FaultyNetworkAccessManager fake;
        auto hang = FaultyNetworkAccessManager::rule("GET", QStringLiteral("/events"),
                                                     FaultyNetworkAccessManager::Fault::Hang);
        hang.skip = 2; // two pages come, the third never does
        fake.addRule(hang);
        c->connection->setNetworkAccessManager(&fake);
        const QString path = c->cache->path();
        const auto inFile = [&] {
            AccountCache reader(path, c->clock);
            return reader.attach() ? reader.meta().lastSeq : qint64(-1);
        };
        c->sync->sync();
        QVERIFY(QTest::qWaitFor([&] { return inFile() == 40; }, 20000));
        QVERIFY(c->sync->isRunning()); // the third page hangs
        c->sync.reset();               // quit

        AccountCache fresh(path, c->clock);
        QVERIFY2(fresh.open(), qPrintable(fresh.lastError()));
        QCOMPARE(fresh.meta().lastSeq, 40);
        QCOMPARE(fresh.eventCount(), 40);
        fresh.close();
        QString error;
        QVERIFY2(c->restart(&error), qPrintable(error));
        QCOMPARE(c->synced().lastSeq, 40);
        const auto r = c->syncAndWait();
        QVERIFY2(r.outcome == EventsSync::Report::Outcome::Synced, qPrintable(describe(r)));
        QCOMPARE(r.newEvents, c->synced().lastSeq - 40);
        QCOMPARE(c->synced().verification.state, Verification::State::Verified);
        QCOMPARE(c->cache->eventCount(), c->synced().lastSeq);
    }

    void skippedSeqLeavesTheCacheUntouched()
    {
        auto c = client(QStringLiteral("demo-coding-weekly"));
        FaultyNetworkAccessManager fake;
        fake.addRule(pageSkipsEvent(3));
        c->connection->setNetworkAccessManager(&fake);
        auto r = c->syncAndWait();
        QCOMPARE(r.outcome, EventsSync::Report::Outcome::Failed);
        QVERIFY2(r.error.contains(u"skip"), qPrintable(describe(r)));
        QCOMPARE(c->cache->eventCount(), 0);
        QCOMPARE(c->cache->meta().lastSeq, 0);
        // The next answer is whole: synced.
        r = c->syncAndWait();
        QCOMPARE(r.outcome, EventsSync::Report::Outcome::Synced);
        QCOMPARE(c->synced().verification.state, Verification::State::Verified);
    }

    void manyPagesWithABadOneInTheMiddle()
    {
        auto c = client(QStringLiteral("demo-daily-free-images"));
        c->sync->setPageLimit(40);
        FaultyNetworkAccessManager fake;
        auto rule = pageSkipsEvent(5);
        rule.skip = 2; // the third page skips a seq
        fake.addRule(rule);
        c->connection->setNetworkAccessManager(&fake);
        auto r = c->syncAndWait();
        QCOMPARE(r.outcome, EventsSync::Report::Outcome::Failed);
        QVERIFY2(r.error.contains(u"skip"), qPrintable(describe(r)));
        // The two good pages are kept (each its own transaction), nothing of the bad one.
        QCOMPARE(c->cache->eventCount(), 80);
        QCOMPARE(c->synced().lastSeq, 80);
        QCOMPARE(c->connection->state().state(), ConnectionState::State::Online);
        // The next sync goes on from there, page by page, to the end.
        r = c->syncAndWait();
        QVERIFY2(r.outcome == EventsSync::Report::Outcome::Synced, qPrintable(describe(r)));
        QVERIFY(r.requests > 2);
        QCOMPARE(c->cache->eventCount(), c->synced().lastSeq);
        QCOMPARE(c->synced().verification.state, Verification::State::Verified);
        QCOMPARE(compareWithSummary(c->synced(), summary(QStringLiteral("demo-daily-free-images"))),
                 QString());
    }

    void truncatedPageIsMalformedAndNotKept()
    {
        auto c = client(Tiered);
        QCOMPARE(c->syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        startAndEndTask(Tiered, QStringLiteral("sync-truncated-1"));
        const qint64 before = c->cache->eventCount();
        FaultyNetworkAccessManager fake;
        auto rule = FaultyNetworkAccessManager::rule("GET", QStringLiteral("/events"),
                                                     FaultyNetworkAccessManager::Fault::Transform);
        rule.transform = [](const QByteArray &body) { return body.left(body.size() / 2); };
        fake.addRule(rule);
        c->connection->setNetworkAccessManager(&fake);
        auto r = c->syncAndWait();
        QCOMPARE(r.outcome, EventsSync::Report::Outcome::Failed);
        QVERIFY(r.failure);
        QCOMPARE(r.failure->kind, ApiFailure::Kind::Malformed);
        QCOMPARE(c->cache->eventCount(), before);
        QCOMPARE(c->synced().lastSeq, before);
        QCOMPARE(c->connection->state().state(), ConnectionState::State::Online); // it answered
    }

    void changedPolicyResets()
    {
        auto c = client(QStringLiteral("demo-prepaid-tokens"));
        QCOMPARE(c->syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        const qint64 lastSeq = c->synced().lastSeq;
        // A server whose policy changed has a new head ETag (it covers the policy hash); this
        // fake changes only the body, so the client's ETag of the unchanged head goes first.
        AccountCache::Meta meta = c->cache->meta();
        meta.etag.clear();
        meta.etagAfter = -1;
        QVERIFY(c->cache->writeMeta(meta));
        FaultyNetworkAccessManager fake;
        auto rule = FaultyNetworkAccessManager::rule(
            "GET", QStringLiteral("/events"), FaultyNetworkAccessManager::Fault::Transform, -1);
        rule.transform = [](const QByteArray &body) {
            QByteArray out = body;
            const qsizetype at = out.indexOf("sha256:", out.indexOf("\"policy_hash\""));
            if (at >= 0)
                out[at + 7] = out[at + 7] == '0' ? '1' : '0';
            return out;
        };
        fake.addRule(rule);
        c->connection->setNetworkAccessManager(&fake);
        const auto r = c->syncAndWait();
        QVERIFY2(r.outcome == EventsSync::Report::Outcome::Synced, qPrintable(describe(r)));
        QVERIFY(r.reset);
        QCOMPARE(r.newEvents, lastSeq); // all of them again, under the "new" policy
        QCOMPARE(c->cache->eventCount(), lastSeq);
        QCOMPARE(c->synced().verification.state, Verification::State::Verified);
    }

    void untrustedCertificateTrustedThenSyncs()
    {
        auto c = client(QStringLiteral("demo-unified-monthly"), false);
        TrustingDecider decider;
        c->connection->setTlsDecider(&decider);
        const auto r = c->syncAndWait();
        QVERIFY2(r.outcome == EventsSync::Report::Outcome::Synced, qPrintable(describe(r)));
        QCOMPARE(decider.asked, 1);
        QCOMPARE(c->synced().verification.state, Verification::State::Verified);
    }

    void pendingPurchaseSettlesIntoCredits()
    {
        auto c = client(Tiered);
        QCOMPARE(c->syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        const Credits before = c->synced().history().engine().balance().total;
        const qsizetype listed = c->synced().allPurchases().size(); // the packs page's list
        const std::shared_ptr<const void> lineage = c->synced().history().lineage();
        PurchaseFlow flow(c->connection.get(), c->cache.get(), &c->synced(), Tiered);
        flow.setPollIntervalMs(100);
        QList<PurchaseInfo> progressed, settled;
        connect(&flow, &PurchaseFlow::progressed, this,
                [&](const QByteArray &, const PurchaseInfo &p) { progressed << p; });
        connect(&flow, &PurchaseFlow::settled, this,
                [&](const QByteArray &, const PurchaseInfo &p) { settled << p; });
        QVERIFY(!flow.buyPack(QStringLiteral("pack_10"), Credits::whole(1000)).isEmpty());
        QVERIFY(QTest::qWaitFor([&] { return !settled.isEmpty(); }, 10000));
        const PurchaseInfo pending = progressed.first();
        QCOMPARE(pending.status, QStringLiteral("pending"));
        QCOMPARE(settled.first().status, QStringLiteral("completed"));
        const auto r = c->syncAndWait();
        QVERIFY2(r.outcome == EventsSync::Report::Outcome::Synced, qPrintable(describe(r)));
        QVERIFY(r.newEvents >= 1);
        QCOMPARE(c->synced().history().engine().balance().total, before + Credits::whole(1000));
        QCOMPARE(c->synced().verification.state, Verification::State::Verified);
        const auto &ps = c->synced().purchases;
        QVERIFY(std::any_of(ps.cbegin(), ps.cend(), [&](const PurchaseInfo &p) {
            return p.id == pending.id && p.status == u"completed";
        }));
        // The synced history continues the one shown before (the packs page's list looked only
        // at the events the sync brought), and the list has the purchase once.
        QCOMPARE(c->synced().history().lineage(), lineage);
        const QList<PurchaseInfo> all = c->synced().allPurchases();
        QCOMPARE(all.size(), listed + 1);
        QCOMPARE(std::count_if(all.cbegin(), all.cend(),
                               [&](const PurchaseInfo &p) { return p.id == pending.id; }),
                 std::ptrdiff_t(1));
    }

    void refundRequestRoundTrip()
    {
        auto c = client(Tiered);
        QCOMPARE(c->syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        startAndEndTask(Tiered, QStringLiteral("sync-refund-1"));
        QCOMPARE(c->syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        const TaskSummary *task = c->synced().history().task(u"sync-refund-1");
        QVERIFY(task && task->charged.isPositive());
        const Credits charged = task->charged;
        const Credits before = c->synced().history().engine().balance().total;

        std::optional<RefundRequestJob::Result> filed;
        auto *job =
            new RefundRequestJob(c->connection.get(), Tiered, QStringLiteral("sync-refund-1"),
                                 QStringLiteral("wrong answer"));
        connect(job, &RefundRequestJob::finished, this,
                [&](const RefundRequestJob::Result &r) { filed = r; });
        job->start();
        QVERIFY(QTest::qWaitFor([&] { return filed.has_value(); }, 10000));
        QVERIFY(std::holds_alternative<RefundRequestInfo>(*filed));
        const QString id = std::get<RefundRequestInfo>(*filed).id;

        QCOMPARE(c->syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        auto find = [&]() -> const RefundRequestInfo * {
            for (const RefundRequestInfo &r : c->synced().refundRequests)
                if (r.id == id)
                    return &r;
            return nullptr;
        };
        QVERIFY(find());
        QCOMPARE(find()->status, QStringLiteral("open"));

        const auto approved =
            m_server.api().post(QStringLiteral("/v1/refund-requests/%1/approve").arg(id),
                                m_server.supportToken, "{\"note\":\"sorry\"}");
        QVERIFY2(approved.status == 200, approved.body.constData());
        const auto r = c->syncAndWait();
        QVERIFY2(r.outcome == EventsSync::Report::Outcome::Synced, qPrintable(describe(r)));
        QVERIFY(find());
        QCOMPARE(find()->status, QStringLiteral("approved"));
        QVERIFY(find()->decidedAt != NoTime);
        QCOMPARE(c->synced().history().task(u"sync-refund-1")->refunded, charged);
        QCOMPARE(c->synced().history().engine().balance().total, before + charged);
        QCOMPARE(c->synced().verification.state, Verification::State::Verified);
    }

    void sessionShowsCacheSyncsAndPolls()
    {
        WallClock clock;
        AccountSession::Options options;
        options.server = m_server.url();
        options.accountId = Tiered;
        options.cacheDirectory = m_cacheDir.filePath(QStringLiteral("session"));
        options.caCertificates = m_server.ca();
        {
            AccountSession session(options, clock);
            QSignalSpy ready(&session, &AccountSession::accountReady);
            QSignalSpy finished(&session, &AccountSession::syncFinished);
            session.start(m_server.memberTokens.value(Tiered));
            QCOMPARE(ready.count(), 0); // nothing cached yet
            QVERIFY(finished.wait(20000));
            QCOMPARE(ready.count(), 1);
            QCOMPARE(session.lastReport().outcome, EventsSync::Report::Outcome::Synced);
            QCOMPARE(session.schedule().armedDelayMs(), SyncSchedule::VisibleIntervalMs);
            QVERIFY(QTest::qWaitFor([&] { return !session.account()->packs.isEmpty(); }, 10000));
            QVERIFY(session.purchases());
            session.syncNow(); // F5
            QVERIFY(finished.wait(20000));
            QCOMPARE(session.lastReport().requests, 1);
            // No secret in the cache file.
            for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
                QFile file(session.cache().path() + suffix);
                QVERIFY(file.open(QIODevice::ReadOnly));
                QVERIFY(!file.readAll().contains(m_server.memberTokens.value(Tiered).toUtf8()));
            }
        }
        // The next start paints from the cache before any answer.
        AccountSession again(options, clock);
        QSignalSpy ready(&again, &AccountSession::accountReady);
        again.start(QStringLiteral("cdt_revoked"));
        QCOMPARE(ready.count(), 1);
        QCOMPARE(again.account()->verification.state, Verification::State::Verified);
        QSignalSpy finished(&again, &AccountSession::syncFinished);
        QVERIFY(finished.wait(20000));
        QCOMPARE(again.connection().state().state(), ConnectionState::State::Unauthorized);
        QCOMPARE(again.schedule().armedDelayMs(), -1); // stopped until the member signs in
        QVERIFY(again.account()->lastSeq > 0);         // and the cached data is still there
    }

    void serverPresetsOtherThanTheClientsAreReplayedAsSent()
    {
        // The server's tiered-tasks charges 7 for a "medium" task; this build's preset says 5.
        QTemporaryDir presets;
        const QDir builtIn(QStringLiteral(CREDITDESK_SOURCE_DIR "/resources/presets"));
        for (const QString &name : builtIn.entryList({QStringLiteral("*.json")})) {
            QFile in(builtIn.filePath(name));
            QVERIFY(in.open(QIODevice::ReadOnly));
            QByteArray text = in.readAll();
            if (name == u"tiered-tasks.json") {
                QVERIFY(text.contains("{\"name\": \"medium\", \"price\": 5}"));
                text.replace("{\"name\": \"medium\", \"price\": 5}",
                             "{\"name\": \"medium\", \"price\": 7}");
            }
            QFile out(presets.filePath(name));
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(text);
        }
        DemoServer own;
        QVERIFY2(own.start({QStringLiteral("--presets"), presets.path()}),
                 qPrintable(own.output()));
        ClientUnderTest c(own.url(), own.ca(), Tiered, own.memberTokens.value(Tiered),
                          m_cacheDir.filePath(QStringLiteral("presets")));
        const auto r = c.syncAndWait();
        QVERIFY2(r.outcome == EventsSync::Report::Outcome::Synced, qPrintable(describe(r)));
        QCOMPARE(c.synced().verification.state, Verification::State::Verified);
        const QJsonObject serverSummary =
            own.api()
                .get(QStringLiteral("/v1/accounts/%1/summary").arg(Tiered),
                     own.memberTokens.value(Tiered))
                .json;
        QCOMPARE(compareWithSummary(c.synced(), serverSummary), QString());
        // Under this build's own preset the same events would give other numbers.
        QFile builtInTiered(builtIn.filePath(QStringLiteral("tiered-tasks.json")));
        QVERIFY(builtInTiered.open(QIODevice::ReadOnly));
        const QByteArray builtInPolicy = builtInTiered.readAll();
        auto created = HistoryBuilder::create(builtInPolicy, c.synced().timezone, Tiered);
        QVERIFY(std::holds_alternative<std::unique_ptr<AccountHistory>>(created));
        auto &mine = *std::get<std::unique_ptr<AccountHistory>>(created);
        const AccountCache::StoredEvents stored = c.cache->loadEvents();
        QVERIFY(std::holds_alternative<std::monostate>(
            HistoryBuilder::append(mine, builtInPolicy, c.synced().timezone, stored.bodies,
                                   stored.details, stored.times)));
        QCOMPARE(mine.eventCount(), c.synced().lastSeq);
        QVERIFY(mine.engine().total() != c.synced().history().engine().total());
    }

    void rateLimitedSyncWaitsAndHangingSyncGoesOffline()
    {
        WallClock clock;
        AccountSession::Options options;
        options.server = m_server.url();
        options.accountId = QStringLiteral("demo-coding-weekly");
        options.cacheDirectory = m_cacheDir.filePath(QStringLiteral("limited"));
        options.caCertificates = m_server.ca();
        AccountSession session(options, clock);
        FaultyNetworkAccessManager fake;
        session.connection().setNetworkAccessManager(&fake);
        QSignalSpy finished(&session, &AccountSession::syncFinished);
        session.start(m_server.memberTokens.value(options.accountId));
        QVERIFY(finished.wait(20000));
        QCOMPARE(session.lastReport().outcome, EventsSync::Report::Outcome::Synced);
        const Credits available = session.account()->history().engine().balance().available;
        // The pack catalogue fetched after that sync answers first (changed()): its success
        // would move a rate-limited connection back to online (the report comes after the
        // cache's acknowledgement, an event-loop turn after the 429).
        QSignalSpy catalogue(session.account(), &SyncedAccount::changed);
        QVERIFY(catalogue.wait(10000));

        auto limited = FaultyNetworkAccessManager::rule("GET", QStringLiteral("/events"),
                                                        FaultyNetworkAccessManager::Fault::Canned);
        limited.status = 429;
        limited.headers = {{"Retry-After", "120"}};
        limited.body = "{\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\"}}";
        fake.addRule(limited);
        session.syncNow();
        QVERIFY(finished.wait(20000));
        QCOMPARE(session.connection().state().state(), ConnectionState::State::RateLimited);
        QCOMPARE(session.schedule().armedDelayMs(), 120000); // its Retry-After, not a back-off
        QCOMPARE(session.schedule().failures(), 0);

        auto hang = FaultyNetworkAccessManager::rule("GET", QStringLiteral("/events"),
                                                     FaultyNetworkAccessManager::Fault::Hang);
        fake.addRule(hang);
        session.eventsSync().setTimeoutMs(300);
        session.schedule().syncFinished(SyncSchedule::Outcome::Success); // the wait is over
        session.syncNow();
        QVERIFY(finished.wait(20000));
        QCOMPARE(session.lastReport().failure->kind, ApiFailure::Kind::Timeout);
        QCOMPARE(session.connection().state().state(), ConnectionState::State::Offline);
        QCOMPARE(session.schedule().failures(), 1);
        QVERIFY(session.schedule().armedDelayMs() <= SyncSchedule::FirstBackoffMs);
        QCOMPARE(session.account()->history().engine().balance().available, available);
    }

    void serverKilledThenBack()
    {
        DemoServer own;
        QVERIFY2(own.start(), qPrintable(own.output()));
        const QString account = QStringLiteral("demo-coding-weekly");
        ClientUnderTest c(own.url(), own.ca(), account, own.memberTokens.value(account),
                          m_cacheDir.filePath(QStringLiteral("killed")));
        QCOMPARE(c.syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        const Credits available = c.synced().history().engine().balance().available;
        const qint64 lastSeq = c.synced().lastSeq;

        own.kill();
        auto r = c.syncAndWait();
        QCOMPARE(r.outcome, EventsSync::Report::Outcome::Failed);
        QVERIFY(r.failure && r.failure->isUnreachable());
        QCOMPARE(c.connection->state().state(), ConnectionState::State::Offline);
        QVERIFY(!c.connection->state().reason().isEmpty());
        // The cached numbers stay, and so does the last verification.
        QCOMPARE(c.synced().history().engine().balance().available, available);
        QCOMPARE(c.synced().lastSeq, lastSeq);
        QCOMPARE(c.synced().verification.state, Verification::State::Verified);

        QVERIFY2(own.restart(), qPrintable(own.output()));
        r = c.syncAndWait();
        QVERIFY2(r.outcome != EventsSync::Report::Outcome::Failed, qPrintable(describe(r)));
        QCOMPARE(c.connection->state().state(), ConnectionState::State::Online);
        QCOMPARE(c.synced().verification.state, Verification::State::Verified);
    }
};

QTEST_GUILESS_MAIN(TestSyncEvents)
#include "tst_sync_events.moc"
