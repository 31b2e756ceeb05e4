#pragma once

#include <QObject>
#include <QVariant>

#include <memory>

class QSettings;

namespace creditdesk {

// The app's settings, typed: one table of keys with their stored names and defaults (as
// KeePassXC's Config), QSettings underneath. Never a secret: the token lives in the keychain
// or in memory, nowhere here. get() of an unknown or unset key gives its default.
class Config : public QObject
{
    Q_OBJECT
public:
    enum ConfigKey {
        GUI_Theme,              // "system", "light", "dark"
        GUI_MainWindowGeometry, // QByteArray from saveGeometry()
        GUI_MainWindowState,    // QByteArray from saveState()
        GUI_CurrentPage,        // 0 dashboard, 1 token log, 2 packs
        GUI_LastScenarioDirectory,
        Server_Url,             // the last server signed in to
        Server_CaFile,          // its CA file, empty for the system's CAs
        Server_AccountId,       // the account last shown
        Server_TokenInKeychain, // true when a token was stored (so start-up may look for it)
        Server_TrustedPins,     // certificates the member trusted ("ca:<sha256>", "key:<sha256>")
        Sync_IntervalSeconds,   // while the window is visible
        // Branch tray: the tray icon, notifications and several accounts.
        Tray_KeepRunningOnClose,   // closing the window leaves the app in the tray
        Notify_LowBalance,         // available credits crossed a threshold
        Notify_Refreshed,          // the plan's credits refreshed
        Notify_ExpiringLot,        // a lot expires unused within a day
        Notify_Purchase,           // a pending purchase settled or failed
        Notify_Refund,             // a refund request was decided
        Notify_ThresholdsAbsolute, // false: percentages of the plan's allotment
        Notify_LowPercent,         // the first threshold, % of the allotment
        Notify_CriticalPercent,    // the second threshold
        Notify_LowAmount,          // the first threshold as an amount (whole credits)
        Notify_CriticalAmount,     // the second threshold as an amount
        Accounts_List,             // accounts signed in to: JSON (server, account, CA file), no token
        Support_RecentMembers,  // the support console's recent members (JSON objects as text)
        KeyCount
    };
    Q_ENUM(ConfigKey)

    // `path` empty: the platform's usual place (QSettings' organization/application).
    explicit Config(const QString &path = {}, QObject *parent = nullptr);
    ~Config() override;

    QVariant get(ConfigKey key) const;
    void set(ConfigKey key, const QVariant &value);
    void remove(ConfigKey key);
    void sync();
    QString fileName() const;

    static QString keyName(ConfigKey key);
    static QVariant defaultValue(ConfigKey key);

signals:
    void changed(creditdesk::Config::ConfigKey key);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace creditdesk
