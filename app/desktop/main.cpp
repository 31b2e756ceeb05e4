// creditdesk: the member's desktop client (docs/client.md).

#include "Config.h"
#include "DemoSession.h"
#include "DesktopClient.h"
#include "DesktopOptions.h"
#include "MainWindow.h"
#include "ScreenshotRenderer.h"
#include "ThemeSetting.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTemporaryDir>
#include <QTranslator>

#include <cstdio>

using namespace creditdesk;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("CreditDesk"));
    QApplication::setApplicationName(QStringLiteral("CreditDesk"));
    QApplication::setApplicationVersion(QStringLiteral(CREDITDESK_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/creditdesk.svg")));

    QTranslator qtTranslator, appTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    if (appTranslator.load(QLocale(), QStringLiteral("creditdesk"), QStringLiteral("_"),
                           QStringLiteral(":/i18n")))
        QApplication::installTranslator(&appTranslator);

    DesktopOptions options;
    QString message;
    int exitCode = 0;
    if (!DesktopOptions::parse(QApplication::arguments(), &options, &message, &exitCode)) {
        std::fputs(qPrintable(message), exitCode == 0 ? stdout : stderr);
        return exitCode;
    }

    // Screenshots never touch the member's own settings.
    QTemporaryDir scratch;
    QString configFile = options.configFile;
    if (!options.screenshotDir.isEmpty() && configFile.isEmpty())
        configFile = QDir(scratch.path()).filePath(QStringLiteral("creditdesk.ini"));
    Config config(configFile);
    ThemePalette::apply(app, ThemeSetting::fromName(config.get(Config::GUI_Theme).toString()));

    DesktopClient client(config);
    bool ready = true;
    if (options.demo) {
        QString error;
        // The one place the wall clock is read: the demo's clock starts at "now".
        // Screenshots show the member whose preset has priced packs and most to show.
        const QString preset =
            options.screenshotDir.isEmpty() ? QString() : QStringLiteral("tiered-tasks");
        if (!client.startDemo(QDateTime::currentSecsSinceEpoch(), &error, preset,
                              options.screenshotDir.isEmpty())) {
            std::fprintf(stderr, "creditdesk: the demo did not start: %s\n", qPrintable(error));
            return 1;
        }
        ready = false;
    } else if (!options.scenarioFile.isEmpty()) {
        client.openScenario(options.scenarioFile);
    } else if (options.screenshotDir.isEmpty()) {
        // The last account, if its token is in the keychain; else the welcome page.
        client.restoreSession();
    }

    if (!options.screenshotDir.isEmpty()) {
        auto *renderer = new ScreenshotRenderer(client, options.screenshotDir, &client);
        QObject::connect(renderer, &ScreenshotRenderer::finished, &app,
                         [](const QStringList &files) {
                             for (const QString &f : files)
                                 std::printf("%s\n", qPrintable(QDir::toNativeSeparators(f)));
                             std::fflush(stdout);
                             QApplication::exit(0);
                         });
        QObject::connect(renderer, &ScreenshotRenderer::failed, &app, [](const QString &why) {
            std::fprintf(stderr, "creditdesk: screenshots: %s\n", qPrintable(why));
            QApplication::exit(1);
        });
        renderer->renderWhenReady(ready || client.isShowingAccount());
        return QApplication::exec();
    }

    client.window().show();
    return QApplication::exec();
}
