#include "EventsSync.h"

#include "AccountCache.h"
#include "AccountHistory.h"
#include "ApiJson.h"
#include "Clock.h"
#include "EventCodec.h"
#include "EventsJob.h"
#include "EventsPage.h"
#include "EventsWorker.h"
#include "HeadSnapshot.h"
#include "HistoryBuilder.h"
#include "ServerConnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QTimer>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#endif

namespace creditdesk {

namespace {
QJsonObject verificationJson(const Verification &v)
{
    const char *state = v.state == Verification::State::Verified   ? "verified"
                        : v.state == Verification::State::Mismatch ? "mismatch"
                                                                   : "not_checked";
    return QJsonObject{{QStringLiteral("state"), QLatin1String(state)},
                       {QStringLiteral("at"), QString::number(v.at)},
                       {QStringLiteral("last_seq"), QString::number(v.lastSeq)},
                       // Exact decimals as text: money never passes through a JSON double.
                       {QStringLiteral("local_available"), v.localAvailable.toString()},
                       {QStringLiteral("server_available"), v.serverAvailable.toString()},
                       {QStringLiteral("detail"), v.detail}};
}

Verification verificationFrom(const QJsonObject &o)
{
    Verification v;
    const QString state = o.value(QLatin1String("state")).toString();
    v.state = state == u"verified"   ? Verification::State::Verified
              : state == u"mismatch" ? Verification::State::Mismatch
                                     : Verification::State::NotChecked;
    bool ok = false;
    const qint64 at = o.value(QLatin1String("at")).toString().toLongLong(&ok);
    v.at = ok ? TimePoint(at) : NoTime;
    v.lastSeq = o.value(QLatin1String("last_seq")).toString().toLongLong();
    // A verification cached in another form is simply not trusted: the next sync redoes it.
    const auto local = Credits::parse(o.value(QLatin1String("local_available")).toString());
    const auto server = Credits::parse(o.value(QLatin1String("server_available")).toString());
    if (!ok || !local || !server)
        return Verification();
    v.localAvailable = *local;
    v.serverAvailable = *server;
    v.detail = o.value(QLatin1String("detail")).toString();
    return v;
}

template <typename T, typename F> QList<T> readList(const QByteArray &json, F read)
{
    QList<T> out;
    QString error;
    for (const QJsonValue &v : QJsonDocument::fromJson(json).array())
        if (auto item = read(v.toObject(), &error))
            out << *item;
    return out;
}
} // namespace

EventsSync::EventsSync(ServerConnection *connection, AccountCache *cache, QString accountId,
                       QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_cache(cache)
    , m_accountId(std::move(accountId))
{
    m_worker = std::make_unique<EventsWorker>(m_cache ? m_cache->path() : QString(),
                                              m_cache ? &m_cache->clock() : nullptr,
                                              QStringLiteral("events-worker"));
}

EventsSync::~EventsSync()
{
    // The loader touches nothing of this object; its result is dropped.
    if (m_loader) {
        m_loader->disconnect(this);
        m_loader->wait();
        delete m_loader;
        m_loader = nullptr;
    }
    // The writes already decided are done (a sync cut short keeps what it wrote); a head made
    // or due is kept on the way out: the next start paints from it.
    if (!m_snapshotPending && m_snapshotQueued && !m_running)
        startSnapshot();
    m_worker->drain();
    if (m_snapshotPending)
        keepSnapshot();
    m_worker.reset(); // its jobs read the account's history: before the children go
}

void EventsSync::waitForWrites()
{
    m_worker->drain();
}

void EventsSync::retire(std::unique_ptr<AccountHistory> history)
{
    // Freed on the worker after every job posted before, some of which may still read it.
    auto held = std::make_shared<std::unique_ptr<AccountHistory>>(std::move(history));
    m_worker->post([held](EventsWorker::State &) { held->reset(); });
}

Verification EventsSync::verify(const AccountHistory &history, const BalanceAnswer &server,
                                TimePoint asOf, qint64 lastSeq)
{
    Verification v;
    v.at = asOf;
    v.lastSeq = lastSeq;
    const auto engine =
        asOf >= history.engine().now() ? history.engineAt(asOf) : history.replayUntil(asOf);
    const BalanceAnswer local = engine->balance();
    v.localAvailable = local.available;
    v.serverAvailable = server.available;
    QStringList differences;
    const auto differ = [&](const QString &what, Credits mine, Credits theirs) {
        if (mine != theirs)
            differences << QStringLiteral("%1: %2 here, %3 on the server")
                               .arg(what, mine.toString(), theirs.toString());
    };
    differ(QStringLiteral("total"), local.total, server.total);
    differ(QStringLiteral("reserved"), local.reserved, server.reserved);
    differ(QStringLiteral("available"), local.available, server.available);
    if (local.buckets.size() != server.buckets.size()) {
        differences << QStringLiteral("%1 buckets here, %2 on the server")
                           .arg(local.buckets.size())
                           .arg(server.buckets.size());
    } else {
        for (qsizetype i = 0; i < local.buckets.size(); ++i) {
            const BucketRow &a = local.buckets[i], &b = server.buckets[i];
            if (a.kind != b.kind || a.expiresAt != b.expiresAt)
                differences << QStringLiteral("bucket %1: %2 here, %3 on the server")
                                   .arg(i)
                                   .arg(bucketKindName(a.kind), bucketKindName(b.kind));
            else
                differ(QStringLiteral("bucket %1 (%2)").arg(i).arg(bucketKindName(a.kind)),
                       a.remaining, b.remaining);
        }
    }
    v.state = differences.isEmpty() ? Verification::State::Verified : Verification::State::Mismatch;
    v.detail = differences.join(QStringLiteral("; "));
    return v;
}

bool EventsSync::loadFromCache(QString *error)
{
    const auto setError = [&](const QString &e) {
        if (error)
            *error = e;
        return false;
    };
    if (!m_cache || !m_cache->isOpen())
        return setError(QStringLiteral("no cache"));
    const AccountCache::Meta meta = m_cache->meta();
    if (meta.policyJson.isEmpty())
        return setError(QStringLiteral("nothing cached"));
    auto created = HistoryBuilder::create(meta.policyJson, meta.timezone, meta.preset);
    if (auto *e = std::get_if<QString>(&created)) {
        m_needsFullResync = true;
        return setError(*e);
    }
    auto history = std::move(std::get<std::unique_ptr<AccountHistory>>(created));
    const AccountCache::StoredEvents stored = m_cache->loadEvents(0);
    auto appended = HistoryBuilder::append(*history, meta.policyJson, meta.timezone, stored.bodies,
                                           stored.details, stored.times);
    if (auto *e = std::get_if<QString>(&appended)) {
        m_needsFullResync = true;
        return setError(*e);
    }
    adopt(std::move(history), meta);
    restoreServerState();
    verifyCachedAgain(meta.lastSeq);
    emit m_account->changed();
    return true;
}

EventsSync::ColdStart EventsSync::startFromCache()
{
    if (!m_cache || !m_cache->isOpen())
        return ColdStart::Nothing;
    const AccountCache::Meta meta = m_cache->meta();
    if (!meta.policyJson.isEmpty() && meta.lastSeq > 0) {
        const auto snapshot = m_cache->loadSnapshot();
        if (snapshot && snapshot->second == meta.lastSeq) {
            auto resumed =
                HeadSnapshot::resume(snapshot->first, meta.policyJson, meta.timezone, meta.preset);
            auto *head = std::get_if<HeadSnapshot::Head>(&resumed);
            if (head && head->eventCount == meta.lastSeq) {
                adopt(std::move(head->history), meta);
                restoreServerState();
                // The head answers at the server's as_of as the full history would: a stored
                // balance unlike it is noticed before anything is shown as verified.
                verifyCachedAgain(meta.lastSeq);
                loadHistoryInBackground();
                emit m_account->changed();
                return ColdStart::Head;
            }
            if (!head)
                qWarning("EventsSync %s: cached head not used: %s", qPrintable(m_accountId),
                         qPrintable(std::get<QString>(resumed)));
        }
    }
    // No usable head: the whole-file checks now, then every event.
    if (const QString bad = m_cache->deferredChecks(); !bad.isEmpty()) {
        if (m_cache->setAsideNow(bad))
            emit cacheSetAside(m_cache->setAsidePath());
        return ColdStart::Nothing;
    }
    return loadFromCache() ? ColdStart::Whole : ColdStart::Nothing;
}

void EventsSync::adopt(std::unique_ptr<AccountHistory> history, const AccountCache::Meta &meta)
{
    if (!m_account)
        m_account = new SyncedAccount(std::move(history), this);
    else
        retire(m_account->replaceHistory(std::move(history)));
    ++m_generation;
    m_policyHash = meta.policyHash;
    m_policyJson = meta.policyJson;
    m_account->accountId = meta.accountId.isEmpty() ? m_accountId : meta.accountId;
    m_account->displayName = meta.accountName;
    m_account->preset = meta.preset;
    m_account->unit = meta.unit.isEmpty() ? QStringLiteral("credits") : meta.unit;
    m_account->timezone = meta.timezone;
    m_account->lastSeq = meta.lastSeq;
}

void EventsSync::restoreServerState()
{
    const AccountCache::ServerState server = m_cache->serverState();
    m_account->purchases = readList<PurchaseInfo>(server.pendingJson, ApiJson::purchase);
    m_account->refundRequests =
        readList<RefundRequestInfo>(server.refundsJson, ApiJson::refundRequest);
    m_account->serverAsOf = server.asOf;
    m_account->serverClockOffset = server.clockOffset;
    m_account->syncedAt = m_cache->syncedAt();
    m_account->verification = verificationFrom(server.verification);
}

void EventsSync::verifyCachedAgain(qint64 lastSeq)
{
    // Check the cached events again against what the server said about them: a file changed
    // behind the app's back must not be shown as "verified".
    const AccountCache::ServerState server = m_cache->serverState();
    QString balanceError;
    const auto balance =
        ApiJson::balance(QJsonDocument::fromJson(server.balanceJson).object(), &balanceError);
    const AccountHistory &history = m_account->history();
    // A head cannot replay a moment before its snapshot (the server's as_of never is).
    const bool answerable = !history.isPartial() || server.asOf >= history.engine().now();
    if (balance && server.asOf != NoTime && answerable &&
        m_account->verification.lastSeq == lastSeq) {
        const Verification again = verify(history, *balance, server.asOf, lastSeq);
        if (again.state != Verification::State::Verified) {
            m_account->verification = again;
            m_needsFullResync = true;
        }
    }
}

struct EventsSync::LoadedHistory
{
    std::unique_ptr<AccountHistory> history;
    QString corrupt; // the file is not to be trusted: set aside
    QString error;   // an event that does not decode: re-fetched
};

void EventsSync::loadHistoryInBackground()
{
    const QString path = m_cache->path();
    const AccountCache::Meta meta = m_cache->meta();
    auto loaded = std::make_shared<LoadedHistory>();
    // Everything the worker touches is its own: a connection, a policy, a name table.
    m_loader = QThread::create([loaded, path, meta] {
#ifdef Q_OS_LINUX
        // Nice 10 for this thread alone (Linux's setpriority takes the calling thread): on a
        // busy machine the UI thread paints first, and this still goes on.
        setpriority(PRIO_PROCESS, 0, 10);
#endif
        auto read = AccountCache::readCheckedEvents(path, meta.lastSeq);
        if (const auto *bad = std::get_if<QString>(&read)) {
            loaded->corrupt = *bad;
            return;
        }
        const auto &stored = std::get<AccountCache::StoredEvents>(read);
        auto created = HistoryBuilder::create(meta.policyJson, meta.timezone, meta.preset);
        if (const auto *e = std::get_if<QString>(&created)) {
            loaded->error = *e;
            return;
        }
        auto history = std::move(std::get<std::unique_ptr<AccountHistory>>(created));
        auto appended = HistoryBuilder::append(*history, meta.policyJson, meta.timezone,
                                               stored.bodies, stored.details, stored.times);
        if (const auto *e = std::get_if<QString>(&appended))
            loaded->error = *e;
        else
            loaded->history = std::move(history);
    });
    m_loader->setObjectName(QStringLiteral("history-loader"));
    connect(m_loader, &QThread::finished, this, [this, loaded] { historyRead(*loaded); });
    m_loader->start();
}

void EventsSync::historyRead(LoadedHistory &loaded)
{
    m_loader->wait();
    delete m_loader;
    m_loader = nullptr;
    if (!loaded.corrupt.isEmpty()) {
        qWarning("EventsSync %s: the cache is corrupt (%s); set aside, syncing from scratch",
                 qPrintable(m_accountId), qPrintable(loaded.corrupt));
        if (m_cache && m_cache->isOpen() && m_cache->setAsideNow(loaded.corrupt))
            emit cacheSetAside(m_cache->setAsidePath());
        m_needsFullResync = true;
        m_account->verification = Verification();
    } else if (!loaded.error.isEmpty()) {
        qWarning("EventsSync %s: cached events unreadable (%s); syncing from scratch",
                 qPrintable(m_accountId), qPrintable(loaded.error));
        m_needsFullResync = true;
        m_account->verification = Verification();
    } else {
        retire(m_account->replaceHistory(std::move(loaded.history)));
        verifyCachedAgain(m_account->lastSeq);
    }
    emit m_account->changed();
    emit historyLoaded();
    if (m_syncWhenLoaded) {
        m_syncWhenLoaded = false;
        m_running = false;
        sync();
    }
}

struct EventsSync::PageDone
{
    bool skipped = false; // after a page that did not decode
    QString error;        // this page did not decode
    QString cacheError;
    qint64 newEvents = 0;
    qint64 replayMs = 0;
    qint64 cacheMs = 0;
};

struct EventsSync::VerifyDone
{
    bool skipped = false;
    Verification verification;
    QString cacheError;
    qint64 verifyMs = 0;
    qint64 cacheMs = 0;
};

struct EventsSync::SyncDone
{
    std::unique_ptr<AccountHistory> history; // the working copy, null when the sync had none
    qint64 lastSeq = 0;
    std::optional<AccountCache::Meta> meta; // what the worker's connection holds
    QString cacheError;
};

bool EventsSync::startOver(const EventsPage *page)
{
    const QByteArray policy = page ? page->policyJson : m_policyJson;
    const QString zone = page ? page->timezone : m_account->timezone;
    const QString preset = page ? page->preset : m_account->preset;
    auto created = HistoryBuilder::create(policy, zone, preset);
    if (auto *e = std::get_if<QString>(&created)) {
        m_report.error = *e;
        return false;
    }
    // The shown history stays until the sync ends; the worker fills a fresh one meanwhile.
    if (!m_account)
        m_account =
            new SyncedAccount(std::move(std::get<std::unique_ptr<AccountHistory>>(created)), this);
    ++m_generation;
    m_policyJson = policy;
    if (page)
        m_policyHash = page->policyHash;
    m_after = 0;
    m_cacheBehind = false;
    m_working = true;
    const bool writes = m_writesCache;
    if (writes) {
        AccountCache::Meta dropped = m_cache->meta();
        dropped.lastSeq = 0;
        dropped.etag.clear();
        dropped.etagAfter = -1;
        m_cache->adoptMeta(dropped);
    }
    m_worker->post([policy, zone, preset, writes](EventsWorker::State &s) {
        auto fresh = HistoryBuilder::create(policy, zone, preset); // it was made once above
        if (auto *h = std::get_if<std::unique_ptr<AccountHistory>>(&fresh))
            s.history = std::move(*h);
        s.lastSeq = 0;
        s.failed = !s.history;
        s.cacheBehind = !writes;
        if (writes) {
            AccountCache *cache = s.cache();
            if (cache && !cache->dropEvents() && s.cacheError.isEmpty())
                s.cacheError = cache->lastError();
        }
    });
    m_report.changed = true;
    return true;
}

void EventsSync::ensureWorkingCopy()
{
    if (m_working)
        return;
    m_working = true;
    // Read on the worker while the UI thread only reads it too; it is freed (retire()) only
    // by a job posted after this one.
    const AccountHistory *shown = &m_account->history();
    const qint64 lastSeq = m_account->lastSeq;
    m_worker->post([shown, lastSeq](EventsWorker::State &s) {
        s.history = std::make_unique<AccountHistory>(*shown);
        s.lastSeq = lastSeq;
    });
}

void EventsSync::sync()
{
    if (m_running)
        return;
    if (m_loader) {
        // A cold start's history is still being read: this sync starts when it is there.
        m_running = true;
        m_report = Report();
        m_syncWhenLoaded = true;
        return;
    }
    m_running = true;
    m_finishing = false;
    m_working = false;
    m_report = Report();
    m_writesCache = m_cache && m_cache->isOpen();
    if (m_account && m_cacheBehind)
        writeBehindEvents(); // on the UI thread's connection: the worker's is closed now
    const qint64 pageLimit = m_cache ? m_cache->pageLimit() : -1;
    const bool behind = !m_writesCache || m_cacheBehind;
    m_worker->post([pageLimit, behind](EventsWorker::State &s) {
        s.pageLimit = pageLimit;
        s.history.reset();
        s.lastSeq = 0;
        s.cacheBehind = behind;
        s.failed = false;
        s.cacheError.clear();
    });
    if (m_needsFullResync && m_account) {
        m_needsFullResync = false;
        m_report.resynced = true;
        startOver(nullptr);
    }
    m_after = m_account ? m_account->lastSeq : 0;
    if (m_working)
        m_after = 0;
    requestPage();
}

void EventsSync::requestPage()
{
    if (!m_connection) {
        m_report.error = tr("signed out");
        finishWith(Report::Outcome::Failed);
        return;
    }
    QByteArray etag;
    if (m_cache && m_cache->isOpen() && !m_cacheBehind && m_cache->meta().etagAfter == m_after &&
        m_account && m_cache->meta().lastSeq == m_after)
        etag = m_cache->meta().etag;
    auto *job = new EventsJob(m_connection, m_accountId, m_after, m_limit, etag);
    job->setTimeoutMs(m_timeoutMs);
    ++m_report.requests;
    m_job = job;
    m_pageTimer.start();
    connect(job, &EventsJob::finished, this, [this](const EventsJob::Result &result) {
        m_report.networkMs += m_pageTimer.elapsed();
        if (const auto *failure = std::get_if<ApiFailure>(&result)) {
            m_report.failure = *failure;
            finishWith(Report::Outcome::Failed);
            return;
        }
        onPage(std::get<EventsPage>(result));
    });
    job->start();
}

void EventsSync::onPage(const EventsPage &page)
{
    if (page.notModified) {
        finishWith(m_report.changed ? Report::Outcome::Synced : Report::Outcome::NotModified);
        return;
    }
    // A new policy: everything is replayed from the start under it (once per sync).
    if (!m_account || (!m_policyHash.isEmpty() && page.policyHash != m_policyHash)) {
        const bool hadEvents = m_account && m_after > 0;
        if (m_report.reset) {
            m_report.error = tr("the account's policy changed twice during one sync");
            finishWith(Report::Outcome::Failed);
            return;
        }
        if (m_account)
            m_report.reset = true;
        if (!startOver(&page)) {
            finishWith(Report::Outcome::Failed);
            return;
        }
        if (hadEvents) {
            requestPage();
            return;
        }
    }
    if (m_policyHash.isEmpty())
        m_policyHash = page.policyHash;

    // Every seq exactly once, in order, continuing from what is held.
    qint64 expected = m_after + 1;
    for (const FeedEvent &e : page.events) {
        if (e.seq != expected) {
            m_report.error =
                tr("the server's events skip from %1 to %2").arg(expected - 1).arg(e.seq);
            finishWith(Report::Outcome::Failed);
            return;
        }
        ++expected;
    }
    const qint64 pageLast = expected - 1;
    if (page.lastSeq < pageLast || (!page.hasMore && page.lastSeq != pageLast) ||
        (page.hasMore && page.events.empty())) {
        m_report.error = tr("the server's events end at %1 but it reports %2 as the last")
                             .arg(pageLast)
                             .arg(page.lastSeq);
        finishWith(Report::Outcome::Failed);
        return;
    }
    // The next page is asked for now, so the server makes it while this one is decoded,
    // replayed and cached (a page found bad below cancels it).
    m_after = pageLast;
    if (page.hasMore)
        requestPage();

    m_account->accountId = page.accountId.isEmpty() ? m_accountId : page.accountId;
    if (!page.accountName.isEmpty())
        m_account->displayName = page.accountName;
    if (!page.preset.isEmpty())
        m_account->preset = page.preset;
    m_account->unit = page.unit;
    m_account->timezone = page.timezone;

    AccountCache::Meta meta;
    meta.accountId = m_account->accountId;
    meta.accountName = m_account->displayName;
    meta.preset = m_account->preset;
    meta.unit = page.unit;
    meta.timezone = page.timezone;
    meta.policyJson = page.policyJson;
    meta.policyHash = page.policyHash;
    meta.lastSeq = pageLast;
    // The feed's ETag describes the account's head (docs/client.md): kept with the seq it
    // was answered for once this page reached the head, so the next poll (after pageLast)
    // sends it and an unchanged account answers 304.
    meta.etag = page.hasMore ? QByteArray() : page.etag;
    meta.etagAfter = page.hasMore ? -1 : pageLast;

    // Decoded, replayed into the working copy and written to the cache on the worker, in
    // order; a page that does not decode drops itself and the rest of the sync's pages.
    if (!page.events.empty())
        ensureWorkingCopy();
    auto events = std::make_shared<const std::vector<FeedEvent>>(page.events);
    const bool writes = m_writesCache && !m_cacheBehind;
    m_worker->post([this, events, meta, writes, policyJson = page.policyJson,
                    timezone = page.timezone](EventsWorker::State &s) {
        auto done = std::make_shared<PageDone>();
        if (s.failed) {
            done->skipped = true;
        } else if (!events->empty()) {
            QList<QByteArray> bodies;
            bodies.reserve(qsizetype(events->size()));
            std::vector<QByteArray> details;
            details.reserve(events->size());
            std::vector<TimePoint> times;
            times.reserve(events->size());
            for (const FeedEvent &e : *events) {
                bodies.append(e.body);
                details.push_back(e.details);
                times.push_back(e.at);
            }
            QElapsedTimer replay;
            replay.start();
            auto appended =
                HistoryBuilder::append(*s.history, policyJson, timezone, bodies, details, times);
            done->replayMs = replay.elapsed();
            if (auto *error = std::get_if<QString>(&appended)) {
                s.failed = true;
                done->error = *error;
            } else {
                done->newEvents = qint64(events->size());
            }
        }
        if (!s.failed) {
            if (s.history)
                s.lastSeq = meta.lastSeq;
            if (writes && !s.cacheBehind) {
                QElapsedTimer write;
                write.start();
                AccountCache *cache = s.cache();
                if (!cache || !cache->appendPage(*events, meta)) {
                    s.cacheBehind = true;
                    done->cacheError = cache ? cache->lastError() : s.cacheError;
                }
                done->cacheMs = write.elapsed();
            }
        }
        QMetaObject::invokeMethod(
            this, [this, done] { pageDone(*done); }, Qt::QueuedConnection);
    });

    if (page.hasMore)
        return; // the next page is on its way

    // Caught up: prove it, on the worker, after the pages (on the working copy when this sync
    // brought events, else on the shown history, which the UI thread only reads meanwhile).
    applyServerLists(page);
    const AccountHistory *shown = &m_account->history();
    const bool alreadyResynced = m_report.resynced;
    AccountCache::ServerState state;
    state.balanceJson = page.balanceJson;
    state.pendingJson = page.pendingJson;
    state.refundsJson = page.refundsJson;
    state.asOf = page.asOf;
    state.clockOffset =
        m_connection ? page.asOf - m_connection->clock().now() : m_account->serverClockOffset;
    const BalanceAnswer balance = page.balance;
    const TimePoint asOf = page.asOf;
    const qint64 lastSeq = page.lastSeq;
    m_worker->post([this, shown, alreadyResynced, state, writes, balance, asOf,
                    lastSeq](EventsWorker::State &s) mutable {
        auto done = std::make_shared<VerifyDone>();
        if (s.failed) {
            done->skipped = true;
        } else {
            QElapsedTimer verifying;
            verifying.start();
            done->verification = verify(s.history ? *s.history : *shown, balance, asOf, lastSeq);
            done->verifyMs = verifying.elapsed();
            const bool resyncs =
                done->verification.state == Verification::State::Mismatch && !alreadyResynced;
            if (!resyncs && writes && !s.cacheBehind) {
                QElapsedTimer write;
                write.start();
                state.verification = verificationJson(done->verification);
                AccountCache *cache = s.cache();
                if (!cache || !cache->writeServerState(state))
                    done->cacheError = cache ? cache->lastError() : s.cacheError;
                done->cacheMs = write.elapsed();
            }
        }
        QMetaObject::invokeMethod(
            this, [this, done, asOf] { verified(*done, asOf); }, Qt::QueuedConnection);
    });
}

void EventsSync::pageDone(const PageDone &done)
{
    m_report.replayMs += done.replayMs;
    m_report.cacheMs += done.cacheMs;
    if (!done.cacheError.isEmpty()) {
        m_cacheBehind = true;
        m_report.cacheError = done.cacheError;
    }
    if (done.skipped)
        return;
    if (!done.error.isEmpty()) {
        if (m_running && !m_finishing) {
            m_report.failure = ApiFailure::malformed(done.error);
            finishWith(Report::Outcome::Failed);
        }
        return;
    }
    if (done.newEvents > 0) {
        m_report.newEvents += done.newEvents;
        m_report.changed = true;
    }
}

void EventsSync::verified(const VerifyDone &done, TimePoint asOf)
{
    m_report.verifyMs += done.verifyMs;
    m_report.cacheMs += done.cacheMs;
    if (done.skipped || !m_running || m_finishing)
        return;
    const Verification &v = done.verification;
    if (v.state == Verification::State::Mismatch && !m_report.resynced) {
        m_report.resynced = true;
        qWarning("EventsSync %s: %s; syncing again from scratch", qPrintable(m_accountId),
                 qPrintable(v.detail));
        if (!startOver(nullptr)) {
            finishWith(Report::Outcome::Failed);
            return;
        }
        requestPage();
        return;
    }
    if (v.state == Verification::State::Mismatch)
        qWarning("EventsSync %s: still differs after a sync from scratch: %s",
                 qPrintable(m_accountId), qPrintable(v.detail));
    const Verification before = m_account->verification;
    m_account->verification = v;
    m_account->serverAsOf = asOf;
    if (m_connection)
        m_account->serverClockOffset = asOf - m_connection->clock().now();
    if (v.state != before.state || v.lastSeq != before.lastSeq || v.detail != before.detail)
        m_report.changed = true;
    if (!done.cacheError.isEmpty())
        m_report.cacheError = done.cacheError;
    finishWith(Report::Outcome::Synced);
}

void EventsSync::applyServerLists(const EventsPage &page)
{
    // Pending purchases from the server; the settled ones this client already shows stay,
    // with their last known state, unless the server lists them again.
    QList<PurchaseInfo> purchases = page.pendingPurchases;
    for (const PurchaseInfo &p : std::as_const(m_account->purchases)) {
        const bool listed = std::any_of(purchases.cbegin(), purchases.cend(),
                                        [&](const PurchaseInfo &q) { return q.id == p.id; });
        if (!listed && p.status != u"pending")
            purchases << p;
    }
    std::stable_sort(
        purchases.begin(), purchases.end(),
        [](const PurchaseInfo &a, const PurchaseInfo &b) { return a.createdAt > b.createdAt; });
    const auto samePurchases = [](const QList<PurchaseInfo> &a, const QList<PurchaseInfo> &b) {
        if (a.size() != b.size())
            return false;
        for (qsizetype i = 0; i < a.size(); ++i)
            if (a[i].id != b[i].id || a[i].status != b[i].status)
                return false;
        return true;
    };
    if (!samePurchases(purchases, m_account->purchases)) {
        m_account->purchases = purchases;
        m_report.changed = true;
    }
    QList<RefundRequestInfo> refunds = page.refundRequests;
    std::stable_sort(refunds.begin(), refunds.end(),
                     [](const RefundRequestInfo &a, const RefundRequestInfo &b) {
                         return a.createdAt > b.createdAt;
                     });
    bool sameRefunds = refunds.size() == m_account->refundRequests.size();
    for (qsizetype i = 0; sameRefunds && i < refunds.size(); ++i)
        sameRefunds = refunds[i].id == m_account->refundRequests[i].id &&
                      refunds[i].status == m_account->refundRequests[i].status;
    if (!sameRefunds) {
        m_account->refundRequests = refunds;
        m_report.changed = true;
    }
}

bool EventsSync::writeBehindEvents()
{
    // A page the cache refused (full disk) is in memory: write the missing events again from
    // the history (the events' texts are the scenario writer's, which reads back the same).
    if (!m_cache || !m_cache->isOpen())
        return false;
    const AccountHistory &h = m_account->history();
    const qint64 from = m_cache->meta().lastSeq;
    std::vector<FeedEvent> missing;
    for (qint64 seq = from + 1; seq <= m_account->lastSeq && seq <= h.eventCount(); ++seq) {
        FeedEvent e;
        e.seq = seq;
        e.at = h.event(seq - 1).at;
        e.body = EventCodec::encode(h.scenario(), h.event(seq - 1));
        e.details = QJsonDocument(h.detailsOfEvent(seq - 1)).toJson(QJsonDocument::Compact);
        missing.push_back(std::move(e));
    }
    AccountCache::Meta meta = m_cache->meta();
    meta.accountId = m_account->accountId;
    meta.accountName = m_account->displayName;
    meta.preset = m_account->preset;
    meta.unit = m_account->unit;
    meta.timezone = m_account->timezone;
    meta.policyJson = m_policyJson;
    meta.policyHash = m_policyHash;
    meta.lastSeq = from + qint64(missing.size());
    meta.etag.clear();
    meta.etagAfter = -1;
    if (!m_cache->appendPage(missing, meta)) {
        m_report.cacheError = m_cache->lastError();
        return false;
    }
    m_cacheBehind = false;
    return true;
}

void EventsSync::writeSnapshotSoon()
{
    // After the sync has been reported (it is not needed to paint): the next cold start paints
    // from this head without reading the events. The snapshot is made on the worker from the
    // shown history (which the UI thread only reads, and frees only through the worker).
    if (m_snapshotQueued || m_snapshotPending)
        return;
    m_snapshotQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_snapshotQueued = false;
        startSnapshot();
    });
}

bool EventsSync::headNeedsWriting() const
{
    return m_account && m_cache && m_cache->isOpen() && !m_cacheBehind && !m_running && !m_loader &&
           !m_snapshotPending && m_account->history().headEventCount() == m_account->lastSeq &&
           m_cache->meta().lastSeq == m_account->lastSeq &&
           m_cache->snapshotEventCount() != m_account->lastSeq;
}

void EventsSync::startSnapshot()
{
    if (!headNeedsWriting())
        return;
    const AccountHistory *history = &m_account->history();
    const qint64 count = m_account->lastSeq;
    auto text = std::make_shared<QByteArray>();
    m_snapshotText = text;
    m_snapshotCount = count;
    m_snapshotGeneration = m_generation;
    m_snapshotPending = true;
    m_worker->post([this, history, count, text](EventsWorker::State &) {
        *text = HeadSnapshot::write(history->engine(), count, history->lastEventAt());
        QMetaObject::invokeMethod(this, &EventsSync::keepSnapshot, Qt::QueuedConnection);
    });
}

void EventsSync::keepSnapshot()
{
    if (!m_snapshotPending)
        return;
    m_snapshotPending = false;
    const auto text = std::move(m_snapshotText);
    // Only while it is still this history's head: a reset may have come meanwhile.
    if (!text || m_snapshotGeneration != m_generation || !m_cache || !m_cache->isOpen() ||
        m_cacheBehind || !m_account || m_cache->meta().lastSeq < m_snapshotCount)
        return;
    QElapsedTimer w;
    w.start();
    if (m_cache->writeSnapshot(*text, m_snapshotCount))
        emit snapshotWritten(m_snapshotCount);
    m_snapshotMs = w.elapsed();
}

void EventsSync::finishWith(Report::Outcome outcome)
{
    if (m_job && !m_job->isFinished()) {
        m_job->disconnect(this);
        m_job->abort();
    }
    m_job = nullptr;
    if (m_finishing)
        return;
    m_finishing = true;
    // Reported once the worker has done every write of the sync (in order, after its pages):
    // the report then says whether the cache has it, and the working copy is shown.
    const TimePoint syncedAt = outcome != Report::Outcome::Failed && m_account && m_connection
                                   ? m_connection->clock().now()
                                   : NoTime;
    const bool writes = m_writesCache;
    m_worker->post([this, syncedAt, writes, outcome](EventsWorker::State &s) {
        auto done = std::make_shared<SyncDone>();
        done->history = std::move(s.history);
        done->lastSeq = s.lastSeq;
        if (writes && syncedAt != NoTime) {
            if (AccountCache *cache = s.cache())
                cache->writeSyncedAt(syncedAt);
        }
        done->cacheError = s.cacheError; // the sync's first (a drop or an attach that failed)
        if (s.connection && s.connection->isOpen()) {
            done->meta = s.connection->meta();
            s.connection->checkpoint(); // here, not in a later commit of the UI thread
        }
        s.closeCache();
        QMetaObject::invokeMethod(
            this, [this, done, outcome, syncedAt] { syncDone(*done, outcome, syncedAt); },
            Qt::QueuedConnection);
    });
}

void EventsSync::syncDone(SyncDone &done, Report::Outcome outcome, TimePoint syncedAt)
{
    if (done.history && m_account) {
        retire(m_account->replaceHistory(std::move(done.history)));
        m_account->lastSeq = done.lastSeq;
    }
    if (done.meta && m_cache && m_cache->isOpen())
        m_cache->adoptMeta(*done.meta);
    if (m_report.cacheError.isEmpty() && !done.cacheError.isEmpty())
        m_report.cacheError = done.cacheError;
    m_report.outcome = outcome;
    m_running = false;
    m_finishing = false;
    m_working = false;
    if (outcome != Report::Outcome::Failed && m_account && syncedAt != NoTime) {
        m_account->syncedAt = syncedAt;
        if (m_cache && m_cache->isOpen() && !m_cacheBehind)
            writeSnapshotSoon(); // when the head moved (or none is stored yet)
    }
    if (m_report.changed && m_account)
        emit m_account->changed();
    const Report report = m_report;
    emit finished(report);
}

} // namespace creditdesk
