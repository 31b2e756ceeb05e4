#pragma once

#include "Credits.h"

#include <QJsonValue>
#include <QString>

namespace creditdesk {

// The largest amount the API accepts, and the largest balance (total) it lets a request make:
// 10^12 credits. The core saturates rather than wraps beyond 9.2·10^15, but a balance stuck at
// that ceiling is as wrong as a wrapped one, so the edge refuses such requests first (400
// amount_too_large naming the bound), before the core reads the amount.
class AmountBound
{
public:
    static constexpr qint64 MaxCredits = 1'000'000'000'000;

    static Credits maximum() { return Credits::whole(MaxCredits); }
    // Throws ApiError 400 when `value` is a number beyond ±MaxCredits (other problems, such as
    // a string or too many fractional digits, are left to the core's reader).
    static void checkAmount(const QJsonValue &value, const QString &field);
    // Throws ApiError 400 when a balance would reach `total`, beyond MaxCredits.
    static void checkBalance(Credits total, const QString &field);
};

} // namespace creditdesk
