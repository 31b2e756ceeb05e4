#pragma once

#include "ThemePalette.h"

#include <QString>

namespace creditdesk {

// How the theme choice is written in the settings ("system", "light", "dark"); anything else
// reads as "system".
struct ThemeSetting
{
    static ThemePalette::Scheme fromName(const QString &name)
    {
        if (name == u"light")
            return ThemePalette::Scheme::Light;
        if (name == u"dark")
            return ThemePalette::Scheme::Dark;
        return ThemePalette::Scheme::System;
    }
    static QString name(ThemePalette::Scheme scheme)
    {
        switch (scheme) {
        case ThemePalette::Scheme::Light:
            return QStringLiteral("light");
        case ThemePalette::Scheme::Dark:
            return QStringLiteral("dark");
        case ThemePalette::Scheme::System:
            break;
        }
        return QStringLiteral("system");
    }
};

} // namespace creditdesk
