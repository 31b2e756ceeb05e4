#pragma once

#include "Caller.h"
#include "TimePoint.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QString>

namespace creditdesk {

class Clock;
class LedgerStore;

// Bearer tokens: issued once in clear, stored only as their SHA-256, checked on every request.
// A token's state (revoked, expiry) is read from the database again when this process's copy
// is older than RecheckMs (support tokens: on every request), so a token revoked by
// `creditdesk-server token revoke` (or by any other process) is refused everywhere within a second,
// without a restart; an expired token is refused from its expiry second on. Revoked: 401
// token_revoked; unknown or expired: 401 invalid_token. "Last used" is written at most once a
// minute a token.
class TokenAuthenticator
{
public:
    static constexpr qint64 RecheckMs = 500;

    TokenAuthenticator(LedgerStore &store, const Clock &clock);

    static QByteArray hashOf(const QString &token);
    // The Caller an "Authorization: Bearer ..." header names; throws ApiError 401 otherwise.
    Caller authenticate(const QByteArray &authorization);
    // Stores a new token's hash and returns the token (the only time it is seen in clear).
    // `expiresAt` 0: never expires.
    QString issue(Role role, const QString &accountId, const QString &label, TimePoint at,
                  QString *tokenId = nullptr, TimePoint expiresAt = 0);

private:
    struct Verified
    {
        Caller caller;
        TimePoint expiresAt = 0;
        qint64 checkedAtMs = 0;   // on m_monotonic
        TimePoint lastUsedAt = 0; // as last written (or read)
    };

    LedgerStore &m_store;
    const Clock &m_clock;
    QElapsedTimer m_monotonic;
    QHash<QByteArray, Verified> m_verified; // hash -> state as last read
};

} // namespace creditdesk
