#include "UsageBar.h"

#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>
#include <algorithm>

namespace creditdesk {

namespace {
constexpr int BarHeight = 6;
}

UsageBar::UsageBar(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("usageBar"));
    m_label->setObjectName(QStringLiteral("usageText"));
    auto *layout = new QVBoxLayout(this);
    // The bar is painted in the bottom margin.
    layout->setContentsMargins(0, 0, 0, BarHeight + 6);
    layout->setSpacing(0);
    layout->addWidget(m_label);
}

void UsageBar::set(const QString &text, int permille, ThemePalette::Tone tone)
{
    m_label->setText(text);
    setAccessibleName(text);
    m_permille = std::clamp(permille, 0, 1000);
    m_tone = tone;
    QWidget::update();
}

QString UsageBar::text() const
{
    return m_label->text();
}

void UsageBar::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF track(0, height() - BarHeight - 1, width(), BarHeight);
    p.setPen(Qt::NoPen);
    p.setBrush(palette().color(QPalette::Mid));
    p.drawRoundedRect(track, BarHeight / 2.0, BarHeight / 2.0);
    if (m_permille > 0) {
        QRectF fill = track;
        fill.setWidth(std::max<qreal>(BarHeight, track.width() * m_permille / 1000));
        const QColor colour = m_tone == ThemePalette::Tone::Normal
                                  ? palette().color(QPalette::Highlight)
                                  : ThemePalette::color(palette(), m_tone);
        p.setBrush(colour);
        p.drawRoundedRect(fill, BarHeight / 2.0, BarHeight / 2.0);
    }
}

} // namespace creditdesk
