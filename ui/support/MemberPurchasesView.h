#pragma once

#include "SupportRecords.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace creditdesk {

class AccountZone;

// A member's purchases as support sees them, newest first: what was bought, the payment
// state in words (waiting for payment / completed when / failed why) and the receipt of a
// completed one — "I paid but nothing arrived" answered in one look. Times in the member's zone.
class MemberPurchasesView : public QWidget
{
    Q_OBJECT
public:
    explicit MemberPurchasesView(QWidget *parent = nullptr);

    void setPurchases(const QList<SupportPurchase> &purchases, const AccountZone &zone,
                      const QString &unit);
    void showFailure(const QString &message);
    int rowCount() const;

private:
    QTreeWidget *m_table;
    QLabel *m_note;
};

} // namespace creditdesk
