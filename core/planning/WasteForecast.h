#pragma once

#include "Credits.h"
#include "Event.h"
#include "TimePoint.h"

#include <vector>

namespace creditdesk {

class AccountHistory;
class NameTable;

// Plan credits that will expire unused at the next plan refresh (every refreshed lot ends at
// its pool's next refresh: nothing rolls over). Computed by the engine, not by arithmetic: the
// history up to now plus the forecast's tasks — the tasks the member ran in the projection's
// window (the last 7 days, the baseline's pace), each started and ended again 7, 14, … days
// later with the same request, tokens and outcome — is replayed to one second before the
// refresh, and the plan lots expiring at the refresh hold what will be wasted. Usage windows,
// consumption order (bonus before plan) and admission all apply as they will.
class WasteForecast
{
public:
    struct Answer
    {
        bool hasPlanRefresh = false; // false: no plan refresh comes (nothing to waste)
        TimePoint refreshAt = NoTime;
        Credits planNow; // plan credits now, expiring at the refresh
        Credits wasted;  // of them, left one second before the refresh
        int forecastTasks = 0;
    };

    static Answer forecast(const AccountHistory &history, TimePoint now);

    // The forecast's task events from `now` until before `until` (ids "forecast-N" interned
    // into `names`), as `forecast` replays them.
    static std::vector<Event> forecastTasks(const AccountHistory &history, TimePoint now,
                                            TimePoint until, NameTable &names);
    static constexpr qint64 PatternDays = 7;
};

} // namespace creditdesk
