#pragma once

#include "AccountGlance.h"
#include "NotificationIntent.h"

#include <QIcon>
#include <QList>
#include <QObject>

class QAction;
class QActionGroup;
class QMenu;
class QSystemTrayIcon;

namespace creditdesk {

// The app in the system tray: the current account's available balance in the tooltip (every
// account's, one line each, when there are several), an icon state — normal, low, empty,
// offline — drawn as a badge on the app icon, and when the balance or a usage window is
// exhausted the time it comes back. Its menu lists each account with its balance (choosing one
// shows it), then "Sync now", "Open CreditDesk" and "Quit". It only shows what it is given
// and emits what the member chose; the app acts. showIntent() shows a notification the
// planner decided through QSystemTrayIcon::showMessage (the desktop's notification service).
//
// Offscreen and under a bare X server there is no tray (isAvailable() false): the icon is not
// shown, but its menu, tooltip and state are still kept, so tests and screenshots can read them.
class TrayIcon : public QObject
{
    Q_OBJECT
public:
    explicit TrayIcon(QObject *parent = nullptr);
    ~TrayIcon() override;

    static bool isAvailable();
    // Shows the icon when the platform has a tray (and hides it when not asked).
    void setVisible(bool visible);
    bool isVisible() const;

    void setAccounts(const QList<AccountGlance> &accounts, const QString &currentKey);
    void showIntent(const NotificationIntent &intent);

    QMenu *menu() const { return m_menu; }
    QString toolTip() const { return m_toolTip; }
    AccountGlance::State state() const { return m_state; }
    QIcon icon() const { return m_icon; }
    // The notifications shown in this run, oldest first (what a test can see offscreen).
    const QList<NotificationIntent> &shown() const { return m_shown; }
    // The icon for a state, drawn on `base` (the app icon).
    static QIcon iconFor(AccountGlance::State state, const QIcon &base);
    // A small mark in the state's colour, for the menu's account lines.
    static QIcon dotFor(AccountGlance::State state);

signals:
    void syncRequested();
    void openRequested();
    void quitRequested();
    void accountChosen(const QString &key);

private:
    void rebuildMenu(const QList<AccountGlance> &accounts, const QString &currentKey);

    QSystemTrayIcon *m_tray;
    QMenu *m_menu;
    QList<QAction *> m_accountActions; // one per account ("Not signed in" when none)
    QAction *m_accountsEnd = nullptr;  // the separator after them
    QAction *m_syncAction = nullptr;
    QActionGroup *m_accountGroup = nullptr;
    QString m_toolTip;
    AccountGlance::State m_state = AccountGlance::State::Unknown;
    QIcon m_icon;
    QList<NotificationIntent> m_shown;
    bool m_wanted = false;
};

} // namespace creditdesk
