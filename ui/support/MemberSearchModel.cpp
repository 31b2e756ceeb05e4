#include "MemberSearchModel.h"

namespace creditdesk {

MemberSearchModel::MemberSearchModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void MemberSearchModel::setQuery(const QString &query)
{
    beginResetModel();
    m_query = query;
    m_members.clear();
    m_nextCursor.clear();
    m_hasMore = !query.trimmed().isEmpty();
    m_loading = false;
    endResetModel();
    if (m_hasMore) {
        m_loading = true;
        emit pageWanted(m_query, {});
    }
}

void MemberSearchModel::addPage(const QString &query, const QString &cursor,
                                const QList<MemberRef> &members, const QString &nextCursor)
{
    if (query != m_query || cursor != m_nextCursor)
        return; // an answer to an earlier query or page
    m_loading = false;
    if (!members.isEmpty()) {
        beginInsertRows({}, int(m_members.size()), int(m_members.size() + members.size()) - 1);
        m_members << members;
        endInsertRows();
    }
    m_nextCursor = nextCursor;
    m_hasMore = !nextCursor.isEmpty();
}

void MemberSearchModel::pageFailed(const QString &query, const QString &cursor)
{
    if (query == m_query && cursor == m_nextCursor)
        m_loading = false;
}

MemberRef MemberSearchModel::member(int row) const
{
    return row >= 0 && row < m_members.size() ? m_members.at(row) : MemberRef();
}

int MemberSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_members.size());
}

QVariant MemberSearchModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_members.size())
        return {};
    const MemberRef &m = m_members.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return m.describe();
    case Qt::ToolTipRole:
        return tr("Account %1 · time zone %2").arg(m.accountId, m.timezone);
    case AccountIdRole:
        return m.accountId;
    default:
        return {};
    }
}

bool MemberSearchModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_loading && !m_members.isEmpty();
}

void MemberSearchModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_loading = true;
    emit pageWanted(m_query, m_nextCursor);
}

} // namespace creditdesk
