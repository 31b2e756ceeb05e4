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
    Limits limits;
    limits.maxAmount = maxAmount;
    limits.now = now;
    const QList<Problem> found = problems(limits);
    return found.isEmpty() ? std::nullopt : std::optional<Problem>(found.first());
}

QList<AdjustmentDraft::Problem> AdjustmentDraft::problems(const Limits &limits) const
{
    const auto format = [&limits](Credits c) {
        return limits.format ? limits.format(c) : c.toString();
    };
    QList<Problem> found;
    const auto refuse = [&found](const char *field, const QString &message) {
        found.append(Problem{QString::fromLatin1(field), message});
    };

    const QString text = amountText.trimmed();
    const auto value = amount();
    if (text.isEmpty()) {
        refuse("amount", tr("Enter an amount."));
    } else if (!value) {
        // Why it does not read: too many decimals, too large, or not a number at all.
        bool shaped = true;
        int dots = 0;
        for (const QChar c : text) {
            dots += c == u'.';
            if (!(c >= u'0' && c <= u'9') && c != u'.' && c != u'-')
                shaped = false;
        }
        const qsizetype dot = text.indexOf(u'.');
        if (shaped && dots == 1 && text.size() - dot - 1 > 3)
            refuse("amount", tr("At most three decimals: %1 is the smallest step.")
                                 .arg(format(Credits::fromMilli(1))));
        else if (shaped && dots <= 1 && text.lastIndexOf(u'-') <= 0 && text != u"-" &&
                 !text.endsWith(u'.'))
            refuse("amount",
                   tr("At most %1 at once (the server's maximum).").arg(format(limits.maxAmount)));
        else
            refuse("amount", tr("“%1” is not a number: write digits, with a point for decimals "
                                "(12.5).")
                                 .arg(text));
    } else if (!value->isPositive()) {
        refuse("amount", value->isNegative()
                             ? tr("The amount must be more than zero: a debit is what takes "
                                  "credits away.")
                             : tr("The amount must be more than zero."));
    } else if (*value > limits.maxAmount) {
        refuse("amount",
               tr("At most %1 at once (the server's maximum).").arg(format(limits.maxAmount)));
    } else if (type == Type::Debit && limits.available && *value > *limits.available) {
        refuse("amount", tr("Only %1 available: a debit cannot take more than that.")
                             .arg(format(*limits.available)));
    }

    if (reason.trimmed().isEmpty())
        refuse("reason", tr("A reason is required: the member sees it in their log, and the "
                            "audit trail keeps it."));
    else if (reason.toUcs4().size() > 500)
        refuse("reason", tr("The reason has at most 500 characters."));

    if (expiresAt != NoTime) {
        if (type == Type::Debit)
            refuse("expires_at", tr("A debit has no expiry."));
        else if (limits.now != NoTime && expiresAt <= limits.now)
            refuse("expires_at", tr("The expiry must be in the future."));
    }
    return found;
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
