#pragma once

#include "ClientSession.h"
#include "Credits.h"
#include "SystemClock.h"
#include "TimePoint.h"
#include "ViewClock.h"

#include <QObject>
#include <QPointer>
#include <QTimeZone>

class QTimer;

#include <memory>

namespace creditdesk {

class AccountListView;
class Config;
class CredentialStore;
class DashboardView;
class DemoSession;
class MainWindow;
class PacksView;
class PlanView;
class SettingsDialog;
class SignInDialog;
class SignInFlow;
class SupportConsole;
class SupportWorkspace;
class SyncedAccount;
class TlsDialogDecider;
class TokenLogView;
class TrayIcon;
struct NotificationIntent;

// The app put together: the main window, and what its menus, bars and dialogs ask for —
// sign in and out, sync, open a scenario file, run the demo. It owns the window, the account
// sessions (several accounts, each with its own token, cache and independent async sync; one
// of them shown), or a scenario account, and the clock the screens read; views get the shown
// account, the window gets its sync state in words. The tray and the account list get every
// account at a glance; the tray shows the notifications each session's planner decides.
class DesktopClient : public QObject
{
    Q_OBJECT
public:
    explicit DesktopClient(Config &config, QObject *parent = nullptr);
    ~DesktopClient() override;

    MainWindow &window() { return *m_window; }
    DemoSession *demo() const { return m_demo; }
    // The session whose account the screens show (nullptr: none, or a scenario file).
    ClientSession *session() const { return m_session; }
    // Every signed-in account, in the order they were added.
    QList<ClientSession *> sessions() const;
    // "https://host:port#account": what names an account across the list, tray and settings.
    static QString keyOf(const ClientSession::Target &target);
    // Shows that account (from the list or the tray); false if there is none by that key.
    bool showSession(const QString &key);
    TrayIcon *tray() const { return m_tray; }
    AccountListView *accountList() const { return m_accountList; }
    // Help › Copy diagnostics: the text put on the clipboard (never a token).
    QString diagnosticsText() const;
    void copyDiagnostics();
    SyncedAccount *account() const { return m_account; }
    const Clock &viewClock() const { return m_viewClock; }

    // Where account caches live (default: the platform's app data directory).
    void setDataDirectory(const QString &directory) { m_dataDir = directory; }
    // Looks for the last account's token in the keychain and signs in with it.
    void restoreSession();
    // Opens a scenario file read-only; a malformed file shows the reader's error in a dialog.
    // Returns whether it opened.
    bool openScenario(const QString &path);
    // `creditdesk --demo`: starts the in-process server at `start` and signs in to it.
    // `preset`: show that preset's member first (else the first member).
    // `followWallTime`: the demo's clock also runs at the wall clock's pace between the
    // presenter's moves (the interactive demo; tests and screenshots keep it still).
    bool startDemo(TimePoint start, QString *error, const QString &preset = {},
                   bool followWallTime = false);
    // Signs in to `target` (what the sign-in flow or the demo found) and shows it.
    void startSession(const ClientSession::Target &target);
    // Adds an account beside the others (its own session); `show`: the screens show it.
    // An account already there is shown (or replaced, with a new token).
    void addSession(const ClientSession::Target &target, bool show);
    // The moment the screens show (a scenario's or the demo's), in the account's zone.
    TimePoint moment() const { return m_viewClock.now(); }
    // Whether the screens show an account yet (accountShown() was emitted).
    bool isShowingAccount() const { return m_showing; }

    SignInDialog *signInDialog();
    SettingsDialog *settingsDialog();
    DashboardView *dashboard() const { return m_dashboard; }
    // The other screens are built on first show (a cold start paints the dashboard only, and
    // sooner without them); asking for one builds it, with the shown account.
    TokenLogView *tokenLog();
    PacksView *packs();
    PlanView *plan();
    // The Support workspace (built when first asked for or at a support sign-in; shown for a
    // support token) and the console behind it while a support agent is signed in.
    SupportWorkspace *supportWorkspace();
    SupportConsole *supportConsole() const;

signals:
    // The screens show an account (a scenario opened, or a session's first sync ended).
    void accountShown();
    // A notification was handed to the tray (shown where the platform has a tray).
    void notified(const creditdesk::NotificationIntent &intent);

private:
    void switchTo(ClientSession *session);
    void removeSession(ClientSession *session, bool deleteCache);
    void updateGlances();
    void scheduleGlances();
    void syncAll();
    void applyTrayPreference();
    void applyNotificationSettings();
    NotificationPlanner::Settings notificationSettings() const;
    void rememberAccount(const ClientSession::Target &target);
    void forgetAccount(const ClientSession::Target &target);
    void restoreOtherAccounts();
    void openWindow();
    void showSignIn();
    void showSettings();
    void signOut(bool deleteCache);
    void updateDemoClock();
    void setMoment(TimePoint t);
    void showAccount(SyncedAccount *account);
    // The account every built screen shows (the ones not built yet get it when built).
    void setScreensAccount(SyncedAccount *account);
    void buildPage(int page);
    void updateStatus();
    void refreshViews();
    void announceShown();
    void buy(const QString &pack, Credits amount);
    void requestRefund(const QString &taskId, const QString &reason);
    void exportLog();
    void tellMember(const QString &message);
    void startSupport(const ClientSession::Target &target);
    void stopSupport();

    Config &m_config;
    SystemClock m_systemClock;
    ViewClock m_viewClock;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<CredentialStore> m_credentials;
    std::unique_ptr<TlsDialogDecider> m_decider;
    DashboardView *m_dashboard;
    TokenLogView *m_tokenLog = nullptr; // null until first shown (tokenLog())
    PacksView *m_packs = nullptr;
    PlanView *m_plan = nullptr;
    SupportWorkspace *m_supportWorkspace = nullptr;
    QPointer<SupportConsole> m_console;
    SignInFlow *m_signInFlow;
    DemoSession *m_demo = nullptr;
    QPointer<ClientSession> m_session;
    QList<QPointer<ClientSession>> m_sessions;
    TrayIcon *m_tray;
    AccountListView *m_accountList;
    QTimer *m_glanceTimer;
    QTimer *m_glanceSoon;
    QPointer<SyncedAccount> m_account;
    std::unique_ptr<SyncedAccount> m_scenarioAccount;
    QPointer<SignInDialog> m_signIn;
    QPointer<SettingsDialog> m_settings;
    QString m_dataDir;
    QTimeZone m_zone = QTimeZone::utc();
    bool m_showing = false;
};

} // namespace creditdesk
