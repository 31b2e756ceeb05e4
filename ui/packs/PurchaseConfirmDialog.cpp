#include "PurchaseConfirmDialog.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace creditdesk {

PurchaseConfirmDialog::PurchaseConfirmDialog(const QString &what, const QString &price,
                                             const QString &before, const QString &after,
                                             QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("purchaseConfirmDialog"));
    setWindowTitle(tr("Confirm purchase"));
    setAccessibleName(tr("Confirm purchase"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 20, 20, 16);
    layout->setSpacing(12);
    auto *title = new QLabel(
        price.isEmpty() ? tr("Buy %1?").arg(what) : tr("Buy %1 for %2?").arg(what, price), this);
    title->setObjectName(QStringLiteral("confirmTitle"));
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    f.setBold(true);
    title->setFont(f);
    layout->addWidget(title);
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(24);
    grid->setVerticalSpacing(6);
    auto *beforeLabel = new QLabel(before, this);
    beforeLabel->setObjectName(QStringLiteral("confirmBefore"));
    auto *afterLabel = new QLabel(after, this);
    afterLabel->setObjectName(QStringLiteral("confirmAfter"));
    QFont bold = afterLabel->font();
    bold.setBold(true);
    afterLabel->setFont(bold);
    for (QLabel *l : {beforeLabel, afterLabel})
        l->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    grid->addWidget(new QLabel(tr("Available now"), this), 0, 0);
    grid->addWidget(beforeLabel, 0, 1);
    grid->addWidget(new QLabel(tr("Available after payment"), this), 1, 0);
    grid->addWidget(afterLabel, 1, 1);
    beforeLabel->setAccessibleName(tr("Available now: %1").arg(before));
    afterLabel->setAccessibleName(tr("Available after payment: %1").arg(after));
    layout->addLayout(grid);
    auto *note = new QLabel(tr("Payment usually takes under a minute. You are charged once, "
                               "even if you click twice or the connection drops."),
                            this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(note);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *buy = buttons->addButton(tr("Buy"), QDialogButtonBox::AcceptRole);
    buy->setObjectName(QStringLiteral("confirmBuy"));
    buy->setAccessibleName(tr("Buy"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("confirmCancel"));
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(380);
}

} // namespace creditdesk
