#include "AccountZone.h"
#include "IsoTime.h"

#include <QTest>

using namespace creditdesk;
using namespace Qt::StringLiterals;

class TestIsoTime : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("utc");
        QTest::newRow("Z") << u"2027-01-01T00:00:00Z"_s << true << qint64(1798761600);
        QTest::newRow("+08:00") << u"2027-01-01T08:00:00+08:00"_s << true << qint64(1798761600);
        QTest::newRow("-05:30") << u"2026-12-31T18:30:00-05:30"_s << true << qint64(1798761600);
        QTest::newRow("leap day") << u"2028-02-29T12:00:00Z"_s << true << qint64(1835438400);
        QTest::newRow("before 1970") << u"1969-12-31T23:59:59Z"_s << true << qint64(-1);
        QTest::newRow("no offset") << u"2027-01-01T00:00:00"_s << false << qint64(0);
        QTest::newRow("no seconds") << u"2027-01-01T00:00Z"_s << false << qint64(0);
        QTest::newRow("fraction") << u"2027-01-01T00:00:00.000Z"_s << false << qint64(0);
        QTest::newRow("24:00") << u"2027-01-01T24:00:00Z"_s << false << qint64(0);
        QTest::newRow("second 60") << u"2027-01-01T23:59:60Z"_s << false << qint64(0);
        QTest::newRow("Feb 29 2027") << u"2027-02-29T00:00:00Z"_s << false << qint64(0);
        QTest::newRow("month 13") << u"2027-13-01T00:00:00Z"_s << false << qint64(0);
        QTest::newRow("offset minutes 60") << u"2027-01-01T00:00:00+05:60"_s << false << qint64(0);
        QTest::newRow("offset without colon")
            << u"2027-01-01T00:00:00+0500"_s << false << qint64(0);
        QTest::newRow("lowercase t") << u"2027-01-01t00:00:00Z"_s << false << qint64(0);
        QTest::newRow("signed digits") << u"2027-01-01T0+:00:00Z"_s << false << qint64(0);
        QTest::newRow("empty") << QString() << false << qint64(0);
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(qint64, utc);
        const auto t = IsoTime::parse(text);
        QCOMPARE(t.has_value(), valid);
        if (valid)
            QCOMPARE(*t, utc);
    }

    void formatInZone_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("utc");
        QTest::addColumn<QString>("local");
        QTest::newRow("UTC") << u"UTC"_s << u"2027-01-01T00:00:00Z"_s
                             << u"2027-01-01T00:00:00+00:00"_s;
        QTest::newRow("Shanghai") << u"Asia/Shanghai"_s << u"2027-01-01T07:00:00Z"_s
                                  << u"2027-01-01T15:00:00+08:00"_s;
        QTest::newRow("Paris winter")
            << u"Europe/Paris"_s << u"2027-03-10T08:00:00Z"_s << u"2027-03-10T09:00:00+01:00"_s;
        QTest::newRow("Paris summer")
            << u"Europe/Paris"_s << u"2027-04-10T07:00:00Z"_s << u"2027-04-10T09:00:00+02:00"_s;
        QTest::newRow("Kolkata") << u"Asia/Kolkata"_s << u"2027-01-01T00:00:00Z"_s
                                 << u"2027-01-01T05:30:00+05:30"_s;
        QTest::newRow("Los Angeles") << u"America/Los_Angeles"_s << u"2027-01-22T03:34:16Z"_s
                                     << u"2027-01-21T19:34:16-08:00"_s;
        QTest::newRow("far future")
            << u"Europe/Berlin"_s << u"2300-07-01T00:00:00Z"_s << u"2300-07-01T02:00:00+02:00"_s;
        // Past 2037 the zone file's table ends and DST comes from its rule.
        QTest::newRow("Berlin summer 2045")
            << u"Europe/Berlin"_s << u"2045-07-15T08:00:00Z"_s << u"2045-07-15T10:00:00+02:00"_s;
        QTest::newRow("Paris summer 2043")
            << u"Europe/Paris"_s << u"2043-06-09T11:00:00Z"_s << u"2043-06-09T13:00:00+02:00"_s;
        QTest::newRow("New York winter 2100")
            << u"America/New_York"_s << u"2100-01-10T12:00:00Z"_s << u"2100-01-10T07:00:00-05:00"_s;
        QTest::newRow("link Etc/UTC")
            << u"Etc/UTC"_s << u"2027-01-01T00:00:00Z"_s << u"2027-01-01T00:00:00+00:00"_s;
        QTest::newRow("link US/Eastern")
            << u"US/Eastern"_s << u"2027-07-01T12:00:00Z"_s << u"2027-07-01T08:00:00-04:00"_s;
        QTest::newRow("legacy Asia/Calcutta")
            << u"Asia/Calcutta"_s << u"2027-01-01T00:00:00Z"_s << u"2027-01-01T05:30:00+05:30"_s;
    }
    void formatInZone()
    {
        QFETCH(QString, zone);
        QFETCH(QString, utc);
        QFETCH(QString, local);
        const auto z = AccountZone::fromId(zone);
        QVERIFY(z.has_value());
        QCOMPARE(z->format(*IsoTime::parse(utc)), local);
        QCOMPARE(*IsoTime::parse(local), *IsoTime::parse(utc));
    }

    void unknownZones()
    {
        QVERIFY(!AccountZone::fromId(u"Mars/Olympus"_s));
        QVERIFY(!AccountZone::fromId(u"UTC+08:00"_s));
        QVERIFY(!AccountZone::fromId(QString()));
        QVERIFY(!AccountZone::fromId(u"../../etc/passwd"_s));
        QVERIFY(!AccountZone::fromId(u"/etc/localtime"_s));
        QVERIFY(!AccountZone::fromId(u"Europe/Paris "_s));
        QVERIFY(AccountZone::fromId(u"UTC"_s));
    }
};

QTEST_APPLESS_MAIN(TestIsoTime)
#include "tst_isotime.moc"
