#include "ServerRuntime.h"

#include "PresetCatalog.h"

namespace creditdesk {

ServerRuntime::ServerRuntime(const QString &databaseSpec, const Clock &clock,
                             PaymentProvider &provider)
    : ServerRuntime(databaseSpec, clock, provider, PresetCatalog::builtIn())
{}

ServerRuntime::ServerRuntime(const QString &databaseSpec, const Clock &clock,
                             PaymentProvider &provider, const PresetCatalog &presetCatalog)
    : presets(presetCatalog)
    , store(databaseSpec)
    , schemaVersion(store.migrate())
    , cache(store, presetCatalog)
    , writer(store, cache, clock)
    , context{store, cache, writer, clock, presetCatalog, {}}
    , auth(store, cache, clock)
    , accounts(context)
    , purchases(context, provider)
    , tasks(context)
    , refunds(context)
{}

} // namespace creditdesk
