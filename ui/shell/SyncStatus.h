#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace creditdesk {

// What the status bar says about syncing, in one line (as Nextcloud's account panel):
// "Syncing…", "Synced at 14:03 ✓ verified", "Offline since 13:58 (server not reachable)".
// A plain value: the app fills it from the connection's state and the account's verification.
struct SyncStatus
{
    Q_DECLARE_TR_FUNCTIONS(SyncStatus)
public:
    enum class State {
        SignedOut,
        Syncing,
        Synced,
        Offline,
        RateLimited,  // the server asked to wait (not offline)
        Failed,       // the server answered, but the sync could not finish (reason)
        Unauthorized, // the token is no longer valid
        TlsRejected,  // the certificate did not verify and was not trusted
        Scenario,     // a scenario file, read-only: nothing to sync
    };
    enum class Check { NotChecked, Verified, Mismatch };

    State state = State::SignedOut;
    Check check = Check::NotChecked;
    QDateTime at;   // synced at, or offline since (local time)
    QString reason; // why offline / what differed

    QString text() const;
    // The colour the line deserves: normal, warning (offline, mismatch) or error.
    enum class Tone { Normal, Good, Warning, Error };
    Tone tone() const;
};

} // namespace creditdesk
