#include "Wording.h"

#include "AmountFormat.h"

namespace creditdesk {

namespace {
// The policy's optional quantity word ("images", "seconds of video"), once FeatureRule has one
// (branch `events` adds `quantity_unit`); until then every feature falls back to "N × name".
template <typename Rule> QString quantityUnitOf(const Rule &rule)
{
    if constexpr (requires { rule.quantityUnit; })
        return rule.quantityUnit;
    else
        return {};
}
} // namespace

QString Wording::bucketKind(BucketKind kind, const QString &unit)
{
    switch (kind) {
    case BucketKind::Plan:
        return tr("Plan %1").arg(unit);
    case BucketKind::Bonus:
        return tr("Bonus %1").arg(unit);
    case BucketKind::DailyFree:
        return tr("Daily free %1").arg(unit);
    case BucketKind::SignupFree:
        return tr("Signup %1").arg(unit);
    case BucketKind::Purchased:
        return tr("Purchased %1").arg(unit);
    case BucketKind::Refund:
        return tr("Refunded %1").arg(unit);
    case BucketKind::Adjustment:
        return tr("Adjustment %1").arg(unit);
    }
    return bucketKindName(kind);
}

QString Wording::bucketAdjective(BucketKind kind)
{
    switch (kind) {
    case BucketKind::Plan:
        return tr("plan");
    case BucketKind::Bonus:
        return tr("bonus");
    case BucketKind::DailyFree:
        return tr("daily free");
    case BucketKind::SignupFree:
        return tr("signup");
    case BucketKind::Purchased:
        return tr("purchased");
    case BucketKind::Refund:
        return tr("refunded");
    case BucketKind::Adjustment:
        return tr("adjustment");
    }
    return bucketKindName(kind);
}

QString Wording::outcome(Outcome outcome, bool charged)
{
    switch (outcome) {
    case Outcome::Success:
        return tr("Completed");
    case Outcome::SystemError:
        return charged ? tr("System error (charged)") : tr("System error (not charged)");
    case Outcome::ContentViolation:
        return charged ? tr("Blocked by content rules (charged)")
                       : tr("Blocked by content rules (not charged)");
    case Outcome::Cancelled:
        return charged ? tr("Cancelled (charged)") : tr("Cancelled (not charged)");
    }
    return outcomeName(outcome);
}

QString Wording::rejectReason(RejectReason reason, const QString &unit)
{
    switch (reason) {
    case RejectReason::None:
        return {};
    case RejectReason::InsufficientCredits:
        return tr("not enough %1").arg(unit);
    case RejectReason::LimitReached:
        return tr("usage limit reached");
    case RejectReason::InvalidRequest:
        return tr("invalid request");
    }
    return rejectReasonName(reason);
}

QString Wording::entryType(EntryType type)
{
    switch (type) {
    case EntryType::Grant:
        return tr("Grant");
    case EntryType::Refresh:
        return tr("Refresh");
    case EntryType::Purchase:
        return tr("Purchase");
    case EntryType::Reserve:
        return tr("Reserved");
    case EntryType::Charge:
        return tr("Charge");
    case EntryType::Release:
        return tr("Released");
    case EntryType::Refund:
        return tr("Refund");
    case EntryType::Debit:
        return tr("Debit");
    case EntryType::Expire:
        return tr("Expired");
    case EntryType::Reject:
        return tr("Rejected");
    }
    return entryTypeName(type);
}

QString Wording::eventType(EventType type)
{
    switch (type) {
    case EventType::Signup:
        return tr("Account created");
    case EventType::Subscribe:
        return tr("Plan change");
    case EventType::Grant:
        return tr("Grant");
    case EventType::Purchase:
        return tr("Purchase");
    case EventType::TaskStart:
    case EventType::TaskEnd:
        return tr("Task");
    case EventType::Refund:
        return tr("Refund");
    case EventType::Debit:
        return tr("Debit");
    case EventType::Promotion:
        return tr("Promotion");
    }
    return {};
}

QString Wording::featureName(const QString &name)
{
    QString text = name;
    text.replace(u'_', u' ');
    return text;
}

QString Wording::purchaseStatus(const QString &status)
{
    if (status == u"pending")
        return tr("waiting for payment");
    if (status == u"completed")
        return tr("completed");
    if (status == u"failed")
        return tr("failed");
    return status;
}

QString Wording::refundStatus(const QString &status)
{
    if (status == u"open")
        return tr("refund requested");
    if (status == u"approved")
        return tr("refund approved");
    if (status == u"declined")
        return tr("refund declined");
    return status;
}

QString Wording::singular(const QString &plural)
{
    // English only, for the policy's own nouns ("seconds of video" → "second of video",
    // "searches" → "search", "images" → "image"); other languages get their words from a
    // translated policy, not from here.
    const qsizetype of = plural.indexOf(QStringLiteral(" of "));
    QString head = of < 0 ? plural : plural.left(of);
    const QString tail = of < 0 ? QString() : plural.mid(of);
    for (const char16_t *ending : {u"ches", u"shes", u"sses", u"xes"})
        if (head.endsWith(QStringView(ending)))
            return head.chopped(2) + tail;
    if (head.endsWith(u's') && !head.endsWith(QStringLiteral("ss")))
        head.chop(1);
    return head + tail;
}

QString Wording::capacity(const FeatureRule &feature, qint64 count, const AmountFormat &format)
{
    if (pricedByTokens(feature))
        //: "≈ 2.9 M chat tokens": the model tokens the balance pays for
        return tr("≈ %1 %2 tokens").arg(format.count(count, true), featureName(feature.name));
    QString word = quantityUnitOf(feature);
    if (!word.isEmpty()) {
        if (count == 1 && format.locale().language() == QLocale::English)
            word = singular(word);
        return tr("%1 %2").arg(format.count(count), word);
    }
    //: "150 × image": how many tasks of a feature the balance pays for
    return tr("%1 × %2").arg(format.count(count), featureName(feature.name));
}

} // namespace creditdesk
