#include "DemoBar.h"

#include "ThemePalette.h"

#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

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
    m_clock->setMinimumWidth(m_clock->fontMetrics().horizontalAdvance(
                                 QStringLiteral("Wed 30 Sep 2026 23:59 (UTC+14:00)")) +
                             8);
    m_clock->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont clockFont = m_clock->font();
    clockFont.setBold(true);
    m_clock->setFont(clockFont);

    m_play->setCheckable(true);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(8);
    layout->addWidget(badge);
    auto *whoLabel = new QLabel(tr("&Member:"), this);
    whoLabel->setBuddy(m_member);
    layout->addSpacing(8);
    layout->addWidget(whoLabel);
    layout->addWidget(m_member);
    m_support = stepButton(this, tr("Support agent"), tr("Sign in as the demo's support agent"),
                           tr("Open the support console with the demo members in its search"),
                           "demoSupport");
    m_support->hide();
    layout->addWidget(m_support);
    connect(m_support, &QToolButton::clicked, this, [this] {
        if (!m_supportId.isEmpty())
            emit memberChosen(m_supportId);
    });
    layout->addSpacing(16);
    layout->addWidget(m_clock);
    layout->addStretch(1);
    layout->addWidget(m_play);
    layout->addWidget(m_hour);
    layout->addWidget(m_day);
    layout->addWidget(m_nextRefresh);
    layout->addSpacing(8);
    layout->addWidget(m_reset);

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
}

} // namespace creditdesk
