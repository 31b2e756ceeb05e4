#include "AccountSession.h"

#include "AccountCache.h"
#include "Clock.h"
#include "ConnectionState.h"
#include "PacksJob.h"
#include "PurchaseFlow.h"
#include "ServerConnection.h"
#include "SyncSchedule.h"
#include "SyncedAccount.h"

#include <QDateTime>
#include <QDir>
#include <QLocale>

namespace creditdesk {

namespace {

QDateTime localTime(TimePoint t)
{
    return t == NoTime ? QDateTime() : QDateTime::fromSecsSinceEpoch(t);
}

} // namespace

AccountSession::AccountSession(Target target, const Clock &clock, const QString &cacheDirectory,
                               TlsDecider *decider, QObject *parent)
    : QObject(parent)
    , m_target(std::move(target))
    , m_clock(clock)
    , m_cacheDirectory(cacheDirectory)
    , m_connection(new ServerConnection(m_target.server, clock, this))
{
    m_connection->setToken(m_target.token);
    if (!m_target.caCertificates.isEmpty())
        m_connection->addCaCertificates(m_target.caCertificates);
    m_connection->setTrustedPins(m_target.trustedPins);
    m_connection->setTlsDecider(decider);
    connect(m_connection, &ServerConnection::trustedPinsChanged, this,
            &AccountSession::trustedPinsChanged);
    connect(&m_connection->state(), &ConnectionState::changed, this,
            &AccountSession::statusChanged);
}

AccountSession::~AccountSession() = default;

bool AccountSession::start(QString *error)
{
    if (!QDir().mkpath(m_cacheDirectory)) {
        *error = tr("cannot create %1").arg(m_cacheDirectory);
        return false;
    }
    m_cache = std::make_unique<AccountCache>(
        AccountCache::pathFor(m_cacheDirectory, m_target.server, m_target.accountId), m_clock);
    if (!m_cache->open()) {
        *error = m_cache->lastError();
        return false;
    }
    m_events = new EventsSync(m_connection, m_cache.get(), m_target.accountId, this);
    connect(m_events, &EventsSync::finished, this, &AccountSession::onSyncFinished);
    m_events->loadFromCache(); // nothing cached yet is not a problem: the sync fills it
    if (m_events->account())
        announceAccount();

    m_schedule = new SyncSchedule(nullptr, {}, this);
    connect(m_schedule, &SyncSchedule::syncDue, this, [this] {
        if (m_events->isRunning())
            return;
        m_schedule->syncStarted();
        emit statusChanged();
        m_events->sync();
    });
    m_connection->state().signIn();
    m_schedule->start();
    m_schedule->syncNow();
    return true;
}

void AccountSession::syncNow()
{
    if (m_schedule)
        m_schedule->syncNow();
}

void AccountSession::setVisible(bool visible)
{
    if (m_schedule)
        m_schedule->setVisible(visible);
}

void AccountSession::signOut(bool deleteCache)
{
    if (m_schedule)
        m_schedule->stop();
    m_connection->signOut();
    if (deleteCache && m_cache)
        m_cache->remove();
    emit statusChanged();
}

SyncedAccount *AccountSession::account() const
{
    return m_events ? m_events->account() : nullptr;
}

void AccountSession::announceAccount()
{
    if (m_announced || !account())
        return;
    m_announced = true;
    m_purchases = new PurchaseFlow(m_connection, m_cache.get(), account(), m_target.accountId,
                                   this);
    m_purchases->resume();
    emit accountReady(account());
}

void AccountSession::onSyncFinished(const EventsSync::Report &report)
{
    m_lastReport = report;
    m_reported = true;
    SyncSchedule::Outcome outcome = SyncSchedule::Outcome::Success;
    qint64 retryAfter = 0;
    if (report.outcome == EventsSync::Report::Outcome::Failed) {
        if (report.failure && report.failure->kind == ApiFailure::Kind::RateLimited) {
            outcome = SyncSchedule::Outcome::RateLimited;
            retryAfter = report.failure->retryAfterSeconds;
        } else if (report.failure && report.failure->isUnreachable()) {
            outcome = SyncSchedule::Outcome::Offline;
        } else if (report.failure && (report.failure->kind == ApiFailure::Kind::Unauthorized ||
                                      report.failure->kind == ApiFailure::Kind::Tls)) {
            outcome = SyncSchedule::Outcome::Stopped;
        } else {
            outcome = SyncSchedule::Outcome::Failure;
        }
    } else {
        m_lastSynced = m_clock.now();
    }
    m_schedule->syncFinished(outcome, retryAfter);
    announceAccount();
    if (outcome == SyncSchedule::Outcome::Success)
        fetchPacks();
    emit synced(report);
    emit statusChanged();
}

void AccountSession::fetchPacks()
{
    // What the preset sells, with the server's prices and maximum: once per session (the
    // catalogue changes with a server's presets, not with the account's events).
    if (m_packsFetched || !account())
        return;
    m_packsFetched = true;
    auto *job = new PacksJob(m_connection);
    connect(job, &PacksJob::finished, this, [this](const PacksJob::Result &r) {
        SyncedAccount *a = account();
        const auto *catalogue = std::get_if<PackCatalogue>(&r);
        if (!a || !catalogue) {
            m_packsFetched = false; // try again after the next sync
            return;
        }
        a->packs = catalogue->packs;
        a->customAmount = catalogue->customAmount;
        if (catalogue->maxAmount)
            a->maxAmount = *catalogue->maxAmount;
        emit a->changed();
    });
    job->start();
}

SyncStatus AccountSession::status() const
{
    SyncStatus s;
    s.at = localTime(m_lastSynced);
    const ConnectionState &state = m_connection->state();
    if (const SyncedAccount *a = account()) {
        switch (a->verification.state) {
        case Verification::State::Verified:
            s.check = SyncStatus::Check::Verified;
            break;
        case Verification::State::Mismatch:
            s.check = SyncStatus::Check::Mismatch;
            s.reason = tr("%1 here, %2 on the server")
                           .arg(a->verification.localAvailable.toString(),
                                a->verification.serverAvailable.toString());
            break;
        case Verification::State::NotChecked:
            break;
        }
    }
    if (m_events && m_events->isRunning()) {
        s.state = SyncStatus::State::Syncing;
        return s;
    }
    switch (state.state()) {
    case ConnectionState::State::SignedOut:
        s.state = SyncStatus::State::SignedOut;
        break;
    case ConnectionState::State::Connecting:
        s.state = SyncStatus::State::Syncing;
        break;
    case ConnectionState::State::Online:
        s.state = SyncStatus::State::Synced;
        if (m_reported && m_lastReport.outcome == EventsSync::Report::Outcome::Failed) {
            s.state = SyncStatus::State::Failed;
            s.reason = m_lastReport.failure ? m_lastReport.failure->message : m_lastReport.error;
        }
        break;
    case ConnectionState::State::Offline:
        s.state = SyncStatus::State::Offline;
        s.at = localTime(state.since());
        s.reason = state.reason();
        break;
    case ConnectionState::State::RateLimited:
        s.state = SyncStatus::State::RateLimited;
        s.reason = state.reason();
        break;
    case ConnectionState::State::Unauthorized:
        s.state = SyncStatus::State::Unauthorized;
        break;
    case ConnectionState::State::TlsRejected:
        s.state = SyncStatus::State::TlsRejected;
        break;
    }
    return s;
}

QString AccountSession::bannerText(bool *error) const
{
    *error = false;
    const ConnectionState &state = m_connection->state();
    const QString cached =
        m_lastSynced != NoTime
            ? tr("Showing the numbers as of the last sync at %1.")
                  .arg(QLocale().toString(localTime(m_lastSynced).time(), QStringLiteral("HH:mm")))
            : tr("Showing the numbers cached on this computer.");
    switch (state.state()) {
    case ConnectionState::State::Offline:
        return tr("Offline since %1: %2. %3")
            .arg(QLocale().toString(localTime(state.since()).time(), QStringLiteral("HH:mm")),
                 state.reason(), cached);
    case ConnectionState::State::Unauthorized:
        *error = true;
        return tr("The server no longer accepts your token. Sign in again (Account › Sign in). "
                  "%1")
            .arg(cached);
    case ConnectionState::State::TlsRejected:
        *error = true;
        return tr("Not connected: the server's certificate was not trusted. %1").arg(cached);
    case ConnectionState::State::SignedOut:
    case ConnectionState::State::Connecting:
    case ConnectionState::State::Online:
    case ConnectionState::State::RateLimited:
        break;
    }
    if (state.state() == ConnectionState::State::Online && m_reported &&
        m_lastReport.outcome == EventsSync::Report::Outcome::Failed) {
        *error = true;
        return tr("The last sync did not finish: %1. %2")
            .arg(m_lastReport.failure ? m_lastReport.failure->message : m_lastReport.error,
                 cached);
    }
    if (!m_lastReport.cacheError.isEmpty())
        return tr("The local copy could not be saved (%1); it is kept in memory and saved at "
                  "the next sync.")
            .arg(m_lastReport.cacheError);
    return {};
}

} // namespace creditdesk
