#include "ServiceContext.h"

#include "AccessGuard.h"

namespace creditdesk {

AccountLedger &ServiceContext::readable(const Caller &caller, const QString &accountId,
                                        qint64 *pendingPurchases)
{
    AccessGuard::requireAccount(caller, accountId);
    if (settleDue && !store.inTransaction())
        settleDue(accountId);
    AccountLedger *ledger = cache.find(accountId, pendingPurchases);
    if (!ledger)
        throw ApiError::notFound(QStringLiteral("no account %1").arg(accountId));
    return *ledger;
}

} // namespace creditdesk
