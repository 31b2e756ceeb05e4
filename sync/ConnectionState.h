#pragma once

#include "TimePoint.h"

#include <QObject>
#include <QString>

namespace creditdesk {

class Clock;
struct ApiFailure;

// The state of one signed-in server connection, after Nextcloud's AccountState. Every job's
// outcome is reported here (noteSuccess / noteFailure) and moves it:
//
//   SignedOut     no token: nothing is sent.                         -> Connecting (signIn)
//   Connecting    signed in, no answer yet.                           -> any below
//   Online        the last request got a usable answer.
//   Offline       the server could not be reached (refused, dropped, timeout, 502-504): keeps
//                 `reason` and `since` (the first failure of this outage, not the latest);
//                 the schedule pauses polling and probes with back-off until one succeeds.
//   RateLimited   429: the server is there but asked to wait `retryAfter` seconds. Not
//                 offline: cached data is current as of the last sync, nothing is wrong.
//   Unauthorized  401: the token is no longer valid; only signing in again leaves it.
//   TlsRejected   the certificate did not verify and the member declined to trust it; only
//                 signing in again (or trusting it) leaves it.
//
// A success leaves Offline/RateLimited/Connecting for Online; it does not leave Unauthorized
// or TlsRejected (those need the member). Emits changed() on every move, not on repeats.
class ConnectionState : public QObject
{
    Q_OBJECT
public:
    enum class State : quint8 {
        SignedOut,
        Connecting,
        Online,
        Offline,
        RateLimited,
        Unauthorized,
        TlsRejected
    };
    Q_ENUM(State)

    explicit ConnectionState(const Clock &clock, QObject *parent = nullptr);

    State state() const { return m_state; }
    QString reason() const { return m_reason; }
    TimePoint since() const { return m_since; }     // local clock, when this state began
    TimePoint retryAt() const { return m_retryAt; } // RateLimited: when to try again
    // Whether requests may be sent (not signed out, not waiting for the member).
    bool canSend() const;

    void signIn();
    void signOut();
    void noteSuccess();
    void noteFailure(const ApiFailure &failure);
    void noteTlsRejected(const QString &why);

    // "online", "offline since 13:58 (…)": for logs and tests; the UI words it itself.
    QString describe() const;

signals:
    void changed(creditdesk::ConnectionState::State state);

private:
    void move(State to, const QString &reason);

    const Clock &m_clock;
    State m_state = State::SignedOut;
    QString m_reason;
    TimePoint m_since = NoTime;
    TimePoint m_retryAt = NoTime;
};

} // namespace creditdesk
