#include "MemberPurchasesView.h"

#include "AccountZone.h"
#include "AmountFormat.h"
#include "TimeFormat.h"
#include "Wording.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace creditdesk {

namespace {
enum Column { Created, What, Amount, PriceColumn, State, ReceiptColumn, ColumnCount };
} // namespace

MemberPurchasesView::MemberPurchasesView(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTreeWidget(this))
    , m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("memberPurchases"));
    m_table->setObjectName(QStringLiteral("purchaseTable"));
    m_table->setAccessibleName(tr("Purchases, newest first"));
    m_table->setRootIsDecorated(false);
    m_table->setAlternatingRowColors(true);
    m_table->setColumnCount(ColumnCount);
    m_table->setHeaderLabels(
        {tr("Created"), tr("What"), tr("Amount"), tr("Price"), tr("Payment"), tr("Receipt")});
    const int em = m_table->fontMetrics().horizontalAdvance(u'0');
    const int widths[] = {18, 14, 10, 10, 44, 30};
    for (int c = 0; c < ColumnCount; ++c)
        m_table->setColumnWidth(c, widths[c] * em);
    m_note->setObjectName(QStringLiteral("purchaseNote"));
    m_note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addWidget(m_note);
    layout->addWidget(m_table, 1);
    m_note->setText(tr("Loading purchases…"));
}

void MemberPurchasesView::setPurchases(const QList<SupportPurchase> &purchases,
                                       const AccountZone &zone, const QString &unit)
{
    m_table->clear();
    const TimeFormat times(zone);
    const AmountFormat amounts(unit);
    for (const SupportPurchase &p : purchases) {
        auto *item = new QTreeWidgetItem(m_table);
        item->setText(Created, times.stamp(p.createdAt));
        item->setText(What, p.pack.isEmpty() ? tr("By amount") : p.pack);
        item->setText(Amount, amounts.number(p.amount));
        item->setTextAlignment(Amount, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(PriceColumn,
                      p.price ? amounts.price(p.price->amount, p.price->currency) : QString());
        QString state;
        if (p.status == u"completed")
            state = tr("Completed %1 — credited").arg(times.stamp(p.settledAt));
        else if (p.status == u"failed")
            state = tr("Failed %1: %2 — nothing credited")
                        .arg(times.stamp(p.settledAt),
                             p.failureReason.isEmpty() ? tr("no reason given") : p.failureReason);
        else
            state = tr("Waiting for payment — not spendable yet");
        item->setText(State, state);
        item->setToolTip(State, state);
        if (p.receipt)
            item->setText(ReceiptColumn, tr("%1 · %2 · event %3")
                                             .arg(p.receipt->number, p.receipt->paymentMethod)
                                             .arg(p.receipt->eventSeq));
    }
    m_note->setText(purchases.isEmpty()
                        ? tr("No purchases.")
                        : tr("%n purchase(s), newest first; times in the member's zone (%1).", "",
                             int(purchases.size()))
                              .arg(zone.id()));
}

void MemberPurchasesView::showFailure(const QString &message)
{
    m_note->setText(tr("The purchases could not be loaded: %1").arg(message));
}

int MemberPurchasesView::rowCount() const
{
    return m_table->topLevelItemCount();
}

} // namespace creditdesk
