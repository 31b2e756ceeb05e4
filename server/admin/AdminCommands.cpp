#include "AdminCommands.h"

#include "ApiError.h"
#include "PresetCatalog.h"
#include "ServerOptions.h"
#include "ServerRuntime.h"
#include "SimulatedPaymentProvider.h"
#include "StoreError.h"
#include "SystemClock.h"

#include <QDir>

#include <cstdio>
#include <optional>

namespace creditdesk {

namespace {
template <typename Fn> int guarded(const ServerOptions &o, Fn &&fn)
{
    if (!o.dataDir.isEmpty())
        QDir().mkpath(o.dataDir);
    try {
        std::optional<PresetCatalog> fromDir;
        if (!o.presetsDir.isEmpty()) {
            auto read = PresetCatalog::fromDirectory(o.presetsDir);
            if (auto *error = std::get_if<ParseError>(&read)) {
                std::fprintf(stderr, "creditdesk-server: --presets %s: %s\n",
                             qPrintable(o.presetsDir), qPrintable(error->toString()));
                return 1;
            }
            fromDir.emplace(std::get<PresetCatalog>(std::move(read)));
        }
        SystemClock clock;
        SimulatedPaymentProvider provider(0, 0);
        ServerRuntime rt(o.databaseSpec(), clock, provider,
                         fromDir ? *fromDir : PresetCatalog::builtIn());
        return fn(rt, clock);
    } catch (const ApiError &e) {
        std::fprintf(stderr, "creditdesk-server: %s%s\n",
                     e.field().isEmpty() ? "" : qPrintable(e.field() + QStringLiteral(": ")),
                     qPrintable(e.message()));
    } catch (const StoreError &e) {
        std::fprintf(stderr, "creditdesk-server: %s\n", e.what());
    }
    return 1;
}
} // namespace

int AdminCommands::accountAdd(const ServerOptions &o)
{
    return guarded(o, [&](ServerRuntime &rt, const Clock &) {
        const AccountRecord a = rt.accounts.createAccount(o.name, o.preset, o.timezone, o.accountId,
                                                          o.plan, NoTime, o.email);
        std::printf("%s\n", qPrintable(a.id));
        return 0;
    });
}

int AdminCommands::tokenAdd(const ServerOptions &o)
{
    return guarded(o, [&](ServerRuntime &rt, const Clock &clock) {
        const bool member = o.role == u"member";
        if (member && !rt.store.account(o.accountId)) {
            std::fprintf(stderr, "creditdesk-server: no account %s\n", qPrintable(o.accountId));
            return 1;
        }
        const QString token =
            rt.auth.issue(member ? Role::Member : Role::Support, o.accountId, o.label, clock.now());
        std::printf("%s\n", qPrintable(token));
        return 0;
    });
}

int AdminCommands::tokenRevoke(const ServerOptions &o)
{
    return guarded(o, [&](ServerRuntime &rt, const Clock &clock) {
        if (!rt.store.revokeToken(o.tokenId, clock.now())) {
            std::fprintf(stderr, "creditdesk-server: no valid token %s\n", qPrintable(o.tokenId));
            return 1;
        }
        std::printf("revoked %s\n", qPrintable(o.tokenId));
        return 0;
    });
}

} // namespace creditdesk
