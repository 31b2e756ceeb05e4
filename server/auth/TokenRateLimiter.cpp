#include "TokenRateLimiter.h"

#include <algorithm>

namespace creditdesk {

TokenRateLimiter::TokenRateLimiter(int perSecond, int burst)
    : m_perSecond(std::max(0, perSecond))
    , m_burst(std::max(1, burst))
{}

qint64 TokenRateLimiter::levelAt(const Bucket &b, qint64 nowMs) const
{
    // perSecond requests a second = perSecond thousandths of a request a millisecond.
    const qint64 refill = std::max<qint64>(0, nowMs - b.atMs) * m_perSecond;
    return std::min(qint64(m_burst) * Unit, b.level + refill);
}

std::optional<int> TokenRateLimiter::admit(const QString &tokenId, qint64 nowMs)
{
    if (m_perSecond == 0)
        return std::nullopt;
    auto it = m_buckets.find(tokenId);
    if (it == m_buckets.end()) {
        // Bounded memory: idle buckets are full ones, and a full bucket is the default.
        if (m_buckets.size() >= 100000) {
            for (auto b = m_buckets.begin(); b != m_buckets.end();)
                b = levelAt(*b, nowMs) >= qint64(m_burst) * Unit ? m_buckets.erase(b) : ++b;
        }
        it = m_buckets.insert(tokenId, Bucket{qint64(m_burst) * Unit, nowMs});
    }
    Bucket &b = *it;
    b.level = levelAt(b, nowMs);
    b.atMs = nowMs;
    if (b.level >= Unit) {
        b.level -= Unit;
        return std::nullopt;
    }
    const qint64 missing = Unit - b.level; // thousandths of a request
    const qint64 waitMs = (missing + m_perSecond - 1) / m_perSecond;
    return int(std::max<qint64>(1, (waitMs + 999) / 1000));
}

} // namespace creditdesk
