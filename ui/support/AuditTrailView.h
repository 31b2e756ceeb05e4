#pragma once

#include "SupportRecords.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace creditdesk {

class AccountZone;

// A member's audit trail, newest first: every adjustment and refund decision (and account
// creation, purchases, refund requests) with who, when, why and the available balance before
// and after. Read-only by design: the server has no endpoint that edits it.
class AuditTrailView : public QWidget
{
    Q_OBJECT
public:
    explicit AuditTrailView(QWidget *parent = nullptr);

    void setRows(const QList<AuditRow> &rows, const AccountZone &zone, const QString &unit);
    void showFailure(const QString &message);
    int rowCount() const;

private:
    QTreeWidget *m_table;
    QLabel *m_note;
};

} // namespace creditdesk
