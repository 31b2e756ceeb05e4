#include "RefreshSchedule.h"

namespace creditdesk {

RefreshSchedule::RefreshSchedule(CycleRule rule, TimePoint anchor, const AccountZone &zone)
    : m_rule(rule)
    , m_anchor(anchor)
    , m_zone(std::make_shared<const AccountZone>(zone))
{
    m_anchorDate = zone.localDate(anchor);
    const qint64 local = zone.localSeconds(anchor);
    m_anchorSecondsOfDay = int(((local % SecondsPerDay) + SecondsPerDay) % SecondsPerDay);
}

TimePoint RefreshSchedule::boundary(qint64 n) const
{
    if (!recurs())
        return Never;
    if (m_rule.unit == CycleRule::Unit::Months) {
        // QDate::addMonths clamps to the month's last day, which is the month-end rule.
        const QDate date = m_anchorDate.addMonths(int(n * m_rule.count));
        return m_zone->fromLocal(date, m_anchorSecondsOfDay);
    }
    return m_zone->startOfDay(m_anchorDate.addDays(n * m_rule.count));
}

qint64 RefreshSchedule::estimateIndex(TimePoint t) const
{
    const QDate date = m_zone->localDate(t);
    qint64 periods = 0;
    if (m_rule.unit == CycleRule::Unit::Months) {
        const qint64 months =
            qint64(date.year() - m_anchorDate.year()) * 12 + (date.month() - m_anchorDate.month());
        periods = months / m_rule.count;
    } else {
        periods = m_anchorDate.daysTo(date) / m_rule.count;
    }
    return std::max<qint64>(1, periods);
}

TimePoint RefreshSchedule::nextAfter(TimePoint t) const
{
    if (!recurs())
        return Never;
    qint64 n = estimateIndex(t);
    while (n > 1 && boundary(n - 1) > t)
        --n;
    while (boundary(n) <= t)
        ++n;
    return boundary(n);
}

} // namespace creditdesk
