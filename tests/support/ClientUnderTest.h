#pragma once

#include "AccountCache.h"
#include "EventsSync.h"
#include "ServerConnection.h"
#include "WallClock.h"

#include <QString>
#include <QUrl>

#include <memory>

// The client's sync stack for one account, as the app wires it: a connection (trusting the
// server's dev CA unless told not to), the account's cache file in `cacheDir`, and EventsSync.
class ClientUnderTest
{
public:
    ClientUnderTest(const QUrl &server, const QList<QSslCertificate> &ca, const QString &account,
                    const QString &token, const QString &cacheDir);
    ~ClientUnderTest();

    creditdesk::EventsSync::Report syncAndWait(int timeoutMs = 30000);
    // Closes and reopens the cache and a fresh EventsSync on it (an app restart).
    bool restart(QString *loadError = nullptr);
    // The same as the app's cold start: the cache opened with its whole-file checks deferred
    // and EventsSync::startFromCache() (a head shown at once, the history read after it).
    creditdesk::EventsSync::ColdStart coldStart();

    WallClock clock;
    std::unique_ptr<creditdesk::ServerConnection> connection;
    std::unique_ptr<creditdesk::AccountCache> cache;
    std::unique_ptr<creditdesk::EventsSync> sync;
    QString account;

    creditdesk::SyncedAccount &synced() const { return *sync->account(); }
};
