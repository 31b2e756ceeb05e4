#include "ServiceContext.h"

#include "AccessGuard.h"

namespace creditdesk {

AccountLedger &ServiceContext::readable(const Caller &caller, const QString &accountId,
                                        qint64 *pendingPurchases, LedgerCache::Need need)
{
    AccessGuard::requireAccount(caller, accountId);
    // The counts read with the token hold while nothing is settled: with no pending purchase
    // there is nothing to settle.
    const bool counted = caller.counts.accountId == accountId && !store.inTransaction();
    const bool settles = !counted || caller.counts.pending > 0;
    if (settleDue && !store.inTransaction() && settles)
        settleDue(accountId);
    AccountLedger *ledger = nullptr;
    if (counted && !settles) {
        if (pendingPurchases)
            *pendingPurchases = caller.counts.pending;
        ledger =
            cache.findCounted(accountId, caller.counts.events, need, caller.counts.readAhead.get());
    } else {
        ledger = cache.find(accountId, pendingPurchases, need);
    }
    if (!ledger)
        throw ApiError::notFound(QStringLiteral("no account %1").arg(accountId));
    return *ledger;
}

} // namespace creditdesk
