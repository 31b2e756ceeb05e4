#include "TimeFormat.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>

namespace creditdesk {

namespace {
// The account's wall-clock reading as a QDateTime in UTC: QLocale formats it without
// dragging the machine's own zone in.
QDateTime wallClock(const AccountZone &zone, TimePoint at)
{
    return QDateTime::fromSecsSinceEpoch(zone.localSeconds(at), QTimeZone::utc());
}
} // namespace

TimeFormat::TimeFormat(AccountZone zone, QLocale locale)
    : m_zone(std::move(zone))
    , m_locale(std::move(locale))
{}

QString TimeFormat::duration(qint64 seconds)
{
    if (seconds < 60)
        return tr("<1m");
    const qint64 minutes = seconds / 60;
    const qint64 hours = minutes / 60;
    const qint64 days = hours / 24;
    if (days > 0) {
        const qint64 h = hours % 24;
        return h ? tr("%1d %2h").arg(days).arg(h) : tr("%1d").arg(days);
    }
    if (hours > 0) {
        const qint64 m = minutes % 60;
        return m ? tr("%1h %2m").arg(hours).arg(m) : tr("%1h").arg(hours);
    }
    return tr("%1m").arg(minutes);
}

QString TimeFormat::relative(TimePoint at, TimePoint now) const
{
    if (at == now)
        return tr("now");
    if (at > now)
        return tr("in %1").arg(duration(at - now));
    return tr("%1 ago").arg(duration(now - at));
}

QString TimeFormat::relativeDays(TimePoint at, TimePoint now) const
{
    const qint64 days = (at - now) / SecondsPerDay;
    if (days >= 2)
        return tr("in %1 days").arg(days);
    return relative(at, now);
}

QString TimeFormat::pattern(TimePoint at, TimePoint now, const QString &withoutYear,
                            const QString &withYear) const
{
    const QDateTime wall = wallClock(m_zone, at);
    const bool sameYear =
        now != NoTime && wallClock(m_zone, now).date().year() == wall.date().year();
    return m_locale.toString(wall, sameYear || now == NoTime ? withoutYear : withYear);
}

QString TimeFormat::absolute(TimePoint at, TimePoint now) const
{
    return pattern(at, now, QStringLiteral("ddd d MMM HH:mm"),
                   QStringLiteral("ddd d MMM yyyy HH:mm"));
}

QString TimeFormat::clock(TimePoint at) const
{
    return m_locale.toString(wallClock(m_zone, at), QStringLiteral("HH:mm"));
}

QString TimeFormat::date(TimePoint at, TimePoint now) const
{
    return pattern(at, now, QStringLiteral("ddd d MMM"), QStringLiteral("ddd d MMM yyyy"));
}

QString TimeFormat::stamp(TimePoint at) const
{
    return wallClock(m_zone, at).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString TimeFormat::whenShort(TimePoint at, TimePoint now) const
{
    if (m_zone.localDate(at) == m_zone.localDate(now))
        return clock(at);
    return absolute(at, now);
}

} // namespace creditdesk
