#pragma once

#include "BucketKind.h"
#include "Credits.h"
#include "LedgerEntry.h"
#include "TimePoint.h"

#include <QList>
#include <QString>

#include <optional>

namespace creditdesk {

// The engine's answers to the questions of scenario-format.md, as typed values: the CLI
// writes them as JSON, the desktop client shows them.

struct BucketRow
{
    BucketKind kind = BucketKind::Plan;
    Credits remaining;
    TimePoint expiresAt = Never;
};

struct BalanceAnswer
{
    Credits total;
    Credits reserved;
    Credits available;
    QList<BucketRow> buckets; // consumption order, empty ones left out
};

struct RefreshRow
{
    BucketKind kind = BucketKind::Plan;
    TimePoint at = Never;
};

struct CanStartAnswer
{
    bool allowed = false;
    RejectReason reason = RejectReason::None;
    std::optional<Credits> cost;
};

struct WindowRow
{
    QString kind;
    Credits limit;
    Credits used;
    TimePoint openedAt = NoTime; // NoTime: the window is closed
    TimePoint resetsAt = NoTime;
};

struct ProjectionAnswer
{
    Credits burnPerDay;
    TimePoint runsOutAt = NoTime;
    TimePoint nextRefreshAt = NoTime;
    bool runsOutBeforeRefresh = false;
};

} // namespace creditdesk
