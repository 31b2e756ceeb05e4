#include "ConnectionState.h"

#include "ApiFailure.h"
#include "Clock.h"

#include <QMetaEnum>

namespace creditdesk {

ConnectionState::ConnectionState(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{}

bool ConnectionState::canSend() const
{
    return m_state != State::SignedOut && m_state != State::Unauthorized &&
           m_state != State::TlsRejected;
}

void ConnectionState::signIn()
{
    move(State::Connecting, QString());
}

void ConnectionState::signOut()
{
    move(State::SignedOut, QString());
}

void ConnectionState::noteSuccess()
{
    if (m_state == State::SignedOut || m_state == State::Unauthorized ||
        m_state == State::TlsRejected)
        return;
    move(State::Online, QString());
}

void ConnectionState::noteFailure(const ApiFailure &failure)
{
    if (m_state == State::SignedOut)
        return;
    switch (failure.kind) {
    case ApiFailure::Kind::Unauthorized:
        move(State::Unauthorized, failure.message);
        return;
    case ApiFailure::Kind::RateLimited:
        m_retryAt = m_clock.now() + failure.retryAfterSeconds;
        move(State::RateLimited, failure.message);
        return;
    case ApiFailure::Kind::Tls:
        move(State::TlsRejected, failure.message);
        return;
    default:
        break;
    }
    if (failure.isUnreachable()) {
        if (m_state == State::Offline) {
            m_reason = failure.message; // same outage: keep `since`
            return;
        }
        move(State::Offline, failure.message);
        return;
    }
    // The server answered (an error status, an unreadable body): it is there.
    if (m_state == State::Offline || m_state == State::Connecting || m_state == State::RateLimited)
        move(State::Online, QString());
}

void ConnectionState::noteTlsRejected(const QString &why)
{
    move(State::TlsRejected, why);
}

void ConnectionState::move(State to, const QString &reason)
{
    m_reason = reason;
    if (to == m_state)
        return;
    m_state = to;
    m_since = m_clock.now();
    if (to != State::RateLimited)
        m_retryAt = NoTime;
    emit changed(to);
}

QString ConnectionState::describe() const
{
    QString name = QString::fromLatin1(QMetaEnum::fromType<State>().valueToKey(int(m_state)));
    if (!m_reason.isEmpty())
        name += QStringLiteral(" (") + m_reason + u')';
    return name;
}

} // namespace creditdesk
