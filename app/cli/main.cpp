// creditdesk-cli: replays scenario files, lists the presets, and measures the engine.
#include "ExplainBenchmark.h"
#include "PresetPrinter.h"
#include "ReplayBenchmark.h"

#include "PresetCatalog.h"
#include "ScenarioReader.h"
#include "ScenarioReplay.h"
#include "ScenarioWriter.h"
#include "SyntheticHistory.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cstdio>

using namespace creditdesk;

namespace {

constexpr int ExitMalformed = 2;
constexpr int ExitUsage = 64;

void printError(const QString &message)
{
    std::fputs(qPrintable(message + u'\n'), stderr);
}

int simulate(const QStringList &args)
{
    if (args.size() != 1) {
        printError(QStringLiteral("usage: creditdesk-cli simulate FILE (or - for standard input)"));
        return ExitUsage;
    }
    QFile file;
    bool opened = false;
    if (args[0] == u"-")
        opened = file.open(stdin, QIODevice::ReadOnly);
    else {
        file.setFileName(args[0]);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened) {
        printError(QStringLiteral("%1: cannot read: %2").arg(args[0], file.errorString()));
        return ExitMalformed;
    }
    const QByteArray json = file.readAll();
    auto result = ScenarioReader::read(json);
    if (const auto *error = std::get_if<ParseError>(&result)) {
        printError(error->toString());
        return ExitMalformed;
    }
    const QByteArray answers = ScenarioReplay::answersJson(std::get<Scenario>(result));
    std::fwrite(answers.constData(), 1, std::size_t(answers.size()), stdout);
    std::fputc('\n', stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
}

int presets(const QStringList &args)
{
    const auto &catalog = PresetCatalog::builtIn();
    QTextStream out(stdout);
    if (args.isEmpty()) {
        for (const auto &p : catalog.all())
            out << PresetPrinter::oneLine(*p) << '\n';
        return 0;
    }
    const auto policy = catalog.find(args[0]);
    if (!policy) {
        printError(QStringLiteral("unknown preset \"%1\" (known: %2)")
                       .arg(args[0], catalog.names().join(u", ")));
        return ExitMalformed;
    }
    out << PresetPrinter::fullRules(*policy);
    return 0;
}

// The bench's synthetic history as a scenario file: the desktop client opens it (File > Open
// scenario) for its token-log benchmark of a million events.
int writeSynthetic(const QString &path, qint64 events, qint64 queries)
{
    const SyntheticHistory h = SyntheticHistory::build(events, queries);
    const QByteArray text = ScenarioWriter::write(h.scenario);
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(text) != text.size()) {
        printError(QStringLiteral("bench: cannot write %1: %2").arg(path, out.errorString()));
        return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("creditdesk-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CREDITDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "CreditDesk's credit engine on the command line.\n\n"
        "Commands:\n"
        "  simulate FILE|-      replay a scenario file (format 1) and print its answers as JSON\n"
        "  presets [NAME]       list the presets, or print one preset's full rules\n"
        "  bench [--events N]   measure replay, queries and file reading on a synthetic history\n"
        "  bench --write FILE   write that synthetic history as a scenario file (for the app)\n"
        "  bench --explain      time explaining a balance (BalanceWalk) at random moments\n\n"
        "Exit status: 0 on success, 2 for a malformed file (one line on standard error names "
        "its JSON path)."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("simulate, presets or bench"));
    QCommandLineOption eventsOption(QStringLiteral("events"),
                                    QStringLiteral("bench: how many events (default 1000000)"),
                                    QStringLiteral("N"), QStringLiteral("1000000"));
    QCommandLineOption queriesOption(QStringLiteral("queries"),
                                     QStringLiteral("bench: how many queries (default 10000)"),
                                     QStringLiteral("N"), QStringLiteral("10000"));
    QCommandLineOption writeOption(
        QStringLiteral("write"),
        QStringLiteral("bench: write the synthetic history to FILE as a scenario file and stop"),
        QStringLiteral("FILE"));
    parser.addOption(eventsOption);
    parser.addOption(queriesOption);
    parser.addOption(writeOption);
    QCommandLineOption explainOption(
        QStringLiteral("explain"),
        QStringLiteral("bench: time explaining a balance at --queries random moments (default "
                       "200) of a history of --events events (default 100000)"));
    parser.addOption(explainOption);
    parser.process(app);

    QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        std::fputs(qPrintable(parser.helpText()), stderr);
        return ExitUsage;
    }
    const QString command = args.takeFirst();
    if (command == u"simulate")
        return simulate(args);
    if (command == u"presets")
        return presets(args);
    if (command == u"bench") {
        bool ok1 = false, ok2 = false;
        const qint64 events = parser.value(eventsOption).toLongLong(&ok1);
        const qint64 queries = parser.value(queriesOption).toLongLong(&ok2);
        if (!ok1 || !ok2 || events < 1000 || queries < 1) {
            printError(
                QStringLiteral("bench: --events must be at least 1000, --queries at least 1"));
            return ExitUsage;
        }
        if (parser.isSet(explainOption))
            return ExplainBenchmark::run(parser.isSet(eventsOption) ? events : 100000,
                                         parser.isSet(queriesOption) ? queries : 200);
        if (parser.isSet(writeOption))
            return writeSynthetic(parser.value(writeOption), events, queries);
        return ReplayBenchmark::run(events, queries);
    }
    printError(QStringLiteral("unknown command \"%1\" (try --help)").arg(command));
    return ExitUsage;
}
