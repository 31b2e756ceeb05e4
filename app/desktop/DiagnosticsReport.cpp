#include "DiagnosticsReport.h"

#include "AccountCache.h"
#include "AccountSession.h"
#include "ClientSession.h"
#include "Clock.h"
#include "ConnectionState.h"
#include "IsoTime.h"
#include "ServerConnection.h"
#include "SyncedAccount.h"

#include <QGuiApplication>
#include <QLocale>
#include <QSysInfo>

namespace creditdesk {

namespace {

QString utc(TimePoint t)
{
    return t == NoTime ? QStringLiteral("-") : IsoTime::format(t, 0);
}

QString kilobytes(qint64 bytes)
{
    return QStringLiteral("%1 KiB").arg((bytes + 1023) / 1024);
}

QString outcomeName(EventsSync::Report::Outcome outcome)
{
    switch (outcome) {
    case EventsSync::Report::Outcome::Synced:
        return QStringLiteral("synced");
    case EventsSync::Report::Outcome::NotModified:
        return QStringLiteral("not modified");
    case EventsSync::Report::Outcome::Failed:
        break;
    }
    return QStringLiteral("failed");
}

} // namespace

QString DiagnosticsReport::text(const QList<ClientSession *> &sessions, const ClientSession *shown,
                                const Clock &clock)
{
    // Labels stay in English: the text goes to a support team, whatever the member's language.
    QStringList out;
    out << QStringLiteral("CreditDesk diagnostics");
    out << QStringLiteral("Version: %1").arg(QCoreApplication::applicationVersion());
    out << QStringLiteral("Platform: %1; kernel %2 %3; %4; display %5")
               .arg(QSysInfo::prettyProductName(), QSysInfo::kernelType(),
                    QSysInfo::kernelVersion(), QSysInfo::currentCpuArchitecture(),
                    QGuiApplication::platformName());
    out << QStringLiteral("Qt: %1 (built with %2)")
               .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR));
    out << QStringLiteral("Locale: %1").arg(QLocale().name());
    out << QStringLiteral("Generated: %1").arg(utc(clock.now()));
    out << QStringLiteral("Cache schema (this build): %1, snapshot format %2")
               .arg(AccountCache::SchemaVersion)
               .arg(AccountCache::SnapshotFormat);
    out << QStringLiteral("Accounts: %1").arg(sessions.size());
    int n = 0;
    for (const ClientSession *session : sessions) {
        const ClientSession::Target &target = session->target();
        AccountSession &parts = session->accountSession();
        const ConnectionState &state = parts.connection().state();
        out << QString();
        out << QStringLiteral("Account %1%2")
                   .arg(++n)
                   .arg(session == shown ? QStringLiteral(" (shown)") : QString());
        out << QStringLiteral("  Server host: %1%2")
                   .arg(target.server.host(), target.server.port() > 0
                                                  ? u':' + QString::number(target.server.port())
                                                  : QString());
        out << QStringLiteral("  Account id: %1").arg(target.accountId);
        out << QStringLiteral("  Sync state: %1").arg(session->status().text());
        out << QStringLiteral("  Connection: %1").arg(state.describe());
        const EventsSync::Report &r = session->lastReport();
        out << QStringLiteral("  Last sync: %1, %2 requests, %3 new events, network %4 ms, "
                              "replay %5 ms")
                   .arg(outcomeName(r.outcome))
                   .arg(r.requests)
                   .arg(r.newEvents)
                   .arg(r.networkMs)
                   .arg(r.replayMs);
        if (const SyncedAccount *a = session->account()) {
            out << QStringLiteral("  Preset: %1; events held: %2 (last seq %3)")
                       .arg(a->preset)
                       .arg(a->history().eventCount())
                       .arg(a->lastSeq);
            out << QStringLiteral("  Server as_of: %1; clock offset %2 s; synced at %3")
                       .arg(utc(a->serverAsOf))
                       .arg(a->serverClockOffset)
                       .arg(utc(a->syncedAt));
            const char *check = a->verification.state == Verification::State::Verified ? "verified"
                                : a->verification.state == Verification::State::Mismatch
                                    ? "MISMATCH"
                                    : "not checked";
            out << QStringLiteral("  Verification: %1%2")
                       .arg(QString::fromLatin1(check),
                            a->verification.detail.isEmpty()
                                ? QString()
                                : QStringLiteral(" (") + a->verification.detail + u')');
        }
        const QList<ClientSession::SyncError> &errors = session->recentErrors();
        if (errors.isEmpty())
            out << QStringLiteral("  Last errors: none");
        else
            out << QStringLiteral("  Last errors:");
        for (const ClientSession::SyncError &e : errors)
            out << QStringLiteral("    %1 %2").arg(utc(e.at), e.message);
        const AccountCache &cache = parts.cache();
        out << QStringLiteral("  Cache: %1, %2, schema %3, %4 events, snapshot after %5 events")
                   .arg(cache.path(), kilobytes(cache.fileSize()))
                   .arg(cache.isOpen() ? cache.schemaVersion() : 0)
                   .arg(cache.isOpen() ? cache.eventCount() : 0)
                   .arg(cache.isOpen() ? cache.snapshotEventCount() : -1);
        if (!cache.lastError().isEmpty())
            out << QStringLiteral("  Cache error: %1").arg(cache.lastError());
    }
    return out.join(u'\n') + u'\n';
}

} // namespace creditdesk
