#include "RefundQueueView.h"

#include "AmountFormat.h"
#include "Wording.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace creditdesk {

namespace {

enum Column { Filed, Member, Task, Charged, State, Decided, ColumnCount };

QString localTime(TimePoint at)
{
    if (at == NoTime)
        return {};
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(at).toLocalTime(),
                              QStringLiteral("ddd d MMM HH:mm"));
}

QString stateWords(const QString &status)
{
    if (status == u"open")
        return RefundQueueView::tr("Open");
    if (status == u"approved")
        return RefundQueueView::tr("Approved");
    if (status == u"declined")
        return RefundQueueView::tr("Declined");
    return status;
}

QString decidedWords(const QueuedRefund &r)
{
    if (r.decidedAt == NoTime)
        return {};
    return RefundQueueView::tr("%1, %2").arg(
        r.decidedBy ? r.decidedBy->label : RefundQueueView::tr("someone"), localTime(r.decidedAt));
}

} // namespace

RefundQueueView::RefundQueueView(QWidget *parent)
    : QWidget(parent)
    , m_filter(new QComboBox(this))
    , m_reload(new QPushButton(tr("Reload"), this))
    , m_table(new QTreeWidget(this))
    , m_detail(new QLabel(this))
    , m_text(new QLineEdit(this))
    , m_approve(new QPushButton(tr("Approve"), this))
    , m_decline(new QPushButton(tr("Decline"), this))
    , m_more(new QPushButton(tr("Load more"), this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("refundQueueView"));
    m_filter->setObjectName(QStringLiteral("refundFilter"));
    m_filter->setAccessibleName(tr("Show requests in this state"));
    m_filter->addItem(tr("Open"), QStringLiteral("open"));
    m_filter->addItem(tr("Approved"), QStringLiteral("approved"));
    m_filter->addItem(tr("Declined"), QStringLiteral("declined"));
    m_filter->addItem(tr("Every state"), QString());
    m_reload->setObjectName(QStringLiteral("refundReload"));
    m_table->setObjectName(QStringLiteral("refundQueue"));
    m_table->setAccessibleName(tr("Refund requests, newest first"));
    m_table->setRootIsDecorated(false);
    m_table->setAlternatingRowColors(true);
    m_table->setUniformRowHeights(true);
    m_table->setColumnCount(ColumnCount);
    m_table->setHeaderLabels(
        {tr("Filed"), tr("Member"), tr("Task"), tr("Charged"), tr("State"), tr("Decided by")});
    const int em = m_table->fontMetrics().horizontalAdvance(u'0');
    const int widths[] = {18, 22, 14, 10, 10, 24};
    for (int c = 0; c < ColumnCount; ++c)
        m_table->setColumnWidth(c, widths[c] * em);
    m_detail->setObjectName(QStringLiteral("refundDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_detail->setMargin(8);
    m_text->setObjectName(QStringLiteral("refundDecisionText"));
    m_text->setAccessibleName(tr("Note for an approval, reason for a decline"));
    m_text->setPlaceholderText(tr("Note (approve) or reason (decline, required)"));
    m_text->setMaxLength(500);
    m_approve->setObjectName(QStringLiteral("refundApprove"));
    m_decline->setObjectName(QStringLiteral("refundDecline"));
    m_more->setObjectName(QStringLiteral("refundMore"));
    m_more->hide();
    m_message->setObjectName(QStringLiteral("refundMessage"));
    m_message->setWordWrap(true);

    auto *top = new QHBoxLayout;
    auto *heading = new QLabel(tr("Refund queue"), this);
    QFont big = heading->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    heading->setFont(big);
    top->addWidget(heading);
    top->addStretch(1);
    auto *filterLabel = new QLabel(tr("&Show"), this);
    filterLabel->setBuddy(m_filter);
    top->addWidget(filterLabel);
    top->addWidget(m_filter);
    top->addWidget(m_reload);

    auto *detailPane = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detailPane);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_detail, 1);
    auto *act = new QHBoxLayout;
    act->addWidget(m_text, 1);
    act->addWidget(m_approve);
    act->addWidget(m_decline);
    detailLayout->addLayout(act);
    detailLayout->addWidget(m_message);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("refundSplitter"));
    auto *list = new QWidget(split);
    auto *listLayout = new QVBoxLayout(list);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_table, 1);
    listLayout->addWidget(m_more, 0, Qt::AlignLeft);
    split->addWidget(list);
    split->addWidget(detailPane);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_filter, &QComboBox::currentIndexChanged, this,
            [this] { emit reloadRequested(statusFilter()); });
    connect(m_reload, &QPushButton::clicked, this,
            [this] { emit reloadRequested(statusFilter()); });
    connect(m_more, &QPushButton::clicked, this,
            [this] { emit moreRequested(statusFilter(), m_nextCursor); });
    connect(m_table, &QTreeWidget::currentItemChanged, this, &RefundQueueView::renderDetail);
    connect(m_approve, &QPushButton::clicked, this, [this] { decide(true); });
    connect(m_decline, &QPushButton::clicked, this, [this] { decide(false); });
    render();
}

QString RefundQueueView::statusFilter() const
{
    return m_filter->currentData().toString();
}

void RefundQueueView::showPage(const RefundQueuePage &page, bool append)
{
    if (!append)
        m_requests.clear();
    m_requests << page.requests;
    m_nextCursor = page.nextCursor;
    m_message->clear();
    render();
}

QString RefundQueueView::currentId() const
{
    const QTreeWidgetItem *item = m_table->currentItem();
    return item ? item->data(0, Qt::UserRole).toString() : QString();
}

void RefundQueueView::render()
{
    const QString keep = currentId();
    m_table->clear();
    const AmountFormat amounts;
    for (const QueuedRefund &r : std::as_const(m_requests)) {
        auto *item = new QTreeWidgetItem(m_table);
        item->setData(0, Qt::UserRole, r.id);
        item->setText(Filed, localTime(r.createdAt));
        item->setText(Member, r.accountName.isEmpty() ? r.accountId : r.accountName);
        item->setToolTip(Member, r.accountId);
        item->setText(Task, r.task);
        item->setText(Charged, amounts.number(r.taskDetail.charged));
        item->setTextAlignment(Charged, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(State, stateWords(r.status));
        item->setText(Decided, decidedWords(r));
        if (r.id == keep)
            m_table->setCurrentItem(item);
    }
    if (!m_table->currentItem() && m_table->topLevelItemCount() > 0)
        m_table->setCurrentItem(m_table->topLevelItem(0));
    m_more->setVisible(!m_nextCursor.isEmpty());
    renderDetail();
}

void RefundQueueView::renderDetail()
{
    const QString id = currentId();
    const QueuedRefund *r = nullptr;
    for (const QueuedRefund &q : std::as_const(m_requests))
        if (q.id == id)
            r = &q;
    const bool open = r && r->status == u"open";
    m_approve->setEnabled(open && !m_busy);
    m_decline->setEnabled(open && !m_busy);
    m_text->setEnabled(open && !m_busy);
    if (!r) {
        m_detail->setText(m_requests.isEmpty() ? tr("No refund request in this state.")
                                               : tr("Select a request."));
        return;
    }
    const AmountFormat amounts;
    QStringList lines;
    lines << tr("<b>%1</b> asks for a refund of task <b>%2</b> (%3, %4), charged %5.")
                 .arg(r->accountName.toHtmlEscaped(), r->task.toHtmlEscaped(),
                      Wording::featureName(r->taskDetail.feature).toHtmlEscaped(),
                      r->taskDetail.outcome.toHtmlEscaped(), amounts.number(r->taskDetail.charged));
    lines << tr("Member's reason: “%1”")
                 .arg(r->reason.isEmpty() ? tr("(none given)") : r->reason.toHtmlEscaped());
    QStringList entries;
    for (const LedgerLine &e : r->taskDetail.entries)
        entries << tr("%1 · %2 %3 %4 → %5")
                       .arg(localTime(e.at), e.type.toHtmlEscaped(), e.bucket.toHtmlEscaped(),
                            amounts.signedNumber(e.amount), amounts.number(e.balanceAfter));
    if (!entries.isEmpty())
        lines << tr("The task's entries:<br>%1").arg(entries.join(QStringLiteral("<br>")));
    if (r->status != u"open")
        lines << tr("%1 by %2 at %3%4")
                     .arg(stateWords(r->status),
                          (r->decidedBy ? r->decidedBy->label : tr("someone")).toHtmlEscaped(),
                          localTime(r->decidedAt),
                          r->decision.isEmpty() ? QString()
                                                : tr(": “%1”").arg(r->decision.toHtmlEscaped()));
    m_detail->setText(lines.join(QStringLiteral("<br><br>")));
}

void RefundQueueView::decide(bool approve)
{
    const QString id = currentId();
    if (id.isEmpty() || m_busy)
        return;
    const QString text = m_text->text().trimmed();
    if (!approve && text.isEmpty()) {
        m_message->setText(tr("A reason is required to decline: the member sees it."));
        m_text->setFocus();
        return;
    }
    m_message->setText(approve ? tr("Approving…") : tr("Declining…"));
    setBusy(true);
    emit decisionRequested(id, approve, text);
}

void RefundQueueView::updateRow(const QueuedRefund &request)
{
    for (QueuedRefund &q : m_requests)
        if (q.id == request.id)
            q = request;
    render();
}

void RefundQueueView::showDecision(const RefundDecision &d)
{
    setBusy(false);
    m_text->clear();
    updateRow(d.request);
    const AmountFormat amounts;
    m_message->setText(
        d.request.status == u"approved"
            ? tr("Approved: %1 refunded; %2's balance %3 → %4.")
                  .arg(amounts.number(d.request.refunded.value_or(Credits())),
                       d.request.accountName, amounts.number(d.balanceBefore.available),
                       amounts.number(d.balanceAfter.available))
            : tr("Declined; %1's balance is unchanged (%2).")
                  .arg(d.request.accountName, amounts.number(d.balanceAfter.available)));
}

void RefundQueueView::showAlreadyDecided(const RefundAlreadyDecided &conflict)
{
    setBusy(false);
    updateRow(conflict.request);
    const QueuedRefund &r = conflict.request;
    m_message->setText(tr("Nothing was changed: %1 already %2 this request at %3.")
                           .arg(r.decidedBy ? r.decidedBy->label : tr("another agent"),
                                r.status == u"approved" ? tr("approved") : tr("declined"),
                                localTime(r.decidedAt)));
}

void RefundQueueView::showFailure(const QString &message)
{
    setBusy(false);
    m_message->setText(message);
}

void RefundQueueView::setBusy(bool busy)
{
    m_busy = busy;
    renderDetail();
}

void RefundQueueView::select(const QString &requestId)
{
    for (int i = 0; i < m_table->topLevelItemCount(); ++i)
        if (m_table->topLevelItem(i)->data(0, Qt::UserRole).toString() == requestId)
            m_table->setCurrentItem(m_table->topLevelItem(i));
}

QString RefundQueueView::message() const
{
    return m_message->text();
}

} // namespace creditdesk
