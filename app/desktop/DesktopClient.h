#pragma once

#include "TimePoint.h"

#include <QObject>
#include <QPointer>
#include <QTimeZone>

#include <memory>

namespace creditdesk {

class Config;
class DemoSession;
class MainWindow;
class SettingsDialog;
class SignInDialog;

// The app put together: the main window, and what its menus, bars and dialogs ask for —
// sign in and out, sync, open a scenario file, run the demo. It owns the window and the
// current account; views get the account, the window gets the sync state in words.
class DesktopClient : public QObject
{
    Q_OBJECT
public:
    explicit DesktopClient(Config &config, QObject *parent = nullptr);
    ~DesktopClient() override;

    MainWindow &window() { return *m_window; }
    DemoSession *demo() const { return m_demo; }

    // Opens a scenario file read-only; a malformed file shows the reader's error in a dialog.
    // Returns whether it opened.
    bool openScenario(const QString &path);
    // `creditdesk --demo`: starts the in-process server at `start` and signs in to it.
    bool startDemo(TimePoint start, QString *error);
    // The moment the screens show (a scenario's or the demo's), in the account's zone.
    TimePoint moment() const { return m_moment; }
    // Whether the screens show an account yet (accountShown() was emitted).
    bool isShowingAccount() const { return m_showing; }

    // The sign-in dialog (created on demand), for the screenshots and tests.
    SignInDialog *signInDialog();
    SettingsDialog *settingsDialog();

signals:
    // The screens show an account (after a scenario opened or a sync finished).
    void accountShown();

private:
    void showSignIn();
    void showSettings();
    void updateDemoClock();
    void setMoment(TimePoint t);

    Config &m_config;
    std::unique_ptr<MainWindow> m_window;
    DemoSession *m_demo = nullptr;
    QPointer<SignInDialog> m_signIn;
    QPointer<SettingsDialog> m_settings;
    TimePoint m_moment = NoTime;
    bool m_showing = false;
    QTimeZone m_zone = QTimeZone::utc();
};

} // namespace creditdesk
