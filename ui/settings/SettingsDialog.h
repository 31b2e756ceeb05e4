#pragma once

#include "ThemeSetting.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QRadioButton;
class QLabel;
class QPushButton;
class QSpinBox;

namespace creditdesk {

class Config;

// Settings: the look (System / Light / Dark, applied at once), how often to sync while the
// window is visible, the tray and notifications (keep running in the tray on close; each kind
// of notification on or off; the low-balance thresholds as percentages of the plan's allotment
// or as amounts), and the account signed in to with its "Sign out…" button. Writes what it
// changes to the Config; asks others to act through signals.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(Config &config, QWidget *parent = nullptr);

    // Shown under "Account": the server and the account's name, or "not signed in".
    void setAccount(const QString &server, const QString &account);

signals:
    void themeChosen(creditdesk::ThemePalette::Scheme scheme);
    void signOutRequested();

private:
    QWidget *buildNotifications();
    void updateThresholdFields();

    Config &m_config;
    QComboBox *m_theme;
    QSpinBox *m_interval;
    QCheckBox *m_keepInTray;
    QList<QCheckBox *> m_kinds;
    QRadioButton *m_percent;
    QRadioButton *m_absolute;
    QSpinBox *m_lowPercent;
    QSpinBox *m_criticalPercent;
    QSpinBox *m_lowAmount;
    QSpinBox *m_criticalAmount;
    QLabel *m_account;
    QPushButton *m_signOut;
};

} // namespace creditdesk
