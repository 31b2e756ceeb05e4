#include "RefundRequestDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace creditdesk {

RefundRequestDialog::RefundRequestDialog(const QString &taskId, const QString &summary,
                                         QWidget *parent)
    : QDialog(parent)
    , m_taskId(taskId)
    , m_reason(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("refundRequestDialog"));
    setWindowTitle(tr("Request a refund"));
    setAccessibleName(tr("Request a refund"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(8);
    auto *heading =
        new QLabel(tr("Ask support to refund task <b>%1</b>").arg(taskId.toHtmlEscaped()), this);
    heading->setObjectName(QStringLiteral("refundTask"));
    layout->addWidget(heading);
    auto *detail = new QLabel(summary, this);
    detail->setWordWrap(true);
    detail->setObjectName(QStringLiteral("refundSummary"));
    layout->addWidget(detail);
    auto *label = new QLabel(tr("What went wrong?"), this);
    label->setBuddy(m_reason);
    layout->addWidget(label);
    m_reason->setObjectName(QStringLiteral("refundReason"));
    m_reason->setAccessibleName(tr("Reason for the refund"));
    m_reason->setPlaceholderText(tr("For example: the answer was cut off half-way."));
    m_reason->setTabChangesFocus(true);
    m_reason->setMinimumHeight(80);
    layout->addWidget(m_reason);
    auto *note = new QLabel(
        tr("Support decides; the answer appears in the token log after the next sync."), this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(note);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_submit = buttons->addButton(tr("Request refund"), QDialogButtonBox::AcceptRole);
    m_submit->setObjectName(QStringLiteral("refundSubmit"));
    m_submit->setAccessibleName(tr("Request refund"));
    m_submit->setEnabled(false);
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("refundCancel"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QPlainTextEdit::textChanged, this,
            [this] { m_submit->setEnabled(!reason().isEmpty()); });
    resize(420, sizeHint().height());
}

QString RefundRequestDialog::reason() const
{
    return m_reason->toPlainText().trimmed();
}

} // namespace creditdesk
