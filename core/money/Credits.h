#pragma once

#include <QString>
#include <QtGlobal>

#include <compare>
#include <limits>
#include <optional>

namespace creditdesk {

// 128-bit intermediates for products of amounts and factors (GCC/Clang extension).
__extension__ typedef __int128 WideInt;

// An exact credit amount: a signed count of thousandths of a credit. Every balance, charge and
// price in CreditDesk is one of these; binary floating point never holds money.
class Credits
{
public:
    static constexpr qint64 Scale = 1000;

    constexpr Credits() = default;
    static constexpr Credits fromMilli(qint64 milli) { return Credits(milli); }
    static constexpr Credits whole(qint64 credits) { return Credits(credits * Scale); }

    // Reads a JSON number (a double) that must carry at most three fractional digits.
    // Returns nothing when the value has more digits or does not fit.
    static std::optional<Credits> fromJsonNumber(double value);
    // Reads a decimal string such as "12", "-0.5" or "1.250" (at most three fractional digits).
    static std::optional<Credits> parse(const QString &text);

    constexpr qint64 milli() const { return m_milli; }
    constexpr bool isZero() const { return m_milli == 0; }
    constexpr bool isPositive() const { return m_milli > 0; }
    constexpr bool isNegative() const { return m_milli < 0; }

    // The shortest exact decimal: 975, 335.8, -4.2, 0.001.
    QString toString() const;

    // this × factor / Scale, rounded half away from zero once: how a unit price times a
    // fixed-point quantity becomes a ledger amount.
    Credits timesMilli(qint64 factorMilli) const;
    Credits times(qint64 factor) const
    {
        qint64 out;
        if (__builtin_mul_overflow(m_milli, factor, &out))
            out = (m_milli < 0) == (factor < 0) ? Largest : -Largest;
        return Credits(out);
    }

    // Arithmetic stops at ±(2^63 − 1) thousandths rather than wrapping around: amounts in a
    // file are at most 4·10^15 credits each, but nothing bounds their sums, and a balance that
    // overflowed must not turn negative (nor a huge cost into a credit).
    constexpr Credits operator-() const
    {
        return Credits(m_milli == Smallest ? Largest : -m_milli);
    }
    constexpr Credits operator+(Credits o) const
    {
        qint64 out;
        if (__builtin_add_overflow(m_milli, o.m_milli, &out))
            out = o.m_milli > 0 ? Largest : -Largest;
        return Credits(out);
    }
    constexpr Credits operator-(Credits o) const
    {
        qint64 out;
        if (__builtin_sub_overflow(m_milli, o.m_milli, &out))
            out = o.m_milli < 0 ? Largest : -Largest;
        return Credits(out);
    }
    constexpr Credits &operator+=(Credits o) { return *this = *this + o; }
    constexpr Credits &operator-=(Credits o) { return *this = *this - o; }
    constexpr auto operator<=>(const Credits &) const = default;

private:
    static constexpr qint64 Largest = std::numeric_limits<qint64>::max();
    static constexpr qint64 Smallest = std::numeric_limits<qint64>::min();

    constexpr explicit Credits(qint64 milli)
        : m_milli(milli)
    {}
    qint64 m_milli = 0;
};

constexpr Credits min(Credits a, Credits b)
{
    return a < b ? a : b;
}
constexpr Credits max(Credits a, Credits b)
{
    return a < b ? b : a;
}

} // namespace creditdesk
