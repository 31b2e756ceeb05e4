#pragma once

#include "EventsSync.h"

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
class SyncTimer;

// One signed-in member account, wired the way the app uses it: the ServerConnection, the
// account's AccountCache file, EventsSync, the SyncSchedule that drives it, the PurchaseFlow,
// and the pack catalogue (fetched after a sync, into SyncedAccount::packs).
//
// start() shows the cache at once (EventsSync::startFromCache: its head, the full history
// following off the UI thread) and then syncs; the schedule polls while
// signed in (30 s visible / 5 min hidden, back-off, paused offline, syncNow for F5). Each sync's
// Report is passed on (syncFinished) and steers the schedule: a 429 waits its Retry-After, a
// network failure backs off, a 401 or a declined certificate stops polling until the member
// acts. signOut() stops everything and, if asked, deletes the cache file; the token itself
// lives in CredentialStore, which the caller clears.
class AccountSession : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl server;
        QString accountId;
        QString cacheDirectory;
        QList<QSslCertificate> caCertificates; // a self-hosted server's private CA
        QStringList trustedPins;               // certificates the member trusted before
    };

    AccountSession(Options options, const Clock &clock, SyncTimer *timer = nullptr,
                   QObject *parent = nullptr);
    ~AccountSession() override;

    ServerConnection &connection() const { return *m_connection; }
    AccountCache &cache() const { return *m_cache; }
    EventsSync &eventsSync() const { return *m_sync; }
    SyncSchedule &schedule() const { return *m_schedule; }
    // nullptr until the account has data (cache or first sync).
    SyncedAccount *account() const { return m_sync->account(); }
    PurchaseFlow *purchases() const { return m_purchases; }
    const EventsSync::Report &lastReport() const { return m_lastReport; }
    bool isSyncing() const { return m_sync->isRunning(); }

    // Shows what the cache holds (accountReady if anything) and starts syncing with `token`.
    void start(const QString &token);
    void syncNow();
    void setVisible(bool visible);
    void signOut(bool forgetCache);

signals:
    void accountReady(creditdesk::SyncedAccount *account);
    void syncStarted();
    void syncFinished(const creditdesk::EventsSync::Report &report);
    // The cache file was corrupt or foreign and was renamed to `path` (rebuilt from the server).
    void cacheSetAside(const QString &path);

private:
    void runSync();
    void onSynced(const EventsSync::Report &report);
    void ensureAccountParts();
    void fetchPacks();

    Options m_options;
    const Clock &m_clock;
    ServerConnection *m_connection;
    std::unique_ptr<AccountCache> m_cache;
    EventsSync *m_sync;
    SyncSchedule *m_schedule;
    PurchaseFlow *m_purchases = nullptr;
    EventsSync::Report m_lastReport;
    bool m_announced = false;
    bool m_packsFetching = false;
};

} // namespace creditdesk
