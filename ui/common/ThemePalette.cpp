#include "ThemePalette.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace creditdesk {

namespace {
QPalette makePalette(QColor window, QColor base, QColor alternate, QColor text, QColor button,
                     QColor highlight, QColor mid, QColor disabledText)
{
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, alternate);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabledText);
    p.setColor(QPalette::Link, highlight);
    p.setColor(QPalette::Mid, mid);
    p.setColor(QPalette::Midlight, alternate);
    p.setColor(QPalette::Light, base.lighter(110));
    p.setColor(QPalette::Dark, mid.darker(120));
    p.setColor(QPalette::Shadow, QColor(0, 0, 0));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    return p;
}
} // namespace

QPalette ThemePalette::light()
{
    return makePalette(QColor(0xf5, 0xf6, 0xf8), QColor(0xff, 0xff, 0xff), QColor(0xf3, 0xf5, 0xf8),
                       QColor(0x1c, 0x22, 0x2b), QColor(0xec, 0xee, 0xf2), QColor(0x2b, 0x64, 0xd6),
                       QColor(0xc9, 0xce, 0xd6), QColor(0x6b, 0x73, 0x80));
}

QPalette ThemePalette::dark()
{
    return makePalette(QColor(0x1d, 0x20, 0x26), QColor(0x15, 0x17, 0x1c), QColor(0x21, 0x25, 0x2c),
                       QColor(0xe4, 0xe7, 0xec), QColor(0x2b, 0x2f, 0x37), QColor(0x4a, 0x86, 0xf0),
                       QColor(0x40, 0x46, 0x50), QColor(0x9a, 0xa2, 0xae));
}

void ThemePalette::apply(QApplication &app, Scheme scheme)
{
    if (QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion")))
        QApplication::setStyle(fusion);
    switch (scheme) {
    case Scheme::System:
        QApplication::setPalette(QApplication::style()->standardPalette());
        break;
    case Scheme::Light:
        QApplication::setPalette(light());
        break;
    case Scheme::Dark:
        QApplication::setPalette(dark());
        break;
    }
    Q_UNUSED(app);
}

bool ThemePalette::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor ThemePalette::color(const QPalette &palette, Tone tone)
{
    const bool dark = isDark(palette);
    switch (tone) {
    case Tone::Normal:
        return palette.color(QPalette::WindowText);
    case Tone::Good:
        return dark ? QColor(0x6c, 0xd4, 0x8f) : QColor(0x1b, 0x7a, 0x3d);
    case Tone::Warning:
        return dark ? QColor(0xf0, 0xb8, 0x4e) : QColor(0x9a, 0x5b, 0x00);
    case Tone::Critical:
        return dark ? QColor(0xff, 0x85, 0x7a) : QColor(0xb4, 0x25, 0x1d);
    case Tone::Muted:
        return palette.color(QPalette::PlaceholderText);
    }
    return palette.color(QPalette::WindowText);
}

QColor ThemePalette::fill(const QPalette &palette, Tone tone)
{
    const QColor c = color(palette, tone);
    const QColor base = palette.color(QPalette::Base);
    // 14 % of the tone over the base: tinted, with text still at full contrast.
    const auto mix = [](int a, int b) { return (a * 14 + b * 86) / 100; };
    if (tone == Tone::Normal || tone == Tone::Muted)
        return palette.color(QPalette::AlternateBase);
    return QColor(mix(c.red(), base.red()), mix(c.green(), base.green()),
                  mix(c.blue(), base.blue()));
}

} // namespace creditdesk
