#pragma once

#include "TimePoint.h"

#include <QDate>
#include <QString>
#include <QTimeZone>

#include <optional>
#include <vector>

namespace creditdesk {

// The account's IANA time zone, with the wall-clock rules of credit-rules.md: a local time
// in a DST gap moves forward by the gap, one in a fold is the first occurrence. Offsets are
// cached from the zone's transitions because QTimeZone look-ups are slow on hot paths.
class AccountZone
{
public:
    AccountZone();
    static std::optional<AccountZone> fromId(const QString &ianaId);

    QString id() const { return m_id; }
    int offsetAt(TimePoint utc) const;
    QDate localDate(TimePoint utc) const;
    // Wall-clock seconds since the epoch (the local reading, as if it were UTC).
    qint64 localSeconds(TimePoint utc) const { return utc + offsetAt(utc); }
    TimePoint fromLocal(QDate date, int secondsOfDay) const;
    TimePoint startOfDay(QDate date) const { return fromLocal(date, 0); }
    // ISO 8601 with this zone's offset at that instant: 2027-01-01T15:00:00+08:00.
    QString format(TimePoint utc) const;

private:
    explicit AccountZone(const QTimeZone &zone);
    int slowOffsetAt(TimePoint utc) const;

    QString m_id;
    QTimeZone m_zone;
    int m_fixedOffset = 0;
    bool m_fixed = true;
    TimePoint m_cacheFrom = 0;
    TimePoint m_cacheUntil = 0;
    int m_offsetBeforeFirst = 0;
    std::vector<TimePoint> m_transitionAt; // UTC instants where the offset changes
    std::vector<int> m_offsetAfter;        // the offset from that instant on
};

} // namespace creditdesk
