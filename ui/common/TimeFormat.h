#pragma once

#include "AccountZone.h"
#include "TimePoint.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>

namespace creditdesk {

// Writes times the way the design brief asks: relative when near ("in 28m", "2d 5h", "<1m",
// never "0m"), absolute when it matters ("Thu 27 Nov 17:00"), in the account's zone and the
// member's locale. Durations are truncated (a countdown never shows more than is left).
class TimeFormat
{
    Q_DECLARE_TR_FUNCTIONS(TimeFormat)

public:
    explicit TimeFormat(AccountZone zone = AccountZone(), QLocale locale = QLocale());

    const AccountZone &zone() const { return m_zone; }

    // "<1m", "28m", "2h 5m", "2d 5h" (two units at most; zero minor units left out).
    static QString duration(qint64 seconds);
    // "in 28m" for a future `at`, "28m ago" for a past one, "now" within the second.
    QString relative(TimePoint at, TimePoint now) const;
    // "in 3 days" two days or more away, else relative(): for expiries, which matter by the day.
    QString relativeDays(TimePoint at, TimePoint now) const;
    // "Thu 27 Nov 17:00"; the year is added when `at` is not in `now`'s year.
    QString absolute(TimePoint at, TimePoint now = NoTime) const;
    // "17:40"
    QString clock(TimePoint at) const;
    // "Thu 27 Nov" (with the year when not in `now`'s year)
    QString date(TimePoint at, TimePoint now = NoTime) const;
    // "2026-11-27 17:00:05": sortable, for tables and exports.
    QString stamp(TimePoint at) const;
    // A time for a near event: "17:40" when today in the account's zone, else absolute().
    QString whenShort(TimePoint at, TimePoint now) const;

private:
    QString pattern(TimePoint at, TimePoint now, const QString &withoutYear,
                    const QString &withYear) const;

    AccountZone m_zone;
    QLocale m_locale;
};

} // namespace creditdesk
