#include "DemoBar.h"

#include "ThemePalette.h"

#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QToolButton>
#include <QVBoxLayout>

namespace creditdesk {

namespace {

QToolButton *stepButton(QWidget *parent, const QString &text, const QString &accessible,
                        const QString &tip, const char *name)
{
    auto *b = new QToolButton(parent);
    b->setObjectName(QString::fromLatin1(name));
    b->setText(text);
    b->setAccessibleName(accessible);
    b->setToolTip(tip);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    b->setAutoRaise(false);
    b->setFocusPolicy(Qt::StrongFocus);
    b->setMinimumHeight(28);
    return b;
}

} // namespace

DemoBar::DemoBar(QWidget *parent)
    : QWidget(parent)
    , m_member(new QComboBox(this))
    , m_clock(new QLabel(this))
    , m_play(stepButton(this, tr("▶ Play"), tr("Play: time runs fast"),
                        tr("Time runs fast and simulated members keep working"), "demoPlay"))
    , m_hour(stepButton(this, tr("+1 hour"), tr("Move the clock one hour on"),
                        tr("Move the demo clock one hour on"), "demoHour"))
    , m_day(stepButton(this, tr("+1 day"), tr("Move the clock one day on"),
                       tr("Move the demo clock one day on"), "demoDay"))
    , m_nextRefresh(stepButton(this, tr("⇥ Next refresh"), tr("Jump to the next refresh"),
                               tr("Move the demo clock to the account's next refresh"),
                               "demoNextRefresh"))
    , m_reset(stepButton(this, tr("↺ Reset"), tr("Reset the demo"),
                         tr("Start again from fresh demo data"), "demoReset"))
{
    setObjectName(QStringLiteral("demoBar"));
    setAccessibleName(tr("Demo controls"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);

    auto *badge = new QLabel(tr("DEMO"), this);
    badge->setObjectName(QStringLiteral("demoBadge"));
    badge->setAlignment(Qt::AlignCenter);
    const bool dark = ThemePalette::isDark(QApplication::palette());
    badge->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: %2; border-radius: 4px; padding: 2px 8px;"
                       " font-weight: 700; }")
            .arg(dark ? QStringLiteral("#8957e5") : QStringLiteral("#6e40c9"),
                 QStringLiteral("#ffffff")));

    m_member->setObjectName(QStringLiteral("demoMember"));
    m_member->setAccessibleName(tr("Demo member"));
    m_member->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_member->setMinimumContentsLength(24);

    m_clock->setObjectName(QStringLiteral("demoClock"));
    m_clock->setAccessibleName(tr("Demo time"));
    m_clock->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Never narrower than its text (a zone like America/Los_Angeles included): the bar
    // wraps instead.
    m_clock->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Preferred);
    QFont clockFont = m_clock->font();
    clockFont.setBold(true);
    m_clock->setFont(clockFont);

    m_play->setCheckable(true);

    m_top = new QHBoxLayout;
    m_top->setSpacing(8);
    m_top->addWidget(badge);
    auto *whoLabel = new QLabel(tr("&Member:"), this);
    whoLabel->setBuddy(m_member);
    m_top->addSpacing(8);
    m_top->addWidget(whoLabel);
    m_top->addWidget(m_member);
    m_support = stepButton(this, tr("Support agent"), tr("Sign in as the demo's support agent"),
                           tr("Open the support console with the demo members in its search"),
                           "demoSupport");
    m_support->hide();
    m_top->addWidget(m_support);
    connect(m_support, &QToolButton::clicked, this, [this] {
        if (!m_supportId.isEmpty())
            emit memberChosen(m_supportId);
    });
    m_top->addSpacing(16);
    m_top->addWidget(m_clock);
    m_top->addStretch(1);

    m_steps = new QWidget(this);
    m_steps->setObjectName(QStringLiteral("demoSteps"));
    auto *steps = new QHBoxLayout(m_steps);
    steps->setContentsMargins(0, 0, 0, 0);
    steps->setSpacing(8);
    steps->addWidget(m_play);
    steps->addWidget(m_hour);
    steps->addWidget(m_day);
    steps->addWidget(m_nextRefresh);
    steps->addSpacing(8);
    steps->addWidget(m_reset);
    m_top->addWidget(m_steps);

    m_secondRow = new QHBoxLayout;
    m_secondRow->setSpacing(8);
    m_secondRow->addStretch(1);

    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(12, 8, 12, 8);
    rows->setSpacing(6);
    // The bar's minimum is the two-row one (minimumSizeHint), not the one row's.
    rows->setSizeConstraint(QLayout::SetNoConstraint);
    rows->addLayout(m_top);
    rows->addLayout(m_secondRow);

    connect(m_member, &QComboBox::activated, this,
            [this](int index) { emit memberChosen(m_member->itemData(index).toString()); });
    connect(m_play, &QToolButton::toggled, this, [this](bool on) {
        m_play->setText(on ? tr("⏸ Pause") : tr("▶ Play"));
        emit playToggled(on);
    });
    connect(m_hour, &QToolButton::clicked, this, [this] { emit advanceRequested(3600); });
    connect(m_day, &QToolButton::clicked, this, [this] { emit advanceRequested(86400); });
    connect(m_nextRefresh, &QToolButton::clicked, this, &DemoBar::nextRefreshRequested);
    connect(m_reset, &QToolButton::clicked, this, &DemoBar::resetRequested);
}

void DemoBar::setMembers(const QList<QPair<QString, QString>> &members)
{
    const QString current = currentMember();
    m_member->clear();
    for (const auto &[id, label] : members)
        m_member->addItem(label, id);
    setCurrentMember(current);
}

void DemoBar::setCurrentMember(const QString &accountId)
{
    const int index = m_member->findData(accountId);
    if (index >= 0)
        m_member->setCurrentIndex(index);
}

QString DemoBar::currentMember() const
{
    return m_member->currentData().toString();
}

void DemoBar::setClockText(const QString &text)
{
    m_clock->setText(text);
    fitTo(width());
}

void DemoBar::setPlaying(bool playing)
{
    const QSignalBlocker block(m_play);
    m_play->setChecked(playing);
    m_play->setText(playing ? tr("⏸ Pause") : tr("▶ Play"));
}

void DemoBar::setBusy(bool busy)
{
    for (QWidget *w : {static_cast<QWidget *>(m_member), static_cast<QWidget *>(m_hour),
                       static_cast<QWidget *>(m_day), static_cast<QWidget *>(m_nextRefresh),
                       static_cast<QWidget *>(m_reset)})
        w->setEnabled(!busy);
}

void DemoBar::setSupportAgent(const QString &id)
{
    m_supportId = id;
    m_support->setVisible(!id.isEmpty());
    fitTo(width());
}

QSize DemoBar::minimumSizeHint() const
{
    const QMargins m = layout()->contentsMargins();
    const int width = std::max(m_top->minimumSize().width() -
                                   (m_wrapped ? 0 : m_steps->minimumSizeHint().width() + 8),
                               m_steps->minimumSizeHint().width());
    const int height =
        m_top->minimumSize().height() + (m_wrapped ? m_steps->minimumSizeHint().height() + 6 : 0);
    return {width + m.left() + m.right(), height + m.top() + m.bottom()};
}

void DemoBar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitTo(event->size().width());
}

void DemoBar::fitTo(int width)
{
    const QMargins m = layout()->contentsMargins();
    const int topWidth = m_top->sizeHint().width() -
                         (m_wrapped ? 0 : m_steps->sizeHint().width() + m_top->spacing());
    const bool wrap =
        width < m.left() + topWidth + m_top->spacing() + m_steps->sizeHint().width() + m.right();
    if (wrap == m_wrapped)
        return;
    m_wrapped = wrap;
    if (wrap) {
        m_top->removeWidget(m_steps);
        m_secondRow->addWidget(m_steps);
    } else {
        m_secondRow->removeWidget(m_steps);
        m_top->addWidget(m_steps);
    }
    updateGeometry();
}

} // namespace creditdesk
