#include "BurnForecast.h"

#include "CreditEngine.h"

#include <algorithm>

namespace creditdesk {

namespace {

__extension__ typedef unsigned __int128 WideUInt;

// SplitMix64: tiny, fast and the same on every platform (std's distributions are not).
class SplitMix64
{
public:
    explicit SplitMix64(quint64 seed)
        : m_state(seed)
    {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n) (Lemire's multiply-shift; the bias for n = 28 is below 2^-59).
    std::size_t below(std::size_t n)
    {
        return std::size_t((static_cast<WideUInt>(next()) * n) >> 64);
    }

private:
    quint64 m_state;
};

constexpr qint64 Never64 = Never;

} // namespace

std::vector<Credits> BurnForecast::dailyBurn(const CreditEngine &engine, int days)
{
    std::vector<Credits> out(std::size_t(std::max(0, days)));
    const TimePoint now = engine.now();
    const std::deque<LedgerEntry> &ledger = engine.ledger();
    const TimePoint since = now - qint64(days) * SecondsPerDay;
    for (std::size_t i = engine.firstEntryAtOrAfter(since + 1); i < ledger.size(); ++i) {
        const LedgerEntry &e = ledger[i];
        if (e.at > now)
            break;
        // Day k is (now − (k+1) days, now − k days], half-open as the projection's window.
        const std::size_t d = std::size_t((now - e.at) / SecondsPerDay);
        if (d >= out.size())
            continue;
        if (e.type == EntryType::Charge)
            out[d] -= e.amount; // charges are negative: what was taken
        else if (e.type == EntryType::Refund)
            out[d] -= e.amount; // refunds give back: less burn
    }
    for (Credits &c : out)
        c = max(c, Credits());
    return out;
}

std::pair<qint64, qint64> BurnForecast::rangeSeconds(const std::vector<Credits> &days,
                                                     Credits available, quint64 seed)
{
    qint64 total = 0;
    for (Credits c : days)
        total += c.milli();
    const std::size_t n = days.size();
    if (n == 0 || total <= 0)
        return {Never64, Never64};
    if (!available.isPositive())
        return {0, 0};
    const qint64 a = available.milli();

    // Each future draws from its own stream (seeded from one master stream): how many days a
    // future uses never shifts the draws of the next, so with more credits (or a steadier
    // burn) every future is the same sequence of days, spent further — the properties in
    // docs/forecast.md rest on that.
    SplitMix64 master(seed);
    std::vector<qint64> outcomes(Samples);
    for (int s = 0; s < Samples; ++s) {
        SplitMix64 rng(master.next());
        qint64 spent = 0;
        qint64 result = Never64;
        for (qint64 day = 0; day < HorizonDays; ++day) {
            const qint64 b = days[rng.below(n)].milli();
            if (spent + b >= a) {
                // Within the day the burn is even: interpolate to the second.
                result = day * SecondsPerDay + qint64(WideInt(a - spent) * SecondsPerDay / b);
                break;
            }
            spent += b;
        }
        outcomes[std::size_t(s)] = result;
    }
    std::sort(outcomes.begin(), outcomes.end());
    // Nearest rank: the smallest value with at least p % of the outcomes at or below it.
    return {outcomes[std::size_t((Samples * 10 + 99) / 100 - 1)],
            outcomes[std::size_t((Samples * 90 + 99) / 100 - 1)]};
}

BurnForecast::Result BurnForecast::forecast(const CreditEngine &engine, TimePoint firstActivity)
{
    Result r;
    r.at = engine.now();
    r.baseline = engine.projection(BaselineDays);
    const BalanceAnswer balance = engine.balance();
    r.available = balance.available;
    const qint64 seen = firstActivity == NoTime || firstActivity > r.at
                            ? 0
                            : (r.at - firstActivity) / SecondsPerDay;
    const int days = int(std::min<qint64>(WindowDays, seen));
    if (days < MinimumDays) {
        r.spread = TooLittleHistory{days};
        return r;
    }
    r.dailyBurn = dailyBurn(engine, days);
    const bool anyBurn = std::any_of(r.dailyBurn.begin(), r.dailyBurn.end(),
                                     [](Credits c) { return c.isPositive(); });
    if (!anyBurn) {
        r.spread = NoBurn{};
        return r;
    }
    const auto [low, high] = rangeSeconds(r.dailyBurn, r.available);
    Range range;
    range.daysUsed = days;
    qint64 total = 0;
    for (Credits c : r.dailyBurn)
        total += c.milli();
    range.meanBurnPerDay =
        Credits::fromMilli(qint64((2 * WideInt(total) + days) / (2 * WideInt(days))));
    range.earliest = low == Never64 ? Never : r.at + low;
    range.latest = high == Never64 ? Never : r.at + high;
    r.spread = range;
    return r;
}

} // namespace creditdesk
