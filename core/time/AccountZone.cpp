#include "AccountZone.h"

#include "IsoTime.h"

#include <QDateTime>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>

namespace creditdesk {

namespace {
constexpr qint64 EpochJulianDay = 2440588;

qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

// One UTC year of a zone's offsets, read from QTimeZone once: the offset at the year's start
// and each change after it.
struct YearOffsets
{
    int atStart = 0;
    std::vector<TimePoint> changeAt;
    std::vector<int> offsetAfter;

    int offsetAt(TimePoint utc) const
    {
        auto it = std::upper_bound(changeAt.begin(), changeAt.end(), utc);
        return it == changeAt.begin() ? atStart
                                      : offsetAfter[std::size_t(it - changeAt.begin() - 1)];
    }
};

int qtOffset(const QTimeZone &zone, TimePoint utc)
{
    return zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(utc, Qt::UTC));
}

// Sampled at every UTC midnight of the year; each change is then found to the second (and a
// second change before the next sample is followed from there).
YearOffsets readYear(const QTimeZone &zone, TimePoint from, TimePoint until)
{
    YearOffsets y;
    y.atStart = qtOffset(zone, from);
    int previous = y.atStart;
    for (TimePoint lo = from; lo < until; lo += SecondsPerDay) {
        const TimePoint hi = std::min(lo + SecondsPerDay, until - 1);
        const int next = qtOffset(zone, hi);
        if (next == previous)
            continue;
        TimePoint a = lo, b = hi; // offset(a) == previous, offset(b) != previous
        while (b - a > 1) {
            const TimePoint mid = a + (b - a) / 2;
            if (qtOffset(zone, mid) == previous)
                a = mid;
            else
                b = mid;
        }
        y.changeAt.push_back(b);
        y.offsetAfter.push_back(qtOffset(zone, b));
        previous = y.offsetAfter.back();
        if (previous != next)
            lo = b - SecondsPerDay; // it changed once more before hi: read on from b
    }
    return y;
}

// Offsets past the zone file's table (after 2037, where QTimeZone computes each answer from
// the zone's rule, a few microseconds apiece) and past a zone's last recorded change: read
// one UTC year at a time, once per process and zone, and shared by every AccountZone.
int lateOffset(const QTimeZone &zone, const QByteArray &id, TimePoint utc)
{
    const QDate date = QDate::fromJulianDay(floorDiv(utc, SecondsPerDay) + EpochJulianDay);
    const int year = date.year();
    struct Last
    {
        QByteArray id;
        int year = 0;
        std::shared_ptr<const YearOffsets> offsets;
    };
    thread_local Last last;
    if (last.offsets && last.year == year && last.id == id)
        return last.offsets->offsetAt(utc);
    static std::mutex mutex;
    static std::map<std::pair<QByteArray, int>, std::shared_ptr<const YearOffsets>> years;
    std::shared_ptr<const YearOffsets> offsets;
    {
        const std::lock_guard lock(mutex);
        auto &slot = years[{id, year}];
        if (!slot) {
            const TimePoint from =
                QDateTime(QDate(year, 1, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
            const TimePoint until =
                QDateTime(QDate(year + 1, 1, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
            slot = std::make_shared<const YearOffsets>(readYear(zone, from, until));
        }
        offsets = slot;
    }
    last = {id, year, offsets};
    return offsets->offsetAt(utc);
}
} // namespace

AccountZone::AccountZone()
    : AccountZone(QTimeZone::utc())
{}

AccountZone::AccountZone(const QTimeZone &zone)
    : m_id(QString::fromUtf8(zone.id()))
    , m_zone(zone)
{
    const QDateTime from(QDate(1900, 1, 1), QTime(0, 0), Qt::UTC);
    const QDateTime until(QDate(2200, 1, 1), QTime(0, 0), Qt::UTC);
    m_cacheFrom = from.toSecsSinceEpoch();
    m_cacheUntil = until.toSecsSinceEpoch();
    m_offsetBeforeFirst = m_zone.offsetFromUtc(from);
    const auto transitions = m_zone.transitions(from, until);
    for (const auto &t : transitions) {
        const int offset = t.offsetFromUtc;
        const int previous = m_offsetAfter.empty() ? m_offsetBeforeFirst : m_offsetAfter.back();
        if (offset == previous)
            continue;
        m_transitionAt.push_back(t.atUtc.toSecsSinceEpoch());
        m_offsetAfter.push_back(offset);
    }
    m_fixed = m_transitionAt.empty();
    m_fixedOffset = m_offsetBeforeFirst;
    // Qt lists no transitions past 2037 (the end of the zone file's table; later ones come
    // from a rule). A zone that still observes DST is cached only as far as its table goes.
    if (!m_transitionAt.empty() && m_zone.hasDaylightTime()) {
        const TimePoint tableEnd = m_cacheUntil;
        m_cacheUntil = std::min(m_cacheUntil, m_transitionAt.back() + 1);
        // A zone that stopped changing its offset long ago (Asia/Tokyo since 1951, Shanghai
        // since 1991): Qt knows no later change, and January and July agree in years to come.
        // Its last offset holds to the table's end; anything else reads the late path.
        const QDateTime last = QDateTime::fromSecsSinceEpoch(m_transitionAt.back(), Qt::UTC);
        if (!m_zone.nextTransition(last).atUtc.isValid()) {
            bool constant = true;
            for (int year : {2030, 2045, 2100})
                for (int month : {1, 7})
                    constant = constant &&
                               m_zone.offsetFromUtc(QDateTime(QDate(year, month, 15), QTime(12, 0),
                                                              Qt::UTC)) == m_offsetAfter.back();
            if (constant)
                m_cacheUntil = tableEnd;
        }
    }
}

std::optional<AccountZone> AccountZone::fromId(const QString &ianaId)
{
    const QByteArray id = ianaId.toUtf8();
    // Qt also accepts offset names like "UTC+05:00"; the spec wants IANA zone names. Links
    // and legacy names of the tz database (Etc/UTC, US/Eastern, Asia/Calcutta) are IANA names
    // too, though QTimeZone::availableTimeZoneIds() leaves them out.
    if (id.isEmpty() || (id.startsWith("UTC") && id.size() > 3) || id.contains("..") ||
        id.startsWith('/'))
        return std::nullopt;
    for (char c : id)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' ||
              c == '+'))
            return std::nullopt;
    QTimeZone zone(id);
    if (!zone.isValid())
        return std::nullopt;
    return AccountZone(zone);
}

int AccountZone::slowOffsetAt(TimePoint utc) const
{
    // Before 1900 (no history reaches it): ask Qt each time.
    if (utc < m_cacheFrom)
        return qtOffset(m_zone, utc);
    return lateOffset(m_zone, m_zone.id(), utc);
}

int AccountZone::offsetAt(TimePoint utc) const
{
    if (utc < m_cacheFrom || utc >= m_cacheUntil)
        return slowOffsetAt(utc);
    if (m_fixed)
        return m_fixedOffset;
    auto it = std::upper_bound(m_transitionAt.begin(), m_transitionAt.end(), utc);
    if (it == m_transitionAt.begin())
        return m_offsetBeforeFirst;
    return m_offsetAfter[std::size_t(it - m_transitionAt.begin() - 1)];
}

QDate AccountZone::localDate(TimePoint utc) const
{
    return QDate::fromJulianDay(floorDiv(localSeconds(utc), SecondsPerDay) + EpochJulianDay);
}

TimePoint AccountZone::fromLocal(QDate date, int secondsOfDay) const
{
    const qint64 local = (date.toJulianDay() - EpochJulianDay) * SecondsPerDay + secondsOfDay;
    // Offsets two days either side bracket any single transition near this wall time.
    const int before = offsetAt(local - 2 * SecondsPerDay);
    const int after = offsetAt(local + 2 * SecondsPerDay);
    const auto valid = [&](int offset) { return offsetAt(local - offset) == offset; };
    if (before == after)
        return local - before;
    const TimePoint withBefore = local - before;
    const TimePoint withAfter = local - after;
    const bool beforeValid = valid(before);
    const bool afterValid = valid(after);
    if (beforeValid && afterValid) // a fold: the first of the two occurrences
        return std::min(withBefore, withAfter);
    if (beforeValid)
        return withBefore;
    if (afterValid)
        return withAfter;
    // A gap: read with the offset in force before it, the wall time moves forward by the gap.
    return withBefore;
}

QString AccountZone::format(TimePoint utc) const
{
    return IsoTime::format(utc, offsetAt(utc));
}

} // namespace creditdesk
