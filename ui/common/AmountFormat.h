#pragma once

#include "Credits.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>

namespace creditdesk {

// Writes exact amounts for people: the account's unit word (from the data, never a
// hard-coded "credits"), the member's locale for digit grouping and the decimal sign, and
// exactly the decimals the amount has (975, 335.8, 0.001) — nothing is rounded away and no
// binary floating point touches the value.
class AmountFormat
{
    Q_DECLARE_TR_FUNCTIONS(AmountFormat)

public:
    explicit AmountFormat(QString unit = QStringLiteral("credits"), QLocale locale = QLocale());

    const QString &unit() const { return m_unit; }
    const QLocale &locale() const { return m_locale; }

    // "1,230", "335.8", "-4.2"
    QString number(Credits amount) const;
    // "+25", "−25" (true minus sign), "0": ledger amounts, where the sign is the point.
    QString signedNumber(Credits amount) const;
    // "1,230 credits"
    QString withUnit(Credits amount) const;
    // A rate such as burn per day, for reading at a glance: whole units from 100 up, one
    // decimal from 1 up, else exact; "≈" marks a rounded figure. Never used for balances.
    QString rate(Credits perDay) const;
    // A price in a currency: "$25", "$0.99", "CHF 12.50". Exact: no float on the way.
    QString price(Credits amount, const QString &currency) const;
    // A count of things (tasks, tokens): "150", "2.9 M" when large and `compact`.
    QString count(qint64 n, bool compact = false) const;

private:
    QString m_unit;
    QLocale m_locale;
};

} // namespace creditdesk
