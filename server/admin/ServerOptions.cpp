#include "ServerOptions.h"

#include <QDir>

namespace creditdesk {

QString ServerOptions::databaseSpec() const
{
    if (!database.isEmpty())
        return database;
    return QDir(dataDir).filePath(QStringLiteral("creditdesk.sqlite"));
}

QString ServerOptions::usage()
{
    return QStringLiteral(
        "usage:\n"
        "  creditdesk-server --data DIR [--port N] (--dev-tls | --cert FILE --key FILE)\n"
        "                    [--database postgres://USER:PASS@HOST:PORT/DB] [--bind ADDRESS]\n"
        "                    [--seed-demo] [--seed-demo-events N] [--seed-accounts N]\n"
        "                    [--presets DIR]\n"
        "                    [--payment-delay-ms N] [--payment-failure-rate R]\n"
        "                    [--max-connections N] [--max-connections-per-client N]\n"
        "                    [--handshake-timeout-ms MS]\n"
        "                    [--header-timeout-ms MS] [--body-timeout-ms MS] [--idle-timeout-ms "
        "MS]\n"
        "  creditdesk-server account add --data DIR --name NAME --preset PRESET\n"
        "                    [--timezone ZONE] [--plan PLAN] [--id ID] [--email ADDRESS]\n"
        "                    [--database URL]\n"
        "                    [--presets DIR]\n"
        "  creditdesk-server token add --data DIR --role member|support [--account ID]\n"
        "                    [--label TEXT] [--database URL]\n"
        "  creditdesk-server token revoke --data DIR --id TOKEN_ID [--database URL]\n"
        "\n"
        "  --port 0 picks a free port; the server prints \"listening on https://HOST:PORT\".\n"
        "  --dev-tls makes DIR/ca.pem and a server certificate signed by it on first start.\n"
        "  --max-connections (default 1024): connections beyond it are closed at once; so are\n"
        "  those beyond --max-connections-per-client (default 256) from one address.\n"
        "  Timeouts (ms) close a connection whose TLS handshake (default 10000), request head\n"
        "  (10000) or body (30000) takes longer, or that stays idle between requests (60000).\n"
        "  --presets DIR reads the preset files DIR/*.json instead of the built-in presets.\n"
        "  --seed-demo-events N (with --seed-demo) gives the account demo-heavy N events.\n"
        "  --seed-accounts N adds accounts seed-000001..N (names, emails) for search benchmarks.\n"
        "  token revoke: the token's id is GET /v1/me's token_id; it is refused from then on.\n"
        "  Payments settle --payment-delay-ms after the purchase, on the server's clock.\n");
}

bool ServerOptions::parse(const QStringList &arguments, ServerOptions *out, QString *error,
                          bool *help)
{
    ServerOptions o;
    *help = false;
    QStringList args = arguments.mid(1);
    if (args.size() >= 2 && args[0] == u"account" && args[1] == u"add") {
        o.command = Command::AccountAdd;
        args = args.mid(2);
    } else if (args.size() >= 2 && args[0] == u"token" && args[1] == u"add") {
        o.command = Command::TokenAdd;
        args = args.mid(2);
    } else if (args.size() >= 2 && args[0] == u"token" && args[1] == u"revoke") {
        o.command = Command::TokenRevoke;
        args = args.mid(2);
    }
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        const auto value = [&]() -> QString {
            if (i + 1 >= args.size()) {
                *error = QStringLiteral("%1 needs a value").arg(a);
                return {};
            }
            return args[++i];
        };
        const auto number = [&](int min, int max, int *into) {
            const QString v = value();
            bool ok = false;
            const int n = v.toInt(&ok);
            if (!ok || n < min || n > max) {
                *error = QStringLiteral("%1 takes a whole number from %2 to %3")
                             .arg(a)
                             .arg(min)
                             .arg(max);
                return false;
            }
            *into = n;
            return true;
        };
        if (a == u"--help" || a == u"-h") {
            *help = true;
            return false;
        } else if (a == u"--data") {
            o.dataDir = value();
        } else if (a == u"--database") {
            o.database = value();
        } else if (a == u"--bind" && o.command == Command::Serve) {
            o.bind = value();
        } else if (a == u"--port" && o.command == Command::Serve) {
            if (!number(0, 65535, &o.port))
                return false;
        } else if (a == u"--dev-tls" && o.command == Command::Serve) {
            o.devTls = true;
        } else if (a == u"--cert" && o.command == Command::Serve) {
            o.certFile = value();
        } else if (a == u"--key" && o.command == Command::Serve) {
            o.keyFile = value();
        } else if (a == u"--seed-demo" && o.command == Command::Serve) {
            o.seedDemo = true;
        } else if (a == u"--seed-demo-events" && o.command == Command::Serve) {
            int n = 0;
            if (!number(0, 10'000'000, &n))
                return false;
            o.seedDemoEvents = n;
        } else if (a == u"--seed-accounts" && o.command == Command::Serve) {
            int n = 0;
            if (!number(0, 10'000'000, &n))
                return false;
            o.seedAccounts = n;
        } else if (a == u"--email" && o.command == Command::AccountAdd) {
            o.email = value();
        } else if (a == u"--id" && o.command == Command::TokenRevoke) {
            o.tokenId = value();
        } else if (a == u"--presets" &&
                   (o.command == Command::Serve || o.command == Command::AccountAdd)) {
            o.presetsDir = value();
        } else if (a == u"--payment-delay-ms" && o.command == Command::Serve) {
            if (!number(0, 3600000, &o.paymentDelayMs))
                return false;
        } else if (a == u"--payment-failure-rate" && o.command == Command::Serve) {
            bool ok = false;
            o.paymentFailureRate = value().toDouble(&ok);
            if (!ok || o.paymentFailureRate < 0 || o.paymentFailureRate > 1) {
                *error = QStringLiteral("--payment-failure-rate takes a number from 0 to 1");
                return false;
            }
        } else if (a == u"--max-connections" && o.command == Command::Serve) {
            if (!number(1, 1000000, &o.limits.maxConnections))
                return false;
        } else if (a == u"--max-connections-per-client" && o.command == Command::Serve) {
            if (!number(1, 1000000, &o.limits.maxConnectionsPerClient))
                return false;
        } else if (a == u"--handshake-timeout-ms" && o.command == Command::Serve) {
            if (!number(100, 3600000, &o.limits.handshakeTimeoutMs))
                return false;
        } else if (a == u"--header-timeout-ms" && o.command == Command::Serve) {
            if (!number(100, 3600000, &o.limits.headerTimeoutMs))
                return false;
        } else if (a == u"--body-timeout-ms" && o.command == Command::Serve) {
            if (!number(100, 3600000, &o.limits.bodyTimeoutMs))
                return false;
        } else if (a == u"--idle-timeout-ms" && o.command == Command::Serve) {
            if (!number(100, 3600000, &o.limits.idleTimeoutMs))
                return false;
        } else if (a == u"--name" && o.command == Command::AccountAdd) {
            o.name = value();
        } else if (a == u"--preset" && o.command == Command::AccountAdd) {
            o.preset = value();
        } else if (a == u"--timezone" && o.command == Command::AccountAdd) {
            o.timezone = value();
        } else if (a == u"--plan" && o.command == Command::AccountAdd) {
            o.plan = value();
        } else if (a == u"--id" && o.command == Command::AccountAdd) {
            o.accountId = value();
        } else if (a == u"--role" && o.command == Command::TokenAdd) {
            o.role = value();
        } else if (a == u"--account" && o.command == Command::TokenAdd) {
            o.accountId = value();
        } else if (a == u"--label" && o.command == Command::TokenAdd) {
            o.label = value();
        } else {
            *error = QStringLiteral("unknown argument \"%1\"").arg(a);
            return false;
        }
        if (!error->isEmpty())
            return false;
    }
    if (o.dataDir.isEmpty() && (o.database.isEmpty() || o.devTls)) {
        *error = QStringLiteral("--data DIR is required");
        return false;
    }
    if (o.seedDemoEvents > 0 && !o.seedDemo) {
        *error = QStringLiteral("--seed-demo-events goes with --seed-demo");
        return false;
    }
    if (o.command == Command::Serve) {
        if (o.devTls == (!o.certFile.isEmpty() || !o.keyFile.isEmpty())) {
            *error = QStringLiteral("give either --dev-tls or --cert FILE --key FILE (the "
                                    "server speaks HTTPS only)");
            return false;
        }
        if (!o.devTls && (o.certFile.isEmpty() || o.keyFile.isEmpty())) {
            *error = QStringLiteral("--cert and --key go together");
            return false;
        }
    } else if (o.command == Command::AccountAdd) {
        if (o.name.isEmpty() || o.preset.isEmpty()) {
            *error = QStringLiteral("account add needs --name and --preset");
            return false;
        }
    } else if (o.command == Command::TokenRevoke) {
        if (o.tokenId.isEmpty()) {
            *error = QStringLiteral("token revoke needs --id TOKEN_ID");
            return false;
        }
    } else if (o.command == Command::TokenAdd) {
        if (o.role != u"member" && o.role != u"support") {
            *error = QStringLiteral("token add needs --role member or --role support");
            return false;
        }
        if ((o.role == u"member") == o.accountId.isEmpty()) {
            *error = o.role == u"member" ? QStringLiteral("a member token needs --account ID")
                                         : QStringLiteral("a support token has no --account");
            return false;
        }
    }
    *out = o;
    return true;
}

} // namespace creditdesk
