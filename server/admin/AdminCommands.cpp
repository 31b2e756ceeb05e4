#include "AdminCommands.h"

#include "ApiError.h"
#include "LedgerVerifier.h"
#include "PresetCatalog.h"
#include "RandomIds.h"
#include "ServerOptions.h"
#include "ServerRuntime.h"
#include "SimulatedPaymentProvider.h"
#include "StoreError.h"
#include "SystemClock.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

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
QString timeText(TimePoint t)
{
    return t == 0 ? QStringLiteral("-")
                  : QDateTime::fromSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODate);
}

void auditAdmin(LedgerStore &store, TimePoint at, const QString &action, const QString &account,
                const QJsonObject &detail)
{
    AuditRecord r;
    r.id = RandomIds::make("aud");
    r.at = at;
    r.actor = QStringLiteral("admin");
    r.role = QStringLiteral("system");
    r.action = action;
    r.accountId = account;
    r.detail = QJsonDocument(detail).toJson(QJsonDocument::Compact);
    store.audit(r);
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
        const TimePoint now = clock.now();
        const QString token =
            rt.auth.issue(member ? Role::Member : Role::Support, o.accountId, o.label, now, nullptr,
                          o.expiresSeconds > 0 ? now + o.expiresSeconds : 0);
        std::printf("%s\n", qPrintable(token));
        return 0;
    });
}

int AdminCommands::tokenList(const ServerOptions &o)
{
    return guarded(o, [&](ServerRuntime &rt, const Clock &clock) {
        const TimePoint now = clock.now();
        std::printf("id\trole\taccount\tlabel\tcreated\tlast_used\texpires\tstate\n");
        for (const TokenRecord &t : rt.store.tokens(o.accountId)) {
            const QString state =
                t.revokedAt != 0 ? QStringLiteral("revoked ") + timeText(t.revokedAt)
                : (t.expiresAt != 0 && now >= t.expiresAt) ? QStringLiteral("expired")
                                                           : QStringLiteral("active");
            std::printf(
                "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", qPrintable(t.id), qPrintable(t.role),
                qPrintable(t.accountId.isEmpty() ? QStringLiteral("-") : t.accountId),
                qPrintable(t.label.isEmpty() ? QStringLiteral("-") : t.label),
                qPrintable(timeText(t.createdAt)), qPrintable(timeText(t.lastUsedAt)),
                qPrintable(t.expiresAt == 0 ? QStringLiteral("never") : timeText(t.expiresAt)),
                qPrintable(state));
        }
        return 0;
    });
}

int AdminCommands::tokenRevoke(const ServerOptions &o)
{
    return guarded(o, [&](ServerRuntime &rt, const Clock &clock) {
        const TimePoint now = clock.now();
        rt.store.beginWrite();
        try {
            if (!rt.store.revokeToken(o.tokenId, now)) {
                rt.store.rollback();
                std::fprintf(stderr, "creditdesk-server: no active token %s\n",
                             qPrintable(o.tokenId));
                return 1;
            }
            auditAdmin(rt.store, now, QStringLiteral("token.revoke"), QString(),
                       QJsonObject{{QStringLiteral("token"), o.tokenId}});
            rt.store.commit();
        } catch (...) {
            rt.store.rollback();
            throw;
        }
        std::printf("revoked %s\n", qPrintable(o.tokenId));
        return 0;
    });
}

int AdminCommands::accountErase(const ServerOptions &o)
{
    return guarded(o, [&](ServerRuntime &rt, const Clock &clock) {
        const TimePoint now = clock.now();
        rt.store.beginWrite();
        try {
            rt.store.lockAccount(o.accountId);
            if (!rt.store.erasePersonalFields(o.accountId, QStringLiteral("(erased)"))) {
                rt.store.rollback();
                std::fprintf(stderr, "creditdesk-server: no account %s\n", qPrintable(o.accountId));
                return 1;
            }
            auditAdmin(rt.store, now, QStringLiteral("account.erase"), o.accountId, {});
            rt.store.commit();
        } catch (...) {
            rt.store.rollback();
            throw;
        }
        std::printf("erased the personal fields of %s (its events stay)\n",
                    qPrintable(o.accountId));
        return 0;
    });
}

int AdminCommands::backup(const ServerOptions &o)
{
    if (QFileInfo::exists(o.backupTo)) {
        std::fprintf(stderr, "creditdesk-server: %s exists; backup writes a new file\n",
                     qPrintable(o.backupTo));
        return 1;
    }
    return guarded(o, [&](ServerRuntime &rt, const Clock &) {
        rt.store.backupTo(QFileInfo(o.backupTo).absoluteFilePath());
        std::printf("backed up to %s\n", qPrintable(o.backupTo));
        return 0;
    });
}

int AdminCommands::verify(const ServerOptions &o)
{
    return guarded(o, [&](ServerRuntime &rt, const Clock &) {
        LedgerVerifier verifier(rt.store, rt.presets);
        const QStringList problems = verifier.verifyAll();
        for (const QString &p : problems)
            std::printf("%s\n", qPrintable(p));
        std::printf("verify: %lld account(s), %lld event(s) replayed, %lld engine snapshot(s) "
                    "checked, %lld inconsistenc%s\n",
                    static_cast<long long>(verifier.accountsChecked()),
                    static_cast<long long>(verifier.eventsReplayed()),
                    static_cast<long long>(verifier.snapshotsChecked()),
                    static_cast<long long>(problems.size()), problems.size() == 1 ? "y" : "ies");
        return problems.isEmpty() ? 0 : 1;
    });
}

} // namespace creditdesk
