#pragma once

#include "ClientSession.h"
#include "Credits.h"
#include "SystemClock.h"
#include "TimePoint.h"
#include "ViewClock.h"

#include <QObject>
#include <QPointer>
#include <QTimeZone>

#include <memory>

namespace creditdesk {

class Config;
class CredentialStore;
class DashboardView;
class DemoSession;
class MainWindow;
class PacksView;
class SettingsDialog;
class SignInDialog;
class SignInFlow;
class SupportConsole;
class SupportWorkspace;
class SyncedAccount;
class TlsDialogDecider;
class TokenLogView;

// The app put together: the main window, and what its menus, bars and dialogs ask for —
// sign in and out, sync, open a scenario file, run the demo. It owns the window, the current
// account session (or scenario account) and the clock the screens read; views get the account,
// the window gets the sync state in words.
class DesktopClient : public QObject
{
    Q_OBJECT
public:
    explicit DesktopClient(Config &config, QObject *parent = nullptr);
    ~DesktopClient() override;

    MainWindow &window() { return *m_window; }
    DemoSession *demo() const { return m_demo; }
    ClientSession *session() const { return m_session; }
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
    // Signs in to `target` (what the sign-in flow or the demo found).
    void startSession(const ClientSession::Target &target);
    // The moment the screens show (a scenario's or the demo's), in the account's zone.
    TimePoint moment() const { return m_viewClock.now(); }
    // Whether the screens show an account yet (accountShown() was emitted).
    bool isShowingAccount() const { return m_showing; }

    SignInDialog *signInDialog();
    SettingsDialog *settingsDialog();
    DashboardView *dashboard() const { return m_dashboard; }
    TokenLogView *tokenLog() const { return m_tokenLog; }
    PacksView *packs() const { return m_packs; }
    // The Support workspace (always made; shown for a support token) and the console behind
    // it while a support agent is signed in.
    SupportWorkspace *supportWorkspace() const { return m_supportWorkspace; }
    SupportConsole *supportConsole() const;

signals:
    // The screens show an account (a scenario opened, or a session's first sync ended).
    void accountShown();

private:
    void showSignIn();
    void showSettings();
    void signOut(bool deleteCache);
    void updateDemoClock();
    void setMoment(TimePoint t);
    void showAccount(SyncedAccount *account);
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
    TokenLogView *m_tokenLog;
    PacksView *m_packs;
    SupportWorkspace *m_supportWorkspace;
    QPointer<SupportConsole> m_console;
    SignInFlow *m_signInFlow;
    DemoSession *m_demo = nullptr;
    QPointer<ClientSession> m_session;
    QPointer<SyncedAccount> m_account;
    std::unique_ptr<SyncedAccount> m_scenarioAccount;
    QPointer<SignInDialog> m_signIn;
    QPointer<SettingsDialog> m_settings;
    QString m_dataDir;
    QTimeZone m_zone = QTimeZone::utc();
    bool m_showing = false;
};

} // namespace creditdesk
