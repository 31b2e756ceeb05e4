// Branch tray, as a member meets it: several accounts (each its own server, token, cache and
// sync), the tray's tooltip, icon state and menu, "Copy diagnostics", and the settings the tray
// and the notifications follow. Real creditdesk-server processes over HTTPS (dev CA), real
// widgets offscreen; the tray itself cannot be seen offscreen, so its menu, tooltip and the
// notifications it was handed are read from the TrayIcon object.
#include "AccountCache.h"
#include "AccountGlance.h"
#include "AccountListView.h"
#include "ClientSession.h"
#include "Config.h"
#include "DemoServer.h"
#include "DesktopClient.h"
#include "MainWindow.h"
#include "NotificationIntent.h"
#include "SettingsDialog.h"
#include "SyncedAccount.h"
#include "TrayIcon.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QListWidget>
#include <QMenu>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <csignal>
#include <sys/types.h>

using namespace creditdesk;

namespace {

const QString Tiered = QStringLiteral("demo-tiered-tasks");
const QString Unified = QStringLiteral("demo-unified-monthly");

ClientSession::Target targetOn(DemoServer &server, const QString &account)
{
    ClientSession::Target t;
    t.server = server.url();
    t.caCertificates = server.ca();
    t.accountId = account;
    t.token = server.memberTokens.value(account);
    return t;
}

ClientSession *sessionFor(DesktopClient &client, DemoServer &server, const QString &account)
{
    for (ClientSession *s : client.sessions())
        if (s->target().server == server.url() && s->target().accountId == account)
            return s;
    return nullptr;
}

Credits serverAvailable(DemoServer &server, const QString &account)
{
    const auto r = server.api().get(QStringLiteral("/v1/accounts/%1/summary").arg(account),
                                    server.memberTokens.value(account));
    const QJsonValue v =
        r.json.value(QStringLiteral("balance")).toObject().value(QStringLiteral("available"));
    return (v.isString() ? Credits::parse(v.toString()) : Credits::fromJsonNumber(v.toDouble()))
        .value_or(Credits::whole(-999999));
}

Credits clientAvailable(ClientSession *session)
{
    const SyncedAccount *a = session ? session->account() : nullptr;
    if (!a || a->serverAsOf == NoTime)
        return Credits::whole(-888888);
    return a->history().engineAt(a->serverAsOf)->balance().available;
}

bool runTask(DemoServer &server, const QString &account, const QString &feature)
{
    const QString token = server.memberTokens.value(account);
    const QString task = QStringLiteral("t-") + QUuid::createUuid().toString(QUuid::Id128);
    auto r = server.api().post(
        QStringLiteral("/v1/accounts/%1/tasks").arg(account), token,
        QStringLiteral("{\"task\":\"%1\",\"feature\":\"%2\"}").arg(task, feature).toUtf8());
    if (r.status != 201 && r.status != 200)
        return false;
    r = server.api().post(QStringLiteral("/v1/accounts/%1/tasks/%2/end").arg(account, task), token,
                          "{\"outcome\":\"success\"}");
    return r.status == 200;
}

QAction *menuAction(QMenu *menu, const QString &objectName)
{
    for (QAction *a : menu->actions())
        if (a->objectName() == objectName)
            return a;
    return nullptr;
}

} // namespace

class TestAppTray : public QObject
{
    Q_OBJECT

private:
    DemoServer m_first;
    DemoServer m_second;

private slots:
    void initTestCase()
    {
        QApplication::setApplicationVersion(QStringLiteral("9.9.9-test"));
        QVERIFY2(m_first.start(), qPrintable(m_first.output()));
        QVERIFY2(m_second.start(), qPrintable(m_second.output()));
    }

    void settingsRoundTripWithDefaults()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("creditdesk.ini"));
        {
            Config config(path);
            QCOMPARE(config.get(Config::Tray_KeepRunningOnClose).toBool(), false);
            for (Config::ConfigKey k :
                 {Config::Notify_LowBalance, Config::Notify_Refreshed, Config::Notify_ExpiringLot,
                  Config::Notify_Purchase, Config::Notify_Refund})
                QCOMPARE(config.get(k).toBool(), true);
            QCOMPARE(config.get(Config::Notify_ThresholdsAbsolute).toBool(), false);
            QCOMPARE(config.get(Config::Notify_LowPercent).toInt(), 20);
            QCOMPARE(config.get(Config::Notify_CriticalPercent).toInt(), 5);
            QCOMPARE(config.get(Config::Accounts_List).toStringList(), QStringList());

            // The dialog shows them and writes what the member changes.
            SettingsDialog dialog(config);
            auto *keep = dialog.findChild<QCheckBox *>(QStringLiteral("keepInTray"));
            auto *refreshed = dialog.findChild<QCheckBox *>(QStringLiteral("notify_Refreshed"));
            auto *absolute = dialog.findChild<QRadioButton *>(QStringLiteral("thresholdsAbsolute"));
            auto *low = dialog.findChild<QSpinBox *>(QStringLiteral("lowAmount"));
            auto *lowPercent = dialog.findChild<QSpinBox *>(QStringLiteral("lowPercent"));
            QVERIFY(keep && refreshed && absolute && low && lowPercent);
            QVERIFY(!keep->isChecked());
            QVERIFY(refreshed->isChecked());
            QCOMPARE(lowPercent->value(), 20);
            keep->setChecked(true);
            refreshed->setChecked(false);
            absolute->setChecked(true);
            low->setValue(250);
            lowPercent->setValue(30);
            config.sync();
        }
        Config reread(path);
        QCOMPARE(reread.get(Config::Tray_KeepRunningOnClose).toBool(), true);
        QCOMPARE(reread.get(Config::Notify_Refreshed).toBool(), false);
        QCOMPARE(reread.get(Config::Notify_LowBalance).toBool(), true);
        QCOMPARE(reread.get(Config::Notify_ThresholdsAbsolute).toBool(), true);
        QCOMPARE(reread.get(Config::Notify_LowAmount).toInt(), 250);
        QCOMPARE(reread.get(Config::Notify_LowPercent).toInt(), 30);
        QCOMPARE(reread.get(Config::Notify_CriticalPercent).toInt(), 5);
        // Never a secret in the settings file.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("cdt_"));
    }

    void twoServersOneStopsTheOtherKeepsSyncing()
    {
        QTemporaryDir dir;
        Config config(dir.filePath(QStringLiteral("creditdesk.ini")));
        DesktopClient client(config);
        client.setDataDirectory(dir.filePath(QStringLiteral("accounts")));
        client.startSession(targetOn(m_first, Unified));
        client.startSession(targetOn(m_second, Tiered));
        QCOMPARE(client.sessions().size(), 2);
        ClientSession *a = sessionFor(client, m_first, Unified);
        ClientSession *b = sessionFor(client, m_second, Tiered);
        QVERIFY(a && b);
        QCOMPARE(client.session(), b); // the last one signed in to is shown
        QTRY_VERIFY_WITH_TIMEOUT(a->account() && b->account() &&
                                     a->account()->serverAsOf != NoTime &&
                                     b->account()->serverAsOf != NoTime,
                                 20000);
        QCOMPARE(clientAvailable(a), serverAvailable(m_first, Unified));
        QCOMPARE(clientAvailable(b), serverAvailable(m_second, Tiered));

        // The list shows both; choosing one shows it.
        AccountListView *list = client.accountList();
        QTRY_COMPARE(list->accounts().size(), 2);
        QCOMPARE(list->list()->count(), 2);
        QVERIFY(client.showSession(DesktopClient::keyOf(a->target())));
        QCOMPARE(client.session(), a);
        QCOMPARE(client.account(), a->account());

        // The first server stops answering (SIGSTOP: connections hang, as a slow server's do).
        QCOMPARE(::kill(pid_t(m_first.pid()), SIGSTOP), 0);
        QVERIFY(runTask(m_second, Tiered, QStringLiteral("message_frontier")));
        const Credits expected = serverAvailable(m_second, Tiered);
        QAction *syncNow = menuAction(client.tray()->menu(), QStringLiteral("traySync"));
        QVERIFY(syncNow && syncNow->isEnabled());
        QElapsedTimer waited;
        waited.start();
        syncNow->trigger(); // the tray asks; the app syncs every account
        QTRY_COMPARE_WITH_TIMEOUT(clientAvailable(b), expected, 10000);
        const qint64 ms = waited.elapsed();
        QVERIFY2(ms < 8000, qPrintable(QStringLiteral("the second account waited %1 ms").arg(ms)));
        QVERIFY(a->isSyncing()); // still waiting for the stopped server
        // And again: the other account keeps syncing while the first is stuck.
        QVERIFY(runTask(m_second, Tiered, QStringLiteral("message_light")));
        const Credits expected2 = serverAvailable(m_second, Tiered);
        syncNow->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(clientAvailable(b), expected2, 10000);

        // Killed: the first account goes offline, its cached numbers stay; the second is right.
        QCOMPARE(::kill(pid_t(m_first.pid()), SIGCONT), 0);
        m_first.kill();
        syncNow->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!a->isSyncing() && a->status().state != SyncStatus::State::Synced,
                                 40000);
        QCOMPARE(clientAvailable(b), expected2);
        QTRY_VERIFY_WITH_TIMEOUT(client.accountList()->accounts().size() == 2 &&
                                     client.accountList()->accounts().at(0).state ==
                                         AccountGlance::State::Offline,
                                 10000);
        QVERIFY(m_first.restart());
    }

    void trayShowsBalancesStateAndMenu()
    {
        QTemporaryDir dir;
        Config config(dir.filePath(QStringLiteral("creditdesk.ini")));
        DesktopClient client(config);
        client.setDataDirectory(dir.filePath(QStringLiteral("accounts")));
        TrayIcon *tray = client.tray();
        QVERIFY(tray->toolTip().contains(QStringLiteral("Not signed in")));

        client.startSession(targetOn(m_first, Unified));
        ClientSession *only = sessionFor(client, m_first, Unified);
        QTRY_VERIFY_WITH_TIMEOUT(only->account() && only->account()->serverAsOf != NoTime, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(tray->state() != AccountGlance::State::Unknown, 5000);
        const AccountGlance glance = client.accountList()->accounts().at(0);
        // One account: the tooltip is its balance, as the list says it.
        QVERIFY2(tray->toolTip().contains(glance.availableText), qPrintable(tray->toolTip()));
        QVERIFY(glance.availableText.contains(QStringLiteral("available")));

        // Two accounts: a line each in the tooltip, an entry each in the menu, then the actions.
        client.startSession(targetOn(m_second, Tiered));
        ClientSession *tiered = sessionFor(client, m_second, Tiered);
        QTRY_VERIFY_WITH_TIMEOUT(tiered->account() && tiered->account()->serverAsOf != NoTime,
                                 20000);
        QTRY_VERIFY_WITH_TIMEOUT(tray->toolTip().split(u'\n').size() == 3 &&
                                     tray->toolTip().count(QStringLiteral("available")) == 2,
                                 5000);
        QStringList names;
        QStringList objects;
        for (QAction *act : tray->menu()->actions()) {
            if (act->isSeparator())
                continue;
            objects << act->objectName();
            if (act->objectName() == u"trayAccount")
                names << act->text();
        }
        QCOMPARE(objects, (QStringList{QStringLiteral("trayAccount"), QStringLiteral("trayAccount"),
                                       QStringLiteral("traySync"), QStringLiteral("trayOpen"),
                                       QStringLiteral("trayQuit")}));
        QCOMPARE(names.size(), 2);
        for (const QString &n : names)
            QVERIFY2(n.contains(QStringLiteral("available")), qPrintable(n));

        // Choosing an account in the tray shows it and opens the window.
        QAction *first = nullptr;
        for (QAction *act : tray->menu()->actions())
            if (act->objectName() == u"trayAccount" &&
                act->data().toString() == DesktopClient::keyOf(only->target()))
                first = act;
        QVERIFY(first);
        first->trigger();
        QCOMPARE(client.session(), only);
        QTRY_VERIFY(client.window().isVisible());

        // Spend the tiered account down to nothing: its state is Empty, with when it is back.
        client.showSession(DesktopClient::keyOf(tiered->target()));
        const Credits full = serverAvailable(m_second, Tiered);
        for (int i = 0; i < 300 && serverAvailable(m_second, Tiered).isPositive(); ++i)
            QVERIFY(runTask(m_second, Tiered, QStringLiteral("video")));
        QVERIFY2(!serverAvailable(m_second, Tiered).isPositive(),
                 qPrintable(full.toString() + u' ' + serverAvailable(m_second, Tiered).toString()));
        menuAction(tray->menu(), QStringLiteral("traySync"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(tray->state(), AccountGlance::State::Empty, 15000);
        AccountGlance empty;
        for (const AccountGlance &g : client.accountList()->accounts())
            if (g.key == DesktopClient::keyOf(tiered->target()))
                empty = g;
        QCOMPARE(empty.state, AccountGlance::State::Empty);
        QVERIFY2(empty.backText.startsWith(QStringLiteral("back ")), qPrintable(empty.backText));
        QVERIFY(tray->toolTip().contains(empty.backText));
        // The tray's icon differs by state (a badge, with a glyph as well as a colour).
        QVERIFY(TrayIcon::iconFor(AccountGlance::State::Empty, {}).pixmap(32).toImage() !=
                TrayIcon::iconFor(AccountGlance::State::Normal, {}).pixmap(32).toImage());
    }

    void diagnosticsHoldNoToken()
    {
        QTemporaryDir dir;
        Config config(dir.filePath(QStringLiteral("creditdesk.ini")));
        DesktopClient client(config);
        client.setDataDirectory(dir.filePath(QStringLiteral("accounts")));
        client.startSession(targetOn(m_first, Unified));
        client.startSession(targetOn(m_second, Tiered));
        ClientSession *b = sessionFor(client, m_second, Tiered);
        QTRY_VERIFY_WITH_TIMEOUT(b->account() && b->account()->serverAsOf != NoTime, 20000);
        m_second.kill(); // and a failed sync, so "last errors" has something
        b->syncNow();
        QTRY_VERIFY_WITH_TIMEOUT(!b->recentErrors().isEmpty(), 40000);

        QAction *copy =
            client.window().findChild<QAction *>(QStringLiteral("actionCopyDiagnostics"));
        QVERIFY(copy);
        copy->trigger();
        const QString text = QApplication::clipboard()->text();
        QCOMPARE(text, client.diagnosticsText());
        for (const QString &token :
             {m_first.memberTokens.value(Unified), m_second.memberTokens.value(Tiered)}) {
            QVERIFY(!token.isEmpty());
            QVERIFY2(!text.contains(token), "a token in the diagnostics");
        }
        QVERIFY(!text.contains(QStringLiteral("cdt_")));
        QVERIFY(text.contains(QStringLiteral("9.9.9-test")));
        QVERIFY(text.contains(QString::fromLatin1(qVersion())));
        QVERIFY(text.contains(QStringLiteral("127.0.0.1:%1").arg(m_first.port())));
        QVERIFY(text.contains(Unified));
        QVERIFY(text.contains(Tiered));
        QVERIFY(text.contains(QStringLiteral("schema %1").arg(AccountCache::SchemaVersion)));
        QVERIFY(text.contains(QStringLiteral("KiB")));
        QVERIFY2(text.contains(QStringLiteral("Last errors:\n")), qPrintable(text));
        QVERIFY(m_second.restart());
    }
};

QTEST_MAIN(TestAppTray)
#include "tst_app_tray.moc"
