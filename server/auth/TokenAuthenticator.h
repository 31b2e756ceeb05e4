#pragma once

#include "Caller.h"
#include "TimePoint.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace creditdesk {

class LedgerStore;

// Bearer tokens: issued once in clear, stored only as their SHA-256, checked on every request.
// A revoked token is refused (401 token_revoked) from its next request on: support tokens are
// read from the store every time; member tokens are remembered once verified (their
// revocation is not part of the API yet).
class TokenAuthenticator
{
public:
    explicit TokenAuthenticator(LedgerStore &store)
        : m_store(store)
    {}

    static QByteArray hashOf(const QString &token);
    // The Caller an "Authorization: Bearer ..." header names; throws ApiError 401 otherwise.
    Caller authenticate(const QByteArray &authorization);
    // Stores a new token's hash and returns the token (the only time it is seen in clear).
    QString issue(Role role, const QString &accountId, const QString &label, TimePoint at,
                  QString *tokenId = nullptr);

private:
    LedgerStore &m_store;
    QHash<QByteArray, Caller> m_verified; // hash -> member caller; never re-assigned
};

} // namespace creditdesk
