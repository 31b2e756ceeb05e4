#include "ServerRuntime.h"

namespace creditdesk {

ServerRuntime::ServerRuntime(const QString &databaseSpec, const Clock &clock,
                             PaymentProvider &provider)
    : store(databaseSpec)
    , schemaVersion(store.migrate())
    , cache(store)
    , writer(store, cache, clock)
    , context{store, cache, writer, clock}
    , auth(store)
    , accounts(context)
    , purchases(context, provider)
    , tasks(context)
    , refunds(context)
{}

} // namespace creditdesk
