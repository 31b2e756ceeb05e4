#include "DesktopOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace creditdesk {

bool DesktopOptions::parse(const QStringList &arguments, DesktopOptions *out, QString *message,
                           int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "DesktopOptions", "CreditDesk: your AI service credits — balance, refreshes, usage and "
                          "top-ups."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QCoreApplication::translate("DesktopOptions",
                                    "Run a demo: the server in this process with demo data, "
                                    "and controls to move time."));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("DesktopOptions",
                                    "Render every screen to PNG files in DIR and exit."),
        QStringLiteral("DIR"));
    const QCommandLineOption config(
        QStringLiteral("config"),
        QCoreApplication::translate("DesktopOptions",
                                    "Read and write settings in FILE instead of the usual "
                                    "place."),
        QStringLiteral("FILE"));
    parser.addOption(demo);
    parser.addOption(screenshot);
    parser.addOption(config);
    parser.addPositionalArgument(
        QStringLiteral("scenario"),
        QCoreApplication::translate("DesktopOptions", "A scenario file to open read-only."),
        QStringLiteral("[FILE.json]"));

    if (!parser.parse(arguments)) {
        *message = parser.errorText() + u'\n' + parser.helpText();
        *exitCode = 2;
        return false;
    }
    if (parser.isSet(help)) {
        *message = parser.helpText();
        *exitCode = 0;
        return false;
    }
    if (parser.isSet(version)) {
        *message = QCoreApplication::applicationName() + u' ' +
                   QCoreApplication::applicationVersion() + u'\n';
        *exitCode = 0;
        return false;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1) {
        *message =
            QCoreApplication::translate("DesktopOptions", "Give at most one scenario file.\n") +
            parser.helpText();
        *exitCode = 2;
        return false;
    }
    out->demo = parser.isSet(demo);
    out->screenshotDir = parser.value(screenshot);
    out->configFile = parser.value(config);
    out->scenarioFile = files.value(0);
    if (out->demo && !out->scenarioFile.isEmpty()) {
        *message =
            QCoreApplication::translate("DesktopOptions", "--demo and a scenario file cannot be "
                                                          "combined.\n");
        *exitCode = 2;
        return false;
    }
    return true;
}

} // namespace creditdesk
