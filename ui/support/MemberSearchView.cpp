#include "MemberSearchView.h"

#include "MemberSearchModel.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace creditdesk {

MemberSearchView::MemberSearchView(QWidget *parent)
    : QWidget(parent)
    , m_model(new MemberSearchModel(this))
    , m_field(new QLineEdit(this))
    , m_results(new QListView(this))
    , m_status(new QLabel(this))
    , m_recent(new QListWidget(this))
    , m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("memberSearchView"));
    m_field->setObjectName(QStringLiteral("supportSearch"));
    m_field->setAccessibleName(tr("Find a member by email, name or account id"));
    m_field->setPlaceholderText(tr("Email, name or account id"));
    m_field->setClearButtonEnabled(true);
    m_field->installEventFilter(this);

    m_results->setObjectName(QStringLiteral("supportResults"));
    m_results->setAccessibleName(tr("Members found"));
    m_results->setModel(m_model);
    m_results->setUniformItemSizes(true); // pages of thousands stay cheap to lay out
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);

    m_status->setObjectName(QStringLiteral("supportSearchStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto *recentHeading = new QLabel(tr("Recent members"), this);
    recentHeading->setObjectName(QStringLiteral("supportRecentHeading"));
    QFont bold = recentHeading->font();
    bold.setBold(true);
    recentHeading->setFont(bold);
    m_recent->setObjectName(QStringLiteral("supportRecent"));
    m_recent->setAccessibleName(tr("Recent members"));
    m_recent->setMaximumHeight(170);

    auto *heading = new QLabel(tr("Find a member"), this);
    QFont big = heading->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    heading->setFont(big);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->setSpacing(8);
    layout->addWidget(heading);
    layout->addWidget(m_field);
    layout->addWidget(m_status);
    layout->addWidget(m_results, 1);
    layout->addSpacing(8);
    layout->addWidget(recentHeading);
    layout->addWidget(m_recent);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(DebounceMs);
    connect(m_field, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, &MemberSearchView::searchNow);
    connect(m_field, &QLineEdit::returnPressed, this, [this] {
        if (m_debounce->isActive())
            searchNow();
        const QModelIndex current = m_results->currentIndex();
        if (current.isValid())
            openRow(current.row());
        else if (m_model->rowCount() == 1)
            openRow(0);
    });
    connect(m_model, &MemberSearchModel::pageWanted, this, &MemberSearchView::pageWanted);
    connect(m_model, &MemberSearchModel::pageWanted, this, &MemberSearchView::updateStatus);
    connect(m_results, &QListView::activated, this,
            [this](const QModelIndex &index) { openRow(index.row()); });
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int row = m_recent->row(item);
        if (row >= 0 && row < m_recentMembers.size())
            emit memberChosen(m_recentMembers.at(row));
    });
    setFocusProxy(m_field);
    updateStatus();
}

void MemberSearchView::setRecent(const QList<MemberRef> &members)
{
    m_recentMembers = members;
    m_recent->clear();
    for (const MemberRef &m : members)
        m_recent->addItem(m.describe());
    if (members.isEmpty()) {
        auto *none = new QListWidgetItem(tr("Members you open appear here."), m_recent);
        none->setFlags(Qt::NoItemFlags);
    }
}

void MemberSearchView::showPage(const QString &query, const QString &cursor,
                                const QList<MemberRef> &members, const QString &nextCursor)
{
    const bool first = m_model->rowCount() == 0;
    m_model->addPage(query, cursor, members, nextCursor);
    if (first && m_model->rowCount() > 0 && !m_results->currentIndex().isValid())
        m_results->setCurrentIndex(m_model->index(0));
    updateStatus();
}

void MemberSearchView::showFailure(const QString &query, const QString &cursor,
                                   const QString &message)
{
    m_model->pageFailed(query, cursor);
    if (query == m_model->query())
        m_status->setText(tr("The search failed: %1").arg(message));
}

void MemberSearchView::searchNow()
{
    m_debounce->stop();
    const QString query = m_field->text().trimmed();
    if (query == m_model->query())
        return;
    m_model->setQuery(query);
    updateStatus();
}

void MemberSearchView::focusSearch()
{
    m_field->setFocus();
    m_field->selectAll();
}

void MemberSearchView::openRow(int row)
{
    const MemberRef m = m_model->member(row);
    if (m.isValid())
        emit memberChosen(m);
}

void MemberSearchView::updateStatus()
{
    const int n = m_model->rowCount();
    if (m_model->query().isEmpty())
        m_status->setText(tr("Type an email, a name or an account id."));
    else if (m_model->isLoading() && n == 0)
        m_status->setText(tr("Searching…"));
    else if (n == 0)
        m_status->setText(tr("No member matches “%1”.").arg(m_model->query()));
    else if (m_model->canFetchMore({}))
        m_status->setText(tr("%n member(s) shown — scroll for more. ↓ and Enter open one.", "", n));
    else
        m_status->setText(tr("%n member(s). ↓ and Enter open one.", "", n));
}

bool MemberSearchView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const int rows = m_model->rowCount();
        const int current =
            m_results->currentIndex().isValid() ? m_results->currentIndex().row() : -1;
        if (key->key() == Qt::Key_Down && rows > 0) {
            const int next = std::min(current + 1, rows - 1);
            m_results->setCurrentIndex(m_model->index(next));
            if (next == rows - 1 && m_model->canFetchMore({}))
                m_model->fetchMore({});
            return true;
        }
        if (key->key() == Qt::Key_Up && rows > 0) {
            m_results->setCurrentIndex(m_model->index(std::max(current - 1, 0)));
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_field->text().isEmpty()) {
            m_field->clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace creditdesk
