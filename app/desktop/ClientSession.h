#pragma once

#include "EventsSync.h"
#include "NotificationIntent.h"
#include "NotificationPlanner.h"
#include "SyncStatus.h"

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace creditdesk {

class AccountNotifications;
class AccountSession;
class Clock;
class PurchaseFlow;
class ServerConnection;
class SyncSchedule;
class SyncedAccount;
class TlsDecider;

// The app's side of one signed-in account: sync's AccountSession (connection, cache, events
// sync, schedule, purchases, packs) with the UI's TLS decider on its connection, the pins the
// member trusts passed back for the settings, and the sync state in the words the status bar
// and the banner show (status(), bannerText()). The account appears (accountReady) from the
// cache at once when there is one, else after the first sync.
class ClientSession : public QObject
{
    Q_OBJECT
public:
    struct Target
    {
        QUrl server;
        QList<QSslCertificate> caCertificates; // a self-hosted server's CA; empty: the system's
        QStringList trustedPins;
        QString accountId;
        QString accountName;
        QString token;
        QString role; // "support" for a support agent's token (the Support workspace); else empty
    };

    ClientSession(Target target, const Clock &clock, const QString &cacheDirectory,
                  TlsDecider *decider, QObject *parent = nullptr);
    ~ClientSession() override;

    // Opens the cache (a corrupt one is set aside), shows what it holds, and syncs.
    bool start(QString *error);
    void syncNow();
    // Whether the main window can be seen: hidden or minimized polls every 5 min, not 30 s.
    void setVisible(bool visible);
    // Forgets the token and stops syncing; with `deleteCache` the cache file goes too.
    void signOut(bool deleteCache);

    const Target &target() const { return m_target; }
    SyncedAccount *account() const;
    ServerConnection &connection() const;
    PurchaseFlow *purchases() const;
    SyncSchedule &schedule() const;
    SyncStatus status() const;
    // The banner's text for the state (offline, signed out by the server, TLS), or empty.
    QString bannerText(bool *error) const;
    const EventsSync::Report &lastReport() const { return m_lastReport; }

    // Branch tray. A failed sync, kept for "Copy diagnostics" (the last ten, oldest first).
    struct SyncError
    {
        TimePoint at = NoTime; // local clock
        QString message;
    };
    const QList<SyncError> &recentErrors() const { return m_errors; }
    // What the notifications decide with (the planner's settings from the Config).
    void setNotificationSettings(const NotificationPlanner::Settings &settings);
    AccountSession &accountSession() const { return *m_session; }
    // Whether a sync is running now.
    bool isSyncing() const;

signals:
    void accountReady(creditdesk::SyncedAccount *account);
    void statusChanged();
    void synced(const creditdesk::EventsSync::Report &report);
    void trustedPinsChanged(const QStringList &pins);
    // Something worth telling the member (NotificationPlanner decided it; the tray shows it).
    void notificationIntent(const creditdesk::NotificationIntent &intent);

private:
    void onSyncFinished(const EventsSync::Report &report);

    Target m_target;
    const Clock &m_clock;
    QString m_cacheDirectory;
    AccountSession *m_session;
    AccountNotifications *m_notifications = nullptr;
    NotificationPlanner::Settings m_notificationSettings;
    QList<SyncError> m_errors;
    EventsSync::Report m_lastReport;
    TimePoint m_lastSynced = NoTime;
    bool m_syncing = false;
    bool m_reported = false; // m_lastReport holds a real report
};

} // namespace creditdesk
