// creditdesk-server: the CreditDesk ledger backend (API v1 over HTTPS).
#include "AdminCommands.h"
#include "ServerApplication.h"
#include "ServerOptions.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>

using namespace creditdesk;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("creditdesk-server"));
    // A stop signal ends the process; every write is one transaction, so nothing is half done.
    std::signal(SIGPIPE, SIG_IGN);

    ServerOptions options;
    QString message;
    bool help = false;
    if (!ServerOptions::parse(QCoreApplication::arguments(), &options, &message, &help)) {
        if (help) {
            std::printf("%s", qPrintable(message));
            return 0;
        }
        std::fprintf(stderr, "creditdesk-server: %s\n(see --help)\n", qPrintable(message));
        return 2;
    }
    switch (options.command) {
    case ServerOptions::Command::AccountAdd:
        return AdminCommands::accountAdd(options);
    case ServerOptions::Command::AccountErase:
        return AdminCommands::accountErase(options);
    case ServerOptions::Command::TokenAdd:
        return AdminCommands::tokenAdd(options);
    case ServerOptions::Command::TokenList:
        return AdminCommands::tokenList(options);
    case ServerOptions::Command::TokenRevoke:
        return AdminCommands::tokenRevoke(options);
    case ServerOptions::Command::Backup:
        return AdminCommands::backup(options);
    case ServerOptions::Command::Verify:
        return AdminCommands::verify(options);
    case ServerOptions::Command::Serve:
        break;
    }
    return ServerApplication::serve(options);
}
