#pragma once

#include "MemberRef.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QTimer;

namespace creditdesk {

class MemberSearchModel;

// "Find a member": a search field that asks as the agent types (after a 250 ms pause, so a
// word typed fast is one request), results paged as the list scrolls, and the recent members
// beneath. Keyboard: ↓/↑ from the field walk the results, Enter opens the selected one (or
// the only one), Esc clears. Emits memberChosen; the app opens the tab.
class MemberSearchView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int DebounceMs = 250;

    explicit MemberSearchView(QWidget *parent = nullptr);

    MemberSearchModel *model() const { return m_model; }
    void setRecent(const QList<MemberRef> &members);
    // The answer to a page (see MemberSearchModel::addPage), or the reason it failed.
    void showPage(const QString &query, const QString &cursor, const QList<MemberRef> &members,
                  const QString &nextCursor);
    void showFailure(const QString &query, const QString &cursor, const QString &message);
    // Runs the pending search now instead of after the pause (tests, Enter).
    void searchNow();
    void focusSearch();

signals:
    void pageWanted(const QString &query, const QString &cursor);
    void memberChosen(const creditdesk::MemberRef &member);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void openRow(int row);
    void updateStatus();

    MemberSearchModel *m_model;
    QLineEdit *m_field;
    QListView *m_results;
    QLabel *m_status;
    QListWidget *m_recent;
    QTimer *m_debounce;
    QList<MemberRef> m_recentMembers;
};

} // namespace creditdesk
