#include "Credits.h"

#include <cfloat>
#include <cmath>

namespace creditdesk {

std::optional<Credits> Credits::fromJsonNumber(double value)
{
    if (!std::isfinite(value))
        return std::nullopt;
    const double scaled = value * double(Scale);
    // 2^62 keeps every later sum of amounts far from overflow.
    if (std::fabs(scaled) > 4.0e18)
        return std::nullopt;
    const double rounded = std::round(scaled);
    // A decimal like 0.001 is not exact in binary; accept what is a whole number of
    // thousandths up to a few units in the last place of the double itself, no more
    // (1.0000000001 has more than three fractional digits and is refused).
    const double tolerance = std::max(std::fabs(scaled), 1.0) * 8 * DBL_EPSILON;
    if (std::fabs(scaled - rounded) > tolerance)
        return std::nullopt;
    return Credits(qint64(rounded));
}

std::optional<Credits> Credits::parse(const QString &text)
{
    QStringView s(text);
    bool negative = false;
    if (s.startsWith(u'-')) {
        negative = true;
        s = s.mid(1);
    }
    if (s.isEmpty())
        return std::nullopt;
    const qsizetype dot = s.indexOf(u'.');
    const QStringView wholePart = dot < 0 ? s : s.left(dot);
    const QStringView fracPart = dot < 0 ? QStringView() : s.mid(dot + 1);
    if (wholePart.isEmpty() || fracPart.size() > 3 || (dot >= 0 && fracPart.isEmpty()))
        return std::nullopt;
    qint64 value = 0;
    for (QChar c : wholePart) {
        if (!c.isDigit() || value > 4'000'000'000'000'000LL / 10)
            return std::nullopt;
        value = value * 10 + c.digitValue();
    }
    qint64 frac = 0;
    for (int i = 0; i < 3; ++i)
        frac = frac * 10 + (i < fracPart.size() ? fracPart[i].digitValue() : 0);
    for (QChar c : fracPart)
        if (!c.isDigit())
            return std::nullopt;
    if (value > 4'000'000'000'000'000LL / Scale)
        return std::nullopt;
    const qint64 milli = value * Scale + frac;
    return Credits(negative ? -milli : milli);
}

QString Credits::toString() const
{
    const bool negative = m_milli < 0;
    const quint64 magnitude = negative ? quint64(-(m_milli + 1)) + 1 : quint64(m_milli);
    QString out = QString::number(magnitude / Scale);
    quint64 frac = magnitude % Scale;
    if (frac != 0) {
        QString digits = QString::number(frac).rightJustified(3, u'0');
        while (digits.endsWith(u'0'))
            digits.chop(1);
        out += u'.' + digits;
    }
    return negative ? u'-' + out : out;
}

Credits Credits::timesMilli(qint64 factorMilli) const
{
    const WideInt product = WideInt(m_milli) * factorMilli;
    const WideInt half = Scale / 2;
    const WideInt q = product >= 0 ? (product + half) / Scale : -((-product + half) / Scale);
    // At the ends of the range, as the operators (|product| <= 2^126: no overflow above).
    if (q > WideInt(Largest))
        return Credits(Largest);
    if (q < -WideInt(Largest))
        return Credits(-Largest);
    return Credits(qint64(q));
}

} // namespace creditdesk
