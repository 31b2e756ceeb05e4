#include "DesktopClient.h"

#include "AccountGlance.h"
#include "AccountListView.h"
#include "Config.h"
#include "CredentialStore.h"
#include "DashboardView.h"
#include "DemoBar.h"
#include "DemoSession.h"
#include "DiagnosticsReport.h"
#include "MainWindow.h"
#include "MemberTab.h"
#include "OfflineBanner.h"
#include "PacksView.h"
#include "PlanView.h"
#include "PurchaseFlow.h"
#include "RefundRequestJob.h"
#include "ScenarioBar.h"
#include "ScenarioFileAccount.h"
#include "ServerConnection.h"
#include "SettingsDialog.h"
#include "SignInDialog.h"
#include "SignInFlow.h"
#include "SupportConsole.h"
#include "SupportWorkspace.h"
#include "SyncedAccount.h"
#include "TlsDialogDecider.h"
#include "TokenLogView.h"
#include "TrayIcon.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>

namespace creditdesk {

namespace {

// The engine's answers at `t`: a copy advanced to t, or a replay for a moment before the last
// event (the account's own engine never moves).
std::unique_ptr<CreditEngine> engineAt(const AccountHistory &history, TimePoint t)
{
    return t >= history.engine().now() ? history.engineAt(t) : history.replayUntil(t);
}

} // namespace

DesktopClient::DesktopClient(Config &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_viewClock(m_systemClock)
    , m_window(std::make_unique<MainWindow>(config))
    , m_credentials(std::make_unique<CredentialStore>())
    , m_decider(std::make_unique<TlsDialogDecider>(m_window.get()))
    , m_dashboard(new DashboardView(m_viewClock))
    , m_signInFlow(new SignInFlow(config, m_systemClock, *m_credentials, m_decider.get(), this))
    , m_tray(new TrayIcon(this))
    , m_accountList(new AccountListView)
    , m_glanceTimer(new QTimer(this))
    , m_glanceSoon(new QTimer(this))
    , m_dataDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                QStringLiteral("/accounts"))
{
    MainWindow &w = *m_window;
    w.setPage(MainWindow::DashboardPage, m_dashboard);
    connect(m_dashboard, &DashboardView::topUpRequested, this, [this](const QString &pack) {
        m_window->showPage(MainWindow::PacksPage);
        if (!pack.isEmpty())
            packs()->askToBuyPack(pack);
    });
    // The other screens: built when first shown (the restored page is built now).
    connect(&w, &MainWindow::pageWanted, this, [this](MainWindow::Page page) { buildPage(page); });
    buildPage(w.currentPage());
    connect(&w, &MainWindow::exportLogRequested, this, &DesktopClient::exportLog);
    connect(&w, &MainWindow::themeApplied, this, [this] {
        // The screens colour their states from their own palette: hand them the new one
        // before they render again.
        for (QWidget *view :
             {static_cast<QWidget *>(m_dashboard), static_cast<QWidget *>(m_tokenLog),
              static_cast<QWidget *>(m_packs), static_cast<QWidget *>(m_plan)})
            if (view)
                view->setPalette(QApplication::palette());
        if (m_supportWorkspace) {
            for (MemberTab *tab : m_supportWorkspace->memberTabs()) {
                tab->setPalette(QApplication::palette());
                tab->refresh();
            }
        }
        updateStatus();
        refreshViews();
    });
    connect(&w, &MainWindow::openScenarioRequested, this, &DesktopClient::openScenario);
    connect(&w, &MainWindow::signInRequested, this, &DesktopClient::showSignIn);
    connect(&w, &MainWindow::settingsRequested, this, &DesktopClient::showSettings);
    connect(&w, &MainWindow::signOutConfirmed, this, &DesktopClient::signOut);
    connect(&w, &MainWindow::syncRequested, this, [this] {
        if (m_session)
            m_session->syncNow();
    });
    connect(w.scenarioBar(), &ScenarioBar::momentChosen, this, &DesktopClient::setMoment);
    connect(w.scenarioBar(), &ScenarioBar::nextRefreshRequested, this, [this] {
        if (!m_account)
            return;
        const auto engine = engineAt(m_account->history(), m_viewClock.now());
        TimePoint next = Never;
        for (const RefreshRow &r : engine->nextRefreshes())
            next = std::min(next, r.at);
        if (next != Never) {
            m_window->scenarioBar()->setMoment(next);
            setMoment(next);
        }
    });
    connect(m_signInFlow, &SignInFlow::signedIn, this, &DesktopClient::startSession);

    // Branch tray: the account list (a dock beside the screens), the tray, their minute tick
    // ("back in 28m" counts down), and the settings they follow.
    auto *dock = new QDockWidget(tr("Accounts"), &w);
    dock->setObjectName(QStringLiteral("accountsDock"));
    dock->setAccessibleName(tr("Accounts"));
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    dock->setWidget(m_accountList);
    w.addDockWidget(Qt::LeftDockWidgetArea, dock);
    dock->hide();
    connect(m_accountList, &AccountListView::accountChosen, this, &DesktopClient::showSession);
    connect(m_accountList, &AccountListView::addRequested, this, &DesktopClient::showSignIn);
    connect(m_tray, &TrayIcon::accountChosen, this, [this](const QString &key) {
        showSession(key);
        openWindow();
    });
    connect(m_tray, &TrayIcon::syncRequested, this, &DesktopClient::syncAll);
    connect(m_tray, &TrayIcon::openRequested, this, &DesktopClient::openWindow);
    connect(m_tray, &TrayIcon::quitRequested, this, [this] {
        m_window->setKeepRunningOnClose(false);
        m_window->close();
        QCoreApplication::quit();
    });
    connect(&w, &MainWindow::quitRequested, this, [] {
        // With the tray kept, closing the last window does not end the app: Quit does.
        if (!QApplication::quitOnLastWindowClosed())
            QCoreApplication::quit();
    });
    connect(&w, &MainWindow::copyDiagnosticsRequested, this, &DesktopClient::copyDiagnostics);
    connect(&m_config, &Config::changed, this, [this](Config::ConfigKey key) {
        if (key == Config::Tray_KeepRunningOnClose)
            applyTrayPreference();
        else if (key >= Config::Notify_LowBalance && key <= Config::Notify_CriticalAmount)
            applyNotificationSettings();
    });
    // Syncs end in bursts (several accounts, start and finish): one update per burst.
    m_glanceSoon->setSingleShot(true);
    m_glanceSoon->setInterval(100);
    connect(m_glanceSoon, &QTimer::timeout, this, &DesktopClient::updateGlances);
    m_glanceTimer->setInterval(60 * 1000);
    connect(m_glanceTimer, &QTimer::timeout, this, &DesktopClient::updateGlances);
    m_glanceTimer->start();
    applyTrayPreference();
    updateGlances();
    // Nextcloud's quota polling: 30 s while the member can see the window, 5 min while not.
    connect(&w, &MainWindow::seenChanged, this, [this](bool seen) {
        for (const QPointer<ClientSession> &session : std::as_const(m_sessions))
            if (session)
                session->setVisible(seen);
    });
}

DesktopClient::~DesktopClient()
{
    // Sessions and dialogs first: they point at the window and the clocks.
    for (const QPointer<ClientSession> &session : std::as_const(m_sessions))
        delete session.data();
    if (m_console)
        m_console->signOut(); // member data does not outlive the app either
    delete m_console.data();
    m_window.reset();
}

void DesktopClient::restoreSession()
{
    m_signInFlow->restore();
    restoreOtherAccounts();
}

bool DesktopClient::openScenario(const QString &path)
{
    if (m_console && m_console->isReady()) {
        // The agent hands an export back to the console: a tab of its own, beside the members.
        QString error;
        if (!m_console->openScenarioFile(path, &error)) {
            m_window->showScenarioError(path, error);
            return false;
        }
        return true;
    }
    auto opened = ScenarioFileAccount::open(path);
    if (const auto *error = std::get_if<ParseError>(&opened)) {
        m_window->showScenarioError(path, error->toString());
        return false;
    }
    auto &[account, viewTime] = std::get<ScenarioFileAccount::Opened>(opened);
    const AccountHistory &history = account->history();
    TimePoint first = history.eventCount() > 0 ? history.event(0).at : viewTime;
    for (qint64 i = 0; i < history.eventCount(); ++i)
        first = std::min(first, history.event(i).at);
    const TimePoint last = viewTime == NoTime ? 0 : viewTime;
    if (first == NoTime)
        first = last;
    account->displayName = QFileInfo(path).fileName();

    // The accounts keep syncing in the list and the tray; the screens show the file.
    m_session.clear();
    if (m_demo)
        m_demo->setPlaying(false);
    m_scenarioAccount = std::move(account);
    m_zone = QTimeZone(m_scenarioAccount->timezone.toUtf8());
    m_viewClock.standAt(last);
    MainWindow &w = *m_window;
    w.demoBar()->hide();
    w.scenarioBar()->setFile(QFileInfo(path).fileName());
    w.scenarioBar()->setSpan(first, last, m_zone);
    w.scenarioBar()->setMoment(last);
    w.scenarioBar()->show();
    w.offlineBanner()->showMessage({});
    SyncStatus status;
    status.state = SyncStatus::State::Scenario;
    w.setSyncStatus(status);
    w.setAccountText(tr("Scenario: %1").arg(QFileInfo(path).fileName()));
    w.setWindowTitle(tr("%1 — CreditDesk").arg(QFileInfo(path).fileName()));
    showAccount(m_scenarioAccount.get());
    announceShown();
    return true;
}

void DesktopClient::setMoment(TimePoint t)
{
    m_viewClock.standAt(t);
    refreshViews();
}

bool DesktopClient::startDemo(TimePoint start, QString *error, const QString &preset,
                              bool followWallTime)
{
    m_demo = new DemoSession(start, this);
    if (!m_demo->start(error))
        return false;
    for (const auto &m : m_demo->members())
        if (m.preset == preset)
            m_demo->chooseMember(m.accountId);
    m_viewClock.follow(m_demo->clock());
    MainWindow &w = *m_window;
    DemoBar *bar = w.demoBar();
    const auto fill = [this, bar] {
        QList<QPair<QString, QString>> members;
        for (const auto &m : m_demo->members())
            members.append({m.accountId, tr("%1 · %2").arg(m.name, m.preset)});
        members.append({SupportConsole::agentKey(), tr("Support agent · every member")});
        bar->setMembers(members);
        bar->setSupportAgent(SupportConsole::agentKey());
        bar->setCurrentMember(m_demo->currentMember());
    };
    const auto signInAsCurrent = [this] {
        if (m_demo->currentMember() == SupportConsole::agentKey()) {
            ClientSession::Target target;
            target.server = m_demo->baseUrl();
            target.caCertificates = {m_demo->caCertificate()};
            target.accountId = SupportConsole::agentKey();
            target.token = m_demo->supportToken();
            target.role = QStringLiteral("support");
            m_window->demoBar()->setCurrentMember(SupportConsole::agentKey());
            startSession(target);
            return;
        }
        for (const auto &m : m_demo->members()) {
            if (m.accountId != m_demo->currentMember())
                continue;
            ClientSession::Target target;
            target.server = m_demo->baseUrl();
            target.caCertificates = {m_demo->caCertificate()};
            target.accountId = m.accountId;
            target.accountName = m.name;
            target.token = m.token;
            startSession(target);
        }
    };
    fill();
    bar->show();
    connect(bar, &DemoBar::memberChosen, m_demo, &DemoSession::chooseMember);
    connect(bar, &DemoBar::playToggled, m_demo, &DemoSession::setPlaying);
    connect(bar, &DemoBar::advanceRequested, m_demo, &DemoSession::advance);
    connect(bar, &DemoBar::resetRequested, m_demo, &DemoSession::reset);
    connect(bar, &DemoBar::nextRefreshRequested, this, [this] {
        if (!m_account)
            return;
        const auto engine = engineAt(m_account->history(), m_demo->clock().now());
        TimePoint next = Never;
        for (const RefreshRow &r : engine->nextRefreshes())
            next = std::min(next, r.at);
        if (next != Never)
            m_demo->advanceTo(next);
    });
    connect(m_demo, &DemoSession::playingChanged, bar, &DemoBar::setPlaying);
    connect(m_demo, &DemoSession::memberChosen, this, signInAsCurrent);
    connect(m_demo, &DemoSession::restarted, this, [this, fill, signInAsCurrent] {
        // A new demo server: the old members' tokens and caches mean nothing there.
        const auto sessions = m_sessions;
        for (const QPointer<ClientSession> &session : sessions)
            if (session)
                removeSession(session, false);
        fill();
        signInAsCurrent();
    });
    connect(m_demo, &DemoSession::clockMoved, this, [this] {
        updateDemoClock();
        refreshViews(); // countdowns reach zero at once; the sync then brings the server's events
        syncAll();
    });
    connect(m_demo, &DemoSession::wallTimeTicked, this, [this] { updateDemoClock(); });
    m_demo->setFollowsWallTime(followWallTime);
    connect(m_demo, &DemoSession::failed, this, [this](const QString &message) {
        m_window->offlineBanner()->showMessage(tr("The demo could not restart: %1").arg(message),
                                               true);
    });
    w.setWindowTitle(tr("CreditDesk — demo"));
    signInAsCurrent();
    updateDemoClock();
    return true;
}

void DesktopClient::startSession(const ClientSession::Target &target)
{
    stopSupport();
    if (target.role == u"support") {
        startSupport(target);
        return;
    }
    addSession(target, true);
}

void DesktopClient::addSession(const ClientSession::Target &target, bool makeCurrent)
{
    const QString key = keyOf(target);
    for (const QPointer<ClientSession> &existing : std::as_const(m_sessions)) {
        if (!existing || keyOf(existing->target()) != key)
            continue;
        if (existing->target().token == target.token) {
            if (makeCurrent)
                switchTo(existing);
            return;
        }
        removeSession(existing, false); // signed in again with a new token: a fresh session
        break;
    }
    const QString cacheDir =
        m_demo ? m_demo->dataDirectory() + QStringLiteral("/client-cache") : m_dataDir;
    const Clock &clock = m_demo ? static_cast<const Clock &>(m_demo->clock()) : m_systemClock;
    auto *session = new ClientSession(target, clock, cacheDir, m_decider.get(), this);
    m_sessions.append(session);
    // Each account syncs on its own schedule and its own connection: a slow or dead server
    // only ever delays its own account.
    connect(session, &ClientSession::accountReady, this, [this, session](SyncedAccount *account) {
        if (session == m_session)
            showAccount(account);
        scheduleGlances();
    });
    connect(session, &ClientSession::statusChanged, this, [this, session] {
        if (session == m_session)
            updateStatus();
        scheduleGlances();
    });
    connect(session, &ClientSession::trustedPinsChanged, this,
            [this](const QStringList &pins) { m_config.set(Config::Server_TrustedPins, pins); });
    connect(session, &ClientSession::synced, this, [this, session] {
        if (session == m_session) {
            if (!m_demo && m_account)
                m_viewClock.setOffset(m_account->serverClockOffset);
            refreshViews();
            announceShown();
        }
        scheduleGlances();
    });
    connect(session, &ClientSession::notificationIntent, this,
            [this](const NotificationIntent &intent) {
                m_tray->showIntent(intent);
                emit notified(intent);
            });
    if (!m_demo)
        rememberAccount(target);
    applyNotificationSettings();
    session->setVisible(m_window->isSeen()); // not shown yet: hidden until showEvent says so
    if (makeCurrent || !m_session)
        switchTo(session);
    QString error;
    if (!session->start(&error)) {
        if (session == m_session)
            m_window->offlineBanner()->showMessage(
                tr("The local copy of the account cannot be opened: %1").arg(error), true);
        return;
    }
    if (session == m_session)
        updateStatus();
    updateGlances();
}

void DesktopClient::switchTo(ClientSession *session)
{
    m_session = session;
    setScreensAccount(nullptr);
    m_scenarioAccount.reset();
    m_window->scenarioBar()->hide();
    m_account.clear();
    if (!m_demo)
        m_viewClock.follow(m_systemClock);
    const ClientSession::Target &target = session->target();
    m_window->setAccountText(
        tr("%1 on %2")
            .arg(target.accountName.isEmpty() ? target.accountId : target.accountName,
                 target.server.host()));
    m_window->setHasAccount(true);
    if (session->account())
        showAccount(session->account());
    updateStatus();
    updateGlances();
}

bool DesktopClient::showSession(const QString &key)
{
    for (const QPointer<ClientSession> &session : std::as_const(m_sessions)) {
        if (session && keyOf(session->target()) == key) {
            if (session != m_session)
                switchTo(session);
            return true;
        }
    }
    return false;
}

QList<ClientSession *> DesktopClient::sessions() const
{
    QList<ClientSession *> out;
    for (const QPointer<ClientSession> &session : m_sessions)
        if (session)
            out << session.data();
    return out;
}

QString DesktopClient::keyOf(const ClientSession::Target &target)
{
    return target.server.toString(QUrl::StripTrailingSlash) + u'#' + target.accountId;
}

void DesktopClient::removeSession(ClientSession *session, bool deleteCache)
{
    m_sessions.removeAll(session);
    session->signOut(deleteCache);
    session->deleteLater();
    if (session == m_session) {
        m_session.clear();
        m_account.clear();
    }
    updateGlances();
}

void DesktopClient::syncAll()
{
    for (const QPointer<ClientSession> &session : std::as_const(m_sessions))
        if (session)
            session->syncNow();
}

void DesktopClient::scheduleGlances()
{
    if (!m_glanceSoon->isActive())
        m_glanceSoon->start();
}

void DesktopClient::updateGlances()
{
    m_glanceSoon->stop();
    const NotificationPlanner::Settings thresholds = notificationSettings();
    QList<AccountGlance> glances;
    for (const QPointer<ClientSession> &session : std::as_const(m_sessions)) {
        if (!session)
            continue;
        const SyncedAccount *account = session->account();
        // The account's own moment: the demo's clock, else this computer's clock corrected
        // by the server's offset (countdowns agree with the server).
        TimePoint now = m_demo ? m_demo->clock().now() : m_systemClock.now();
        if (account && !m_demo)
            now += account->serverClockOffset;
        AccountGlance g = AccountGlance::of(account, session->status(), now, thresholds);
        const QUrl &server = session->target().server;
        g.key = keyOf(session->target());
        g.host = server.port() > 0 && server.port() != 443
                     ? QStringLiteral("%1:%2").arg(server.host()).arg(server.port())
                     : server.host();
        if (g.name.isEmpty())
            g.name = session->target().accountName.isEmpty() ? session->target().accountId
                                                             : session->target().accountName;
        glances << g;
    }
    const QString current = m_session ? keyOf(m_session->target()) : QString();
    m_accountList->setAccounts(glances, current);
    if (auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("accountsDock")))
        // One account: the status bar says it all; the support console has members, not accounts.
        dock->setVisible(glances.size() > 1 && !m_console);
    m_tray->setAccounts(glances, current);
}

void DesktopClient::applyTrayPreference()
{
    const bool keep =
        m_config.get(Config::Tray_KeepRunningOnClose).toBool() && TrayIcon::isAvailable();
    m_window->setKeepRunningOnClose(keep);
    QApplication::setQuitOnLastWindowClosed(!keep);
    m_tray->setVisible(TrayIcon::isAvailable());
}

NotificationPlanner::Settings DesktopClient::notificationSettings() const
{
    NotificationPlanner::Settings s;
    s.lowBalance = m_config.get(Config::Notify_LowBalance).toBool();
    s.refreshed = m_config.get(Config::Notify_Refreshed).toBool();
    s.expiringLot = m_config.get(Config::Notify_ExpiringLot).toBool();
    s.purchase = m_config.get(Config::Notify_Purchase).toBool();
    s.refund = m_config.get(Config::Notify_Refund).toBool();
    s.absoluteThresholds = m_config.get(Config::Notify_ThresholdsAbsolute).toBool();
    s.percents = {m_config.get(Config::Notify_LowPercent).toInt(),
                  m_config.get(Config::Notify_CriticalPercent).toInt()};
    s.amounts = {Credits::whole(m_config.get(Config::Notify_LowAmount).toLongLong()),
                 Credits::whole(m_config.get(Config::Notify_CriticalAmount).toLongLong())};
    return s;
}

void DesktopClient::applyNotificationSettings()
{
    const NotificationPlanner::Settings s = notificationSettings();
    for (const QPointer<ClientSession> &session : std::as_const(m_sessions))
        if (session)
            session->setNotificationSettings(s);
    updateGlances();
}

void DesktopClient::rememberAccount(const ClientSession::Target &target)
{
    // The server, the account and its CA file: never the token (that is in the keychain).
    QStringList list = m_config.get(Config::Accounts_List).toStringList();
    const QString key = keyOf(target);
    for (const QString &entry : std::as_const(list))
        if (QJsonDocument::fromJson(entry.toUtf8()).object().value(u"key").toString() == key)
            return;
    const QJsonObject entry{
        {QStringLiteral("key"), key},
        {QStringLiteral("server"), target.server.toString()},
        {QStringLiteral("account"), target.accountId},
        {QStringLiteral("name"), target.accountName},
        {QStringLiteral("ca_file"), target.caCertificates.isEmpty()
                                        ? QString()
                                        : m_config.get(Config::Server_CaFile).toString()}};
    list << QString::fromUtf8(QJsonDocument(entry).toJson(QJsonDocument::Compact));
    m_config.set(Config::Accounts_List, list);
}

void DesktopClient::forgetAccount(const ClientSession::Target &target)
{
    QStringList list = m_config.get(Config::Accounts_List).toStringList();
    const QString key = keyOf(target);
    list.removeIf([&key](const QString &entry) {
        return QJsonDocument::fromJson(entry.toUtf8()).object().value(u"key").toString() == key;
    });
    m_config.set(Config::Accounts_List, list);
}

void DesktopClient::restoreOtherAccounts()
{
    // The last account is restored by the sign-in flow (it is shown); the others join the
    // list and the tray as their tokens come back from the keychain.
    const QString last = m_config.get(Config::Server_Url).toString();
    const QString lastAccount = m_config.get(Config::Server_AccountId).toString();
    QList<QJsonObject> others;
    for (const QString &text : m_config.get(Config::Accounts_List).toStringList()) {
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
        if (o.value(u"server").toString() == last && o.value(u"account").toString() == lastAccount)
            continue;
        if (QUrl(o.value(u"server").toString()).isValid() &&
            !o.value(u"account").toString().isEmpty())
            others << o;
    }
    if (others.isEmpty())
        return;
    const auto load = [this, others] {
        for (const QJsonObject &o : others) {
            const QUrl server(o.value(u"server").toString());
            const QString account = o.value(u"account").toString();
            m_credentials->load(
                CredentialStore::keyFor(server, account),
                [this, o, server, account](bool found, const QString &token, const QString &) {
                    if (!found)
                        return;
                    ClientSession::Target target;
                    target.server = server;
                    target.accountId = account;
                    target.accountName = o.value(u"name").toString();
                    target.token = token;
                    target.trustedPins = m_config.get(Config::Server_TrustedPins).toStringList();
                    const QString caFile = o.value(u"ca_file").toString();
                    if (!caFile.isEmpty()) {
                        QFile f(caFile);
                        if (f.open(QIODevice::ReadOnly))
                            target.caCertificates =
                                QSslCertificate::fromData(f.read(1 << 20), QSsl::Pem);
                    }
                    addSession(target, false);
                });
        }
    };
    if (m_credentials->status() == CredentialStore::Status::Ok) {
        load();
        return;
    }
    connect(
        m_credentials.get(), &CredentialStore::probed, this,
        [load](CredentialStore::Status status) {
            if (status == CredentialStore::Status::Ok)
                load();
        },
        Qt::SingleShotConnection);
}

void DesktopClient::openWindow()
{
    m_window->show();
    m_window->setWindowState((m_window->windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    m_window->raise();
    m_window->activateWindow();
}

QString DesktopClient::diagnosticsText() const
{
    return DiagnosticsReport::text(sessions(), m_session, m_systemClock);
}

void DesktopClient::copyDiagnostics()
{
    QApplication::clipboard()->setText(diagnosticsText());
    tellMember(tr("Diagnostics copied to the clipboard — paste them into your support ticket. "
                  "They hold no token."));
}

void DesktopClient::showAccount(SyncedAccount *account)
{
    m_account = account;
    if (account && !account->timezone.isEmpty())
        m_zone = QTimeZone(account->timezone.toUtf8());
    if (account && account->source == SyncedAccount::Source::Server &&
        !account->displayName.isEmpty())
        m_window->setAccountText(
            tr("%1 on %2")
                .arg(account->displayName,
                     m_session ? m_session->target().server.host() : QString()));
    setScreensAccount(account);
    m_window->setHasAccount(account != nullptr || m_session);
    updateDemoClock();
    refreshViews();
}

void DesktopClient::setScreensAccount(SyncedAccount *account)
{
    m_dashboard->setAccount(account);
    if (m_tokenLog)
        m_tokenLog->setAccount(account);
    if (m_packs)
        m_packs->setAccount(account);
    if (m_plan)
        m_plan->setAccount(account);
}

void DesktopClient::refreshViews()
{
    m_dashboard->refresh();
    if (m_packs)
        m_packs->refresh();
    if (m_plan)
        m_plan->refresh();
}

void DesktopClient::buildPage(int page)
{
    switch (page) {
    case MainWindow::TokenLogPage:
        tokenLog();
        break;
    case MainWindow::PacksPage:
        packs();
        break;
    case MainWindow::PlanPage:
        plan();
        break;
    default:
        break;
    }
}

TokenLogView *DesktopClient::tokenLog()
{
    if (m_tokenLog)
        return m_tokenLog;
    m_tokenLog = new TokenLogView(m_viewClock);
    connect(m_tokenLog, &TokenLogView::refundRequested, this, &DesktopClient::requestRefund);
    m_window->setPage(MainWindow::TokenLogPage, m_tokenLog);
    if (m_account)
        m_tokenLog->setAccount(m_account);
    return m_tokenLog;
}

PacksView *DesktopClient::packs()
{
    if (m_packs)
        return m_packs;
    m_packs = new PacksView(m_viewClock);
    connect(m_packs, &PacksView::purchaseRequested, this, &DesktopClient::buy);
    m_window->setPage(MainWindow::PacksPage, m_packs);
    if (m_account) {
        m_packs->setAccount(m_account);
        m_packs->refresh();
    }
    return m_packs;
}

PlanView *DesktopClient::plan()
{
    if (m_plan)
        return m_plan;
    m_plan = new PlanView(m_viewClock);
    // A step clicked on the plan chart: its entries in the token log.
    connect(m_plan, &PlanView::entriesRequested, this, [this](qulonglong first, qulonglong end) {
        m_window->showPage(MainWindow::TokenLogPage);
        tokenLog()->selectEntries(first, end);
    });
    // Pack advice: the packs screen's own confirmation, for the advised pack or amount.
    connect(m_plan, &PlanView::buyRequested, this, [this](const QString &pack, Credits amount) {
        m_window->showPage(MainWindow::PacksPage);
        if (pack.isEmpty())
            packs()->askToBuyAmount(amount);
        else
            packs()->askToBuyPack(pack);
    });
    m_window->setPage(MainWindow::PlanPage, m_plan);
    if (m_account) {
        m_plan->setAccount(m_account);
        m_plan->refresh();
    }
    return m_plan;
}

SupportWorkspace *DesktopClient::supportWorkspace()
{
    if (!m_supportWorkspace) {
        m_supportWorkspace = new SupportWorkspace(m_viewClock);
        m_window->setSupportWorkspace(m_supportWorkspace);
    }
    return m_supportWorkspace;
}

void DesktopClient::updateStatus()
{
    if (!m_session)
        return;
    const SyncStatus status = m_session->status();
    m_window->setSyncStatus(status);
    m_dashboard->setStatusLine(
        status.text(), status.tone() == SyncStatus::Tone::Good      ? ThemePalette::Tone::Good
                       : status.tone() == SyncStatus::Tone::Warning ? ThemePalette::Tone::Warning
                       : status.tone() == SyncStatus::Tone::Error   ? ThemePalette::Tone::Critical
                                                                    : ThemePalette::Tone::Muted);
    bool error = false;
    const QString banner = m_session->bannerText(&error);
    m_window->offlineBanner()->showMessage(banner, error);
}

void DesktopClient::announceShown()
{
    if (m_showing)
        return;
    m_showing = true;
    emit accountShown();
}

void DesktopClient::signOut(bool deleteCache)
{
    if (m_console) {
        // A support agent's sign-out always deletes what the console kept of members.
        const QUrl server = m_console->connection().baseUrl();
        stopSupport();
        if (!m_demo)
            m_signInFlow->forget(server, SupportConsole::agentKey());
        m_window->setHasAccount(false);
        m_window->setSyncStatus({});
        m_window->setAccountText({});
        m_window->offlineBanner()->showMessage({});
        return;
    }
    if (!m_session)
        return;
    const ClientSession::Target target = m_session->target();
    removeSession(m_session, deleteCache);
    setScreensAccount(nullptr);
    if (!m_demo) {
        m_signInFlow->forget(target.server, target.accountId);
        forgetAccount(target);
    }
    refreshViews();
    // Another account, if there is one, is shown instead.
    for (const QPointer<ClientSession> &other : std::as_const(m_sessions)) {
        if (other) {
            switchTo(other);
            return;
        }
    }
    m_window->setHasAccount(false);
    m_window->setSyncStatus({});
    m_window->setAccountText({});
    m_window->offlineBanner()->showMessage({});
}

void DesktopClient::updateDemoClock()
{
    if (!m_demo)
        return;
    const QDateTime t = QDateTime::fromSecsSinceEpoch(m_demo->clock().now(), m_zone);
    m_window->demoBar()->setClockText(
        QLocale().toString(t, QStringLiteral("ddd d MMM yyyy, HH:mm")) +
        QStringLiteral(" (%1)").arg(QString::fromLatin1(m_zone.id())));
}

SignInDialog *DesktopClient::signInDialog()
{
    if (!m_signIn) {
        m_signIn = new SignInDialog(m_window.get());
        m_signIn->setServerUrl(m_config.get(Config::Server_Url).toString());
        m_signIn->setCaFile(m_config.get(Config::Server_CaFile).toString());
        m_signInFlow->attach(m_signIn);
    }
    return m_signIn;
}

SettingsDialog *DesktopClient::settingsDialog()
{
    if (!m_settings) {
        m_settings = new SettingsDialog(m_config, m_window.get());
        connect(m_settings, &SettingsDialog::themeChosen, m_window.get(), &MainWindow::applyTheme);
        connect(m_settings, &SettingsDialog::signOutRequested, m_window.get(),
                &MainWindow::askSignOut);
    }
    if (m_session)
        m_settings->setAccount(m_session->target().server.toString(),
                               m_account && !m_account->displayName.isEmpty()
                                   ? m_account->displayName
                                   : m_session->target().accountId);
    else
        m_settings->setAccount({}, {});
    return m_settings;
}

void DesktopClient::tellMember(const QString &message)
{
    m_window->statusBar()->showMessage(message, 8000);
}

void DesktopClient::buy(const QString &pack, Credits amount)
{
    if (!m_session || !m_session->purchases()) {
        tellMember(tr("A scenario file is read-only: nothing can be bought here."));
        return;
    }
    PurchaseFlow *flow = m_session->purchases();
    connect(
        flow, &PurchaseFlow::refused, this,
        [this](const QByteArray &, const QString &why) {
            tellMember(tr("The purchase was not made: %1").arg(why));
        },
        Qt::UniqueConnection);
    connect(
        flow, &PurchaseFlow::settled, this,
        [this](const QByteArray &, const PurchaseInfo &purchase) {
            if (m_session)
                m_session->syncNow(); // the credits arrive with the next events
            tellMember(purchase.status == u"completed"
                           ? tr("Payment received: %1 added.").arg(purchase.amount.toString())
                           : tr("The payment failed: %1").arg(purchase.failureReason));
        },
        Qt::UniqueConnection);
    connect(
        flow, &PurchaseFlow::progressed, this,
        [this](const QByteArray &, const PurchaseInfo &) {
            if (m_session)
                m_session->syncNow();
        },
        Qt::UniqueConnection);
    if (pack.isEmpty())
        flow->buyAmount(amount);
    else
        flow->buyPack(pack, amount);
    tellMember(tr("Waiting for payment — usually under a minute."));
}

void DesktopClient::requestRefund(const QString &taskId, const QString &reason)
{
    if (!m_session) {
        tellMember(tr("A scenario file is read-only: refunds are asked of the server."));
        return;
    }
    auto *job = new RefundRequestJob(&m_session->connection(), m_session->target().accountId,
                                     taskId, reason);
    connect(job, &RefundRequestJob::finished, this, [this](const RefundRequestJob::Result &r) {
        if (const auto *failure = std::get_if<ApiFailure>(&r)) {
            tellMember(tr("The refund request was not sent: %1").arg(failure->message));
            return;
        }
        tellMember(tr("Refund requested. Support's answer appears in the token log."));
        if (m_session)
            m_session->syncNow();
    });
    job->start();
}

void DesktopClient::exportLog()
{
    auto *chooser = new QFileDialog(m_window.get(), tr("Export the token log as CSV"), QString(),
                                    tr("CSV files (*.csv)"));
    chooser->setObjectName(QStringLiteral("exportChooser"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setAcceptMode(QFileDialog::AcceptSave);
    chooser->setDefaultSuffix(QStringLiteral("csv"));
    connect(chooser, &QFileDialog::fileSelected, this, [this](const QString &path) {
        const QString problem = tokenLog()->exportCsv(path);
        tellMember(problem.isEmpty() ? tr("Exported to %1.").arg(QDir::toNativeSeparators(path))
                                     : tr("The export failed: %1").arg(problem));
    });
    chooser->open();
}

void DesktopClient::showSignIn()
{
    SignInDialog *dialog = signInDialog();
    dialog->showError({});
    dialog->open();
}

void DesktopClient::showSettings()
{
    settingsDialog()->open();
}

void DesktopClient::startSupport(const ClientSession::Target &target)
{
    // A support agent has no account of their own: the member screens empty out.
    if (m_session)
        removeSession(m_session, false);
    setScreensAccount(nullptr);
    m_scenarioAccount.reset();
    m_account.clear();
    m_window->scenarioBar()->hide();
    const QString cacheRoot = m_demo ? m_demo->dataDirectory() + QStringLiteral("/support-cache")
                                     : m_dataDir + QStringLiteral("/support");
    const Clock &clock = m_demo ? static_cast<const Clock &>(m_demo->clock()) : m_systemClock;
    if (!m_demo)
        m_viewClock.follow(m_systemClock);
    auto *console = new SupportConsole(target, clock, cacheRoot, *supportWorkspace(), m_config,
                                       m_decider.get(), this);
    m_console = console;
    updateGlances();
    connect(console, &SupportConsole::ready, this, [this, console] {
        m_window->showSupportWorkspace();
        m_window->offlineBanner()->showMessage({});
        m_window->setAccountText(
            tr("%1 (support) on %2")
                .arg(console->agentLabel(), console->connection().baseUrl().host()));
        m_supportWorkspace->showSearch();
        announceShown();
    });
    connect(console, &SupportConsole::refused, this, [this, console](const QString &message) {
        if (m_console == console)
            stopSupport();
        m_window->setHasAccount(false);
        m_window->offlineBanner()->showMessage(message, true);
    });
    connect(console, &SupportConsole::told, this, &DesktopClient::tellMember);
    m_window->setAccountText(tr("Support agent on %1").arg(target.server.host()));
    console->start();
}

SupportConsole *DesktopClient::supportConsole() const
{
    return m_console.data();
}

void DesktopClient::stopSupport()
{
    if (!m_console)
        return;
    SupportConsole *console = m_console;
    m_console.clear();
    console->signOut();
    console->deleteLater();
    updateGlances();
}

} // namespace creditdesk
