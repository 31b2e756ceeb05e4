#pragma once

#include "ApiFailure.h"
#include "SyncedAccount.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <optional>

namespace creditdesk {

class AccountCache;
class ApiJob;
class ServerConnection;
struct EventsPage;

// Keeps one account's SyncedAccount equal to the server's event list, incrementally.
//
// loadFromCache() (cold start): policy and events from the AccountCache replayed into an
// AccountHistory, the server's last lists and verification restored; the stored server balance
// is checked again against the replay, so a cache edited behind the app's back is noticed
// offline and re-fetched from scratch at the next sync.
//
// sync(): pages of GET …/events after the last seq held until has_more is false (If-None-Match
// when the ETag is for the same `after`: a 304 keeps everything, the last verification too).
// Each page is checked before anything is kept: seqs continue exactly from the last one (a gap
// fails the sync, the cache untouched), every event decodes under the page's policy. A policy
// hash unlike the cached one resets the account (events dropped, refetched from 0 under the new
// policy) once per sync. A page goes to the cache in one transaction and to the history; a
// cache write that fails (full disk) is reported in the Report while the in-memory copy goes on,
// and the missing events are written again at the next sync.
//
// Then it verifies: the local engine's balance at the server's as_of (total, reserved,
// available, each bucket) against the server's. Equal: Verified. Different: it drops the cached
// events and syncs from scratch once; still different: Mismatch with both numbers, reported,
// never looped. SyncedAccount::changed() is emitted once per sync that changed anything; the
// server clock offset (as_of − local clock) is recorded for countdowns.
class EventsSync : public QObject
{
    Q_OBJECT
public:
    struct Report
    {
        enum class Outcome : quint8 { Synced, NotModified, Failed };
        Outcome outcome = Outcome::Failed;
        std::optional<ApiFailure> failure; // Failed by the network or the server's answer
        QString error;                     // Failed otherwise (a seq gap, an undecodable event)
        QString cacheError;                // the cache could not be written (data kept in memory)
        bool changed = false;
        bool resynced = false; // a mismatch caused one sync from scratch
        bool reset = false;    // the policy changed: refetched from 0
        int requests = 0;
        qint64 newEvents = 0;
        // Where the time went (ms): waiting for and reading pages, decoding and replaying,
        // writing the cache, verifying (the engine snapshot is written after the sync).
        qint64 networkMs = 0;
        qint64 replayMs = 0;
        qint64 cacheMs = 0;
        qint64 verifyMs = 0;
    };

    // A new engine snapshot is written once this many events came since the last one.
    static constexpr qint64 SnapshotEvery = 1000;

    EventsSync(ServerConnection *connection, AccountCache *cache, QString accountId,
               QObject *parent = nullptr);
    ~EventsSync() override;

    // nullptr until the cache or the server gave a policy.
    SyncedAccount *account() const { return m_account; }
    bool loadFromCache(QString *error = nullptr);
    void sync();
    bool isRunning() const { return m_running; }
    void setPageLimit(int limit) { m_limit = limit; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // How long the last engine snapshot took to write (ms), -1 if none was written.
    qint64 lastSnapshotMs() const { return m_snapshotMs; }

    // The client's own answer compared with the server's (both as given).
    static Verification verify(const AccountHistory &history, const BalanceAnswer &server,
                               TimePoint asOf, qint64 lastSeq);

signals:
    void finished(const creditdesk::EventsSync::Report &report);

private:
    void requestPage();
    void onPage(const EventsPage &page);
    void finishWith(Report::Outcome outcome);
    bool startOver(const EventsPage *page); // a fresh history under the page's (or cached) policy
    bool writeBehindEvents();
    void applyServerLists(const EventsPage &page);
    void writeSnapshotSoon();

    QPointer<ServerConnection> m_connection;
    AccountCache *m_cache;
    QString m_accountId;
    SyncedAccount *m_account = nullptr;
    QString m_policyHash;
    QByteArray m_policyJson;
    int m_limit = 5000;
    int m_timeoutMs = 30000;
    bool m_running = false;
    bool m_needsFullResync = false;
    bool m_cacheBehind = false;
    qint64 m_after = 0;
    QElapsedTimer m_pageTimer;
    QPointer<ApiJob> m_job; // the page being fetched
    qint64 m_snapshotMs = -1;
    bool m_snapshotQueued = false;
    Report m_report;
};

} // namespace creditdesk
