#pragma once

#include <QString>
#include <QStringList>

namespace creditdesk {

// The `creditdesk` command line: `creditdesk [--demo] [--screenshot DIR] [--config FILE]
// [FILE.json]`. A scenario file argument opens it read-only; --screenshot renders every screen
// to DIR as PNG and exits (with --demo: the demo's screens).
struct DesktopOptions
{
    bool demo = false;
    QString screenshotDir;
    QString configFile; // empty: the platform's settings
    QString scenarioFile;

    // False with *message (usage on --help, *exitCode 0; an error, *exitCode 2).
    static bool parse(const QStringList &arguments, DesktopOptions *out, QString *message,
                      int *exitCode);
};

} // namespace creditdesk
