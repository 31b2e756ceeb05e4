// The sync library's parts that need no server: the schedule's delays, the connection state
// machine, and the SQLite cache's promises (foreign and corrupt files set aside, migrations,
// a full disk reported without losing what is held, intents surviving a restart).
#include "AccountCache.h"
#include "ApiFailure.h"
#include "ConnectionState.h"
#include "EventsPage.h"
#include "ManualClock.h"
#include "SyncSchedule.h"
#include "SyncTimer.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace creditdesk;

namespace {
// A timer that only records what it was armed with; the test fires it.
class RecordingTimer : public SyncTimer
{
public:
    void start(qint64 ms) override
    {
        armed = ms;
        active = true;
    }
    void stop() override { active = false; }
    bool isActive() const override { return active; }
    void fire()
    {
        active = false;
        emit fired();
    }
    qint64 armed = -1;
    bool active = false;
};

FeedEvent feedEvent(qint64 seq)
{
    FeedEvent e;
    e.seq = seq;
    e.at = 1700000000 + seq;
    e.body = QByteArrayLiteral("{\"type\":\"signup\",\"at\":\"2026-01-01T00:00:00Z\"}");
    e.details = QByteArrayLiteral("{}");
    return e;
}

AccountCache::Meta metaAt(qint64 lastSeq)
{
    AccountCache::Meta m;
    m.accountId = QStringLiteral("acct");
    m.unit = QStringLiteral("credits");
    m.timezone = QStringLiteral("UTC");
    m.policyJson = QByteArrayLiteral("{}");
    m.policyHash = QStringLiteral("sha256:x");
    m.lastSeq = lastSeq;
    return m;
}
} // namespace

class TestSyncUnits : public QObject
{
    Q_OBJECT

private slots:
    void scheduleVisibleHiddenAndNow()
    {
        auto *timer = new RecordingTimer;
        SyncSchedule schedule(timer, [] { return 0.5; });
        int due = 0;
        connect(&schedule, &SyncSchedule::syncDue, this, [&] { ++due; });
        schedule.start();
        QCOMPARE(timer->armed, 0); // at once at start
        timer->fire();
        QCOMPARE(due, 1);
        schedule.syncStarted();
        schedule.syncNow(); // F5 during a sync: right after it
        schedule.syncFinished(SyncSchedule::Outcome::Success);
        QCOMPARE(timer->armed, 0);
        timer->fire();
        schedule.syncStarted();
        schedule.syncFinished(SyncSchedule::Outcome::Success);
        QCOMPARE(timer->armed, SyncSchedule::VisibleIntervalMs);
        schedule.setVisible(false);
        schedule.syncStarted();
        schedule.syncFinished(SyncSchedule::Outcome::Success);
        QCOMPARE(timer->armed, SyncSchedule::HiddenIntervalMs);
        schedule.setVisible(true); // back in view: not up to 5 min late
        QCOMPARE(timer->armed, SyncSchedule::VisibleIntervalMs);
    }

    void scheduleBacksOffWithJitterAndCap()
    {
        auto *timer = new RecordingTimer;
        double r = 0.0;
        SyncSchedule schedule(timer, [&] { return r; });
        schedule.start();
        QList<qint64> delays;
        for (int i = 0; i < 12; ++i) {
            schedule.syncStarted();
            schedule.syncFinished(SyncSchedule::Outcome::Offline);
            delays << timer->armed;
        }
        // r = 0: half of 2 s, 4 s, 8 s … then the cap's half.
        QCOMPARE(delays[0], 1000);
        QCOMPARE(delays[1], 2000);
        QCOMPARE(delays[2], 4000);
        QCOMPARE(delays.last(), SyncSchedule::MaxBackoffMs / 2);
        r = 0.999;
        schedule.syncStarted();
        schedule.syncFinished(SyncSchedule::Outcome::Offline);
        QVERIFY(timer->armed <= SyncSchedule::MaxBackoffMs);
        QVERIFY(timer->armed > SyncSchedule::MaxBackoffMs * 9 / 10);
        // One success ends it: back to the regular poll.
        schedule.syncStarted();
        schedule.syncFinished(SyncSchedule::Outcome::Success);
        QCOMPARE(schedule.failures(), 0);
        QCOMPARE(timer->armed, SyncSchedule::VisibleIntervalMs);
    }

    void scheduleWaitsRetryAfterWithoutCountingAFailure()
    {
        auto *timer = new RecordingTimer;
        SyncSchedule schedule(timer, [] { return 0.5; });
        schedule.start();
        schedule.syncStarted();
        schedule.syncNow();
        schedule.syncFinished(SyncSchedule::Outcome::RateLimited, 42);
        QCOMPARE(timer->armed, 42000); // not at once, despite F5
        QCOMPARE(schedule.failures(), 0);
    }

    void stateMachine()
    {
        ManualClock clock(1000);
        ConnectionState state(clock);
        QCOMPARE(state.state(), ConnectionState::State::SignedOut);
        QVERIFY(!state.canSend());
        state.signIn();
        QCOMPARE(state.state(), ConnectionState::State::Connecting);
        state.noteSuccess();
        QCOMPARE(state.state(), ConnectionState::State::Online);

        clock.advance(10);
        state.noteFailure(ApiFailure::network(QStringLiteral("Connection refused")));
        QCOMPARE(state.state(), ConnectionState::State::Offline);
        QCOMPARE(state.since(), 1010);
        clock.advance(60);
        state.noteFailure(ApiFailure::timeout(30)); // the same outage
        QCOMPARE(state.since(), 1010);
        QVERIFY(state.reason().contains(u"30"));
        state.noteSuccess();
        QCOMPARE(state.state(), ConnectionState::State::Online);

        state.noteFailure(ApiFailure::fromHttp(429, {}, "17"));
        QCOMPARE(state.state(), ConnectionState::State::RateLimited);
        QCOMPARE(state.retryAt(), clock.now() + 17);
        state.noteFailure(ApiFailure::fromHttp(
            500, "{\"error\":{\"code\":\"internal\",\"message\":\"boom\"}}", {}));
        QCOMPARE(state.state(), ConnectionState::State::Online); // answered: not offline

        state.noteFailure(ApiFailure::fromHttp(401, {}, {}));
        QCOMPARE(state.state(), ConnectionState::State::Unauthorized);
        state.noteSuccess(); // only signing in again leaves it
        QCOMPARE(state.state(), ConnectionState::State::Unauthorized);
        QVERIFY(!state.canSend());
        state.signIn();
        state.noteTlsRejected(QStringLiteral("declined"));
        QCOMPARE(state.state(), ConnectionState::State::TlsRejected);
    }

    void failureDecodesServerError()
    {
        const ApiFailure f =
            ApiFailure::fromHttp(409,
                                 "{\"error\":{\"code\":\"insufficient_credits\",\"message\":\"not "
                                 "enough\",\"field\":\"amount\"}}",
                                 {});
        QCOMPARE(f.kind, ApiFailure::Kind::Http);
        QCOMPARE(f.httpStatus, 409);
        QCOMPARE(f.errorCode, QStringLiteral("insufficient_credits"));
        QCOMPARE(f.errorField, QStringLiteral("amount"));
        QVERIFY(f.message.contains(u"not enough"));
    }

    void cacheMigratesAndKeepsData()
    {
        QTemporaryDir dir;
        ManualClock clock(1767225600);
        const QString path = AccountCache::pathFor(dir.path(), QUrl(QStringLiteral("https://x:1")),
                                                   QStringLiteral("a"));
        {
            AccountCache cache(path, clock);
            QVERIFY(cache.open());
            QVERIFY(cache.setAsidePath().isEmpty());
            QVERIFY(cache.appendPage({feedEvent(1), feedEvent(2)}, metaAt(2)));
            AccountCache::PurchaseIntent intent;
            intent.key = "key-1";
            intent.body = "{\"pack\":\"p\"}";
            intent.createdAt = 5;
            QVERIFY(cache.addIntent(intent));
            QVERIFY(cache.writeSnapshot("{\"format\":1}", 2));
        }
        AccountCache again(path, clock);
        QVERIFY(again.open());
        QCOMPARE(again.meta().lastSeq, 2);
        QCOMPARE(again.loadEvents().bodies.size(), 2);
        QCOMPARE(again.intents().size(), 1);
        QCOMPARE(again.intents().first().key, QByteArray("key-1"));
        QVERIFY(again.loadSnapshot().has_value());
        // A page that skips nothing but fails halfway leaves the file as it was.
        QVERIFY(!again.appendPage({feedEvent(3), feedEvent(3)}, metaAt(4)));
        QCOMPARE(again.meta().lastSeq, 2);
        QCOMPARE(again.eventCount(), 2);
    }

    void snapshotOfAnotherVersionIsDropped()
    {
        QTemporaryDir dir;
        ManualClock clock(0);
        const QString path = dir.filePath(QStringLiteral("a.sqlite"));
        {
            AccountCache cache(path, clock);
            QVERIFY(cache.open());
            QVERIFY(cache.appendPage({feedEvent(1)}, metaAt(1)));
            QVERIFY(cache.writeSnapshot("{}", 1));
        }
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("edit"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(
                QStringLiteral("UPDATE snapshot SET core_version = '0.0.0-old'")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("edit"));
        AccountCache cache(path, clock);
        QVERIFY(cache.open());
        QVERIFY(!cache.loadSnapshot().has_value());
        QVERIFY(!cache.loadSnapshot().has_value()); // and it is gone
    }

    void corruptAndForeignFilesAreSetAside_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("not sqlite") << QStringLiteral("garbage");
        QTest::newRow("truncated sqlite") << QStringLiteral("truncated");
        QTest::newRow("another application") << QStringLiteral("foreign");
        QTest::newRow("newer schema") << QStringLiteral("newer");
        QTest::newRow("events not 1..last_seq") << QStringLiteral("gap");
    }
    void corruptAndForeignFilesAreSetAside()
    {
        QFETCH(QString, kind);
        QTemporaryDir dir;
        ManualClock clock(1767225600); // 2026-01-01T00:00:00Z
        const QString path = dir.filePath(QStringLiteral("a.sqlite"));
        if (kind == u"garbage") {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(5000, 'x'));
        } else {
            {
                AccountCache cache(path, clock);
                QVERIFY(cache.open());
                QVERIFY(cache.appendPage({feedEvent(1), feedEvent(2)}, metaAt(2)));
            }
            if (kind == u"truncated") {
                QFile f(path);
                QVERIFY(f.open(QIODevice::ReadWrite));
                const QByteArray head = f.read(100);
                f.resize(0);
                f.seek(0);
                f.write(head);
                f.write(QByteArray(3000, '\xff'));
            } else {
                {
                    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                                QStringLiteral("edit"));
                    db.setDatabaseName(path);
                    QVERIFY(db.open());
                    QSqlQuery q(db);
                    if (kind == u"foreign")
                        QVERIFY(q.exec(QStringLiteral("PRAGMA application_id = 1234")));
                    else if (kind == u"newer")
                        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 99")));
                    else
                        QVERIFY(q.exec(QStringLiteral("DELETE FROM events WHERE seq = 1")));
                }
                QSqlDatabase::removeDatabase(QStringLiteral("edit"));
            }
        }
        AccountCache cache(path, clock);
        QVERIFY2(cache.open(), qPrintable(cache.lastError()));
        QCOMPARE(cache.setAsidePath(), path + QStringLiteral(".corrupt-20260101T000000Z"));
        QVERIFY(QFile::exists(cache.setAsidePath()));
        QCOMPARE(cache.meta().lastSeq, 0); // fresh, to be filled from the server
        QVERIFY(cache.appendPage({feedEvent(1)}, metaAt(1)));
    }

    void fullDiskIsReportedAndNothingIsLost()
    {
        QTemporaryDir dir;
        ManualClock clock(0);
        AccountCache cache(dir.filePath(QStringLiteral("a.sqlite")), clock);
        QVERIFY(cache.open());
        QVERIFY(cache.appendPage({feedEvent(1)}, metaAt(1)));
        QVERIFY(cache.limitPages(1)); // smaller than the file already is: nothing more fits
        std::vector<FeedEvent> many;
        for (qint64 s = 2; s <= 400; ++s) {
            many.push_back(feedEvent(s));
            many.back().body = QByteArray(2000, ' ') + many.back().body;
        }
        QVERIFY(!cache.appendPage(many, metaAt(400)));
        QVERIFY2(cache.lastError().contains(u"full", Qt::CaseInsensitive),
                 qPrintable(cache.lastError()));
        QCOMPARE(cache.meta().lastSeq, 1);
        QCOMPARE(cache.eventCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSyncUnits)
#include "tst_sync_units.moc"
