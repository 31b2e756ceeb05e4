#pragma once

#include <QDialog>

class QPlainTextEdit;
class QPushButton;

namespace creditdesk {

// Asks for the reason of a refund request on one charged task (seed 000's thumbs-down). It
// only collects words: the token log emits the intent, the app sends it to the server.
// "Request refund" stays disabled until a reason is written.
class RefundRequestDialog : public QDialog
{
    Q_OBJECT
public:
    RefundRequestDialog(const QString &taskId, const QString &summary, QWidget *parent = nullptr);
    QString taskId() const { return m_taskId; }
    QString reason() const;

private:
    QString m_taskId;
    QPlainTextEdit *m_reason;
    QPushButton *m_submit;
};

} // namespace creditdesk
