#include "SyncStatus.h"

#include <QLocale>

namespace creditdesk {

namespace {

QString clock(const QDateTime &t)
{
    if (!t.isValid())
        return QStringLiteral("—");
    return QLocale().toString(t.time(), QStringLiteral("HH:mm"));
}

} // namespace

QString SyncStatus::text() const
{
    switch (state) {
    case State::SignedOut:
        return tr("Not signed in");
    case State::Syncing:
        return at.isValid() ? tr("Syncing… (last synced at %1)").arg(clock(at)) : tr("Syncing…");
    case State::Synced:
        switch (check) {
        case Check::Verified:
            return tr("Synced at %1 ✓ verified with server").arg(clock(at));
        case Check::Mismatch:
            return tr("Synced at %1 ⚠ differs from the server: %2").arg(clock(at), reason);
        case Check::NotChecked:
            break;
        }
        return tr("Synced at %1").arg(clock(at));
    case State::Offline:
        return reason.isEmpty() ? tr("Offline since %1").arg(clock(at))
                                : tr("Offline since %1 (%2)").arg(clock(at), reason);
    case State::RateLimited:
        return tr("Synced at %1 · the server asked to wait (%2)").arg(clock(at), reason);
    case State::Failed:
        return tr("Sync failed: %1").arg(reason);
    case State::Unauthorized:
        return tr("Signed out by the server: the token is no longer valid");
    case State::TlsRejected:
        return tr("Not connected: the server's certificate is not trusted");
    case State::Scenario:
        return tr("Scenario file — read-only, nothing to sync");
    }
    return {};
}

SyncStatus::Tone SyncStatus::tone() const
{
    switch (state) {
    case State::Synced:
        return check == Check::Mismatch   ? Tone::Error
               : check == Check::Verified ? Tone::Good
                                          : Tone::Normal;
    case State::Offline:
        return Tone::Warning;
    case State::RateLimited:
        return Tone::Normal;
    case State::Unauthorized:
    case State::TlsRejected:
    case State::Failed:
        return Tone::Error;
    case State::SignedOut:
    case State::Syncing:
    case State::Scenario:
        break;
    }
    return Tone::Normal;
}

} // namespace creditdesk
