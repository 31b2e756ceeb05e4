#pragma once

#include "HttpLimits.h"

#include <QString>
#include <QStringList>

namespace creditdesk {

// The server's command line: `creditdesk-server [options]`, or the admin subcommands
// `account add ...`, `token add ...` and `token revoke ...`.
struct ServerOptions
{
    enum class Command { Serve, AccountAdd, TokenAdd, TokenRevoke };
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

    // account add
    QString name;
    QString preset;
    QString timezone = QStringLiteral("UTC");
    QString plan;
    QString accountId;
    QString email;
    // token add / token revoke
    QString role;
    QString label;
    QString tokenId; // token revoke --id

    QString databaseSpec() const;

    // Parses argv; on a problem returns false with *error (usage text on --help, *help set).
    static bool parse(const QStringList &arguments, ServerOptions *out, QString *error, bool *help);
    static QString usage();
};

} // namespace creditdesk
