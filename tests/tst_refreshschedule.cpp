// Cycle boundaries: month-end rule from the anchor, wall-clock time across DST (gap moves
// forward, fold takes the first), 7-day rolling periods and daily midnights.
#include "AccountZone.h"
#include "IsoTime.h"
#include "RefreshSchedule.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace creditdesk;
using namespace Qt::StringLiterals;

namespace {
TimePoint at(const QString &iso)
{
    return *IsoTime::parse(iso);
}
} // namespace

class TestRefreshSchedule : public QObject
{
    Q_OBJECT

private slots:
    void monthlyBoundaries_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("anchor");
        QTest::addColumn<QStringList>("boundaries"); // boundary 1, 2, 3, ... in local time
        QTest::newRow("month-end Jan 31, common year")
            << u"UTC"_s << u"2027-01-31T10:00:00Z"_s
            << QStringList{u"2027-02-28T10:00:00+00:00"_s, u"2027-03-31T10:00:00+00:00"_s,
                           u"2027-04-30T10:00:00+00:00"_s, u"2027-05-31T10:00:00+00:00"_s};
        QTest::newRow("month-end Jan 31, leap year")
            << u"UTC"_s << u"2028-01-31T10:00:00Z"_s
            << QStringList{u"2028-02-29T10:00:00+00:00"_s, u"2028-03-31T10:00:00+00:00"_s};
        QTest::newRow("day 29 through February")
            << u"UTC"_s << u"2026-12-29T00:00:00Z"_s
            << QStringList{u"2027-01-29T00:00:00+00:00"_s, u"2027-02-28T00:00:00+00:00"_s,
                           u"2027-03-29T00:00:00+00:00"_s};
        QTest::newRow("seed example Shanghai")
            << u"Asia/Shanghai"_s << u"2026-12-01T15:00:00+08:00"_s
            << QStringList{u"2027-01-01T15:00:00+08:00"_s, u"2027-02-01T15:00:00+08:00"_s};
        QTest::newRow("New York wall clock across DST")
            << u"America/New_York"_s << u"2027-02-10T09:00:00-05:00"_s
            << QStringList{u"2027-03-10T09:00:00-05:00"_s, u"2027-04-10T09:00:00-04:00"_s,
                           u"2027-05-10T09:00:00-04:00"_s};
        QTest::newRow("Berlin wall clock across DST")
            << u"Europe/Berlin"_s << u"2027-03-15T08:00:00+01:00"_s
            << QStringList{u"2027-04-15T08:00:00+02:00"_s, u"2027-05-15T08:00:00+02:00"_s};
        QTest::newRow("New York gap moves forward by the gap")
            << u"America/New_York"_s << u"2027-02-14T02:30:00-05:00"_s
            << QStringList{u"2027-03-14T03:30:00-04:00"_s, u"2027-04-14T02:30:00-04:00"_s};
        QTest::newRow("Berlin gap moves forward by the gap")
            << u"Europe/Berlin"_s << u"2027-02-28T02:30:00+01:00"_s
            << QStringList{u"2027-03-28T03:30:00+02:00"_s, u"2027-04-28T02:30:00+02:00"_s};
        QTest::newRow("New York fold takes the first")
            << u"America/New_York"_s << u"2027-10-07T01:30:00-04:00"_s
            << QStringList{u"2027-11-07T01:30:00-04:00"_s, u"2027-12-07T01:30:00-05:00"_s};
        QTest::newRow("Berlin fold takes the first, month-end")
            << u"Europe/Berlin"_s << u"2027-08-31T02:30:00+02:00"_s
            << QStringList{u"2027-09-30T02:30:00+02:00"_s, u"2027-10-31T02:30:00+02:00"_s,
                           u"2027-11-30T02:30:00+01:00"_s};
    }
    void monthlyBoundaries()
    {
        QFETCH(QString, zone);
        QFETCH(QString, anchor);
        QFETCH(QStringList, boundaries);
        const AccountZone z = *AccountZone::fromId(zone);
        const RefreshSchedule s({CycleRule::Unit::Months, 1}, at(anchor), z);
        TimePoint t = at(anchor);
        for (int n = 0; n < boundaries.size(); ++n) {
            QCOMPARE(z.format(s.boundary(n + 1)), boundaries[n]);
            // Stepping with nextAfter lands on the same boundaries (no drift).
            t = s.nextAfter(t);
            QCOMPARE(z.format(t), boundaries[n]);
        }
    }

    void halfOpenBoundary()
    {
        const AccountZone z;
        const RefreshSchedule s({CycleRule::Unit::Months, 1}, at(u"2027-01-31T10:00:00Z"_s), z);
        // At the boundary the refresh has happened: the next one is a month later.
        QCOMPARE(s.nextAfter(at(u"2027-02-28T09:59:59Z"_s)), at(u"2027-02-28T10:00:00Z"_s));
        QCOMPARE(s.nextAfter(at(u"2027-02-28T10:00:00Z"_s)), at(u"2027-03-31T10:00:00Z"_s));
    }

    void sevenDayRolling_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("activation");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("next");
        QTest::newRow("D1 any time -> 00:00 D8")
            << u"Asia/Tokyo"_s << u"2027-04-07T21:00:00+09:00"_s << u"2027-04-07T21:00:00+09:00"_s
            << u"2027-04-14T00:00:00+09:00"_s;
        QTest::newRow("last second of D7")
            << u"Asia/Tokyo"_s << u"2027-04-07T21:00:00+09:00"_s << u"2027-04-13T23:59:59+09:00"_s
            << u"2027-04-14T00:00:00+09:00"_s;
        QTest::newRow("D8 00:00 starts D8-D14")
            << u"Asia/Tokyo"_s << u"2027-04-07T21:00:00+09:00"_s << u"2027-04-14T00:00:00+09:00"_s
            << u"2027-04-21T00:00:00+09:00"_s;
        QTest::newRow("late D1 in New York across DST")
            << u"America/New_York"_s << u"2027-03-08T23:30:00-05:00"_s
            << u"2027-03-09T12:00:00-04:00"_s << u"2027-03-15T00:00:00-04:00"_s;
        QTest::newRow("a year later")
            << u"UTC"_s << u"2027-01-01T12:00:00Z"_s << u"2028-01-01T00:00:00Z"_s
            << u"2028-01-07T00:00:00+00:00"_s;
    }
    void sevenDayRolling()
    {
        QFETCH(QString, zone);
        QFETCH(QString, activation);
        QFETCH(QString, query);
        QFETCH(QString, next);
        const AccountZone z = *AccountZone::fromId(zone);
        const RefreshSchedule s({CycleRule::Unit::Days, 7}, at(activation), z);
        QCOMPARE(z.format(s.nextAfter(at(query))), z.format(at(next)));
    }

    void dailyOneResetPerCalendarDay_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QStringList>("midnights");
        QTest::addColumn<QList<qint64>>("hours");
        QTest::newRow("Berlin 23-hour day")
            << u"Europe/Berlin"_s << u"2027-03-27T12:00:00+01:00"_s
            << QStringList{u"2027-03-28T00:00:00+01:00"_s, u"2027-03-29T00:00:00+02:00"_s,
                           u"2027-03-30T00:00:00+02:00"_s}
            << QList<qint64>{23, 24};
        QTest::newRow("Berlin 25-hour day")
            << u"Europe/Berlin"_s << u"2027-10-30T12:00:00+02:00"_s
            << QStringList{u"2027-10-31T00:00:00+02:00"_s, u"2027-11-01T00:00:00+01:00"_s,
                           u"2027-11-02T00:00:00+01:00"_s}
            << QList<qint64>{25, 24};
        QTest::newRow("New York 23-hour day")
            << u"America/New_York"_s << u"2027-03-13T12:00:00-05:00"_s
            << QStringList{u"2027-03-14T00:00:00-05:00"_s, u"2027-03-15T00:00:00-04:00"_s}
            << QList<qint64>{23};
        QTest::newRow("Havana midnight gap moves to 01:00")
            << u"America/Havana"_s << u"2027-03-13T12:00:00-05:00"_s
            << QStringList{u"2027-03-14T01:00:00-04:00"_s, u"2027-03-15T00:00:00-04:00"_s}
            << QList<qint64>{23};
    }
    void dailyOneResetPerCalendarDay()
    {
        QFETCH(QString, zone);
        QFETCH(QString, from);
        QFETCH(QStringList, midnights);
        QFETCH(QList<qint64>, hours);
        const AccountZone z = *AccountZone::fromId(zone);
        const RefreshSchedule s({CycleRule::Unit::Days, 1}, at(from), z);
        TimePoint t = at(from);
        TimePoint previous = NoTime;
        for (int i = 0; i < midnights.size(); ++i) {
            t = s.nextAfter(t);
            QCOMPARE(z.format(t), midnights[i]);
            if (previous != NoTime)
                QCOMPARE((t - previous) / 3600, hours[i - 1]);
            previous = t;
        }
    }

    // Past the zone file's table (2037) and past a zone's last recorded change, offsets come
    // from AccountZone's own per-year table (issue 10: no QTimeZone call per offset): they
    // must be Qt's answers exactly, at every hour around each change and on random days.
    void lateOffsetsAreQtOffsets_data()
    {
        QTest::addColumn<QString>("zone");
        for (const char *z :
             {"Europe/Berlin", "America/New_York", "America/Santiago", "Australia/Lord_Howe",
              "Asia/Shanghai", "Africa/Casablanca", "Pacific/Kiritimati"})
            QTest::newRow(z) << QString::fromLatin1(z);
    }
    void lateOffsetsAreQtOffsets()
    {
        QFETCH(QString, zone);
        const AccountZone z = *AccountZone::fromId(zone);
        const QTimeZone qt(zone.toUtf8());
        const auto qtOffset = [&](TimePoint t) {
            return qt.offsetFromUtc(QDateTime::fromSecsSinceEpoch(t, QTimeZone::utc()));
        };
        quint64 seed = 0x9e3779b97f4a7c15ULL;
        for (int year : {1995, 2026, 2036, 2037, 2038, 2039, 2040, 2041, 2050, 2099, 2100, 2199,
                         2200, 2201, 2400, 9999}) {
            const TimePoint from =
                QDateTime(QDate(year, 1, 1), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
            TimePoint previous = qtOffset(from);
            for (int day = 0; day < 365; ++day) {
                seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
                const TimePoint t =
                    from + day * SecondsPerDay + TimePoint(seed >> 47) % SecondsPerDay;
                QCOMPARE(z.offsetAt(t), qtOffset(t));
                // Around a change: the second before and the second of it.
                const TimePoint midnight = from + (day + 1) * SecondsPerDay;
                if (qtOffset(midnight) == previous)
                    continue;
                for (TimePoint h = midnight - SecondsPerDay; h <= midnight; h += 1800)
                    QCOMPARE(z.offsetAt(h), qtOffset(h));
                previous = qtOffset(midnight);
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestRefreshSchedule)
#include "tst_refreshschedule.moc"
