#include "IsoTime.h"

#include <QDate>

namespace creditdesk {

namespace {
constexpr qint64 EpochJulianDay = 2440588;

int digits(QStringView s, qsizetype from, qsizetype count)
{
    int value = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        const char16_t c = s[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

void appendTwo(QString &out, int v)
{
    out += QChar(u'0' + v / 10);
    out += QChar(u'0' + v % 10);
}
} // namespace

std::optional<TimePoint> IsoTime::parse(QStringView s)
{
    // 2027-01-01T00:00:00Z (20) or 2027-01-01T00:00:00+08:00 (25)
    if (s.size() != 20 && s.size() != 25)
        return std::nullopt;
    if (s[4] != u'-' || s[7] != u'-' || s[10] != u'T' || s[13] != u':' || s[16] != u':')
        return std::nullopt;
    const int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
    const int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 ||
        minute > 59 || second < 0 || second > 59)
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid())
        return std::nullopt;
    int offset = 0;
    if (s.size() == 20) {
        if (s[19] != u'Z')
            return std::nullopt;
    } else {
        const QChar sign = s[19];
        if ((sign != u'+' && sign != u'-') || s[22] != u':')
            return std::nullopt;
        const int oh = digits(s, 20, 2), om = digits(s, 23, 2);
        if (oh < 0 || oh > 23 || om < 0 || om > 59)
            return std::nullopt;
        offset = (oh * 3600 + om * 60) * (sign == u'-' ? -1 : 1);
    }
    const qint64 local =
        (date.toJulianDay() - EpochJulianDay) * SecondsPerDay + hour * 3600 + minute * 60 + second;
    return local - offset;
}

QString IsoTime::format(TimePoint utc, int offsetSeconds)
{
    const qint64 local = utc + offsetSeconds;
    qint64 days = local / SecondsPerDay;
    qint64 secs = local % SecondsPerDay;
    if (secs < 0) {
        secs += SecondsPerDay;
        --days;
    }
    const QDate date = QDate::fromJulianDay(days + EpochJulianDay);
    QString out;
    out.reserve(25);
    out += QString::number(date.year()).rightJustified(4, u'0');
    out += u'-';
    appendTwo(out, date.month());
    out += u'-';
    appendTwo(out, date.day());
    out += u'T';
    appendTwo(out, int(secs / 3600));
    out += u':';
    appendTwo(out, int(secs / 60 % 60));
    out += u':';
    appendTwo(out, int(secs % 60));
    const int magnitude = offsetSeconds < 0 ? -offsetSeconds : offsetSeconds;
    out += offsetSeconds < 0 ? u'-' : u'+';
    appendTwo(out, magnitude / 3600);
    out += u':';
    appendTwo(out, magnitude / 60 % 60);
    return out;
}

} // namespace creditdesk
