#include "AccountSession.h"

#include "AccountCache.h"
#include "ConnectionState.h"
#include "PacksJob.h"
#include "PurchaseFlow.h"
#include "ServerConnection.h"
#include "SyncSchedule.h"

namespace creditdesk {

AccountSession::AccountSession(Options options, const Clock &clock, SyncTimer *timer,
                               QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_clock(clock)
    , m_connection(new ServerConnection(m_options.server, clock, this))
    , m_cache(std::make_unique<AccountCache>(
          AccountCache::pathFor(m_options.cacheDirectory, m_options.server, m_options.accountId),
          clock))
    , m_sync(new EventsSync(m_connection, m_cache.get(), m_options.accountId, this))
    , m_schedule(new SyncSchedule(timer, {}, this))
{
    m_connection->addCaCertificates(m_options.caCertificates);
    m_connection->setTrustedPins(m_options.trustedPins);
    connect(m_schedule, &SyncSchedule::syncDue, this, &AccountSession::runSync);
    connect(m_sync, &EventsSync::finished, this, &AccountSession::onSynced);
    connect(m_sync, &EventsSync::cacheSetAside, this, &AccountSession::cacheSetAside);
}

AccountSession::~AccountSession()
{
    m_schedule->stop();
    // Before the cache it writes to (a member, gone before the children): EventsSync keeps
    // the head snapshot on its way out.
    delete m_purchases;
    delete m_sync;
}

void AccountSession::start(const QString &token)
{
    // The checks that read the whole file wait until after the first paint (startFromCache).
    if (!m_cache->isOpen())
        m_cache->open(AccountCache::Checks::Deferred); // a file it cannot open at all is
                                                       // reported by the first sync
    if (!m_cache->setAsidePath().isEmpty())
        emit cacheSetAside(m_cache->setAsidePath());
    m_sync->startFromCache();
    ensureAccountParts();
    m_connection->setToken(token);
    m_schedule->start();
}

void AccountSession::ensureAccountParts()
{
    SyncedAccount *account = m_sync->account();
    if (!account)
        return;
    if (!m_purchases) {
        m_purchases =
            new PurchaseFlow(m_connection, m_cache.get(), account, m_options.accountId, this);
        m_purchases->resume(); // intents a previous run left unanswered
    } else {
        m_purchases->setAccount(account);
    }
    if (!m_announced) {
        m_announced = true;
        emit accountReady(account);
    }
}

void AccountSession::syncNow()
{
    m_schedule->syncNow();
}

void AccountSession::setVisible(bool visible)
{
    m_schedule->setVisible(visible);
}

void AccountSession::signOut(bool forgetCache)
{
    m_schedule->stop();
    m_connection->signOut();
    if (forgetCache) {
        m_sync->waitForWrites(); // the sync's worker is not writing the file as it goes
        m_cache->remove();
    }
}

void AccountSession::runSync()
{
    if (!m_connection->state().canSend() || m_sync->isRunning())
        return;
    m_schedule->syncStarted();
    emit syncStarted();
    m_sync->sync();
}

void AccountSession::onSynced(const EventsSync::Report &report)
{
    m_lastReport = report;
    ensureAccountParts();
    SyncSchedule::Outcome outcome = SyncSchedule::Outcome::Success;
    qint64 retryAfter = 0;
    if (report.outcome == EventsSync::Report::Outcome::Failed) {
        outcome = SyncSchedule::Outcome::Failure;
        if (report.failure) {
            switch (report.failure->kind) {
            case ApiFailure::Kind::RateLimited:
                outcome = SyncSchedule::Outcome::RateLimited;
                retryAfter = report.failure->retryAfterSeconds;
                break;
            case ApiFailure::Kind::Unauthorized:
            case ApiFailure::Kind::Tls:
                outcome = SyncSchedule::Outcome::Stopped;
                break;
            default:
                if (report.failure->isUnreachable())
                    outcome = SyncSchedule::Outcome::Offline;
                break;
            }
        }
    }
    m_schedule->syncFinished(outcome, retryAfter);
    if (outcome == SyncSchedule::Outcome::Success && m_sync->account() &&
        m_sync->account()->packs.isEmpty())
        fetchPacks();
    emit syncFinished(report);
}

void AccountSession::fetchPacks()
{
    if (m_packsFetching)
        return;
    m_packsFetching = true;
    auto *job = new PacksJob(m_connection);
    connect(job, &PacksJob::finished, this, [this](const PacksJob::Result &result) {
        m_packsFetching = false;
        SyncedAccount *account = m_sync->account();
        const auto *catalogue = std::get_if<PackCatalogue>(&result);
        if (!account || !catalogue)
            return; // tried again after the next sync
        account->packs = catalogue->packs;
        account->customAmount = catalogue->customAmount;
        if (catalogue->maxAmount)
            account->maxAmount = *catalogue->maxAmount;
        emit account->changed();
    });
    job->start();
}

} // namespace creditdesk
