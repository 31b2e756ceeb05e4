#include "AccountZone.h"

#include "IsoTime.h"

#include <QDateTime>

#include <algorithm>
#include <cctype>

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
    if (!m_transitionAt.empty() && m_zone.hasDaylightTime())
        m_cacheUntil = std::min(m_cacheUntil, m_transitionAt.back() + 1);
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
    return m_zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(utc, Qt::UTC));
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
