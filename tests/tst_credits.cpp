#include "Credits.h"

#include <QTest>

using namespace creditdesk;
using namespace Qt::StringLiterals;

class TestCredits : public QObject
{
    Q_OBJECT

private slots:
    void fromJsonNumber_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("milli");
        QTest::newRow("whole") << 975.0 << true << qint64(975000);
        QTest::newRow("one decimal") << 335.8 << true << qint64(335800);
        QTest::newRow("three decimals") << 0.001 << true << qint64(1);
        QTest::newRow("1.2300 is 1.23") << 1.2300 << true << qint64(1230);
        QTest::newRow("negative") << -4.2 << true << qint64(-4200);
        QTest::newRow("large") << 123456789012.345 << true << qint64(123456789012345);
        QTest::newRow("four decimals") << 1.2345 << false << qint64(0);
        QTest::newRow("half a milli") << 0.0005 << false << qint64(0);
        QTest::newRow("ten decimals") << 1.0000000001 << false << qint64(0);
        QTest::newRow("0.1 + 0.2 as a double") << (0.1 + 0.2) << true << qint64(300);
        QTest::newRow("3-decimal near 2^40") << 1099511627.775 << true << qint64(1099511627775);
        QTest::newRow("too large") << 1e300 << false << qint64(0);
    }
    void fromJsonNumber()
    {
        QFETCH(double, value);
        QFETCH(bool, valid);
        QFETCH(qint64, milli);
        const auto c = Credits::fromJsonNumber(value);
        QCOMPARE(c.has_value(), valid);
        if (valid)
            QCOMPARE(c->milli(), milli);
    }

    void toString_data()
    {
        QTest::addColumn<qint64>("milli");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << qint64(0) << u"0"_s;
        QTest::newRow("whole") << qint64(975000) << u"975"_s;
        QTest::newRow("trailing zeros trimmed") << qint64(335800) << u"335.8"_s;
        QTest::newRow("milli") << qint64(1) << u"0.001"_s;
        QTest::newRow("negative") << qint64(-4200) << u"-4.2"_s;
        QTest::newRow("negative small") << qint64(-5) << u"-0.005"_s;
        QTest::newRow("min") << std::numeric_limits<qint64>::min() << u"-9223372036854775.808"_s;
    }
    void toString()
    {
        QFETCH(qint64, milli);
        QFETCH(QString, text);
        QCOMPARE(Credits::fromMilli(milli).toString(), text);
        if (milli != std::numeric_limits<qint64>::min())
            QCOMPARE(Credits::parse(text)->milli(), milli);
    }

    void parseRejects_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *bad : {"", "-", "1.", ".5", "1.2345", "1e3", "12a", "1.2.3", " 1"})
            QTest::newRow(bad) << QString::fromLatin1(bad);
    }
    void parseRejects()
    {
        QFETCH(QString, text);
        QVERIFY(!Credits::parse(text).has_value());
    }

    void timesMilliRoundsOnceHalfAwayFromZero_data()
    {
        QTest::addColumn<qint64>("price");
        QTest::addColumn<qint64>("factor");
        QTest::addColumn<qint64>("result");
        QTest::newRow("20 per second x 8 s") << qint64(20000) << qint64(8000) << qint64(160000);
        QTest::newRow("1 per 1000 tokens x 4200") << qint64(1000) << qint64(4200) << qint64(4200);
        QTest::newRow("1.5 x 0.333 = 0.4995 -> 0.5") << qint64(1500) << qint64(333) << qint64(500);
        QTest::newRow("0.001 x 0.4 -> 0") << qint64(1) << qint64(400) << qint64(0);
        QTest::newRow("negative half") << qint64(-1500) << qint64(333) << qint64(-500);
        QTest::newRow("no overflow")
            << qint64(4'000'000'000'000'000) << qint64(2000) << qint64(8'000'000'000'000'000);
    }
    void timesMilliRoundsOnceHalfAwayFromZero()
    {
        QFETCH(qint64, price);
        QFETCH(qint64, factor);
        QFETCH(qint64, result);
        QCOMPARE(Credits::fromMilli(price).timesMilli(factor).milli(), result);
    }

    void arithmeticIsExact()
    {
        // 0.1 + 0.2 is 0.3 here, unlike with doubles.
        const Credits sum = *Credits::parse(u"0.1"_s) + *Credits::parse(u"0.2"_s);
        QCOMPARE(sum, *Credits::parse(u"0.3"_s));
        Credits total;
        for (int i = 0; i < 1000; ++i)
            total += Credits::fromMilli(1);
        QCOMPARE(total, Credits::whole(1));
    }
};

QTEST_APPLESS_MAIN(TestCredits)
#include "tst_credits.moc"
