#pragma once

#include "Answers.h"
#include "TimePoint.h"

#include <QList>
#include <QString>

#include <optional>

namespace creditdesk {

class AccountHistory;

// Everything the dashboard shows, as the engine answers it at one moment: taken on a copy of
// the account's engine advanced to that moment (AccountHistory::engineAt, a replay for a past
// moment), so the history itself never moves. Widgets only format these values.
struct DashboardAnswers
{
    // One feature's "what you can still do".
    struct Capacity
    {
        int feature = -1;
        int tier = -1;               // routing: the tier asked about; -1 otherwise
        std::optional<qint64> count; // engine `affordable`; nullopt: free right now
        qint64 tokensPerTask = -1;   // token-priced: the tokens each counted task carries
        bool limitReached = false;   // engine `can_start` says limit_reached
        QList<BucketKind> cannotPay; // kinds with credits left that may not pay for it
    };
    // One pack's effect, asked of the engine only when the projection is bad.
    struct PackEffect
    {
        int pack = -1;
        bool lastsToRefresh = false;
    };

    TimePoint at = NoTime;
    BalanceAnswer balance;
    QList<RefreshRow> refreshes;
    QList<WindowRow> windows;
    ProjectionAnswer projection;
    QList<Capacity> capacities;
    QList<PackEffect> packs;
    int plan = -1;

    static constexpr qint64 ProjectionDays = 7;

    static DashboardAnswers compute(const AccountHistory &history, TimePoint at);
    // The earliest moment after `at` at which these answers change by time alone (a refresh,
    // an expiry, a window reset), or Never.
    TimePoint nextChange() const;
};

} // namespace creditdesk
