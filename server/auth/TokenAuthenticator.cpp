#include "TokenAuthenticator.h"

#include "ApiError.h"
#include "LedgerStore.h"
#include "RandomIds.h"

#include <QCryptographicHash>

namespace creditdesk {

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
    // Member tokens are remembered once verified; support tokens are read from the store on
    // every request, so one revoked (by another process too) is refused at its next request.
    const auto cached = m_verified.constFind(hash);
    if (cached != m_verified.constEnd())
        return *cached;
    const auto record = m_store.tokenByHash(hash);
    if (!record)
        throw ApiError(401, QStringLiteral("invalid_token"), QStringLiteral("the token is unknown"),
                       QStringLiteral("Authorization"));
    if (record->revokedAt != 0)
        throw ApiError(401, QStringLiteral("token_revoked"),
                       QStringLiteral("the token was revoked; nothing was done"),
                       QStringLiteral("Authorization"));
    Caller caller;
    caller.tokenId = record->id;
    caller.role = record->role == u"support" ? Role::Support : Role::Member;
    caller.accountId = record->accountId;
    caller.label = record->label;
    if (caller.isSupport())
        return caller;
    if (m_verified.size() > 10000)
        m_verified.clear();
    m_verified.insert(hash, caller);
    return caller;
}

QString TokenAuthenticator::issue(Role role, const QString &accountId, const QString &label,
                                  TimePoint at, QString *tokenId)
{
    const QString token = RandomIds::token();
    TokenRecord record;
    record.id = RandomIds::make("tok");
    record.role = role == Role::Support ? QStringLiteral("support") : QStringLiteral("member");
    record.accountId = role == Role::Member ? accountId : QString();
    record.label = label;
    record.createdAt = at;
    m_store.insertToken(record, hashOf(token));
    if (tokenId)
        *tokenId = record.id;
    return token;
}

} // namespace creditdesk
