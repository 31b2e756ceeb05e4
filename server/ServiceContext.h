#pragma once

#include "AccountWriter.h"
#include "Caller.h"
#include "Clock.h"
#include "LedgerCache.h"
#include "LedgerStore.h"

namespace creditdesk {

// What every API service shares: the store, the engines cache, the writer and the clock.
struct ServiceContext
{
    LedgerStore &store;
    LedgerCache &cache;
    AccountWriter &writer;
    const Clock &clock;

    // The account the caller may read, caught up with the store: 403 for a member naming
    // another account (before looking, so it reveals nothing), 404 when there is none.
    AccountLedger &readable(const Caller &caller, const QString &accountId,
                            qint64 *pendingPurchases = nullptr);
};

} // namespace creditdesk
