#include "ClientSession.h"

#include "AccountNotifications.h"
#include "AccountSession.h"
#include "Clock.h"
#include "ConnectionState.h"
#include "PurchaseFlow.h"
#include "ServerConnection.h"
#include "SyncSchedule.h"
#include "SyncedAccount.h"

#include <QDateTime>
#include <QDir>
#include <QLocale>
#include <QTimeZone>

namespace creditdesk {

namespace {

// Times on screen are the account's wall clock (design brief), like the countdowns beside
// them: in the demo that is the demo clock in the member's zone, not the laptop's.
QDateTime accountTime(TimePoint t, const SyncedAccount *account)
{
    if (t == NoTime)
        return {};
    const QTimeZone zone(account ? account->timezone.toUtf8() : QByteArray());
    return zone.isValid() ? QDateTime::fromSecsSinceEpoch(t, zone)
                          : QDateTime::fromSecsSinceEpoch(t);
}

} // namespace

ClientSession::ClientSession(Target target, const Clock &clock, const QString &cacheDirectory,
                             TlsDecider *decider, QObject *parent)
    : QObject(parent)
    , m_target(std::move(target))
    , m_clock(clock)
    , m_cacheDirectory(cacheDirectory)
    , m_session(new AccountSession({m_target.server, m_target.accountId, cacheDirectory,
                                    m_target.caCertificates, m_target.trustedPins},
                                   clock, nullptr, this))
{
    ServerConnection &connection = m_session->connection();
    connection.setTlsDecider(decider);
    connect(&connection, &ServerConnection::trustedPinsChanged, this,
            &ClientSession::trustedPinsChanged);
    connect(&connection.state(), &ConnectionState::changed, this, &ClientSession::statusChanged);
    connect(m_session, &AccountSession::accountReady, this, &ClientSession::accountReady);
    connect(m_session, &AccountSession::syncStarted, this, [this] {
        m_syncing = true;
        emit statusChanged();
    });
    connect(m_session, &AccountSession::syncFinished, this, &ClientSession::onSyncFinished);
}

ClientSession::~ClientSession() = default;

bool ClientSession::start(QString *error)
{
    if (!QDir().mkpath(m_cacheDirectory)) {
        *error = tr("cannot create %1").arg(m_cacheDirectory);
        return false;
    }
    m_session->start(m_target.token);
    // After the cache was read (its last sync is the baseline), before the first sync.
    m_notifications = new AccountNotifications(m_session->eventsSync(), &m_session->cache(), this);
    m_notifications->setSettings(m_notificationSettings);
    connect(m_notifications, &AccountNotifications::intent, this,
            &ClientSession::notificationIntent);
    m_session->syncNow();
    return true;
}

void ClientSession::setNotificationSettings(const NotificationPlanner::Settings &settings)
{
    m_notificationSettings = settings;
    if (m_notifications)
        m_notifications->setSettings(settings);
}

bool ClientSession::isSyncing() const
{
    return m_syncing || m_session->isSyncing();
}

void ClientSession::syncNow()
{
    m_session->syncNow();
}

void ClientSession::setVisible(bool visible)
{
    m_session->setVisible(visible);
}

void ClientSession::signOut(bool deleteCache)
{
    m_session->signOut(deleteCache);
    emit statusChanged();
}

SyncedAccount *ClientSession::account() const
{
    return m_session->account();
}

ServerConnection &ClientSession::connection() const
{
    return m_session->connection();
}

PurchaseFlow *ClientSession::purchases() const
{
    return m_session->purchases();
}

SyncSchedule &ClientSession::schedule() const
{
    return m_session->schedule();
}

void ClientSession::onSyncFinished(const EventsSync::Report &report)
{
    m_syncing = false;
    m_lastReport = report;
    m_reported = true;
    if (report.outcome != EventsSync::Report::Outcome::Failed) {
        m_lastSynced = m_clock.now();
    } else {
        m_errors.append({m_clock.now(), report.failure ? report.failure->message : report.error});
        while (m_errors.size() > 10)
            m_errors.removeFirst();
    }
    emit synced(report);
    emit statusChanged();
}

SyncStatus ClientSession::status() const
{
    SyncStatus s;
    s.at = accountTime(m_lastSynced, account());
    const ConnectionState &state = m_session->connection().state();
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
    if (m_syncing || m_session->isSyncing()) {
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
        s.at = accountTime(state.since(), account());
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

QString ClientSession::bannerText(bool *error) const
{
    *error = false;
    const ConnectionState &state = m_session->connection().state();
    const QString cached =
        m_lastSynced != NoTime
            ? tr("Showing the numbers as of the last sync at %1.")
                  .arg(QLocale().toString(accountTime(m_lastSynced, account()).time(),
                                          QStringLiteral("HH:mm")))
            : tr("Showing the numbers cached on this computer.");
    switch (state.state()) {
    case ConnectionState::State::Offline:
        return tr("Offline since %1: %2. %3")
            .arg(QLocale().toString(accountTime(state.since(), account()).time(),
                                    QStringLiteral("HH:mm")),
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
            .arg(m_lastReport.failure ? m_lastReport.failure->message : m_lastReport.error, cached);
    }
    if (!m_lastReport.cacheError.isEmpty())
        return tr("The local copy could not be saved (%1); it is kept in memory and saved at "
                  "the next sync.")
            .arg(m_lastReport.cacheError);
    return {};
}

} // namespace creditdesk
