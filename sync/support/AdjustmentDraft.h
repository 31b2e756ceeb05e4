#pragma once

#include "Credits.h"
#include "TimePoint.h"

#include <QString>

#include <optional>

namespace creditdesk {

// A support adjustment as the agent typed it, checked by the rules the server applies (so the
// console refuses bad input before sending, and the server refuses it again): a reason that is
// not blank (at most 500 characters), an amount that is a number with at most three decimals,
// above zero and at most `maxAmount` (the server's published max_amount), an expiry only on a
// grant and after `now`. The amount is kept exact (Credits) and sent as that decimal.
class AdjustmentDraft
{
public:
    enum class Type : quint8 { Grant, Debit };

    // One refused field: "amount", "reason" or "expires_at", and why, in words.
    struct Problem
    {
        QString field;
        QString message;
    };

    Type type = Type::Grant;
    QString amountText;
    QString reason;
    TimePoint expiresAt = NoTime; // grants only; NoTime: never expires
    bool dryRun = false;

    // The first problem, or nothing when the server would read the draft.
    std::optional<Problem> check(Credits maxAmount, TimePoint now = NoTime) const;
    // The amount, when amountText reads (at most three decimals); check() says why not.
    std::optional<Credits> amount() const;
    // The request body (AdjustmentRequest), the amount written as its exact decimal; call
    // after check() found nothing. Expiry written in UTC.
    QByteArray body() const;
};

} // namespace creditdesk
