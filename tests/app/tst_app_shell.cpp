// The main window as a member uses it: menus and shortcuts, scenario files (good and
// malformed), settings kept between runs, and `creditdesk --screenshot`.

#include "Config.h"
#include "DesktopClient.h"
#include "MainWindow.h"
#include "OfflineBanner.h"
#include "ScenarioBar.h"
#include "SyncSchedule.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace creditdesk;

namespace {

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return path;
}

template <typename T> T *visibleTopLevel(const QString &objectName)
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *t = qobject_cast<T *>(w); t && t->objectName() == objectName && t->isVisible())
            return t;
    return nullptr;
}

} // namespace

class TestAppShell : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void startsOnTheWelcomePage();
    void malformedScenarioNamesPathAndReason();
    void unreadableScenarioSaysSo();
    void scenarioOpensReadOnlyAtItsLastEvent();
    void geometryAndPageAreRemembered();
    void signOutAsksAboutTheCache();
    void offlineBannerIsNotModal();
    void hiddenWindowPollsSlower();
    void screenshotModeWritesThePngs();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Config> m_config;
};

void TestAppShell::init()
{
    m_config = std::make_unique<Config>(m_dir.filePath(QStringLiteral("creditdesk.ini")));
}

void TestAppShell::cleanup()
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (qobject_cast<QDialog *>(w))
            w->close();
    m_config.reset();
}

void TestAppShell::startsOnTheWelcomePage()
{
    DesktopClient client(*m_config);
    MainWindow &w = client.window();
    w.show();
    QVERIFY(w.findChild<QWidget *>(QStringLiteral("welcomePage"))->isVisible());
    QVERIFY(!w.findChild<QWidget *>(QStringLiteral("navigation"))->isVisible());
    QCOMPARE(w.findChild<QLabel *>(QStringLiteral("syncStatus"))->text(),
             QStringLiteral("Not signed in"));
    auto *sync = w.findChild<QAction *>(QStringLiteral("actionSync"));
    QVERIFY(sync->shortcuts().contains(QKeySequence(Qt::Key_F5)));
    QVERIFY(sync->shortcuts().contains(QKeySequence(QStringLiteral("Ctrl+R"))));
    QCOMPARE(w.findChild<QAction *>(QStringLiteral("actionOpenScenario"))->shortcut(),
             QKeySequence(QKeySequence::Open));
}

void TestAppShell::malformedScenarioNamesPathAndReason()
{
    const QString path = writeFile(m_dir, QStringLiteral("broken.json"),
                                   R"({"format": 1, "preset": "unified-monthly", "timezone": "UTC",
            "events": [{"type": "signup", "at": "2026-07-01T09:00:00Z"},
                       {"type": "subscribe", "at": "yesterday", "plan": "plus"}],
            "queries": []})");
    DesktopClient client(*m_config);
    client.window().show();
    QVERIFY(!client.openScenario(path));
    auto *box = visibleTopLevel<QMessageBox>(QStringLiteral("scenarioErrorDialog"));
    QVERIFY(box);
    QVERIFY2(box->informativeText().contains(QStringLiteral("events[1].at")),
             qPrintable(box->informativeText()));
    QVERIFY(box->informativeText().contains(QDir::toNativeSeparators(path)));
    QVERIFY(box->text().contains(QStringLiteral("broken.json")));
    // The window is as it was: still the welcome page.
    QVERIFY(client.window().findChild<QWidget *>(QStringLiteral("welcomePage"))->isVisible());
    QVERIFY(!client.isShowingAccount());
}

void TestAppShell::unreadableScenarioSaysSo()
{
    DesktopClient client(*m_config);
    client.window().show();
    const QString path = m_dir.filePath(QStringLiteral("missing.json"));
    QVERIFY(!client.openScenario(path));
    auto *box = visibleTopLevel<QMessageBox>(QStringLiteral("scenarioErrorDialog"));
    QVERIFY(box);
    QVERIFY(box->informativeText().contains(QStringLiteral("cannot read")));
}

void TestAppShell::scenarioOpensReadOnlyAtItsLastEvent()
{
    const QString path =
        QStringLiteral(CREDITDESK_TESTS_DIR "/reference/01-unified-monthly-basics.json");
    DesktopClient client(*m_config);
    MainWindow &w = client.window();
    w.show();
    QSignalSpy shown(&client, &DesktopClient::accountShown);
    QVERIFY(client.openScenario(path));
    QCOMPARE(shown.count(), 1);
    QVERIFY(w.findChild<QWidget *>(QStringLiteral("scenarioBarBadge"))->isVisible());
    QVERIFY(w.findChild<QWidget *>(QStringLiteral("navigation"))->isVisible());
    QCOMPARE(w.syncStatus().state, SyncStatus::State::Scenario);
    QVERIFY(!w.findChild<QAction *>(QStringLiteral("actionSignOut"))->isEnabled());
    const TimePoint last = client.moment();
    QVERIFY(last != NoTime);
    // One day back through the bar's button moves the screens' moment.
    QTest::mouseClick(w.findChild<QWidget *>(QStringLiteral("scenarioBackDay")), Qt::LeftButton);
    QCOMPARE(client.moment(), last - 86400);
    QTest::mouseClick(w.findChild<QWidget *>(QStringLiteral("scenarioLast")), Qt::LeftButton);
    QCOMPARE(client.moment(), last);
}

void TestAppShell::geometryAndPageAreRemembered()
{
    {
        DesktopClient client(*m_config);
        client.window().resize(1100, 700);
        client.window().show();
        client.window().showPage(MainWindow::PacksPage);
        client.window().close();
    }
    DesktopClient again(*m_config);
    QCOMPARE(again.window().size(), QSize(1100, 700));
    QCOMPARE(again.window().currentPage(), MainWindow::PacksPage);
}

void TestAppShell::signOutAsksAboutTheCache()
{
    DesktopClient client(*m_config);
    MainWindow &w = client.window();
    w.show();
    QSignalSpy confirmed(&w, &MainWindow::signOutConfirmed);
    w.askSignOut();
    auto *box = visibleTopLevel<QMessageBox>(QStringLiteral("signOutDialog"));
    QVERIFY(box);
    QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("signOutDeleteCache")),
                      Qt::LeftButton);
    QCOMPARE(confirmed.count(), 1);
    QCOMPARE(confirmed.first().first().toBool(), true);
}

void TestAppShell::offlineBannerIsNotModal()
{
    DesktopClient client(*m_config);
    MainWindow &w = client.window();
    w.show();
    QSignalSpy retry(&w, &MainWindow::syncRequested);
    w.offlineBanner()->showMessage(QStringLiteral("Offline since 13:58: server not reachable. "
                                                  "Showing the numbers cached at 13:57."));
    QVERIFY(w.offlineBanner()->isVisible());
    QVERIFY(!QApplication::activeModalWidget());
    QTest::mouseClick(w.findChild<QPushButton *>(QStringLiteral("offlineRetry")), Qt::LeftButton);
    QCOMPARE(retry.count(), 1);
    w.offlineBanner()->showMessage({});
    QVERIFY(!w.offlineBanner()->isVisible());
}

void TestAppShell::hiddenWindowPollsSlower()
{
    // A session to a port nobody listens on: the schedule exists whether or not the server
    // answers, and nothing here waits for the network.
    QTemporaryDir data;
    DesktopClient client(*m_config);
    client.setDataDirectory(data.path());
    MainWindow &w = client.window();
    w.show();
    ClientSession::Target target;
    target.server = QUrl(QStringLiteral("https://127.0.0.1:9"));
    target.accountId = QStringLiteral("acct_visibility");
    target.token = QStringLiteral("cd_test_token");
    client.startSession(target);
    QVERIFY(client.session());
    const SyncSchedule &schedule = client.session()->schedule();
    QCOMPARE(schedule.intervalMs(), SyncSchedule::VisibleIntervalMs);

    w.hide();
    QCOMPARE(schedule.intervalMs(), SyncSchedule::HiddenIntervalMs);
    w.show();
    QCOMPARE(schedule.intervalMs(), SyncSchedule::VisibleIntervalMs);

    w.showMinimized();
    QCOMPARE(schedule.intervalMs(), SyncSchedule::HiddenIntervalMs);
    w.showNormal();
    QCOMPARE(schedule.intervalMs(), SyncSchedule::VisibleIntervalMs);
}

void TestAppShell::screenshotModeWritesThePngs()
{
    QTemporaryDir out;
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(CREDITDESK_APP),
              {QStringLiteral("--demo"), QStringLiteral("--screenshot"), out.path()});
    QVERIFY(app.waitForFinished(45000));
    QCOMPARE(app.exitStatus(), QProcess::NormalExit);
    QVERIFY2(app.exitCode() == 0, app.readAllStandardError().constData());
    const QStringList printed =
        QString::fromLocal8Bit(app.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    for (const char *screen :
         {"dashboard", "token-log", "packs", "sign-in", "settings", "demo-bar"})
        for (const char *look : {"light", "dark"}) {
            const QString path = out.filePath(
                QStringLiteral("%1-%2.png").arg(QLatin1String(screen), QLatin1String(look)));
            QVERIFY2(printed.contains(path), qPrintable(path));
            const QImage image(path);
            QVERIFY2(!image.isNull() && image.width() >= 300, qPrintable(path));
        }
    // Light and dark really differ.
    const QImage light(out.filePath(QStringLiteral("dashboard-light.png")));
    const QImage dark(out.filePath(QStringLiteral("dashboard-dark.png")));
    const auto meanGray = [](const QImage &image) {
        const QImage one = image.scaled(1, 1, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        return qGray(one.pixel(0, 0));
    };
    QVERIFY(meanGray(light) > meanGray(dark) + 80);
}

QTEST_MAIN(TestAppShell)
#include "tst_app_shell.moc"
