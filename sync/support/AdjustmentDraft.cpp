#include "AdjustmentDraft.h"

#include "IsoTime.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace creditdesk {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("AdjustmentDraft", text);
}
} // namespace

std::optional<Credits> AdjustmentDraft::amount() const
{
    return Credits::parse(amountText.trimmed());
}

std::optional<AdjustmentDraft::Problem> AdjustmentDraft::check(Credits maxAmount,
                                                               TimePoint now) const
{
    const QString reasonText = reason.trimmed();
    if (reasonText.isEmpty())
        return Problem{QStringLiteral("reason"), tr("Give a reason: the member's ledger and the "
                                                    "audit trail show it.")};
    if (reason.toUcs4().size() > 500)
        return Problem{QStringLiteral("reason"), tr("The reason has at most 500 characters.")};
    const QString text = amountText.trimmed();
    if (text.isEmpty())
        return Problem{QStringLiteral("amount"), tr("Enter an amount.")};
    const auto value = amount();
    if (!value) {
        const qsizetype dot = text.indexOf(u'.');
        bool digitsOnly = !text.isEmpty();
        for (const QChar c : text)
            if (!c.isDigit() && c != u'.' && c != u'-')
                digitsOnly = false;
        if (digitsOnly && dot >= 0 && text.size() - dot - 1 > 3)
            return Problem{QStringLiteral("amount"), tr("The amount has at most three decimals.")};
        return Problem{QStringLiteral("amount"), tr("The amount is not a number.")};
    }
    if (!value->isPositive())
        return Problem{QStringLiteral("amount"), tr("The amount must be more than zero.")};
    if (*value > maxAmount)
        return Problem{QStringLiteral("amount"),
                       tr("The amount is at most %1.").arg(maxAmount.toString())};
    if (expiresAt != NoTime) {
        if (type == Type::Debit)
            return Problem{QStringLiteral("expires_at"), tr("A debit has no expiry.")};
        if (now != NoTime && expiresAt <= now)
            return Problem{QStringLiteral("expires_at"), tr("The expiry must be in the future.")};
    }
    return std::nullopt;
}

QByteArray AdjustmentDraft::body() const
{
    QJsonObject o{{QStringLiteral("type"),
                   type == Type::Grant ? QStringLiteral("grant") : QStringLiteral("debit")},
                  {QStringLiteral("reason"), reason.trimmed()}};
    if (expiresAt != NoTime && type == Type::Grant)
        o.insert(QStringLiteral("expires_at"), IsoTime::format(expiresAt, 0));
    if (dryRun)
        o.insert(QStringLiteral("dry_run"), true);
    QByteArray json = QJsonDocument(o).toJson(QJsonDocument::Compact);
    // The amount as its exact decimal, never through a double.
    const auto value = amount();
    const QByteArray number = value ? value->toString().toLatin1() : QByteArrayLiteral("null");
    json.insert(1, "\"amount\":" + number + ',');
    return json;
}

} // namespace creditdesk
