#pragma once

#include <QObject>
#include <QString>
#include <QThread>

#include <functional>
#include <memory>

namespace creditdesk {

class AccountCache;
class AccountHistory;
class Clock;

// The worker thread of one EventsSync (issue 8: five accounts syncing at once keep the UI
// thread responsive). Jobs run one at a time, in the order they were posted, so a sync's
// writes reach the cache file in the order the UI thread decided them, and a job that reads a
// history the UI thread handed over runs before the job that frees it.
//
// The jobs share a State only they touch: the thread's own connection to the account's cache
// file (QSqlDatabase connections belong to one thread), opened by cache() on first use with
// the UI instance's page limit and closed by closeCache() when the sync ends (so nothing of
// this thread holds the file between syncs: it can be set aside, removed or edited), and the
// sync's working copy of the history. A job answers its caller by posting back to it
// (QMetaObject::invokeMethod on a QObject of the caller's thread).
//
// The thread runs at nice 10 (Linux): on a busy machine the UI thread is served first.
// drain() waits until every job posted so far has run; the destructor drains, closes the
// connection and ends the thread: a write asked for is never lost on the way out.
class EventsWorker
{
public:
    struct State
    {
        QString cachePath;
        const Clock *clock = nullptr;
        qint64 pageLimit = -1;
        std::unique_ptr<AccountCache> connection;
        std::unique_ptr<AccountHistory> history; // the running sync's working copy, or null
        qint64 lastSeq = 0;                      // the last event in `history`
        bool cacheBehind = false; // a write failed in this sync: later pages are not written
        bool failed = false;      // a page did not decode: later pages of the sync are dropped
        QString cacheError;       // the first write error of the sync

        // The thread's connection, opened (attached) on first use; nullptr when it cannot be.
        AccountCache *cache();
        void closeCache();
        ~State();
    };

    // Without a cache (an empty path, no clock) the jobs' cache() is always nullptr.
    EventsWorker(QString cachePath, const Clock *clock, const QString &name);
    ~EventsWorker();
    EventsWorker(const EventsWorker &) = delete;
    EventsWorker &operator=(const EventsWorker &) = delete;

    // Runs `job` on the worker thread after every job posted before it.
    void post(std::function<void(State &)> job);
    // Blocks until every job posted so far has run (sign out with "forget", quitting).
    void drain();

private:
    QThread m_thread;
    QObject *m_receiver; // lives on m_thread: the jobs are its queued calls
    std::shared_ptr<State> m_state;
};

} // namespace creditdesk
