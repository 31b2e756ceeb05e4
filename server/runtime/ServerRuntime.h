#pragma once

#include "AccountService.h"
#include "AccountWriter.h"
#include "LedgerCache.h"
#include "LedgerStore.h"
#include "PurchaseService.h"
#include "RefundService.h"
#include "ServiceContext.h"
#include "TaskService.h"
#include "TokenAuthenticator.h"

namespace creditdesk {

class Clock;
class PaymentProvider;
class PresetCatalog;

// Everything behind the API, wired once: the store (migrated), the engines, the writer and
// the services. The HTTPS server, the admin commands and the demo seeder each make one.
class ServerRuntime
{
public:
    // Throws StoreError when the database cannot be opened or migrated. Accounts' presets come
    // from `presets` (the built-in catalogue when not given); it must outlive the runtime.
    ServerRuntime(const QString &databaseSpec, const Clock &clock, PaymentProvider &provider);
    ServerRuntime(const QString &databaseSpec, const Clock &clock, PaymentProvider &provider,
                  const PresetCatalog &presets);

    const PresetCatalog &presets;

    LedgerStore store;
    int schemaVersion;
    LedgerCache cache;
    AccountWriter writer;
    ServiceContext context;
    TokenAuthenticator auth;
    AccountService accounts;
    PurchaseService purchases;
    TaskService tasks;
    RefundService refunds;
};

} // namespace creditdesk
