#pragma once

#include "SupportRecords.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace creditdesk {

// The refund queue: members' refund requests across accounts, newest first, filtered by state,
// each with the member's reason and the task's entries; the agent approves (with an optional
// note) or declines (with a reason, required). Decided requests show who decided and when; a
// decision that lost a race (another agent decided first, 409) says who and when, and the row
// is updated to what they decided. Emits intents; the app sends them and hands answers back.
class RefundQueueView : public QWidget
{
    Q_OBJECT
public:
    explicit RefundQueueView(QWidget *parent = nullptr);

    // "" (every state), "open", "approved", "declined".
    QString statusFilter() const;
    // A page of the queue: replaces the rows, or appends (the "More" button's page).
    void showPage(const RefundQueuePage &page, bool append);
    void showDecision(const RefundDecision &decision);
    void showAlreadyDecided(const RefundAlreadyDecided &conflict);
    void showFailure(const QString &message);
    void setBusy(bool busy);
    QList<QueuedRefund> requests() const { return m_requests; }
    // Selects the request (tests, the screenshot).
    void select(const QString &requestId);
    QString message() const;

signals:
    void reloadRequested(const QString &status);
    void moreRequested(const QString &status, const QString &cursor);
    void decisionRequested(const QString &requestId, bool approve, const QString &text);

private:
    void render();
    void renderDetail();
    void updateRow(const QueuedRefund &request);
    void decide(bool approve);
    QString currentId() const;

    QList<QueuedRefund> m_requests;
    QString m_nextCursor;
    bool m_busy = false;
    QComboBox *m_filter;
    QPushButton *m_reload;
    QTreeWidget *m_table;
    QLabel *m_detail;
    QLineEdit *m_text;
    QPushButton *m_approve;
    QPushButton *m_decline;
    QPushButton *m_more;
    QLabel *m_message;
};

} // namespace creditdesk
