#pragma once

#include <QHash>
#include <QString>

#include <optional>

namespace creditdesk {

// Per-token request budget of one server process: a token bucket per token id holding up to
// `burst` requests and refilled at `perSecond`. admit() spends one request or says how many
// whole seconds to wait (the Retry-After of a 429). Counted per process: behind a load
// balancer over N processes a token may make N times as many. perSecond 0: no limit.
class TokenRateLimiter
{
public:
    TokenRateLimiter(int perSecond, int burst);

    // nullopt: admitted; otherwise the seconds until one request is available again (>= 1).
    // `nowMs` is a monotonic millisecond clock (the caller's, so tests can drive it).
    std::optional<int> admit(const QString &tokenId, qint64 nowMs);

    int perSecond() const { return m_perSecond; }
    int burst() const { return m_burst; }

private:
    struct Bucket
    {
        qint64 level = 0; // in thousandths of a request
        qint64 atMs = 0;
    };
    static constexpr qint64 Unit = 1000;

    qint64 levelAt(const Bucket &b, qint64 nowMs) const;

    int m_perSecond;
    int m_burst;
    QHash<QString, Bucket> m_buckets;
};

} // namespace creditdesk
