#pragma once

#include "MemberRef.h"

#include <QAbstractListModel>
#include <QList>

namespace creditdesk {

// The members found for one query, page after page: the server answers a page and a cursor
// for the next one, and views ask for more as they scroll (canFetchMore/fetchMore, which
// emits pageWanted; the app fetches and calls addPage). A page for another query than the
// current one is dropped, so a slow answer to "ad" never lands under "ada".
class MemberSearchModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { AccountIdRole = Qt::UserRole + 1 };

    explicit MemberSearchModel(QObject *parent = nullptr);

    // Starts a new query: the rows go, a first page is wanted.
    void setQuery(const QString &query);
    QString query() const { return m_query; }
    // `cursor` is the one the page was asked with (empty: the first page).
    void addPage(const QString &query, const QString &cursor, const QList<MemberRef> &members,
                 const QString &nextCursor);
    // The page asked with `cursor` failed: the next fetchMore asks again.
    void pageFailed(const QString &query, const QString &cursor);
    bool isLoading() const { return m_loading; }
    MemberRef member(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void pageWanted(const QString &query, const QString &cursor);

private:
    QString m_query;
    QList<MemberRef> m_members;
    QString m_nextCursor;
    bool m_hasMore = false;
    bool m_loading = false;
};

} // namespace creditdesk
