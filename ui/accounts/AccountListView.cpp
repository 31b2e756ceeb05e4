#include "AccountListView.h"

#include "ElidedLabel.h"
#include "ThemePalette.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace creditdesk {

namespace {

ThemePalette::Tone toneOf(AccountGlance::State state)
{
    switch (state) {
    case AccountGlance::State::Low:
        return ThemePalette::Tone::Warning;
    case AccountGlance::State::Empty:
        return ThemePalette::Tone::Critical;
    case AccountGlance::State::Offline:
    case AccountGlance::State::Unknown:
        return ThemePalette::Tone::Muted;
    case AccountGlance::State::Normal:
        break;
    }
    return ThemePalette::Tone::Good;
}

} // namespace

AccountListView::AccountListView(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(tr("&Add account…"), this))
{
    setObjectName(QStringLiteral("accountList"));
    setAccessibleName(tr("Accounts"));
    m_list->setObjectName(QStringLiteral("accountListRows"));
    m_list->setAccessibleName(tr("Accounts"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setSpacing(2);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setMinimumWidth(260);
    m_add->setObjectName(QStringLiteral("addAccountButton"));
    m_add->setAccessibleName(tr("Add account"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(8);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_add);

    connect(m_add, &QPushButton::clicked, this, &AccountListView::addRequested);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_rebuilding || row < 0 || row >= m_accounts.size())
            return;
        if (m_accounts[row].key != m_current)
            emit accountChosen(m_accounts[row].key);
    });
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int row = m_list->row(item);
        if (row >= 0 && row < m_accounts.size())
            emit accountChosen(m_accounts[row].key);
    });
}

namespace {
bool sameGlance(const AccountGlance &a, const AccountGlance &b)
{
    return a.key == b.key && a.name == b.name && a.host == b.host && a.state == b.state &&
           a.syncing == b.syncing && a.available == b.available &&
           a.availableText == b.availableText && a.backText == b.backText &&
           a.statusText == b.statusText && a.backAt == b.backAt;
}
} // namespace

void AccountListView::setAccounts(const QList<AccountGlance> &accounts, const QString &currentKey)
{
    if (currentKey == m_current && accounts.size() == m_accounts.size() &&
        std::equal(accounts.cbegin(), accounts.cend(), m_accounts.cbegin(), sameGlance))
        return;
    m_accounts = accounts;
    m_current = currentKey;
    rebuild();
}

void AccountListView::rebuild()
{
    m_rebuilding = true;
    // The shown account: a light tint of the highlight, so the rows' own colours (the state
    // marks, the muted second line) stay readable on it in both looks.
    QColor tint = palette().color(QPalette::Highlight);
    tint.setAlpha(48);
    const QString styleSheet =
        QStringLiteral("QListWidget::item { border-radius: 6px; }"
                       "QListWidget::item:selected { background: rgba(%1, %2, %3, %4); }")
            .arg(tint.red())
            .arg(tint.green())
            .arg(tint.blue())
            .arg(tint.alpha());
    if (styleSheet != m_styleSheet) {
        m_styleSheet = styleSheet;
        m_list->setStyleSheet(styleSheet);
    }
    m_list->clear();
    for (const AccountGlance &g : std::as_const(m_accounts)) {
        auto *item = new QListWidgetItem(m_list);
        QWidget *row = rowWidget(g, g.key == m_current);
        item->setSizeHint(row->sizeHint());
        // Screen readers read the item's text: everything the row shows, in one sentence.
        item->setData(Qt::AccessibleTextRole, g.line());
        item->setToolTip(g.line() + u'\n' + g.statusText);
        m_list->setItemWidget(item, row);
        if (g.key == m_current)
            m_list->setCurrentItem(item);
    }
    m_rebuilding = false;
}

QWidget *AccountListView::rowWidget(const AccountGlance &g, bool current)
{
    // Three short lines, so a narrow dock never hides the balance: who (and the state in a
    // word), how much, then how fresh and where. Labels clip rather than widen the list.
    auto *row = new QWidget;
    row->setObjectName(QStringLiteral("accountRow"));
    auto *grid = new QGridLayout(row);
    grid->setContentsMargins(8, 6, 8, 6);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(2);
    const QPalette &pal = palette();
    const QColor mark = ThemePalette::color(pal, toneOf(g.state));
    const auto label = [row](const QString &text, const char *name) {
        auto *l = new QLabel(text, row);
        l->setObjectName(QString::fromLatin1(name));
        l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        l->setMinimumWidth(0);
        return l;
    };
    auto *dot = new QLabel(QStringLiteral("●"), row);
    dot->setStyleSheet(QStringLiteral("color: %1;").arg(mark.name()));
    dot->setAccessibleName(g.stateWord());
    QLabel *name = label(g.name.isEmpty() ? g.key : g.name, "accountRowName");
    QFont bold = name->font();
    bold.setBold(true);
    name->setFont(bold);
    QLabel *state = label(g.backText.isEmpty() ? g.stateWord() : g.backText, "accountRowState");
    state->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    state->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    state->setStyleSheet(QStringLiteral("color: %1;").arg(mark.name()));
    QLabel *amount = label(g.availableText, "accountRowBalance");
    if (g.state == AccountGlance::State::Low || g.state == AccountGlance::State::Empty)
        amount->setStyleSheet(QStringLiteral("color: %1;").arg(mark.name()));
    // How fresh first, then where: a narrow dock clips the host, never "Synced at 14:03".
    QString second = g.statusText;
    if (!g.host.isEmpty())
        second += (second.isEmpty() ? QString() : QStringLiteral(" · ")) + g.host;
    auto *detail = new ElidedLabel(second, row);
    detail->setObjectName(QStringLiteral("accountRowStatus"));
    detail->setForegroundRole(QPalette::PlaceholderText);
    grid->addWidget(dot, 0, 0, Qt::AlignVCenter);
    grid->addWidget(name, 0, 1);
    grid->addWidget(state, 0, 2);
    grid->addWidget(amount, 1, 1, 1, 2);
    grid->addWidget(detail, 2, 1, 1, 2);
    grid->setColumnStretch(1, 1);
    if (current)
        row->setAccessibleDescription(tr("shown now"));
    return row;
}

void AccountListView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_rebuilding)
        rebuild(); // the marks' colours follow the look
}

} // namespace creditdesk
