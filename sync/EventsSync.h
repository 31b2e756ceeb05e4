#pragma once

#include "AccountCache.h"
#include "ApiFailure.h"
#include "SyncedAccount.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

class QThread;

namespace creditdesk {

class ApiJob;
class EventsWorker;
class ServerConnection;
struct EventsPage;

// Keeps one account's SyncedAccount equal to the server's event list, incrementally.
//
// loadFromCache(): policy and events from the AccountCache replayed into an AccountHistory,
// the server's last lists and verification restored; the stored server balance is checked
// again against the replay, so a cache edited behind the app's back is noticed offline and
// re-fetched from scratch at the next sync.
//
// startFromCache() (the app's cold start, docs/client.md): when the cache holds a head
// snapshot for its last event (HeadSnapshot, written after every sync that brought events),
// the account appears at once from it — no event read — and the full history is read, checked
// (quick_check, 1..last_seq), decoded and replayed on a worker thread after that; it then
// replaces the head (changed()), is verified again as loadFromCache() does, and a sync asked
// for meanwhile starts. A file found corrupt then is set aside (cacheSetAside) and the account
// re-fetched from scratch; the head stays on screen until the sync brings the server's events.
// Without a usable head it does the checks and loadFromCache() at once.
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
//
// Threads (issue 8: five accounts syncing at once keep the UI thread responsive): the UI
// thread only checks a page's seqs and decides; the decoding and replay, every cache write of
// a sync (pages, dropped events, server state, synced-at) and the verification run on this
// account's EventsWorker, in the order they were decided, on a working copy of the history
// (a copy of the shown one, or a fresh one for a sync from scratch) and the worker's own
// connection to the cache file. The copy replaces the shown history when the sync ends (the
// old one is freed on the worker), and finished() is emitted only after the worker has
// acknowledged every write of the sync: when the app says synced, the data is in the cache
// file, and cacheError and the cache-behind logic are as above. Until then account() shows
// the state before the sync. The head snapshot is made on the worker from the shown history
// (no copy on the UI thread) and written by the UI thread's connection. The destructor (quit,
// sign out) waits for the writes already decided; a sync cut short keeps what it wrote.
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
        // Where the time went (ms): waiting for and reading pages, then on the worker thread
        // (not the UI's): decoding and replaying, writing the cache, verifying (the engine
        // snapshot is written after the sync).
        qint64 networkMs = 0;
        qint64 replayMs = 0;
        qint64 cacheMs = 0;
        qint64 verifyMs = 0;
    };

    EventsSync(ServerConnection *connection, AccountCache *cache, QString accountId,
               QObject *parent = nullptr);
    ~EventsSync() override;

    // nullptr until the cache or the server gave a policy.
    SyncedAccount *account() const { return m_account; }
    bool loadFromCache(QString *error = nullptr);
    // What startFromCache() showed: nothing cached, the whole history, or its head (the full
    // history following from the worker: isLoadingHistory() until historyLoaded()).
    enum class ColdStart : quint8 { Nothing, Whole, Head };
    ColdStart startFromCache();
    bool isLoadingHistory() const { return m_loader != nullptr; }
    void sync();
    bool isRunning() const { return m_running; }
    void setPageLimit(int limit) { m_limit = limit; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // How long the last head snapshot kept the UI thread (ms: the SQLite write; the snapshot
    // itself is made on the worker), -1 if none was written. One is written after every sync
    // that moved the head (after the sync is reported).
    qint64 lastSnapshotMs() const { return m_snapshotMs; }
    // Blocks until every cache write already decided is done (sign out deleting the file).
    void waitForWrites();

    // The client's own answer compared with the server's (both as given).
    static Verification verify(const AccountHistory &history, const BalanceAnswer &server,
                               TimePoint asOf, qint64 lastSeq);

signals:
    void finished(const creditdesk::EventsSync::Report &report);
    // The full history replaced a cold start's head (or could not: the sync then re-fetches).
    void historyLoaded();
    // The cache file was found corrupt after the first paint and renamed to `path`.
    void cacheSetAside(const QString &path);
    // A head snapshot for `eventCount` events is in the cache (the next cold start's).
    void snapshotWritten(qint64 eventCount);

private:
    struct PageDone;
    struct VerifyDone;
    struct SyncDone;
    void requestPage();
    void ensureWorkingCopy();
    void pageDone(const PageDone &done);
    void verified(const VerifyDone &done, TimePoint asOf);
    void syncDone(SyncDone &done, Report::Outcome outcome, TimePoint syncedAt);
    void retire(std::unique_ptr<AccountHistory> history);
    void onPage(const EventsPage &page);
    void finishWith(Report::Outcome outcome);
    bool startOver(const EventsPage *page); // a fresh history under the page's (or cached) policy
    bool writeBehindEvents();
    void applyServerLists(const EventsPage &page);
    void writeSnapshotSoon();
    bool headNeedsWriting() const;
    void startSnapshot();
    void keepSnapshot();
    void adopt(std::unique_ptr<AccountHistory> history, const AccountCache::Meta &meta);
    void restoreServerState();
    void verifyCachedAgain(qint64 lastSeq);
    struct LoadedHistory;
    void loadHistoryInBackground();
    void historyRead(LoadedHistory &loaded);

    QPointer<ServerConnection> m_connection;
    AccountCache *m_cache;
    QString m_accountId;
    SyncedAccount *m_account = nullptr;
    QString m_policyHash;
    QByteArray m_policyJson;
    int m_limit = 5000;
    int m_timeoutMs = 30000;
    bool m_running = false;
    bool m_finishing = false;   // finishWith() waits for the worker's acknowledgement
    bool m_working = false;     // the worker holds this sync's working copy of the history
    bool m_writesCache = false; // the cache was open when this sync started
    bool m_needsFullResync = false;
    bool m_cacheBehind = false;
    qint64 m_after = 0;
    QElapsedTimer m_pageTimer;
    QPointer<ApiJob> m_job; // the page being fetched
    qint64 m_snapshotMs = -1;
    bool m_snapshotQueued = false;
    QThread *m_loader = nullptr;                // reads the full history after a cold start's head
    bool m_snapshotPending = false;             // the worker is making a head snapshot
    std::shared_ptr<QByteArray> m_snapshotText; // what it makes
    qint64 m_snapshotCount = 0;                 // for so many events
    quint64 m_snapshotGeneration = 0;           // of that history
    quint64 m_generation = 0;                   // counts resets: a head of an older one is not kept
    bool m_syncWhenLoaded = false;              // sync() was asked for while it did
    Report m_report;
    std::unique_ptr<EventsWorker> m_worker; // last: joined first
};

} // namespace creditdesk
