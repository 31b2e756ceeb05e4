#include "AdjustmentCheck.h"

#include "AmountFormat.h"

#include <QRegularExpression>

namespace creditdesk {

std::optional<Credits> AdjustmentCheck::amount(const QString &text, bool debit,
                                               const Limits &limits, QString *problem)
{
    const QString t = text.trimmed();
    const AmountFormat format(limits.unit);
    const auto refuse = [problem](const QString &why) -> std::optional<Credits> {
        if (problem)
            *problem = why;
        return std::nullopt;
    };
    if (t.isEmpty())
        return refuse(tr("Enter an amount."));
    static const QRegularExpression number(QStringLiteral("^([+-]?)([0-9]+)(?:\\.([0-9]+))?$"));
    const QRegularExpressionMatch m = number.match(t);
    if (!m.hasMatch())
        return refuse(tr("“%1” is not a number: write digits, with a point for decimals "
                         "(12.5).")
                          .arg(t));
    if (m.captured(1) == u"-")
        return refuse(tr("Enter the amount without a sign; choose “Remove” to take %1 away.")
                          .arg(limits.unit));
    if (m.captured(3).size() > 3)
        return refuse(tr("At most three decimals: %1 is the smallest step.")
                          .arg(format.number(Credits::fromMilli(1))));
    const std::optional<Credits> value = Credits::parse(
        m.captured(2) + (m.captured(3).isEmpty() ? QString() : u'.' + m.captured(3)));
    if (!value || *value > limits.maximum)
        return refuse(
            tr("At most %1 at once (the server's maximum).").arg(format.withUnit(limits.maximum)));
    if (value->isZero())
        return refuse(tr("The amount must be more than zero."));
    if (debit && *value > limits.available)
        return refuse(tr("Only %1 available: a debit cannot take more than that.")
                          .arg(format.withUnit(limits.available)));
    if (problem)
        problem->clear();
    return value;
}

QString AdjustmentCheck::reason(const QString &text)
{
    return text.trimmed().isEmpty()
               ? tr("A reason is required: the member sees it in their log, and the audit "
                    "trail keeps it.")
               : QString();
}

} // namespace creditdesk
