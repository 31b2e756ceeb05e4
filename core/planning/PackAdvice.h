#pragma once

#include "Credits.h"
#include "Policy.h"
#include "TimePoint.h"

#include <QList>

#include <optional>

namespace creditdesk {

// Which top-up carries the member to a moment (the next refresh, or N days from now) at the
// baseline pace: the need is burn per day × the days until then, less what is available now
// (refreshes and grants on the way are not counted: the advice errs towards enough). Of the
// packs that cover the need, the cheapest where every such pack has a price (ties: the bigger
// one), else the smallest that suffices; a custom amount (the need, rounded up to a whole unit)
// when no pack covers it and the preset sells any amount. "Not needed" when what is available
// lasts, said as such.
class PackAdvice
{
public:
    enum class Kind : quint8 { NotNeeded, Pack, CustomAmount, NothingSuffices };
    struct Answer
    {
        Kind kind = Kind::NotNeeded;
        TimePoint until = NoTime;
        Credits need;   // what is missing by `until` (0 when not needed)
        int pack = -1;  // Kind::Pack, or the biggest pack for NothingSuffices (-1 when none)
        Credits amount; // the pack's or the custom amount
        std::optional<Price> price;
        // The price of 100 units (credits, tokens…) in the price's currency, exact to the
        // thousandth, rounded half up: "$1.00 per 100 credits".
        std::optional<Credits> pricePerHundred;
    };

    struct Offer
    {
        QList<Pack> packs;
        bool customAmount = false;
        Credits maxAmount = Credits::whole(qint64(1000000000000));
    };

    // `burnPerDay`: the engine's projection (rounded to the thousandth as the spec says).
    static Answer advise(const Offer &offer, Credits available, Credits burnPerDay, TimePoint now,
                         TimePoint until);
    // What is missing by `until` at `burnPerDay`, rounded up to the thousandth.
    static Credits need(Credits available, Credits burnPerDay, TimePoint now, TimePoint until);
};

} // namespace creditdesk
