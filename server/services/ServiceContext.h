#pragma once

#include "AccountWriter.h"
#include "Caller.h"
#include "Clock.h"
#include "LedgerCache.h"
#include "LedgerStore.h"

#include <functional>

namespace creditdesk {

class PresetCatalog;

// What every API service shares: the store, the engines cache, the writer, the clock and the
// presets the server runs with.
struct ServiceContext
{
    LedgerStore &store;
    LedgerCache &cache;
    AccountWriter &writer;
    const Clock &clock;
    const PresetCatalog &presets;
    // Settles the account's purchases that are due by the clock (PurchaseService sets it):
    // every read of an account sees its payments as of now.
    std::function<void(const QString &accountId)> settleDue = {};

    // The account the caller may read, caught up with the store: 403 for a member naming
    // another account (before looking, so it reveals nothing), 404 when there is none.
    // With the counts the caller's token was read with (Caller::counts), no further round
    // trip when nothing is pending. LedgerCache::Need::Head: the engine's answers "now" are all
    // the caller reads (a cold account may resume from its stored snapshot).
    AccountLedger &readable(const Caller &caller, const QString &accountId,
                            qint64 *pendingPurchases = nullptr,
                            LedgerCache::Need need = LedgerCache::Need::Whole);
};

} // namespace creditdesk
