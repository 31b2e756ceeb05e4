#include "AmountFormat.h"

#include <QCoreApplication>
#include <QHash>

namespace creditdesk {

AmountFormat::AmountFormat(QString unit, QLocale locale)
    : m_unit(std::move(unit))
    , m_locale(std::move(locale))
{
    m_locale.setNumberOptions(QLocale::DefaultNumberOptions);
}

QString AmountFormat::number(Credits amount) const
{
    const qint64 milli = amount.milli();
    // |milli| as unsigned: the most negative value has no positive counterpart in qint64.
    const quint64 magnitude = milli < 0 ? quint64(0) - quint64(milli) : quint64(milli);
    const quint64 whole = magnitude / quint64(Credits::Scale);
    quint64 fraction = magnitude % quint64(Credits::Scale);
    QString text = m_locale.toString(qulonglong(whole));
    if (fraction != 0) {
        QString digits = QString::number(fraction).rightJustified(3, u'0');
        while (digits.endsWith(u'0'))
            digits.chop(1);
        text += m_locale.decimalPoint() + digits;
    }
    if (milli < 0)
        text.prepend(m_locale.negativeSign());
    return text;
}

QString AmountFormat::signedNumber(Credits amount) const
{
    if (amount.isZero())
        return number(amount);
    // U+2212 MINUS SIGN lines up with the plus sign in tabular columns; a hyphen does not.
    const QString magnitude = number(amount.isNegative() ? -amount : amount);
    return (amount.isNegative() ? QStringLiteral("\u2212") : QStringLiteral("+")) + magnitude;
}

QString AmountFormat::withUnit(Credits amount) const
{
    //: amount and unit, e.g. "1,230 credits"; the unit word comes from the account's policy
    return tr("%1 %2").arg(number(amount), m_unit);
}

QString AmountFormat::rate(Credits perDay) const
{
    const qint64 milli = perDay.milli();
    const qint64 magnitude = milli < 0 ? -milli : milli;
    const qint64 step = magnitude >= 100 * Credits::Scale  ? Credits::Scale
                        : magnitude >= 10 * Credits::Scale ? Credits::Scale / 10
                                                           : 1;
    const qint64 rounded = (magnitude + step / 2) / step * step;
    const Credits shown = Credits::fromMilli(milli < 0 ? -rounded : rounded);
    const QString text = withUnit(shown);
    return rounded == magnitude ? text : tr("≈ %1").arg(text);
}

QString AmountFormat::price(Credits amount, const QString &currency) const
{
    QString digits = number(amount);
    // Cents are written as two digits ("$0.50", not "$0.5"); a third decimal stays.
    const qint64 fraction = (amount.milli() < 0 ? -amount.milli() : amount.milli()) % 1000;
    if (fraction != 0 && fraction % 100 == 0)
        digits += u'0';
    static const QHash<QString, QString> Symbols = {
        {QStringLiteral("USD"), QStringLiteral("$")}, {QStringLiteral("EUR"), QStringLiteral("€")},
        {QStringLiteral("GBP"), QStringLiteral("£")}, {QStringLiteral("JPY"), QStringLiteral("¥")},
        {QStringLiteral("CNY"), QStringLiteral("¥")}, {QStringLiteral("INR"), QStringLiteral("₹")},
    };
    const auto symbol = Symbols.constFind(currency);
    if (symbol != Symbols.constEnd())
        return *symbol + digits;
    return tr("%1 %2").arg(currency, digits);
}

QString AmountFormat::count(qint64 n, bool compact) const
{
    if (!compact || (n < 1000000 && n > -1000000))
        return m_locale.toString(n);
    // Counts only (tokens, tasks), never money: a rounded figure is what "≈" promises.
    const bool billions = n >= 1000000000 || n <= -1000000000;
    const qint64 scale = billions ? 1000000000 : 1000000;
    // Tenths of the scale, rounded half away from zero, in integers.
    const qint64 tenths = (n >= 0 ? n + scale / 20 : n - scale / 20) / (scale / 10);
    QString text = m_locale.toString(tenths / 10);
    if (tenths % 10 != 0)
        text += m_locale.decimalPoint() + QString::number(qAbs(tenths % 10));
    return billions ? tr("%1 B").arg(text) : tr("%1 M").arg(text);
}

} // namespace creditdesk
