#include "Receipt.h"

#include "AmountFormat.h"
#include "SyncedAccount.h"
#include "TimeFormat.h"
#include "Wording.h"

#include <QSaveFile>

namespace creditdesk {

QString Receipt::text(const PurchaseInfo &p, const AmountFormat &amounts, const TimeFormat &times,
                      const QString &account)
{
    QStringList lines;
    lines << tr("CreditDesk purchase receipt");
    if (!account.isEmpty())
        lines << tr("Account:  %1").arg(account);
    lines << tr("Order:    %1").arg(p.id);
    if (p.createdAt != NoTime)
        lines << tr("Time:     %1 (%2)")
                     .arg(times.absolute(p.createdAt), times.zone().format(p.createdAt));
    lines << tr("Pack:     %1").arg(p.pack.isEmpty() ? tr("custom amount") : p.pack);
    lines << tr("Amount:   %1").arg(amounts.withUnit(p.amount));
    lines << tr("Price:    %1")
                 .arg(p.price ? amounts.price(p.price->amount, p.price->currency)
                              : tr("not stated"));
    lines << tr("State:    %1").arg(Wording::purchaseStatus(p.status));
    if (p.settledAt != NoTime)
        lines << tr("Settled:  %1").arg(times.zone().format(p.settledAt));
    if (!p.failureReason.isEmpty())
        lines << tr("Reason:   %1").arg(p.failureReason);
    if (!p.paymentMethod.isEmpty())
        lines << tr("Payment:  %1").arg(p.paymentMethod);
    return lines.join(u'\n') + u'\n';
}

QString Receipt::save(const QString &text, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    const QByteArray bytes = text.toUtf8();
    if (file.write(bytes) != bytes.size() || !file.commit())
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace creditdesk
