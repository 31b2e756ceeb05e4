#pragma once

#include "SyncStatus.h"
#include "ThemeSetting.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace creditdesk {

class Config;
class DemoBar;
class OfflineBanner;
class ScenarioBar;
class WelcomePage;

// The one window: a sidebar (Dashboard, Token log, Packs, Plan ahead) beside the screen it picks, the
// offline banner above the screens, the scenario bar or the demo bar when those are open, the
// sync state in one line in the status bar, and the menus. It shows what it is given and emits
// what the member asked for; the DesktopClient does the work. Remembers its geometry.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page { DashboardPage = 0, TokenLogPage = 1, PacksPage = 2, PlanPage = 3 };
    static constexpr int PageCount = 4;

    explicit MainWindow(Config &config, QWidget *parent = nullptr);
    ~MainWindow() override;

    // The screens (the window takes them); until then placeholders.
    void setPage(Page page, QWidget *widget);
    QWidget *page(Page page) const;
    void showPage(Page page);
    Page currentPage() const;
    // Without an account the welcome page replaces the screens and the sidebar.
    void setHasAccount(bool hasAccount);
    // A support agent's sign-in: the Support workspace (the window takes it) replaces the
    // member's screens and sidebar until setHasAccount() is called again.
    void setSupportWorkspace(QWidget *workspace);
    void showSupportWorkspace();
    bool isShowingSupport() const;

    void setSyncStatus(const SyncStatus &status);
    SyncStatus syncStatus() const { return m_status; }
    // Shown and not minimized.
    bool isSeen() const { return m_seen; }
    // Right side of the status bar: whose account, on which server.
    void setAccountText(const QString &text);

    OfflineBanner *offlineBanner() const { return m_banner; }
    ScenarioBar *scenarioBar() const { return m_scenarioBar; }
    DemoBar *demoBar() const { return m_demoBar; }

    // The reader's error for a scenario file, in a dialog (not blocking: open()).
    void showScenarioError(const QString &path, const QString &error);
    // Asks whether to delete the cache too (not blocking); answers with signOutConfirmed().
    void askSignOut();
    void applyTheme(ThemePalette::Scheme scheme);
    // Branch tray: closing the window hides it (the app stays in the tray) instead of closing;
    // File › Quit still quits (quitRequested).
    void setKeepRunningOnClose(bool keep) { m_keepRunning = keep; }

signals:
    void openScenarioRequested(const QString &path);
    void exportLogRequested();
    void signInRequested();
    void signOutConfirmed(bool deleteCache);
    void syncRequested();
    void settingsRequested();
    // The look changed (colours that carry state are picked again).
    void themeApplied();
    // The window was shown, hidden, minimized or restored: whether the member can see it
    // (the sync polls slower when not).
    void seenChanged(bool seen);
    // Branch tray: Help › Copy diagnostics; File › Quit (after the window closed).
    void copyDiagnosticsRequested();
    void quitRequested();
    // The page is about to become the current one (before it is shown): a screen built on
    // first show (DesktopClient) is made here, in time for its first paint.
    void pageWanted(creditdesk::MainWindow::Page page);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildMenus();
    void chooseScenarioFile();
    void showAbout();
    void updateSeen();

    Config &m_config;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    QStackedWidget *m_body; // the welcome page, the sidebar with the screens, or support
    QWidget *m_support = nullptr;
    WelcomePage *m_welcome;
    OfflineBanner *m_banner;
    ScenarioBar *m_scenarioBar;
    DemoBar *m_demoBar;
    QLabel *m_statusLine;
    QLabel *m_accountLine;
    SyncStatus m_status;
    QAction *m_syncAction = nullptr;
    QAction *m_signOutAction = nullptr;
    QAction *m_exportAction = nullptr;
    QList<QAction *> m_themeActions;
    bool m_seen = false;
    bool m_keepRunning = false;
    bool m_quitting = false;
};

} // namespace creditdesk
