#include "ScenarioBar.h"

#include <QApplication>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QToolButton>

#include <algorithm>

namespace creditdesk {

namespace {

// The slider counts minutes from the span's start: an int holds four thousand years of them.
constexpr qint64 SliderStep = 60;

QToolButton *step(QWidget *parent, const QString &text, const QString &accessible, const char *name)
{
    auto *b = new QToolButton(parent);
    b->setObjectName(QString::fromLatin1(name));
    b->setText(text);
    b->setAccessibleName(accessible);
    b->setToolTip(accessible);
    b->setFocusPolicy(Qt::StrongFocus);
    b->setMinimumHeight(28);
    return b;
}

} // namespace

ScenarioBar::ScenarioBar(QWidget *parent)
    : QWidget(parent)
    , m_file(new QLabel(this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_when(new QDateTimeEdit(this))
    , m_back1d(step(this, tr("−1 day"), tr("One day back"), "scenarioBackDay"))
    , m_back1h(step(this, tr("−1 h"), tr("One hour back"), "scenarioBackHour"))
    , m_fwd1h(step(this, tr("+1 h"), tr("One hour on"), "scenarioHour"))
    , m_fwd1d(step(this, tr("+1 day"), tr("One day on"), "scenarioDay"))
    , m_nextRefresh(
          step(this, tr("⇥ Refresh"), tr("Jump to the next refresh"), "scenarioNextRefresh"))
    , m_last(step(this, tr("Last event"), tr("Jump to the last event"), "scenarioLast"))
{
    setObjectName(QStringLiteral("scenarioBar"));
    setAccessibleName(tr("Scenario time controls"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);

    auto *badge = new QLabel(tr("SCENARIO"), this);
    badge->setObjectName(QStringLiteral("scenarioBarBadge"));
    badge->setAccessibleName(tr("Scenario file, read-only"));
    badge->setToolTip(tr("A scenario file, opened read-only: nothing is sent to a server"));
    badge->setStyleSheet(QStringLiteral("QLabel { background: #0969da; color: #ffffff; "
                                        "border-radius: 4px; padding: 2px 8px; "
                                        "font-weight: 700; }"));
    m_file->setObjectName(QStringLiteral("scenarioFile"));
    m_file->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_slider->setObjectName(QStringLiteral("scenarioSlider"));
    m_slider->setAccessibleName(tr("Moment in the scenario"));
    m_slider->setMinimumWidth(160);
    m_when->setObjectName(QStringLiteral("scenarioMoment"));
    m_when->setAccessibleName(tr("Date and time in the account's zone"));
    m_when->setTimeSpec(Qt::UTC); // holds the zone's wall time; the zone is shown beside
    m_when->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_when->setCalendarPopup(true);
    m_when->setKeyboardTracking(false);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(8);
    layout->addWidget(badge);
    layout->addWidget(m_file);
    layout->addSpacing(8);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_when);
    layout->addWidget(m_back1d);
    layout->addWidget(m_back1h);
    layout->addWidget(m_fwd1h);
    layout->addWidget(m_fwd1d);
    layout->addWidget(m_nextRefresh);
    layout->addWidget(m_last);

    connect(m_slider, &QSlider::valueChanged, this,
            [this](int v) { choose(m_first + qint64(v) * SliderStep); });
    connect(m_when, &QDateTimeEdit::dateTimeChanged, this, [this](const QDateTime &wall) {
        // The field shows wall time in the zone: find the instant with that wall time.
        QDateTime zoned(wall.date(), wall.time(), m_zone);
        if (!zoned.isValid()) // in a DST gap: take the wall time at the zone's standard offset
            zoned = QDateTime(wall.date(), wall.time(), Qt::UTC)
                        .addSecs(-m_zone.standardTimeOffset(wall));
        choose(zoned.toSecsSinceEpoch());
    });
    connect(m_back1d, &QToolButton::clicked, this, [this] { choose(m_moment - 86400); });
    connect(m_back1h, &QToolButton::clicked, this, [this] { choose(m_moment - 3600); });
    connect(m_fwd1h, &QToolButton::clicked, this, [this] { choose(m_moment + 3600); });
    connect(m_fwd1d, &QToolButton::clicked, this, [this] { choose(m_moment + 86400); });
    connect(m_nextRefresh, &QToolButton::clicked, this, &ScenarioBar::nextRefreshRequested);
    connect(m_last, &QToolButton::clicked, this, [this] { choose(m_last_); });
}

void ScenarioBar::setFile(const QString &displayName)
{
    m_file->setText(displayName);
}

void ScenarioBar::setSpan(TimePoint first, TimePoint last, const QTimeZone &zone)
{
    m_first = first;
    m_last_ = std::max(first, last);
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    const QSignalBlocker block(m_slider);
    m_slider->setRange(0, int((m_last_ - m_first + SliderStep - 1) / SliderStep));
    m_slider->setPageStep(int(86400 / SliderStep));
    m_slider->setSingleStep(int(3600 / SliderStep));
    m_when->setToolTip(tr("Time zone: %1").arg(QString::fromLatin1(m_zone.id())));
}

QDateTime ScenarioBar::wallTime(TimePoint t) const
{
    const QDateTime inZone = QDateTime::fromSecsSinceEpoch(t, m_zone);
    return QDateTime(inZone.date(), inZone.time(), Qt::UTC);
}

void ScenarioBar::setMoment(TimePoint t)
{
    m_moment = t;
    const QSignalBlocker blockSlider(m_slider);
    const QSignalBlocker blockWhen(m_when);
    m_slider->setValue(int(std::clamp<qint64>((t - m_first) / SliderStep, 0, m_slider->maximum())));
    m_when->setDateTime(wallTime(t));
}

void ScenarioBar::choose(TimePoint t)
{
    if (t == m_moment)
        return;
    setMoment(t);
    emit momentChosen(t);
}

} // namespace creditdesk
