#pragma once

#include "HttpLimits.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace creditdesk {

// The server's command line: `creditdesk-server [options]` serves; the admin subcommands
// `account add|erase`, `token add|list|revoke`, `backup` and `verify` work on the database
// directly. Each command has its own QCommandLineParser, so `--help` after any of them (and
// after `account` or `token` alone) prints that command's options.
struct ServerOptions
{
    enum class Command {
        Serve,
        AccountAdd,
        AccountErase,
        TokenAdd,
        TokenList,
        TokenRevoke,
        Backup,
        Verify
    };
    Command command = Command::Serve;

    QString dataDir;
    QString database; // empty: DIR/creditdesk.sqlite
    QString bind = QStringLiteral("127.0.0.1");
    int port = 8443;
    bool devTls = false;
    QString certFile;
    QString keyFile;
    bool seedDemo = false;
    qint64 seedDemoEvents = 0; // --seed-demo-events N: demo-heavy gets N events
    QString presetsDir;        // --presets DIR: preset files instead of the built-in ones
    qint64 seedAccounts = 0;   // --seed-accounts N: accounts seed-000001… for search benchmarks
    int paymentDelayMs = 1500;
    double paymentFailureRate = 0.0;
    // --max-connections and the --*-timeout-ms flags.
    HttpLimits limits;
    // --rate-limit N (requests per second per token, sustained; 0: no limit) and --rate-burst N
    // (how many a token may send at once). Per process: N processes allow N times as much.
    int rateLimitPerSecond = 200;
    int rateBurst = 1000;
    // --cache-mb N: the memory the per-account engines may take before the least recently
    // used are dropped (they are rebuilt from the database when asked for again).
    qint64 cacheBudgetMb = 512;

    // account add
    QString name;
    QString preset;
    QString timezone = QStringLiteral("UTC");
    QString plan;
    QString accountId; // also: token add/list --account, account erase ID
    QString email;     // --email ADDRESS (unique, case-insensitively)
    // token add
    QString role;
    QString label;
    qint64 expiresSeconds = 0; // --expires DURATION; 0: never
    // token revoke: TOKEN_ID or --id TOKEN_ID
    QString tokenId;
    // backup
    QString backupTo;

    QString databaseSpec() const;

    // Parses argv. On --help returns false with *help set and *message the help of the command
    // named; on a problem returns false with *message saying what is wrong.
    static bool parse(const QStringList &arguments, ServerOptions *out, QString *message,
                      bool *help);
    // The top-level help: the serve options and the list of subcommands.
    static QString usage();
    // "90d", "12h", "30m", "2s" or a plain number of seconds; nullopt when malformed.
    static std::optional<qint64> parseDuration(const QString &text);
};

} // namespace creditdesk
