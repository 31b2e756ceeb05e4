#include "TokenAuthenticator.h"

#include "ApiError.h"
#include "Clock.h"
#include "LedgerCache.h"
#include "LedgerStore.h"
#include "RandomIds.h"
#include "StoreError.h"

#include <QCryptographicHash>
#include <QSet>

namespace creditdesk {

namespace {
ApiError refused(const QString &message)
{
    return ApiError(401, QStringLiteral("invalid_token"), message, QStringLiteral("Authorization"));
}
} // namespace

struct TokenAuthenticator::Prefetched
{
    // By token hash, then a space, then the account id.
    QHash<QByteArray, LedgerStore::TokenAndCounts> reads;

    static QByteArray key(const QByteArray &hash, const QString &accountId)
    {
        return hash + ' ' + accountId.toUtf8();
    }
};

TokenAuthenticator::TokenAuthenticator(LedgerStore &store, const LedgerCache &engines,
                                       const Clock &clock)
    : m_store(store)
    , m_clock(clock)
    , m_engines(engines)
    , m_prefetched(std::make_unique<Prefetched>())
{
    m_monotonic.start();
}

QByteArray TokenAuthenticator::bearerHash(const QByteArray &authorization)
{
    if (authorization.isEmpty())
        throw ApiError(401, QStringLiteral("unauthorized"),
                       QStringLiteral("missing \"Authorization: Bearer <token>\" header"),
                       QStringLiteral("Authorization"));
    static const QByteArray scheme = QByteArrayLiteral("bearer ");
    if (authorization.size() <= scheme.size() ||
        authorization.left(scheme.size()).toLower() != scheme)
        throw ApiError(401, QStringLiteral("unauthorized"),
                       QStringLiteral("the Authorization header must be \"Bearer <token>\""),
                       QStringLiteral("Authorization"));
    return hashOf(QString::fromLatin1(authorization.mid(scheme.size()).trimmed()));
}

void TokenAuthenticator::prefetch(const QList<std::pair<QByteArray, QString>> &reads)
{
    m_prefetched->reads.clear();
    if (m_store.inTransaction())
        return;
    QList<LedgerStore::TokenRead> batch;
    QList<QByteArray> keys;
    QSet<QByteArray> seen;
    for (const auto &[authorization, accountId] : reads) {
        try {
            const QByteArray hash = bearerHash(authorization);
            const QByteArray key = Prefetched::key(hash, accountId);
            if (accountId.isEmpty() || seen.contains(key))
                continue;
            seen.insert(key);
            batch.append({hash, accountId, m_engines.keptEventCount(accountId)});
            keys.append(key);
        } catch (const ApiError &) {
            // Refused by authenticate() itself, with its own message.
        }
    }
    if (reads.size() < 2 || batch.isEmpty())
        return; // one request is no batch: it reads for itself, as without one
    try {
        QList<LedgerStore::TokenAndCounts> read =
            m_store.tokensWithCounts(batch, LedgerCache::ReadAheadEvents);
        for (qsizetype i = 0; i < keys.size(); ++i)
            m_prefetched->reads.insert(keys[i], std::move(read[i]));
    } catch (const StoreError &) {
        // Each request reads for itself, and answers this error (or not) on its own.
        m_prefetched->reads.clear();
    }
}

void TokenAuthenticator::dropPrefetched()
{
    m_prefetched->reads.clear();
}

QByteArray TokenAuthenticator::hashOf(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex();
}

Caller TokenAuthenticator::authenticate(const QByteArray &authorization, const QString &countsOf)
{
    const QByteArray hash = bearerHash(authorization);
    const qint64 nowMs = m_monotonic.elapsed();
    auto it = m_verified.find(hash);
    Caller::Counts counts;
    if (!countsOf.isEmpty() || it == m_verified.end() || nowMs - it->checkedAtMs >= RecheckMs ||
        it->caller.isSupport()) {
        // One primary-key read a token per RecheckMs: revocation by anyone is seen in time.
        // Support tokens (few, and able to move money) are read on every request, so one
        // revoked is refused at its very next request. A request about one account reads the
        // token with the account's counts, which it needs anyway: one round trip, never stale.
        std::optional<TokenRecord> record;
        if (countsOf.isEmpty()) {
            record = m_store.tokenByHash(hash);
        } else {
            LedgerStore::TokenAndCounts read;
            // Read with the others of its batch, since this request arrived: used unless the
            // engine kept has gone past it meanwhile (a write this process made since), when
            // the counts would be older than what this process itself wrote.
            const auto pre = m_prefetched->reads.constFind(Prefetched::key(hash, countsOf));
            const qint64 kept = m_engines.keptEventCount(countsOf);
            if (pre != m_prefetched->reads.cend() && kept <= pre->eventCount)
                read = *pre;
            else
                read = m_store.tokenWithCounts(hash, countsOf, kept, LedgerCache::ReadAheadEvents);
            record = std::move(read.token);
            counts = {countsOf, read.eventCount, read.pending, std::move(read.readAhead)};
        }
        if (!record) {
            if (it != m_verified.end())
                m_verified.erase(it);
            throw refused(QStringLiteral("the token is unknown"));
        }
        if (record->revokedAt != 0) {
            if (it != m_verified.end())
                m_verified.erase(it);
            // Its own code (support's console tells the agent to ask for a new token).
            throw ApiError(401, QStringLiteral("token_revoked"),
                           QStringLiteral("the token was revoked; nothing was done"),
                           QStringLiteral("Authorization"));
        }
        if (it == m_verified.end()) {
            // Bounded (~200 bytes a token); a clear only costs each token one more read and
            // one more last-use write.
            if (m_verified.size() > 100000)
                m_verified.clear();
            it = m_verified.insert(hash, Verified{});
        }
        Verified &v = *it;
        v.caller.tokenId = record->id;
        v.caller.role = record->role == u"support" ? Role::Support : Role::Member;
        v.caller.accountId = record->accountId;
        v.caller.label = record->label;
        v.expiresAt = record->expiresAt;
        v.checkedAtMs = nowMs;
        v.lastUsedAt = std::max(v.lastUsedAt, record->lastUsedAt);
    }
    Verified &v = *it;
    const TimePoint now = m_clock.now();
    if (v.expiresAt != 0 && now >= v.expiresAt)
        throw refused(QStringLiteral("the token has expired"));
    if (now - v.lastUsedAt >= 60) {
        v.lastUsedAt = now; // even if the write fails: it is a hint, not worth a retry storm
        m_usesDue.insert(v.caller.tokenId, now);
    }
    Caller caller = v.caller;
    flushUses(nowMs, false);
    caller.counts = counts;
    return caller;
}

TokenAuthenticator::~TokenAuthenticator()
{
    flushUses(m_monotonic.elapsed(), true);
}

void TokenAuthenticator::flushUses(qint64 nowMs, bool now)
{
    // A write a second for every token used since (one commit), not one per first use: with
    // thousands of tokens a minute, one commit each was a disk flush per request.
    if (m_usesDue.isEmpty() || m_store.inTransaction() ||
        (!now && nowMs - m_usesFlushedMs < FlushUsesMs && m_usesDue.size() < 1000))
        return;
    m_usesFlushedMs = nowMs;
    QList<std::pair<QString, TimePoint>> uses;
    uses.reserve(m_usesDue.size());
    for (auto it = m_usesDue.cbegin(); it != m_usesDue.cend(); ++it)
        uses.append({it.key(), it.value()});
    m_usesDue.clear();
    try {
        m_store.touchTokens(uses);
    } catch (const StoreError &e) {
        qWarning("token last-used not written: %s", e.what());
    }
}

QString TokenAuthenticator::issue(Role role, const QString &accountId, const QString &label,
                                  TimePoint at, QString *tokenId, TimePoint expiresAt)
{
    const QString token = RandomIds::token();
    TokenRecord record;
    record.id = RandomIds::make("tok");
    record.role = role == Role::Support ? QStringLiteral("support") : QStringLiteral("member");
    record.accountId = role == Role::Member ? accountId : QString();
    record.label = label;
    record.createdAt = at;
    record.expiresAt = expiresAt;
    m_store.insertToken(record, hashOf(token));
    if (tokenId)
        *tokenId = record.id;
    return token;
}

} // namespace creditdesk
