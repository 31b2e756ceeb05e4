#pragma once

#include "Credits.h"
#include "Policy.h"
#include "TimePoint.h"
#include "WhatIf.h"

#include <QList>

#include <optional>

namespace creditdesk {

class AccountHistory;

// Which top-up carries the member to a moment (the next refresh, or N days from now).
// The need is the engine's, not arithmetic: the history up to now plus the future's tasks (at
// the member's pace, WasteForecast's tasks; or an active what-if's tasks) is replayed with a
// purchased lot bought now that is larger than anything could spend, and what that lot paid by
// the moment is the need. So refreshes and expiries on the way, consumption order (purchased
// credits come last on every preset), applicability and usage windows count as they will:
// credits that refresh before the member runs out mean no pack is needed. Of the packs that
// cover the need, the cheapest where every such pack has a price (ties: the bigger one), else
// the smallest that suffices; a custom amount (the need, rounded up to a whole unit) when no
// pack covers it and the preset sells any amount. "Not needed" when what there is lasts.
class PackAdvice
{
public:
    // Whose future the need is for.
    enum class Basis : quint8 { Pace, WhatIf };
    enum class Kind : quint8 { NotNeeded, Pack, CustomAmount, NothingSuffices };
    struct Answer
    {
        Kind kind = Kind::NotNeeded;
        Basis basis = Basis::Pace;
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

    // The top-up for `need` by `until`.
    static Answer advise(const Offer &offer, Credits need, TimePoint until);

    // What is missing by `until` (exclusive) if the tasks `future` makes run after `now`: what a
    // lot of Unlimited purchased credits bought at `now` paid for them by then.
    static Credits need(const AccountHistory &history, TimePoint now, TimePoint until,
                        const WhatIf::ExtraEvents &future);
    // The need at the member's pace: the last 7 days' tasks again each week (WasteForecast).
    static Credits needAtPace(const AccountHistory &history, TimePoint now, TimePoint until);
    // The need with a what-if's tasks (a request that passed WhatIf::check) until `until`.
    static Credits needWithWhatIf(const AccountHistory &history, TimePoint now, TimePoint until,
                                  const WhatIf::Request &request);

    static constexpr qint64 Unlimited = qint64(1000000000) * Credits::Scale; // a billion
};

} // namespace creditdesk
