#include "AmountBound.h"

#include "ApiError.h"

#include <cmath>

namespace creditdesk {

void AmountBound::checkAmount(const QJsonValue &value, const QString &field)
{
    if (value.isDouble() && !(std::fabs(value.toDouble()) <= double(MaxCredits)))
        throw ApiError::badRequest(
            QStringLiteral("amount_too_large"),
            QStringLiteral("\"%1\" is at most %2").arg(field).arg(MaxCredits), field);
}

void AmountBound::checkBalance(Credits total, const QString &field)
{
    if (total > maximum())
        throw ApiError::badRequest(
            QStringLiteral("amount_too_large"),
            QStringLiteral("this would take the balance to %1; a balance is at most %2")
                .arg(total.toString())
                .arg(MaxCredits),
            field);
}

} // namespace creditdesk
