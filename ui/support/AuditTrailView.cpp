#include "AuditTrailView.h"

#include "AccountZone.h"
#include "AmountFormat.h"
#include "TimeFormat.h"

#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace creditdesk {

namespace {

enum Column { When, Who, Action, Reason, Before, After, ColumnCount };

QString actionWords(const QString &action)
{
    if (action == u"adjustment.grant")
        return AuditTrailView::tr("Granted credits");
    if (action == u"adjustment.debit")
        return AuditTrailView::tr("Removed credits");
    if (action == u"refund_request.approve")
        return AuditTrailView::tr("Approved a refund");
    if (action == u"refund_request.decline")
        return AuditTrailView::tr("Declined a refund");
    if (action == u"refund_request.create")
        return AuditTrailView::tr("Asked for a refund");
    if (action.startsWith(u"purchase."))
        return AuditTrailView::tr("Purchase %1").arg(action.mid(9));
    if (action == u"account.create")
        return AuditTrailView::tr("Account created");
    return action;
}

} // namespace

AuditTrailView::AuditTrailView(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTreeWidget(this))
    , m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("auditTrail"));
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setAccessibleName(tr("Audit trail, newest first"));
    m_table->setRootIsDecorated(false);
    m_table->setAlternatingRowColors(true);
    m_table->setColumnCount(ColumnCount);
    m_table->setHeaderLabels({tr("When"), tr("Who"), tr("Action"), tr("Why"),
                              tr("Available before"), tr("Available after")});
    const int em = m_table->fontMetrics().horizontalAdvance(u'0');
    const int widths[] = {18, 18, 18, 40, 14, 14};
    for (int c = 0; c < ColumnCount; ++c)
        m_table->setColumnWidth(c, widths[c] * em);
    m_note->setObjectName(QStringLiteral("auditNote"));
    m_note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addWidget(m_note);
    layout->addWidget(m_table, 1);
    m_note->setText(tr("Loading the audit trail…"));
}

void AuditTrailView::setRows(const QList<AuditRow> &rows, const AccountZone &zone,
                             const QString &unit)
{
    m_table->clear();
    const TimeFormat times(zone);
    const AmountFormat amounts(unit);
    for (const AuditRow &r : rows) {
        auto *item = new QTreeWidgetItem(m_table);
        item->setText(When, times.stamp(r.at));
        item->setText(Who, r.actorLabel.isEmpty() ? r.actor : r.actorLabel);
        item->setToolTip(Who, tr("%1 (%2)").arg(r.actor, r.role));
        item->setText(Action, actionWords(r.action));
        item->setText(Reason, r.reason);
        item->setToolTip(Reason, r.reason);
        if (r.balanceBefore)
            item->setText(Before, amounts.number(r.balanceBefore->available));
        if (r.balanceAfter)
            item->setText(After, amounts.number(r.balanceAfter->available));
        item->setTextAlignment(Before, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(After, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_note->setText(tr("Who did what, when and why — newest first, times in the member's zone "
                       "(%1). The trail cannot be edited.")
                        .arg(zone.id()));
}

void AuditTrailView::showFailure(const QString &message)
{
    m_note->setText(tr("The audit trail could not be loaded: %1").arg(message));
}

int AuditTrailView::rowCount() const
{
    return m_table->topLevelItemCount();
}

} // namespace creditdesk
