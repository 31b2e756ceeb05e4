#include "RuleWording.h"

#include "AmountFormat.h"
#include "TimeFormat.h"
#include "Wording.h"

#include <algorithm>

namespace creditdesk {

namespace {

const char *const KnownIds[] = {
    "grant.signup",
    "grant.pool_start",
    "grant.event",
    "purchase.credited",
    "refresh.monthly_anniversary",
    "refresh.rolling_days",
    "refresh.daily_midnight",
    "expire.no_rollover",
    "expire.lot",
    "plan.change",
    "reject.insufficient_positive",
    "reject.insufficient_covers",
    "reject.limit",
    "reject.invalid",
    "reserve.hold",
    "reserve.release",
    "charge.consumption_order",
    "charge.applicability",
    "charge.uncovered",
    "refund.to_lots",
    "refund.to_refund_lot",
    "debit.adjustment",
    "task.outcome_free",
    "task.promotion_free",
};

Credits magnitude(Credits c)
{
    return c.isNegative() ? -c : c;
}

} // namespace

RuleWording::RuleWording(const Policy &policy, const TimeFormat &times, const AmountFormat &amounts,
                         QString zoneId)
    : m_policy(policy)
    , m_times(times)
    , m_amounts(amounts)
    , m_zoneId(std::move(zoneId))
{}

bool RuleWording::isKnown(const QString &id)
{
    for (const char *known : KnownIds)
        if (id == QLatin1String(known))
            return true;
    return false;
}

QString RuleWording::bucket(const Step &step) const
{
    return step.entry.hasBucket ? Wording::bucketAdjective(step.entry.bucket) : tr("spendable");
}

QString RuleWording::amount(Credits a) const
{
    return m_amounts.number(magnitude(a));
}

QString RuleWording::when(TimePoint at) const
{
    return tr("%1 %2").arg(m_times.absolute(at), m_zoneId);
}

QString RuleWording::payableFeatures(BucketKind kind) const
{
    QStringList names;
    for (int f : m_policy.payableFeatures[std::size_t(kind)])
        if (f >= 0 && f < m_policy.features.size())
            names << Wording::featureName(m_policy.features.at(f).name);
    return names.join(tr(", "));
}

QString RuleWording::rule(const QString &id, const Step &s) const
{
    const LedgerEntry &e = s.entry;
    const QString unit = m_amounts.unit();
    const QString kind = bucket(s);
    const QString feature = s.feature.isEmpty() ? tr("task") : Wording::featureName(s.feature);
    if (id == u"grant.signup")
        return tr("%1 %2 %3 granted once, at signup").arg(amount(e.amount), kind, unit);
    if (id == u"grant.pool_start")
        return tr("%1 %2 %3 issued: the pool's first allotment").arg(amount(e.amount), kind, unit);
    if (id == u"grant.event")
        return s.note.isEmpty()
                   ? tr("granted %1 %2 %3").arg(amount(e.amount), kind, unit)
                   : tr("granted %1 %2 %3: “%4”").arg(amount(e.amount), kind, unit, s.note);
    if (id == u"purchase.credited")
        return tr("%1 %2 bought and credited").arg(amount(e.amount), unit);
    if (id == u"refresh.monthly_anniversary" || id == u"refresh.rolling_days" ||
        id == u"refresh.daily_midnight") {
        const QString cycle = id == u"refresh.monthly_anniversary"
                                  ? tr("%1 %2 refresh on the subscription's monthly anniversary")
                              : id == u"refresh.rolling_days"
                                  ? tr("%1 %2 refresh at local midnight every cycle of days "
                                       "from the plan's start")
                                  : tr("%1 %2 refresh at local midnight every day");
        const QString rule = tr("%1: %2").arg(cycle.arg(kind, unit), when(e.at));
        // The refresh itself says what it issued first; an expiry at the refresh has its
        // own words first (sentence()), this rule after them.
        return e.type == EntryType::Refresh
                   ? tr("%1 %2 %3 issued; %4").arg(amount(e.amount), kind, unit, rule)
                   : rule;
    }
    if (id == u"expire.no_rollover")
        return tr("%1 unused %2 %3 expired, no rollover").arg(amount(e.amount), kind, unit);
    if (id == u"expire.lot")
        return tr("%1 %2 %3 expired on their own expiry date: %4")
            .arg(amount(e.amount), kind, unit, when(e.at));
    if (id == u"plan.change")
        return tr("the plan changed: the old plan's %1 %2 were removed")
            .arg(amount(e.amount), unit);
    if (id == u"reject.insufficient_positive")
        return tr("refused: nothing was left that may pay for the %1 (it starts while the "
                  "balance is above zero)")
            .arg(feature);
    if (id == u"reject.insufficient_covers")
        return tr("refused: the %1's estimate did not fit what was left after the open "
                  "reservations")
            .arg(feature);
    if (id == u"reject.limit")
        return tr("refused: the usage window's limit was reached");
    if (id == u"reject.invalid")
        return tr("refused as an invalid request");
    if (id == u"reserve.hold")
        return tr("%1 %2 held while the %3 ran").arg(amount(e.amount), unit, feature);
    if (id == u"reserve.release")
        return tr("the hold for the %1 was released").arg(feature);
    if (id == u"charge.consumption_order")
        return tr("charged %1 %2 from %3 %2, in consumption order")
            .arg(amount(e.amount), unit, kind);
    if (id == u"charge.applicability") {
        const QString features = e.hasBucket ? payableFeatures(e.bucket) : QString();
        if (!features.isEmpty())
            return tr("%1 %2 pay for %3 features only").arg(kind, unit, features);
        // The bucket that paid may pay for anything: the rule is about the kinds that may not
        // ("free daily credits pay for image features only"), so name those.
        QStringList limits;
        for (int k = 0; k < BucketKindCount; ++k) {
            const auto other = static_cast<BucketKind>(k);
            const QString only = payableFeatures(other);
            if (!only.isEmpty())
                limits << tr("%1 %2 pay for %3 features only")
                              .arg(Wording::bucketAdjective(other), unit, only);
        }
        return limits.isEmpty() ? tr("only some %1 may pay for the %2").arg(unit, feature)
                                : limits.join(tr("; "));
    }
    if (id == u"charge.uncovered")
        return tr("%1 %2 of the cost were not covered and were written off")
            .arg(amount(e.uncovered), unit);
    if (id == u"refund.to_lots")
        return tr("refunded %1 %2 to the credits they were taken from").arg(amount(e.amount), unit);
    if (id == u"refund.to_refund_lot")
        return tr("refunded %1 %2 as never-expiring refund credits: the credits they came "
                  "from had expired")
            .arg(amount(e.amount), unit);
    if (id == u"debit.adjustment")
        return s.note.isEmpty()
                   ? tr("support removed %1 %2").arg(amount(e.amount), unit)
                   : tr("support removed %1 %2: “%3”").arg(amount(e.amount), unit, s.note);
    if (id == u"task.outcome_free") {
        const QString how = !s.outcomeKnown                          ? QString()
                            : s.outcome == Outcome::SystemError      ? tr("failed")
                            : s.outcome == Outcome::ContentViolation ? tr("blocked")
                            : s.outcome == Outcome::Cancelled        ? tr("cancelled")
                                                                     : QString();
        return how.isEmpty()
                   ? tr("charged on success only: the %1 cost nothing").arg(feature)
                   : tr("charged on success only: the %1 %2 cost nothing").arg(how, feature);
    }
    if (id == u"task.promotion_free")
        return tr("the %1 started inside a promotion: free").arg(feature);
    return id;
}

QString RuleWording::sentence(const Step &step) const
{
    // What happened comes first, why after: an expiry at a refresh reads "230 unused plan
    // credits expired, no rollover; plan credits refresh on …", not the other way round.
    QStringList ids = step.rules;
    if (step.entry.type == EntryType::Expire)
        std::stable_partition(ids.begin(), ids.end(),
                              [](const QString &id) { return id.startsWith(u"expire."); });
    QStringList parts;
    for (const QString &id : std::as_const(ids))
        parts << rule(id, step);
    if (parts.isEmpty())
        parts << tr("%1 %2 %3")
                     .arg(Wording::entryType(step.entry.type),
                          m_amounts.signedNumber(step.entry.amount), m_amounts.unit());
    return parts.join(QStringLiteral("; "));
}

} // namespace creditdesk
