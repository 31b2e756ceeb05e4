#include "StatusBanner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>

namespace creditdesk {

StatusBanner::StatusBanner(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("statusBanner"));
    setAccessibleName(tr("Status"));
    m_label->setObjectName(QStringLiteral("statusBannerText"));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->addWidget(m_label);
    setFrameShape(QFrame::NoFrame);
    setAutoFillBackground(true);
    setVisible(false);
}

void StatusBanner::showMessage(const QString &text, ThemePalette::Tone tone)
{
    if (text.isEmpty()) {
        clear();
        return;
    }
    m_tone = tone;
    m_label->setText(text);
    m_label->setAccessibleName(text);
    restyle();
    setVisible(true);
}

void StatusBanner::clear()
{
    m_label->clear();
    setVisible(false);
}

QString StatusBanner::text() const
{
    return m_label->text();
}

void StatusBanner::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        restyle();
    QFrame::changeEvent(event);
}

void StatusBanner::restyle()
{
    // From the surroundings' palette: our own Window role is the fill set last time.
    const QPalette around = parentWidget() ? parentWidget()->palette() : QPalette();
    QPalette p = palette();
    p.setColor(QPalette::Window, ThemePalette::fill(around, m_tone));
    // The text stays the palette's own: tone is carried by the fill and the words.
    setPalette(p);
}

} // namespace creditdesk
