#pragma once

#include "Credits.h"
#include "Event.h"
#include "TimePoint.h"

#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

namespace creditdesk {

class AccountHistory;
class NameTable;

// "If I run N more tasks of feature F per day from now": the member's history up to now plus
// the hypothetical tasks, replayed by the engine on a copy (nothing is sent anywhere). The
// tasks start a minute from now and then evenly through each day (task j at
// now + 60 s + j·86400/perDay s), each ending successfully at the instant it starts with the
// tokens given, until the horizon: `days` from now, or by default the next refresh (30 days
// when none comes within 31). A request the preset cannot run says which field is wrong and
// why, as a code (the UI words it) — before anything is replayed.
class WhatIf
{
public:
    struct Request
    {
        QString feature;
        qint64 quantityMilli = 1000; // 1
        int models = 1;
        QString tier;       // tier-of-request features only
        qint64 tokens = -1; // -1: not given
        int perDay = 1;
        int days = 0; // 0: to the next refresh
    };

    enum class Field : quint8 { Feature, Quantity, Models, Tier, Tokens, PerDay, Days };
    enum class Problem : quint8 {
        UnknownFeature,
        QuantityNotPositive,
        TooManyModels, // `limit` holds the preset's maximum
        TierRequired,  // a feature priced by the request's tier, and none given
        UnknownTier,
        TokensRequired,   // the preset settles token-priced tasks only with tokens
        PerDayOutOfRange, // 1 to MaxPerDay
        DaysOutOfRange,   // 0 to MaxDays
        EngineRejects,    // the engine calls the request invalid
    };
    struct Rejected
    {
        Field field = Field::Feature;
        Problem problem = Problem::UnknownFeature;
        qint64 limit = 0;
    };

    struct Answer
    {
        std::unique_ptr<AccountHistory> history; // history + tasks, engine at `until` − 1 s
        std::vector<Event> added;                // the hypothetical events, in time order
        TimePoint from = NoTime;
        TimePoint until = NoTime;
        int tasks = 0;                // what-if tasks started
        int rejected = 0;             // of them refused by the engine
        TimePoint runsOutAt = NoTime; // first what-if task not fully paid (or refused for credits)
        TimePoint limitedAt = NoTime; // first what-if task refused by a usage window
        Credits charged;              // what the what-if tasks were charged
    };
    using Result = std::variant<Answer, Rejected>;

    static constexpr int MaxPerDay = 1000;
    static constexpr int MaxDays = 366;

    static Result run(const AccountHistory &history, TimePoint now, const Request &request);

    // The horizon `run` uses.
    static TimePoint horizon(const AccountHistory &history, TimePoint now, int days);
    // The checks `run` makes first (nothing replayed): the problem, or nothing.
    static std::optional<Rejected> check(const AccountHistory &history, TimePoint now,
                                         const Request &request);
    // The events `run` adds, task ids ("what-if-1", …) interned into `names`. Requires a
    // request that passed check().
    static std::vector<Event> events(const Policy &policy, NameTable &names, TimePoint now,
                                     const Request &request, TimePoint until);

    // The history's events up to and including `now`, plus the events `extra` makes (at or
    // after now, names interned into the copy's table), replayed on a copy whose engine is
    // advanced to `until`. A copy of the history (no replay) when nothing comes after `now`.
    using ExtraEvents = std::function<std::vector<Event>(NameTable &names)>;
    static std::unique_ptr<AccountHistory> replayWith(const AccountHistory &history, TimePoint now,
                                                      const ExtraEvents &extra, TimePoint until,
                                                      std::vector<Event> *added = nullptr);
};

} // namespace creditdesk
