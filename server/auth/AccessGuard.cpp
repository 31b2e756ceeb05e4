#include "AccessGuard.h"

#include "ApiError.h"

namespace creditdesk {

void AccessGuard::requireAccount(const Caller &caller, const QString &accountId)
{
    if (!caller.isSupport() && caller.accountId != accountId)
        throw ApiError::forbidden(
            QStringLiteral("this token may read only account %1").arg(caller.accountId));
}

void AccessGuard::requireOwner(const Caller &caller, const QString &accountId)
{
    if (caller.isSupport())
        throw ApiError::forbidden(
            QStringLiteral("only the account's member does this (support: use adjustments)"));
    requireAccount(caller, accountId);
}

void AccessGuard::requireSupport(const Caller &caller)
{
    if (!caller.isSupport())
        throw ApiError::forbidden(QStringLiteral("this needs a support token"));
}

} // namespace creditdesk
