#include "ServerOptions.h"

#include <QCommandLineParser>
#include <QDir>
#include <QRegularExpression>

namespace creditdesk {

namespace {

using Command = ServerOptions::Command;

struct CommandSpec
{
    Command command;
    QStringList words; // what follows the program name: {"token", "add"}
    const char *summary;
};

const QList<CommandSpec> &commandSpecs()
{
    static const QList<CommandSpec> all = {
        {Command::AccountAdd,
         {QStringLiteral("account"), QStringLiteral("add")},
         "make an account; prints its id"},
        {Command::AccountErase,
         {QStringLiteral("account"), QStringLiteral("erase")},
         "anonymise an account's personal fields (its events stay)"},
        {Command::TokenAdd,
         {QStringLiteral("token"), QStringLiteral("add")},
         "issue a token; prints it (the only time it is shown)"},
        {Command::TokenList,
         {QStringLiteral("token"), QStringLiteral("list")},
         "list tokens (never their secrets)"},
        {Command::TokenRevoke,
         {QStringLiteral("token"), QStringLiteral("revoke")},
         "revoke a token by its id; refused everywhere within a second"},
        {Command::Backup, {QStringLiteral("backup")}, "consistent online copy of the database"},
        {Command::Verify,
         {QStringLiteral("verify")},
         "replay every account and check the stored rows against its events"},
    };
    return all;
}

// Every option, declared once, with the commands that take it (in the order --help lists
// them). An option two commands take with different meanings has one row per meaning.
struct OptionSpec
{
    QList<Command> commands; // empty: every command
    const char *name;
    const char *valueName; // nullptr: a flag
    const char *description;
};

const QList<OptionSpec> &optionSpecs()
{
    using enum ServerOptions::Command; // the enum itself: clang refuses an alias here
    static const QList<OptionSpec> all = {
        {{}, "data", "DIR", "The data directory (SQLite database, dev CA)."},
        {{},
         "database",
         "URL",
         "A PostgreSQL database instead of DIR/creditdesk.sqlite: "
         "postgres://USER:PASS@HOST:PORT/DB."},
        {{Serve}, "bind", "ADDRESS", "The address to listen on (default 127.0.0.1)."},
        {{Serve}, "port", "N", "The port (default 8443; 0 picks a free one)."},
        {{Serve},
         "dev-tls",
         nullptr,
         "Make DIR/ca.pem and a server certificate signed by it on first start."},
        {{Serve}, "cert", "FILE", "PEM certificate chain."},
        {{Serve}, "key", "FILE", "PEM private key (EC or RSA)."},
        {{Serve}, "seed-demo", nullptr, "Seed the demo accounts and tokens."},
        {{Serve}, "seed-demo-events", "N", "With --seed-demo: demo-heavy gets N events."},
        {{Serve},
         "seed-accounts",
         "N",
         "Add accounts seed-000001..N (names, emails) for search benchmarks; idempotent."},
        {{Serve, AccountAdd},
         "presets",
         "DIR",
         "Read the preset files DIR/*.json instead of the built-in presets."},
        {{Serve}, "payment-delay-ms", "MS", "How long a simulated payment takes (default 1500)."},
        {{Serve}, "payment-failure-rate", "R", "Share of simulated payments that fail, 0 to 1."},
        {{Serve},
         "max-connections",
         "N",
         "Connections beyond N are closed at once (default 1024)."},
        {{Serve}, "max-connections-per-client", "N", "Likewise per client address (default 256)."},
        {{Serve},
         "handshake-timeout-ms",
         "MS",
         "Close a connection whose TLS handshake takes longer (default 10000)."},
        {{Serve}, "header-timeout-ms", "MS", "... whose request head takes longer (10000)."},
        {{Serve}, "body-timeout-ms", "MS", "... whose body takes longer (30000)."},
        {{Serve}, "idle-timeout-ms", "MS", "... that stays idle between requests (60000)."},
        {{Serve},
         "rate-limit",
         "N",
         "Requests per second one token may make, sustained, per server process (default 200; "
         "0: no limit). Beyond it: 429 with Retry-After."},
        {{Serve},
         "rate-burst",
         "N",
         "How many requests one token may make at once (default 1000)."},
        {{Serve},
         "cache-mb",
         "N",
         "Memory budget of the per-account engines in MiB (default 512); the least recently "
         "used beyond it are dropped."},
        {{AccountAdd}, "name", "NAME", "The member's name."},
        {{AccountAdd}, "preset", "PRESET", "The account's preset."},
        {{AccountAdd}, "timezone", "ZONE", "The account's IANA time zone (default UTC)."},
        {{AccountAdd}, "plan", "PLAN", "The plan, for presets with plans."},
        {{AccountAdd}, "id", "ID", "The account id (default: a new random one)."},
        {{AccountAdd},
         "email",
         "ADDRESS",
         "The member's email (unique, case-insensitively; support finds the member by it)."},
        {{TokenAdd}, "role", "ROLE", "member or support."},
        {{TokenAdd}, "account", "ID", "The member's account (members only)."},
        {{TokenAdd}, "label", "TEXT", "A label for token list."},
        {{TokenAdd},
         "expires",
         "DURATION",
         "Refused after DURATION: 2s, 30m, 12h, 90d (default: never)."},
        {{TokenList}, "account", "ID", "Only this account's."},
        {{TokenRevoke}, "id", "TOKEN_ID", "The token's id, instead of the positional TOKEN_ID."},
        {{Backup}, "to", "FILE", "The copy (must not exist)."},
    };
    return all;
}

// The options of `command`, on a parser of its own.
void describe(QCommandLineParser &p, Command command)
{
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    p.addHelpOption();
    for (const OptionSpec &o : optionSpecs()) {
        if (!o.commands.isEmpty() && !o.commands.contains(command))
            continue;
        const QString name = QString::fromLatin1(o.name);
        const QString description = QString::fromLatin1(o.description);
        p.addOption(o.valueName
                        ? QCommandLineOption(name, description, QString::fromLatin1(o.valueName))
                        : QCommandLineOption(name, description));
    }
    const auto words = [&](const QString &text, const QString &description) {
        p.addPositionalArgument(text, description, text);
    };
    switch (command) {
    case Command::Serve: {
        QString list;
        for (const CommandSpec &s : commandSpecs())
            list += QStringLiteral("  %1%2\n")
                        .arg(s.words.join(u' '), -16)
                        .arg(QString::fromLatin1(s.summary));
        p.setApplicationDescription(
            QStringLiteral("CreditDesk's ledger server: API v1 over HTTPS.\n\n"
                           "Commands (each takes --help):\n") +
            list +
            QStringLiteral("\nWithout a command it serves: --data DIR and either --dev-tls or "
                           "--cert FILE --key FILE.\n"
                           "--port 0 picks a free port; the server prints \"listening on "
                           "https://HOST:PORT\".\n"
                           "Payments settle --payment-delay-ms after the purchase, on the "
                           "server's clock."));
        break;
    }
    case Command::AccountAdd:
        words(QStringLiteral("account add"), QStringLiteral("Make an account."));
        break;
    case Command::AccountErase:
        words(QStringLiteral("account erase"),
              QStringLiteral("Anonymise the account's name (and email, where stored); its "
                             "events and balance stay."));
        p.addPositionalArgument(QStringLiteral("ACCOUNT_ID"), QStringLiteral("The account."));
        break;
    case Command::TokenAdd:
        words(QStringLiteral("token add"), QStringLiteral("Issue a token and print it."));
        break;
    case Command::TokenList:
        words(QStringLiteral("token list"),
              QStringLiteral("One line per token: id, role, account, label, created, last "
                             "used, expiry, revoked."));
        break;
    case Command::TokenRevoke:
        words(QStringLiteral("token revoke"),
              QStringLiteral("Revoke a token: every running server refuses it within a "
                             "second."));
        p.addPositionalArgument(QStringLiteral("TOKEN_ID"),
                                QStringLiteral("The token's id (token list, /v1/me token_id)."),
                                QStringLiteral("[TOKEN_ID]"));
        break;
    case Command::Backup:
        words(QStringLiteral("backup"),
              QStringLiteral("Copy the SQLite database, consistently, while servers run "
                             "(PostgreSQL: use pg_dump)."));
        break;
    case Command::Verify:
        words(QStringLiteral("verify"),
              QStringLiteral("Replay every account's events and check the stored counters, "
                             "idempotency rows, purchases and refund requests against them; "
                             "exit 1 on any inconsistency."));
        break;
    }
}

bool wholeNumber(const QCommandLineParser &p, const QString &name, qint64 min, qint64 max,
                 qint64 *into, QString *error)
{
    if (!p.isSet(name))
        return true;
    bool ok = false;
    const qint64 n = p.value(name).toLongLong(&ok);
    if (!ok || n < min || n > max) {
        *error =
            QStringLiteral("--%1 takes a whole number from %2 to %3").arg(name).arg(min).arg(max);
        return false;
    }
    *into = n;
    return true;
}

bool wholeNumber(const QCommandLineParser &p, const QString &name, int min, int max, int *into,
                 QString *error)
{
    qint64 n = *into;
    if (!wholeNumber(p, name, qint64(min), qint64(max), &n, error))
        return false;
    *into = int(n);
    return true;
}

QString helpOf(QCommandLineParser &p)
{
    return p.helpText();
}

} // namespace

QString ServerOptions::databaseSpec() const
{
    if (!database.isEmpty())
        return database;
    return QDir(dataDir).filePath(QStringLiteral("creditdesk.sqlite"));
}

std::optional<qint64> ServerOptions::parseDuration(const QString &text)
{
    static const QRegularExpression form(QStringLiteral("^([0-9]{1,9})([smhdw]?)$"));
    const auto m = form.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const qint64 n = m.captured(1).toLongLong();
    const QString unit = m.captured(2);
    const qint64 scale = unit == u"m"   ? 60
                         : unit == u"h" ? 3600
                         : unit == u"d" ? qint64(86400)
                         : unit == u"w" ? 7 * qint64(86400)
                                        : 1;
    if (n <= 0)
        return std::nullopt;
    return n * scale;
}

QString ServerOptions::usage()
{
    QCommandLineParser p;
    describe(p, Command::Serve);
    return helpOf(p);
}

bool ServerOptions::parse(const QStringList &arguments, ServerOptions *out, QString *message,
                          bool *help)
{
    ServerOptions o;
    *help = false;
    const QString program =
        arguments.isEmpty() ? QStringLiteral("creditdesk-server") : arguments.first();
    QStringList args = arguments.mid(1);

    // The command: the longest list of words that the arguments start with.
    const CommandSpec *spec = nullptr;
    for (const CommandSpec &s : commandSpecs())
        if (args.size() >= s.words.size() && args.mid(0, s.words.size()) == s.words)
            spec = &s;
    if (!spec && !args.isEmpty() && (args.first() == u"account" || args.first() == u"token")) {
        // `token --help`, `token` alone or `token frobnicate`: the group's commands.
        const QString group = args.first();
        QString list;
        for (const CommandSpec &s : commandSpecs())
            if (s.words.first() == group)
                list += QStringLiteral("  %1 %2\n      %3\n")
                            .arg(program.section(u'/', -1), s.words.join(u' '),
                                 QString::fromLatin1(s.summary));
        list += QStringLiteral("Each takes --help.\n");
        const bool asked = args.size() >= 2 && (args[1] == u"--help" || args[1] == u"-h");
        *help = asked;
        *message = asked ? QStringLiteral("Commands:\n") + list
                         : (args.size() >= 2
                                ? QStringLiteral("unknown command \"%1 %2\"").arg(group, args[1])
                                : QStringLiteral("%1 needs a command").arg(group)) +
                               QStringLiteral("\nCommands:\n") + list;
        return false;
    }
    if (spec) {
        o.command = spec->command;
        args = args.mid(spec->words.size());
    }

    QCommandLineParser p;
    describe(p, o.command);
    if (!p.parse(QStringList{program} + args)) {
        *message = p.errorText();
        return false;
    }
    if (p.isSet(QStringLiteral("help"))) {
        *help = true;
        *message = helpOf(p);
        return false;
    }
    QString error;
    const auto fail = [&](const QString &why) {
        *message = why;
        return false;
    };
    const QStringList positional = p.positionalArguments();
    o.dataDir = p.value(QStringLiteral("data"));
    o.database = p.value(QStringLiteral("database"));

    switch (o.command) {
    case Command::Serve: {
        if (!positional.isEmpty())
            return fail(QStringLiteral("unknown command \"%1\" (try --help)").arg(positional[0]));
        if (p.isSet(QStringLiteral("bind")))
            o.bind = p.value(QStringLiteral("bind"));
        o.devTls = p.isSet(QStringLiteral("dev-tls"));
        o.certFile = p.value(QStringLiteral("cert"));
        o.keyFile = p.value(QStringLiteral("key"));
        o.seedDemo = p.isSet(QStringLiteral("seed-demo"));
        o.presetsDir = p.value(QStringLiteral("presets"));
        if (!wholeNumber(p, QStringLiteral("port"), 0, 65535, &o.port, &error) ||
            !wholeNumber(p, QStringLiteral("seed-demo-events"), qint64(0), qint64(10'000'000),
                         &o.seedDemoEvents, &error) ||
            !wholeNumber(p, QStringLiteral("seed-accounts"), qint64(0), qint64(10'000'000),
                         &o.seedAccounts, &error) ||
            !wholeNumber(p, QStringLiteral("payment-delay-ms"), 0, 3600000, &o.paymentDelayMs,
                         &error) ||
            !wholeNumber(p, QStringLiteral("max-connections"), 1, 1000000, &o.limits.maxConnections,
                         &error) ||
            !wholeNumber(p, QStringLiteral("max-connections-per-client"), 1, 1000000,
                         &o.limits.maxConnectionsPerClient, &error) ||
            !wholeNumber(p, QStringLiteral("handshake-timeout-ms"), 100, 3600000,
                         &o.limits.handshakeTimeoutMs, &error) ||
            !wholeNumber(p, QStringLiteral("header-timeout-ms"), 100, 3600000,
                         &o.limits.headerTimeoutMs, &error) ||
            !wholeNumber(p, QStringLiteral("body-timeout-ms"), 100, 3600000,
                         &o.limits.bodyTimeoutMs, &error) ||
            !wholeNumber(p, QStringLiteral("idle-timeout-ms"), 100, 3600000,
                         &o.limits.idleTimeoutMs, &error) ||
            !wholeNumber(p, QStringLiteral("rate-limit"), 0, 10'000'000, &o.rateLimitPerSecond,
                         &error) ||
            !wholeNumber(p, QStringLiteral("rate-burst"), 1, 10'000'000, &o.rateBurst, &error) ||
            !wholeNumber(p, QStringLiteral("cache-mb"), qint64(1), qint64(1) << 20,
                         &o.cacheBudgetMb, &error))
            return fail(error);
        if (p.isSet(QStringLiteral("payment-failure-rate"))) {
            bool ok = false;
            o.paymentFailureRate = p.value(QStringLiteral("payment-failure-rate")).toDouble(&ok);
            if (!ok || o.paymentFailureRate < 0 || o.paymentFailureRate > 1)
                return fail(QStringLiteral("--payment-failure-rate takes a number from 0 to 1"));
        }
        break;
    }
    case Command::AccountAdd:
        if (!positional.isEmpty())
            return fail(QStringLiteral("unknown argument \"%1\"").arg(positional[0]));
        o.name = p.value(QStringLiteral("name"));
        o.preset = p.value(QStringLiteral("preset"));
        if (p.isSet(QStringLiteral("timezone")))
            o.timezone = p.value(QStringLiteral("timezone"));
        o.plan = p.value(QStringLiteral("plan"));
        o.accountId = p.value(QStringLiteral("id"));
        o.email = p.value(QStringLiteral("email"));
        o.presetsDir = p.value(QStringLiteral("presets"));
        if (o.name.isEmpty() || o.preset.isEmpty())
            return fail(QStringLiteral("account add needs --name and --preset"));
        break;
    case Command::AccountErase:
        if (positional.size() != 1)
            return fail(QStringLiteral("account erase takes one ACCOUNT_ID"));
        o.accountId = positional[0];
        break;
    case Command::TokenAdd: {
        if (!positional.isEmpty())
            return fail(QStringLiteral("unknown argument \"%1\"").arg(positional[0]));
        o.role = p.value(QStringLiteral("role"));
        o.accountId = p.value(QStringLiteral("account"));
        o.label = p.value(QStringLiteral("label"));
        if (o.role != u"member" && o.role != u"support")
            return fail(QStringLiteral("token add needs --role member or --role support"));
        if ((o.role == u"member") == o.accountId.isEmpty())
            return fail(o.role == u"member" ? QStringLiteral("a member token needs --account ID")
                                            : QStringLiteral("a support token has no --account"));
        if (p.isSet(QStringLiteral("expires"))) {
            const auto seconds = parseDuration(p.value(QStringLiteral("expires")));
            if (!seconds)
                return fail(QStringLiteral("--expires takes a duration such as 2s, 30m, 12h or "
                                           "90d"));
            o.expiresSeconds = *seconds;
        }
        break;
    }
    case Command::TokenList:
        if (!positional.isEmpty())
            return fail(QStringLiteral("unknown argument \"%1\"").arg(positional[0]));
        o.accountId = p.value(QStringLiteral("account"));
        break;
    case Command::TokenRevoke:
        // The id positionally (scale) or as --id (support's console docs): one of them.
        if (positional.size() + (p.isSet(QStringLiteral("id")) ? 1 : 0) != 1)
            return fail(QStringLiteral("token revoke takes one TOKEN_ID (or --id TOKEN_ID)"));
        o.tokenId = positional.isEmpty() ? p.value(QStringLiteral("id")) : positional[0];
        break;
    case Command::Backup:
        if (!positional.isEmpty())
            return fail(QStringLiteral("unknown argument \"%1\"").arg(positional[0]));
        o.backupTo = p.value(QStringLiteral("to"));
        if (o.backupTo.isEmpty())
            return fail(QStringLiteral("backup needs --to FILE"));
        break;
    case Command::Verify:
        if (!positional.isEmpty())
            return fail(QStringLiteral("unknown argument \"%1\"").arg(positional[0]));
        break;
    }

    if (o.dataDir.isEmpty() && (o.database.isEmpty() || o.devTls))
        return fail(QStringLiteral("--data DIR is required"));
    if (o.seedDemoEvents > 0 && !o.seedDemo)
        return fail(QStringLiteral("--seed-demo-events goes with --seed-demo"));
    if (o.command == Command::Serve) {
        if (o.devTls == (!o.certFile.isEmpty() || !o.keyFile.isEmpty()))
            return fail(QStringLiteral("give either --dev-tls or --cert FILE --key FILE (the "
                                       "server speaks HTTPS only)"));
        if (!o.devTls && (o.certFile.isEmpty() || o.keyFile.isEmpty()))
            return fail(QStringLiteral("--cert and --key go together"));
    }
    *out = o;
    return true;
}

} // namespace creditdesk
