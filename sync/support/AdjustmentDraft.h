#pragma once

#include "Credits.h"
#include "TimePoint.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace creditdesk {

// A support adjustment as the agent typed it, checked by the rules the server applies (so the
// console refuses bad input before sending, and the server refuses it again): a reason that is
// not blank (at most 500 characters), an amount that is a number with at most three decimals,
// above zero and at most the server's published max_amount, a debit no larger than what is
// available (the credit rules: a debit never takes more; the server answers 409
// insufficient_credits), an expiry only on a grant and after now. The one place these rules
// live on the client: the console's adjustment form shows these problems next to its fields.
// The amount is kept exact (Credits) and sent as that decimal.
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

    // What the draft is checked against.
    struct Limits
    {
        Credits maxAmount = Credits::whole(1'000'000'000'000); // the server's max_amount
        TimePoint now = NoTime; // an expiry must be after it; NoTime: not checked
        // What a debit may take at most (the engine's available), when the caller knows it.
        std::optional<Credits> available;
        // How amounts read in the messages ("1,000 credits"); unset: the exact decimal.
        std::function<QString(Credits)> format;
    };

    Type type = Type::Grant;
    QString amountText;
    QString reason;
    TimePoint expiresAt = NoTime; // grants only; NoTime: never expires
    bool dryRun = false;

    // Each field's problem (the first one it has), in the form's order: amount, reason,
    // expires_at. Empty: the server would read the draft.
    QList<Problem> problems(const Limits &limits) const;
    // The first problem, or nothing when the server would read the draft.
    std::optional<Problem> check(Credits maxAmount, TimePoint now = NoTime) const;
    // The amount, when amountText reads (at most three decimals); check() says why not.
    std::optional<Credits> amount() const;
    // The request body (AdjustmentRequest), the amount written as its exact decimal; call
    // after check() found nothing. Expiry written in UTC.
    QByteArray body() const;
};

} // namespace creditdesk
