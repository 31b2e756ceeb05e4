#include "BalanceSeries.h"

#include "CreditEngine.h"

#include <algorithm>

namespace creditdesk {

BalanceSeries BalanceSeries::fromEngine(const CreditEngine &engine)
{
    BalanceSeries s;
    s.m_now = engine.now();
    const std::deque<LedgerEntry> &ledger = engine.ledger();
    s.m_steps.reserve(ledger.size() / 2 + 1);
    std::size_t i = 0;
    while (i < ledger.size()) {
        BalanceStep step;
        step.at = ledger[i].at;
        step.firstEntry = i;
        Credits biggest = Credits::fromMilli(-1);
        for (; i < ledger.size() && ledger[i].at == step.at; ++i) {
            const LedgerEntry &e = ledger[i];
            step.change += e.amount;
            step.balance = e.balanceAfter;
            const Credits size = e.amount.isNegative() ? -e.amount : e.amount;
            if (size > biggest) {
                biggest = size;
                step.type = e.type;
            }
        }
        step.endEntry = i;
        s.m_steps.push_back(step);
    }

    const QList<RefreshRow> refreshes = engine.nextRefreshes();
    for (const RefreshRow &r : refreshes) {
        BalanceMarker m;
        m.kind = BalanceMarker::Kind::Refresh;
        m.at = r.at;
        m.bucket = r.kind;
        s.m_markers.push_back(m);
    }
    for (const BucketRow &b : engine.balance().buckets) {
        if (b.expiresAt == Never)
            continue;
        // A refreshed lot ends at its pool's next refresh: that marker says it already.
        const bool atRefresh = std::any_of(refreshes.begin(), refreshes.end(), [&](const auto &r) {
            return r.kind == b.kind && r.at == b.expiresAt;
        });
        if (atRefresh)
            continue;
        BalanceMarker m;
        m.kind = BalanceMarker::Kind::Expiry;
        m.at = b.expiresAt;
        m.bucket = b.kind;
        m.amount = b.remaining;
        s.m_markers.push_back(m);
    }
    for (const WindowRow &w : engine.limits()) {
        if (w.resetsAt == NoTime)
            continue;
        BalanceMarker m;
        m.kind = BalanceMarker::Kind::WindowReset;
        m.at = w.resetsAt;
        m.window = w.kind;
        m.amount = w.limit;
        m.used = w.used;
        s.m_markers.push_back(m);
    }
    std::stable_sort(s.m_markers.begin(), s.m_markers.end(),
                     [](const BalanceMarker &a, const BalanceMarker &b) { return a.at < b.at; });
    return s;
}

qint64 BalanceSeries::stepIndexAt(TimePoint t) const
{
    auto it = std::upper_bound(m_steps.begin(), m_steps.end(), t,
                               [](TimePoint v, const BalanceStep &s) { return v < s.at; });
    return it == m_steps.begin() ? -1 : qint64(it - m_steps.begin()) - 1;
}

Credits BalanceSeries::balanceAt(TimePoint t) const
{
    const qint64 i = stepIndexAt(t);
    return i < 0 ? Credits() : m_steps[std::size_t(i)].balance;
}

qint64 BalanceSeries::nearestStep(TimePoint t, qint64 tolerance) const
{
    auto it = std::lower_bound(m_steps.begin(), m_steps.end(), t,
                               [](const BalanceStep &s, TimePoint v) { return s.at < v; });
    qint64 best = -1;
    qint64 bestDistance = tolerance + 1;
    const auto consider = [&](std::vector<BalanceStep>::const_iterator c) {
        const qint64 d = c->at > t ? c->at - t : t - c->at;
        if (d < bestDistance) {
            bestDistance = d;
            best = qint64(c - m_steps.begin());
        }
    };
    if (it != m_steps.end())
        consider(it);
    if (it != m_steps.begin())
        consider(std::prev(it));
    return best;
}

std::vector<SeriesPoint> BalanceSeries::downsample(TimePoint from, TimePoint to, int columns) const
{
    std::vector<SeriesPoint> out;
    if (to < from)
        return out;
    columns = std::max(1, columns);
    out.push_back({from, balanceAt(from)});
    auto it = std::upper_bound(m_steps.begin(), m_steps.end(), from,
                               [](TimePoint v, const BalanceStep &s) { return v < s.at; });
    const auto end = std::upper_bound(m_steps.begin(), m_steps.end(), to,
                                      [](TimePoint v, const BalanceStep &s) { return v < s.at; });
    const qint64 span = std::max<qint64>(1, to - from);
    const auto columnOf = [&](TimePoint t) { return qint64((WideInt(t - from) * columns) / span); };
    while (it != end) {
        // One pixel column: keep its first, lowest, highest and last steps, in time order.
        const qint64 column = columnOf(it->at);
        auto first = it, low = it, high = it, last = it;
        for (; it != end && columnOf(it->at) == column; ++it) {
            if (it->balance < low->balance)
                low = it;
            if (it->balance > high->balance)
                high = it;
            last = it;
        }
        std::vector<std::vector<BalanceStep>::const_iterator> keep{first, low, high, last};
        std::sort(keep.begin(), keep.end());
        keep.erase(std::unique(keep.begin(), keep.end()), keep.end());
        for (auto k : keep)
            out.push_back({k->at, k->balance});
    }
    out.push_back({to, balanceAt(to)});
    return out;
}

std::pair<Credits, Credits> BalanceSeries::range(TimePoint from, TimePoint to) const
{
    Credits low = balanceAt(from);
    Credits high = low;
    auto it = std::upper_bound(m_steps.begin(), m_steps.end(), from,
                               [](TimePoint v, const BalanceStep &s) { return v < s.at; });
    for (; it != m_steps.end() && it->at <= to; ++it) {
        low = min(low, it->balance);
        high = max(high, it->balance);
    }
    return {low, high};
}

} // namespace creditdesk
