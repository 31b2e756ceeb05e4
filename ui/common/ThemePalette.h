#pragma once

#include <QColor>
#include <QPalette>

class QApplication;

namespace creditdesk {

// Light and dark for the whole app, and the few colours that carry state. Qt 6.4 cannot read
// the desktop's light/dark choice, so "System" keeps the platform's palette and the member may
// force Light or Dark (settings). State colours are picked for the palette in use, so amber and
// red stay readable on dark backgrounds; they always come with a word, never alone.
class ThemePalette
{
public:
    enum class Scheme { System, Light, Dark };
    enum class Tone { Normal, Good, Warning, Critical, Muted };

    static QPalette light();
    static QPalette dark();
    // Sets Fusion (the same metrics everywhere) and the scheme's palette on the application.
    static void apply(QApplication &app, Scheme scheme);
    static bool isDark(const QPalette &palette);
    static QColor color(const QPalette &palette, Tone tone);
    // A faint fill for banners and chips of that tone.
    static QColor fill(const QPalette &palette, Tone tone);
};

} // namespace creditdesk
