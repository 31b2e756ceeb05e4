#include "SupportWorkspace.h"

#include "MemberSearchView.h"
#include "MemberTab.h"
#include "RefundQueueView.h"
#include "StatusBanner.h"

#include <QLabel>
#include <QShortcut>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace creditdesk {

namespace {
constexpr int FixedTabs = 2; // search, refund queue
}

SupportWorkspace::SupportWorkspace(const Clock &viewClock, QWidget *parent)
    : QWidget(parent)
    , m_clock(viewClock)
    , m_tabs(new QTabWidget(this))
    , m_search(new MemberSearchView(this))
    , m_queue(new RefundQueueView(this))
    , m_banner(new StatusBanner(this))
    , m_agent(new QLabel(this))
{
    setObjectName(QStringLiteral("supportWorkspace"));
    setAccessibleName(tr("Support workspace"));
    m_tabs->setObjectName(QStringLiteral("supportTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(false);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_search, tr("Find a member"));
    m_tabs->addTab(m_queue, tr("Refund queue"));
    for (int i = 0; i < FixedTabs; ++i)
        m_tabs->tabBar()->setTabButton(i, QTabBar::RightSide, nullptr);
    m_banner->setObjectName(QStringLiteral("supportBanner"));
    m_banner->clear();
    m_agent->setObjectName(QStringLiteral("supportAgent"));
    m_agent->setForegroundRole(QPalette::PlaceholderText);
    m_tabs->setCornerWidget(m_agent, Qt::TopRightCorner);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_tabs, 1);

    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &SupportWorkspace::closeTab);
    connect(m_search, &MemberSearchView::memberChosen, this,
            [this](const MemberRef &m) { openMember(m); });
    auto *find = new QShortcut(QKeySequence(tr("Ctrl+K")), this);
    connect(find, &QShortcut::activated, this, &SupportWorkspace::showSearch);
    auto *close = new QShortcut(QKeySequence::Close, this);
    connect(close, &QShortcut::activated, this, [this] {
        if (m_tabs->currentIndex() >= FixedTabs)
            closeTab(m_tabs->currentIndex());
    });
}

MemberTab *SupportWorkspace::memberTab(const QString &accountId) const
{
    for (MemberTab *tab : memberTabs())
        if (tab->member().accountId == accountId)
            return tab;
    return nullptr;
}

QList<MemberTab *> SupportWorkspace::memberTabs() const
{
    QList<MemberTab *> tabs;
    for (int i = FixedTabs; i < m_tabs->count(); ++i)
        if (auto *tab = qobject_cast<MemberTab *>(m_tabs->widget(i)))
            tabs << tab;
    return tabs;
}

MemberTab *SupportWorkspace::openMember(const MemberRef &member)
{
    if (MemberTab *open = memberTab(member.accountId)) {
        m_tabs->setCurrentWidget(open);
        return open;
    }
    auto *tab = new MemberTab(member, m_clock, m_tabs);
    const int index = m_tabs->addTab(tab, member.name.isEmpty() ? member.accountId : member.name);
    m_tabs->setTabToolTip(index, member.describe());
    m_tabs->setCurrentIndex(index);
    emit memberOpened(tab);
    return tab;
}

void SupportWorkspace::closeTab(int index)
{
    if (index < FixedTabs)
        return;
    auto *tab = qobject_cast<MemberTab *>(m_tabs->widget(index));
    if (!tab)
        return;
    const QString id = tab->member().accountId;
    m_tabs->removeTab(index);
    // Before the app drops the member's session: the tab's views point at its account.
    tab->setAccount(nullptr);
    tab->deleteLater();
    emit memberClosed(id);
}

void SupportWorkspace::closeAllMembers()
{
    while (m_tabs->count() > FixedTabs)
        closeTab(m_tabs->count() - 1);
    m_tabs->setCurrentIndex(0);
}

void SupportWorkspace::showSearch()
{
    m_tabs->setCurrentWidget(m_search);
    m_search->focusSearch();
}

void SupportWorkspace::showRefundQueue()
{
    m_tabs->setCurrentWidget(m_queue);
}

void SupportWorkspace::setAgent(const QString &label)
{
    m_agent->setText(label.isEmpty() ? QString() : tr("Signed in as %1 (support)  ").arg(label));
}

void SupportWorkspace::setProblem(const QString &text)
{
    m_problem = text;
    if (text.isEmpty())
        m_banner->clear();
    else
        m_banner->showMessage(text, ThemePalette::Tone::Critical);
}

QString SupportWorkspace::problem() const
{
    return m_problem;
}

} // namespace creditdesk
