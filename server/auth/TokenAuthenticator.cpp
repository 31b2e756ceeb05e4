#include "TokenAuthenticator.h"

#include "ApiError.h"
#include "Clock.h"
#include "LedgerStore.h"
#include "RandomIds.h"
#include "StoreError.h"

#include <QCryptographicHash>

namespace creditdesk {

namespace {
ApiError refused(const QString &message)
{
    return ApiError(401, QStringLiteral("invalid_token"), message, QStringLiteral("Authorization"));
}
} // namespace

TokenAuthenticator::TokenAuthenticator(LedgerStore &store, const Clock &clock)
    : m_store(store)
    , m_clock(clock)
{
    m_monotonic.start();
}

QByteArray TokenAuthenticator::hashOf(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex();
}

Caller TokenAuthenticator::authenticate(const QByteArray &authorization)
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
    const QString token = QString::fromLatin1(authorization.mid(scheme.size()).trimmed());
    const QByteArray hash = hashOf(token);
    const qint64 nowMs = m_monotonic.elapsed();
    auto it = m_verified.find(hash);
    if (it == m_verified.end() || nowMs - it->checkedAtMs >= RecheckMs || it->caller.isSupport()) {
        // One primary-key read a token per RecheckMs: revocation by anyone is seen in time.
        // Support tokens (few, and able to move money) are read on every request, so one
        // revoked is refused at its very next request.
        const auto record = m_store.tokenByHash(hash);
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
            if (m_verified.size() > 10000)
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
    if (now - v.lastUsedAt >= 60 && !m_store.inTransaction()) {
        v.lastUsedAt = now; // even if the write fails: it is a hint, not worth a retry storm
        try {
            m_store.touchToken(v.caller.tokenId, now);
        } catch (const StoreError &e) {
            qWarning("token last-used not written: %s", e.what());
        }
    }
    return v.caller;
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
