#include "CountdownChip.h"

#include "TimeFormat.h"

#include <QEvent>

namespace creditdesk {

CountdownChip::CountdownChip(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("refreshChip"));
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setFocusPolicy(Qt::TabFocus);
    restyle();
}

void CountdownChip::setTarget(const QString &what, TimePoint at)
{
    m_what = what;
    m_at = at;
}

void CountdownChip::updateText(TimePoint now, TimePoint confirmedUntil, const TimeFormat &format)
{
    QString text;
    const qint64 left = m_at - now;
    m_stale = left <= 0 && confirmedUntil != NoTime && confirmedUntil < m_at;
    if (left <= 0) {
        text = m_stale ? tr("%1 refreshed at %2 · not yet confirmed by the server")
                             .arg(m_what, format.clock(m_at))
                       : tr("%1 refreshed at %2").arg(m_what, format.clock(m_at));
        m_tone = m_stale ? ThemePalette::Tone::Warning : ThemePalette::Tone::Good;
    } else if (left > SecondsPerDay) {
        //: "Plan credits refresh in 2d 5h · Thu 27 Nov 02:00"
        text = tr("%1 refresh %2 · %3")
                   .arg(m_what, format.relative(m_at, now), format.absolute(m_at, now));
        m_tone = ThemePalette::Tone::Normal;
    } else {
        text =
            tr("%1 refresh %2 · at %3").arg(m_what, format.relative(m_at, now), format.clock(m_at));
        m_tone = ThemePalette::Tone::Normal;
    }
    if (text != this->text()) {
        setText(text);
        setAccessibleName(text);
    }
    restyle();
}

void CountdownChip::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !signalsBlocked())
        restyle();
}

void CountdownChip::restyle()
{
    const QPalette around = parentWidget() ? parentWidget()->palette() : QPalette();
    const QColor fill = ThemePalette::fill(
        around, m_tone == ThemePalette::Tone::Normal ? ThemePalette::Tone::Muted : m_tone);
    const QColor border = m_tone == ThemePalette::Tone::Normal
                              ? around.color(QPalette::Mid)
                              : ThemePalette::color(around, m_tone);
    const QString sheet =
        QStringLiteral("QLabel#refreshChip { background: %1; border: 1px solid %2;"
                       " border-radius: 12px; padding: 4px 12px; }")
            .arg(fill.name(), border.name());
    if (styleSheet() != sheet)
        setStyleSheet(sheet);
}

} // namespace creditdesk
