#pragma once

#include "Answers.h"
#include "Credits.h"
#include "TimePoint.h"

#include <variant>
#include <vector>

namespace creditdesk {

class CreditEngine;

// The run-out forecast the plan view shows: the spec's linear baseline (the engine's
// `projection`, the same 7-day pace the dashboard shows) and around it a likely range from the
// spread of the member's daily burn over the last 28 days (docs/forecast.md):
//   - each of the last 28 24-hour periods ending now has a burn (charges taken less refunds,
//     as the projection counts them; a negative day counts as 0);
//   - 1,000 futures are drawn by resampling those days with replacement (a fixed-seed
//     SplitMix64 stream per future, so the same history always gives the same range and a
//     future's days never depend on how long another lasted); in each, the available
//     balance is spent day by day and the moment it reaches 0 (interpolated within the day,
//     to the second) is that future's run-out;
//   - the range is the 10th to 90th percentile (nearest rank) of those moments, as they are:
//     the baseline (7 days) may lie outside it when the last week differs from the month (a
//     heavier last week puts it before the band), and then the chart shows it outside.
// Like the baseline it counts no refresh or grant to come: it says when the credits there
// are now run out. Fewer than 7 whole days of history: TooLittleHistory, never a guess.
class BurnForecast
{
public:
    static constexpr int WindowDays = 28;
    static constexpr int MinimumDays = 7;
    static constexpr int Samples = 1000;
    static constexpr qint64 BaselineDays = 7;
    // Futures that have not run out after this long count as "not within ten years".
    static constexpr qint64 HorizonDays = 3650;

    struct TooLittleHistory
    {
        int daysSeen;
    };
    struct NoBurn
    {};
    struct Range
    {
        TimePoint earliest = NoTime; // Never: not within the horizon
        TimePoint latest = NoTime;   // Never: not within the horizon
        int daysUsed = 0;
        // The mean of those days' burn (rounded half up to a thousandth): the pace the band
        // stands for, said beside the baseline's when the two disagree.
        Credits meanBurnPerDay;
    };
    using Spread = std::variant<TooLittleHistory, NoBurn, Range>;

    struct Result
    {
        TimePoint at = NoTime;
        ProjectionAnswer baseline; // the engine's answer, window BaselineDays
        Credits available;
        Spread spread;
        std::vector<Credits> dailyBurn; // newest day first, as used (negative days as 0)
    };

    // `engine` stands at the moment to forecast from; `firstActivity` is the account's first
    // event (the days before it are no history).
    static Result forecast(const CreditEngine &engine, TimePoint firstActivity);

    // The burn of each of the `days` 24-hour periods ending at engine.now(), newest first.
    static std::vector<Credits> dailyBurn(const CreditEngine &engine, int days);

    // The resampled range for `available` spent at days drawn from `days` (the pure part,
    // which the property tests drive), in seconds from now. Returns {earliest, latest}; Never
    // where a bound is beyond the horizon ({Never, Never} when `days` burn nothing).
    static std::pair<qint64, qint64> rangeSeconds(const std::vector<Credits> &days,
                                                  Credits available, quint64 seed = DefaultSeed);
    static constexpr quint64 DefaultSeed = 0x43726564'69744465ULL; // "CreditDe"
};

} // namespace creditdesk
