#pragma once

#include "Answers.h"
#include "Credits.h"
#include "LedgerEntry.h"
#include "TimePoint.h"

#include <QList>

#include <cstddef>
#include <vector>

namespace creditdesk {

class CreditEngine;

// One moment at which the balance changed: every ledger entry written at the same instant
// (a task's charge over two buckets, an expiry followed by the refresh) is one step, so a
// click on it selects exactly those entries.
struct BalanceStep
{
    TimePoint at = NoTime;
    Credits balance;            // the total after the step (the engine's balance().total)
    Credits change;             // what the step's entries added up to
    std::size_t firstEntry = 0; // ledger entries [firstEntry, endEntry)
    std::size_t endEntry = 0;
    EntryType type = EntryType::Grant; // the entry type that moved the balance most
};

// Something coming that moves the balance by time alone.
struct BalanceMarker
{
    enum class Kind : quint8 { Refresh, Expiry, WindowReset };
    Kind kind = Kind::Refresh;
    TimePoint at = NoTime;
    BucketKind bucket = BucketKind::Plan; // refresh, expiry
    Credits amount;                       // expiry: what expires; window: its limit
    QString window;                       // window reset: the window's kind ("5h")
    Credits used;                         // window reset: what is used of the limit
};

// A point of the downsampled line a chart draws.
struct SeriesPoint
{
    TimePoint at = NoTime;
    Credits balance;
};

// The balance over time as the engine's ledger tells it: a step at every charge, grant,
// refresh, purchase, refund and expiry, and markers for the coming refreshes, lot expiries and
// usage-window resets. The value at any moment is exactly the engine's total balance then
// (the balanceAfter of the last entry at or before it); downsampling for a view never changes
// a step's value, it only drops steps a pixel column cannot show (the column's first, lowest,
// highest and last step stay, so every extreme is drawn). Core only: the chart formats it.
class BalanceSeries
{
public:
    // The steps of `engine`'s ledger (an engine advanced to the moment the view shows) and its
    // coming markers.
    static BalanceSeries fromEngine(const CreditEngine &engine);

    const std::vector<BalanceStep> &steps() const { return m_steps; }
    const QList<BalanceMarker> &markers() const { return m_markers; }
    TimePoint now() const { return m_now; }
    TimePoint firstAt() const { return m_steps.empty() ? m_now : m_steps.front().at; }

    // The balance at `t` (0 before the first step): exact, for hover.
    Credits balanceAt(TimePoint t) const;
    // The last step at or before `t`, or -1.
    qint64 stepIndexAt(TimePoint t) const;
    // The step nearest to `t` within `tolerance` seconds, or -1: what a pointer at `t` means.
    qint64 nearestStep(TimePoint t, qint64 tolerance) const;
    // The step line over [from, to] for `columns` pixel columns: a point where the line starts
    // (the value at `from`), then at most four steps per column, then the value at `to`.
    std::vector<SeriesPoint> downsample(TimePoint from, TimePoint to, int columns) const;
    // Lowest and highest balance over [from, to] (for the axis).
    std::pair<Credits, Credits> range(TimePoint from, TimePoint to) const;

private:
    std::vector<BalanceStep> m_steps;
    QList<BalanceMarker> m_markers;
    TimePoint m_now = NoTime;
};

} // namespace creditdesk
