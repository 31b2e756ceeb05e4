#pragma once

#include <QCoreApplication>
#include <QString>

namespace creditdesk {

struct PurchaseInfo;
class AmountFormat;
class TimeFormat;

// A purchase's receipt: what seed 002 tells members to send support — order id, time, pack,
// amount, price and state — as plain text to copy or save.
class Receipt
{
    Q_DECLARE_TR_FUNCTIONS(Receipt)

public:
    static QString text(const PurchaseInfo &purchase, const AmountFormat &amounts,
                        const TimeFormat &times, const QString &account);
    // Empty on success, else the reason.
    static QString save(const QString &text, const QString &path);
};

} // namespace creditdesk
