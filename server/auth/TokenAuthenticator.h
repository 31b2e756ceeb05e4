#pragma once

#include "Caller.h"
#include "TimePoint.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QString>

#include <memory>

namespace creditdesk {

class Clock;
class LedgerCache;
class LedgerStore;

// Bearer tokens: issued once in clear, stored only as their SHA-256, checked on every request.
// A token's state (revoked, expiry) is read from the database again when this process's copy
// is older than RecheckMs (support tokens: on every request), so a token revoked by
// `creditdesk-server token revoke` (or by any other process) is refused everywhere within a second,
// without a restart; an expired token is refused from its expiry second on. Revoked: 401
// token_revoked; unknown or expired: 401 invalid_token. "Last used" is written at most once a
// minute a token, and at most a second late (batched: one commit for all tokens).
class TokenAuthenticator
{
public:
    static constexpr qint64 RecheckMs = 500;

    // Last uses are written at most a second late (one commit for all tokens used meanwhile).
    static constexpr qint64 FlushUsesMs = 1000;

    // `engines`: those this process keeps. A request about one account reads, with its
    // token, what the kept engine lacks (the account row when none is kept, the newer
    // events), so a cold account is one round trip too.
    TokenAuthenticator(LedgerStore &store, const LedgerCache &engines, const Clock &clock);
    // Writes the last uses not written yet.
    ~TokenAuthenticator();
    TokenAuthenticator(const TokenAuthenticator &) = delete;
    TokenAuthenticator &operator=(const TokenAuthenticator &) = delete;

    // Reads, in one round trip, the tokens and account counts of requests that arrived together
    // (each an Authorization header and the account it reads), so that authenticate() for each
    // of them needs no round trip of its own. What was read serves only until
    // dropPrefetched(): the end of the batch. Never throws (a failed read is left to each
    // request, which then reads and reports on its own).
    void prefetch(const QList<std::pair<QByteArray, QString>> &reads);
    void dropPrefetched();

    static QByteArray hashOf(const QString &token);
    // The Caller an "Authorization: Bearer ..." header names; throws ApiError 401 otherwise.
    // With `countsOf` (an account id), the token is read afresh together with that account's
    // event count and pending purchases (Caller::counts), in one round trip.
    Caller authenticate(const QByteArray &authorization, const QString &countsOf = {});
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
    QHash<QString, TimePoint> m_usesDue;    // token id -> last use not written yet
    const LedgerCache &m_engines;
    // prefetch()'s reads by token hash and account.
    struct Prefetched;
    std::unique_ptr<Prefetched> m_prefetched;

    // The token's hash from an Authorization header; throws ApiError 401 when malformed.
    static QByteArray bearerHash(const QByteArray &authorization);
    qint64 m_usesFlushedMs = 0;

    void flushUses(qint64 nowMs, bool now);
};

} // namespace creditdesk
