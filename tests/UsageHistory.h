#pragma once

#include "TimePoint.h"

#include <QString>

#include <functional>
#include <memory>

namespace creditdesk {

class AccountHistory;

// A member with a steady, known usage for the planning tests (tst_planning, tst_planview): a
// signup and (unless `plan` is empty) a subscription to `plan` at `start`, then for `days`
// days `perDay(d)` tasks of `feature` with `tokens` tokens each, spread evenly over the day
// from `firstTaskAfter` seconds past each day's start, each ending `taskSeconds` later. Task
// names are interned into the history's own table.
struct UsageHistory
{
    QString preset;
    QString plan;
    TimePoint start = 0;
    int days = 0;
    std::function<int(int)> perDay;
    QString feature;
    qint64 tokens = 1000;
    qint64 firstTaskAfter = 3600;
    qint64 taskSeconds = 60;

    std::unique_ptr<AccountHistory> build() const;
};

} // namespace creditdesk
