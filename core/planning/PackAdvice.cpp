#include "PackAdvice.h"

#include "AccountHistory.h"
#include "WasteForecast.h"

#include <algorithm>
#include <limits>

namespace creditdesk {

Credits PackAdvice::need(const AccountHistory &history, TimePoint now, TimePoint until,
                         const WhatIf::ExtraEvents &future)
{
    if (until <= now)
        return {};
    // Purchased lots are one balance row (never expiring) and are spent oldest first: the
    // lots held before this one go first, so what this one paid is Unlimited less what the
    // row still holds (never less than 0).
    const auto replayed = WhatIf::replayWith(
        history, now,
        [&](NameTable &names) {
            Event lot;
            lot.type = EventType::Purchase;
            lot.at = now;
            lot.amount = Credits::fromMilli(Unlimited);
            std::vector<Event> events{lot};
            std::vector<Event> more = future ? future(names) : std::vector<Event>();
            events.insert(events.end(), more.begin(), more.end());
            return events;
        },
        until - 1);
    Credits purchased;
    for (const BucketRow &b : replayed->engine().balance().buckets)
        if (b.kind == BucketKind::Purchased)
            purchased += b.remaining;
    return max(Credits(), Credits::fromMilli(Unlimited) - purchased);
}

Credits PackAdvice::needAtPace(const AccountHistory &history, TimePoint now, TimePoint until)
{
    return need(history, now, until, [&](NameTable &names) {
        return WasteForecast::forecastTasks(history, now, until, names);
    });
}

Credits PackAdvice::needWithWhatIf(const AccountHistory &history, TimePoint now, TimePoint until,
                                   const WhatIf::Request &request)
{
    return need(history, now, until, [&](NameTable &names) {
        return WhatIf::events(history.policy(), names, now, request, until);
    });
}

PackAdvice::Answer PackAdvice::advise(const Offer &offer, Credits need, TimePoint until)
{
    Answer a;
    a.until = until;
    a.need = max(Credits(), need);
    if (!a.need.isPositive())
        return a;
    QList<int> enough;
    for (int i = 0; i < offer.packs.size(); ++i)
        if (offer.packs[i].amount >= a.need)
            enough.push_back(i);
    const auto setPack = [&](int i) {
        const Pack &p = offer.packs[i];
        a.pack = i;
        a.amount = p.amount;
        a.price = p.price;
        if (p.price && p.amount.isPositive()) {
            // price × 100 / amount, in thousandths of the currency, rounded half up.
            const WideInt num = WideInt(p.price->amount.milli()) * 100 * Credits::Scale;
            const WideInt den = p.amount.milli();
            a.pricePerHundred = Credits::fromMilli(qint64((2 * num + den) / (2 * den)));
        }
    };
    if (!enough.isEmpty()) {
        a.kind = Kind::Pack;
        const std::optional<Price> &first = offer.packs[enough.front()].price;
        const bool allPriced =
            first && std::all_of(enough.begin(), enough.end(), [&](int i) {
                return offer.packs[i].price && offer.packs[i].price->currency == first->currency;
            });
        int best = enough.front();
        for (int i : enough) {
            const Pack &p = offer.packs[i];
            const Pack &b = offer.packs[best];
            if (allPriced) {
                if (p.price->amount < b.price->amount ||
                    (p.price->amount == b.price->amount && p.amount > b.amount))
                    best = i;
            } else if (p.amount < b.amount) {
                best = i;
            }
        }
        setPack(best);
        return a;
    }
    if (offer.customAmount) {
        // Whole units: nobody buys 12.345 credits.
        const qint64 whole = (a.need.milli() + Credits::Scale - 1) / Credits::Scale;
        const Credits amount = Credits::whole(whole);
        if (amount <= offer.maxAmount) {
            a.kind = Kind::CustomAmount;
            a.amount = amount;
            return a;
        }
    }
    a.kind = Kind::NothingSuffices;
    for (int i = 0; i < offer.packs.size(); ++i)
        if (a.pack < 0 || offer.packs[i].amount > offer.packs[a.pack].amount)
            a.pack = i;
    if (a.pack >= 0)
        setPack(a.pack);
    return a;
}

} // namespace creditdesk
