// Notifications as a member meets them (issue 8): NotificationPlanner's intents through
// AccountNotifications on the real sync stack, against a real creditdesk-server over HTTPS. A
// real task crossing a threshold notifies once; a restart of the client does not notify it
// again; what happened before the client's first sync never notifies; purchases and refund
// decisions notify once each. The planner's own rules (thresholds re-arming, refreshes, lots
// expiring) are checked on hand-made pictures at the end.
#include "AccountNotifications.h"
#include "ClientUnderTest.h"
#include "DemoServer.h"
#include "NotificationMemory.h"
#include "NotificationPlanner.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace creditdesk;

namespace {
const QString Tiered = QStringLiteral("demo-tiered-tasks");

QStringList keysOf(const QSignalSpy &spy)
{
    QStringList keys;
    for (const QList<QVariant> &args : spy)
        keys << args.at(0).value<NotificationIntent>().key;
    return keys;
}
} // namespace


class TestNotifications : public QObject
{
    Q_OBJECT

private:
    DemoServer m_server;
    QTemporaryDir m_cacheDir;
    int m_clients = 0;

    std::unique_ptr<ClientUnderTest> client(const QString &account, QString *dir = nullptr)
    {
        const QString d = m_cacheDir.filePath(QString::number(++m_clients));
        if (dir)
            *dir = d;
        return std::make_unique<ClientUnderTest>(m_server.url(), m_server.ca(), account,
                                                 m_server.memberTokens.value(account), d);
    }

    QString runTask(const QString &account, const QString &feature)
    {
        const QString token = m_server.memberTokens.value(account);
        const QString task = QStringLiteral("t-") + QUuid::createUuid().toString(QUuid::Id128);
        auto r = m_server.api().post(
            QStringLiteral("/v1/accounts/%1/tasks").arg(account), token,
            QStringLiteral("{\"task\":\"%1\",\"feature\":\"%2\"}").arg(task, feature).toUtf8());
        if (r.status != 201 && r.status != 200)
            return {};
        r = m_server.api().post(QStringLiteral("/v1/accounts/%1/tasks/%2/end").arg(account, task),
                                token, "{\"outcome\":\"success\"}");
        return r.status == 200 ? task : QString();
    }

    // Absolute thresholds just under what the account holds now: the next task crosses the
    // first one, a much larger spend the second.
    static NotificationPlanner::Settings justBelow(Credits available)
    {
        NotificationPlanner::Settings s;
        s.absoluteThresholds = true;
        s.amounts = {available - Credits::whole(2), available - Credits::whole(500)};
        return s;
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<NotificationIntent>();
        QVERIFY2(m_server.start({QStringLiteral("--payment-delay-ms"), QStringLiteral("1500")}),
                 qPrintable(m_server.output()));
    }

    void thresholdCrossedByARealTaskNotifiesOnceAcrossRestarts()
    {
        QString dir;
        auto c = client(Tiered, &dir);
        QVERIFY(!c->sync->loadFromCache());
        auto notifications = std::make_unique<AccountNotifications>(*c->sync, c->cache.get());
        QSignalSpy spy(notifications.get(), &AccountNotifications::intent);
        QCOMPARE(c->syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        QCOMPARE(spy.count(), 0); // the first sync only sets the baseline
        const Credits start =
            c->synced().history().engineAt(c->synced().serverAsOf)->balance().available;
        notifications->setSettings(justBelow(start));

        QVERIFY(!runTask(Tiered, QStringLiteral("message_frontier")).isEmpty()); // costs 5
        QCOMPARE(c->syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        QCOMPARE(keysOf(spy), QStringList{QStringLiteral("low:0")});
        const auto n = spy.at(0).at(0).value<NotificationIntent>();
        QCOMPARE(n.kind, NotificationIntent::Kind::LowBalance);
        QCOMPARE(n.accountId, Tiered);
        QVERIFY2(n.message.contains((start - Credits::whole(5)).toString()), qPrintable(n.message));

        // The same sync again, and another task still between the thresholds: nothing new.
        QVERIFY(c->syncAndWait().outcome != EventsSync::Report::Outcome::Failed);
        QVERIFY(!runTask(Tiered, QStringLiteral("message_light")).isEmpty());
        QCOMPARE(c->syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        QCOMPARE(spy.count(), 1);

        // Restart: the cache's last sync is the baseline, the key is remembered in the cache.
        notifications.reset();
        QVERIFY(c->restart());
        notifications = std::make_unique<AccountNotifications>(*c->sync, c->cache.get());
        notifications->setSettings(justBelow(start));
        QVERIFY(notifications->baselineAt() != NoTime);
        QSignalSpy afterRestart(notifications.get(), &AccountNotifications::intent);
        QVERIFY(c->syncAndWait().outcome != EventsSync::Report::Outcome::Failed);
        QVERIFY(!runTask(Tiered, QStringLiteral("message_light")).isEmpty());
        QVERIFY(c->syncAndWait().outcome != EventsSync::Report::Outcome::Failed);
        QCOMPARE(afterRestart.count(), 0);

        // A task while the client is closed, crossing the second threshold: news at the next
        // start, once.
        notifications.reset();
        c.reset();
        QVERIFY(!runTask(Tiered, QStringLiteral("video")).isEmpty());    // 100
        QVERIFY(!runTask(Tiered, QStringLiteral("video")).isEmpty());    // 100
        QVERIFY(!runTask(Tiered, QStringLiteral("model_3d")).isEmpty()); // 100
        QVERIFY(!runTask(Tiered, QStringLiteral("model_3d")).isEmpty()); // 100
        QVERIFY(!runTask(Tiered, QStringLiteral("video")).isEmpty());    // 100
        c = std::make_unique<ClientUnderTest>(m_server.url(), m_server.ca(), Tiered,
                                              m_server.memberTokens.value(Tiered), dir);
        QVERIFY(c->sync->loadFromCache());
        notifications = std::make_unique<AccountNotifications>(*c->sync, c->cache.get());
        notifications->setSettings(justBelow(start));
        QSignalSpy reopened(notifications.get(), &AccountNotifications::intent);
        QCOMPARE(c->syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        QCOMPARE(keysOf(reopened), QStringList{QStringLiteral("low:1")});
        QVERIFY(c->syncAndWait().outcome != EventsSync::Report::Outcome::Failed);
        QCOMPARE(reopened.count(), 1);
    }

    void oldEventsNeverNotify()
    {
        // A new client of an account that is already below every threshold, with a settled
        // purchase and decided refunds in its past: its first syncs notify nothing.
        const QString account = QStringLiteral("demo-unified-monthly");
        QVERIFY(m_server.memberTokens.contains(account));
        auto c = client(account);
        AccountNotifications notifications(*c->sync, c->cache.get());
        NotificationPlanner::Settings s;
        s.absoluteThresholds = true;
        s.amounts = {Credits::whole(1000000), Credits::whole(900000)};
        notifications.setSettings(s);
        QSignalSpy spy(&notifications, &AccountNotifications::intent);
        QCOMPARE(c->syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        QVERIFY(c->syncAndWait().outcome != EventsSync::Report::Outcome::Failed);
        QCOMPARE(spy.count(), 0);
    }

    void purchaseSettledAndFailedNotifyOnce()
    {
        auto c = client(Tiered);
        AccountNotifications notifications(*c->sync, c->cache.get());
        QSignalSpy spy(&notifications, &AccountNotifications::intent);
        QCOMPARE(c->syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        const QString token = m_server.memberTokens.value(Tiered);
        const auto buy = [&](const char *method) {
            return m_server.api().post(
                QStringLiteral("/v1/accounts/%1/purchases").arg(Tiered), token,
                QByteArray("{\"pack\":\"pack_10\",\"payment_method\":\"") + method + "\"}",
                {{"Idempotency-Key", QUuid::createUuid().toByteArray(QUuid::WithoutBraces)}});
        };
        const auto ok = buy("card");
        QVERIFY2(ok.status == 201 || ok.status == 202 || ok.status == 200, ok.body.constData());
        const auto declined = buy("test_decline");
        QVERIFY2(declined.status == 201 || declined.status == 202 || declined.status == 200,
                 declined.body.constData());
        // Seen pending, then settled (the simulated provider takes 1.5 s).
        QCOMPARE(c->syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        QCOMPARE(spy.count(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                c->syncAndWait();
                return spy.count() >= 2;
            }(),
            15000);
        QTest::qWait(200);
        c->syncAndWait();
        QCOMPARE(spy.count(), 2);
        QList<NotificationIntent::Kind> kinds;
        for (const QList<QVariant> &args : spy)
            kinds << args.at(0).value<NotificationIntent>().kind;
        QVERIFY(kinds.contains(NotificationIntent::Kind::PurchaseSettled));
        QVERIFY(kinds.contains(NotificationIntent::Kind::PurchaseFailed));
    }

    void refundDecisionNotifiesOnce()
    {
        auto c = client(Tiered);
        AccountNotifications notifications(*c->sync, c->cache.get());
        QSignalSpy spy(&notifications, &AccountNotifications::intent);
        const QString task = runTask(Tiered, QStringLiteral("message_frontier"));
        QVERIFY(!task.isEmpty());
        QCOMPARE(c->syncAndWait().outcome, EventsSync::Report::Outcome::Synced);
        const auto filed = m_server.api().post(
            QStringLiteral("/v1/accounts/%1/refund-requests").arg(Tiered),
            m_server.memberTokens.value(Tiered),
            QStringLiteral("{\"task\":\"%1\",\"reason\":\"unusable answer\"}").arg(task).toUtf8());
        QVERIFY2(filed.status == 201 || filed.status == 200, filed.body.constData());
        QString id = filed.json.value(QStringLiteral("id")).toString();
        if (id.isEmpty())
            id = filed.json.value(QStringLiteral("refund_request"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toString();
        QVERIFY2(!id.isEmpty(), filed.body.constData());
        QVERIFY(c->syncAndWait().outcome != EventsSync::Report::Outcome::Failed);
        QCOMPARE(spy.count(), 0); // open: not news yet
        const auto decided =
            m_server.api().post(QStringLiteral("/v1/refund-requests/%1/approve").arg(id),
                                m_server.supportToken, "{\"note\":\"sorry about that\"}");
        QVERIFY2(decided.status == 200, decided.body.constData());
        QVERIFY(c->syncAndWait().outcome != EventsSync::Report::Outcome::Failed);
        QCOMPARE(keysOf(spy), QStringList{QStringLiteral("refund:") + id});
        QCOMPARE(spy.at(0).at(0).value<NotificationIntent>().kind,
                 NotificationIntent::Kind::RefundDecided);
        QVERIFY(c->syncAndWait().outcome != EventsSync::Report::Outcome::Failed);
        QCOMPARE(spy.count(), 1);
    }

    // The planner's rules on hand-made pictures (no server): what the real server cannot
    // produce on demand in a test's seconds — a refresh, a lot a day before expiry.
    void plannerRules()
    {
        NotificationMemory memory;
        NotificationPlanner planner(memory);
        AccountPicture before;
        before.accountId = QStringLiteral("a");
        before.unit = QStringLiteral("credits");
        before.at = 1000000;
        before.available = Credits::whole(500);
        before.allotment = Credits::whole(1000);
        AccountPicture after = before;
        after.at = before.at + 3600;

        // 20 % of 1000 = 200: 500 → 150 crosses it; 150 → 40 crosses 5 % (50).
        QCOMPARE(NotificationPlanner::thresholds(planner.settings(), before.allotment),
                 (QList<Credits>{Credits::whole(200), Credits::whole(50)}));
        after.available = Credits::whole(150);
        auto got = planner.plan(before, after);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].key, QStringLiteral("low:0"));
        QVERIFY(planner.plan(before, after).isEmpty()); // at most once
        // Re-armed by a purchase, crossed again: news again.
        AccountPicture topped = after;
        topped.at += 60;
        topped.available = Credits::whole(900);
        QVERIFY(planner.plan(after, topped).isEmpty());
        AccountPicture again = topped;
        again.at += 60;
        again.available = Credits::whole(40); // both at once: one notification, the lower one
        got = planner.plan(topped, again);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].key, QStringLiteral("low:1"));

        // A refresh after the baseline notifies; one before it does not.
        AccountPicture refreshed = again;
        refreshed.at += 3600;
        refreshed.refreshes = {{again.at - 10, Credits::whole(1000)},
                               {again.at + 10, Credits::whole(1000)}};
        got = planner.plan(again, refreshed);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].kind, NotificationIntent::Kind::Refreshed);
        QCOMPARE(got[0].key, QStringLiteral("refresh:%1").arg(again.at + 10));

        // A lot expiring within a day: once, when "a day before" passes after the baseline.
        AccountPicture early = refreshed;
        early.refreshes.clear();
        early.buckets = {{BucketKind::Bonus, Credits::whole(30), early.at + 2 * 86400}};
        AccountPicture late = early;
        late.at = early.at + 86400 + 60;
        QVERIFY(planner.plan(early, early).isEmpty());
        got = planner.plan(early, late);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].kind, NotificationIntent::Kind::ExpiringLot);
        QVERIFY(planner.plan(early, late).isEmpty());
        // Daily free credits expire every day: never news.
        AccountPicture daily = late;
        daily.buckets = {{BucketKind::DailyFree, Credits::whole(5), late.at + 3600}};
        QVERIFY(planner.plan(early, daily).isEmpty());

        // A kind switched off says nothing, and switching it on later does not replay it.
        NotificationMemory quiet;
        NotificationPlanner off(quiet);
        NotificationPlanner::Settings s;
        s.refreshed = false;
        off.setSettings(s);
        QVERIFY(off.plan(again, refreshed).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestNotifications)
#include "tst_notifications.moc"
