#include "OfflineBanner.h"

#include "ThemePalette.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace creditdesk {

OfflineBanner::OfflineBanner(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_retry(new QPushButton(tr("Retry now"), this))
{
    setObjectName(QStringLiteral("offlineBanner"));
    setAccessibleName(tr("Connection problem"));
    m_text->setObjectName(QStringLiteral("offlineBannerText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setObjectName(QStringLiteral("offlineRetry"));
    m_retry->setAccessibleName(tr("Retry the connection now"));
    m_icon->setText(QStringLiteral("⚠"));
    m_icon->setObjectName(QStringLiteral("offlineBannerIcon"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 8, 12, 8);
    layout->setSpacing(12);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retry);

    connect(m_retry, &QPushButton::clicked, this, &OfflineBanner::retryRequested);
    restyle();
    hide();
}

void OfflineBanner::showMessage(const QString &message, bool error)
{
    m_text->setText(message);
    m_error = error;
    restyle();
    setVisible(!message.isEmpty());
}

QString OfflineBanner::message() const
{
    return isVisible() || !m_text->text().isEmpty() ? m_text->text() : QString();
}

void OfflineBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        restyle();
}

void OfflineBanner::restyle()
{
    // Amber for "offline, showing the cache", red for "needs you" — with a word and an icon
    // too, and colours chosen for each look so the text stays readable.
    const QPalette pal = QApplication::palette();
    const ThemePalette::Tone tone =
        m_error ? ThemePalette::Tone::Critical : ThemePalette::Tone::Warning;
    const QString bg = ThemePalette::fill(pal, tone).name();
    const QString fg = ThemePalette::color(pal, ThemePalette::Tone::Normal).name();
    const QString border = ThemePalette::color(pal, tone).name();
    const QString sheet =
        QStringLiteral(
            "#offlineBanner { background: %1; border-bottom: 1px solid %3; }"
            "#offlineBanner QLabel { color: %2; } #offlineBanner #offlineBannerIcon { color: %3; }")
            .arg(bg, fg, border);
    if (styleSheet() != sheet) // a style sheet change is itself a palette change
        setStyleSheet(sheet);
}

} // namespace creditdesk
