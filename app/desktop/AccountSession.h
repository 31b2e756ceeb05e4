#pragma once

#include "EventsSync.h"
#include "SyncStatus.h"

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace creditdesk {

class AccountCache;
class Clock;
class PurchaseFlow;
class ServerConnection;
class SyncSchedule;
class SyncedAccount;
class TlsDecider;

// One signed-in account on one server, the way the screens need it: the connection (token in
// memory, the server's CA for its requests only, the pins the member trusted, TLS decisions
// through the UI's decider), the account's SQLite cache, the events sync and its schedule (at
// start, every 30 s while visible, back-off when failing, syncNow() for F5), the purchase flow,
// and the sync state in words (status()). The account appears (accountReady) from the cache at
// once when there is one, else after the first sync.
class AccountSession : public QObject
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
    };

    AccountSession(Target target, const Clock &clock, const QString &cacheDirectory,
                   TlsDecider *decider, QObject *parent = nullptr);
    ~AccountSession() override;

    // Opens the cache (a corrupt one is set aside), shows what it holds, and syncs.
    bool start(QString *error);
    void syncNow();
    void setVisible(bool visible);
    // Forgets the token and stops syncing; with `deleteCache` the cache file goes too.
    void signOut(bool deleteCache);

    const Target &target() const { return m_target; }
    SyncedAccount *account() const;
    ServerConnection &connection() const { return *m_connection; }
    PurchaseFlow *purchases() const { return m_purchases; }
    SyncStatus status() const;
    // The banner's text for the state (offline, signed out by the server, TLS), or empty.
    QString bannerText(bool *error) const;
    const EventsSync::Report &lastReport() const { return m_lastReport; }

signals:
    void accountReady(creditdesk::SyncedAccount *account);
    void statusChanged();
    void synced(const creditdesk::EventsSync::Report &report);
    void trustedPinsChanged(const QStringList &pins);

private:
    void onSyncFinished(const EventsSync::Report &report);
    void announceAccount();
    void fetchPacks();

    Target m_target;
    const Clock &m_clock;
    QString m_cacheDirectory;
    ServerConnection *m_connection;
    std::unique_ptr<AccountCache> m_cache;
    EventsSync *m_events = nullptr;
    SyncSchedule *m_schedule = nullptr;
    PurchaseFlow *m_purchases = nullptr;
    EventsSync::Report m_lastReport;
    TimePoint m_lastSynced = NoTime;
    bool m_announced = false;
    bool m_reported = false; // m_lastReport holds a real report
    bool m_packsFetched = false;
};

} // namespace creditdesk
