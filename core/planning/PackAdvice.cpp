#include "PackAdvice.h"

#include <algorithm>
#include <limits>

namespace creditdesk {

Credits PackAdvice::need(Credits available, Credits burnPerDay, TimePoint now, TimePoint until)
{
    if (until <= now || !burnPerDay.isPositive())
        return {};
    const WideInt product = WideInt(burnPerDay.milli()) * (until - now);
    const WideInt spent = (product + SecondsPerDay - 1) / SecondsPerDay; // rounded up
    const WideInt missing = spent - available.milli();
    if (missing <= 0)
        return {};
    return Credits::fromMilli(missing > WideInt(std::numeric_limits<qint64>::max() / 2)
                                  ? std::numeric_limits<qint64>::max() / 2
                                  : qint64(missing));
}

PackAdvice::Answer PackAdvice::advise(const Offer &offer, Credits available, Credits burnPerDay,
                                      TimePoint now, TimePoint until)
{
    Answer a;
    a.until = until;
    a.need = need(available, burnPerDay, now, until);
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
