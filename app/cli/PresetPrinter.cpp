#include "PresetPrinter.h"

#include "Policy.h"

#include <QStringList>

namespace creditdesk {

namespace {

QString cycleText(const CycleRule &c)
{
    switch (c.unit) {
    case CycleRule::Unit::None:
        return QStringLiteral("one-time");
    case CycleRule::Unit::Months:
        return c.count == 1 ? QStringLiteral("every month on the anniversary")
                            : QStringLiteral("every %1 months on the anniversary").arg(c.count);
    case CycleRule::Unit::Days:
        return c.count == 1
                   ? QStringLiteral("every day at 00:00 (account zone)")
                   : QStringLiteral("every %1 days from D1 at 00:00 (account zone)").arg(c.count);
    }
    return {};
}

QString costText(const Policy &p, const FeatureRule &f)
{
    switch (f.pricing) {
    case FeatureRule::Pricing::PerUnit:
        return QStringLiteral("%1 per unit").arg(f.price.toString());
    case FeatureRule::Pricing::PerThousandTokens:
        return QStringLiteral("%1 per 1,000 tokens").arg(f.price.toString());
    case FeatureRule::Pricing::PerModel:
        return QStringLiteral("%1 per model%2")
            .arg(f.price.toString(),
                 f.maxModels > 0 ? QStringLiteral(" (1-%1 models)").arg(f.maxModels) : QString());
    case FeatureRule::Pricing::TierOfRequest: {
        QStringList tiers;
        for (const auto &t : p.tiers)
            tiers << t.name;
        return QStringLiteral("the requested tier's price (%1)").arg(tiers.join(u", "));
    }
    }
    return {};
}

} // namespace

QString PresetPrinter::oneLine(const Policy &p)
{
    return p.name.leftJustified(20) + u' ' + p.summary;
}

QString PresetPrinter::fullRules(const Policy &p)
{
    QString out;
    const auto line = [&out](const QString &s) { out += s + u'\n'; };
    line(QStringLiteral("%1 — %2").arg(p.name, p.title));
    line(p.summary);
    line(QString());
    line(QStringLiteral("Unit:       %1").arg(p.unit));
    line(QStringLiteral("Admission:  %1")
             .arg(p.admission == Admission::Positive
                      ? QStringLiteral("positive (a task may start while credits are above 0)")
                      : QStringLiteral("covers (a task may start only if its cost is covered; "
                                       "the cost is reserved)")));
    if (!p.plans.isEmpty()) {
        line(QStringLiteral("Plans:"));
        for (const auto &plan : p.plans) {
            QString text = QStringLiteral("  %1: ").arg(plan.name);
            text += plan.allotment.isPositive()
                        ? QStringLiteral("%1 %2, %3")
                              .arg(plan.allotment.toString(), p.unit, cycleText(plan.cycle))
                        : QStringLiteral("no allotment");
            for (const auto &w : plan.windows)
                text +=
                    QStringLiteral("; at most %1 per %2 window").arg(w.limit.toString(), w.kind);
            line(text);
        }
    } else {
        line(QStringLiteral("Plans:      none (subscribe is refused)"));
    }
    for (const auto &g : p.signupGrants)
        line(QStringLiteral("Signup:     %1 %2 once (%3, never expires)")
                 .arg(g.amount.toString(), p.unit, bucketKindName(g.kind)));
    for (const auto &g : p.signupRecurring)
        line(QStringLiteral("Signup:     %1 %2 %3 (%4, no carry-over)")
                 .arg(g.amount.toString(), p.unit, cycleText(g.cycle), bucketKindName(g.kind)));
    if (!p.packs.isEmpty()) {
        QStringList packs;
        for (const auto &pack : p.packs)
            packs << (pack.price
                          ? QStringLiteral("%1 = %2 for %3 %4")
                                .arg(pack.name, pack.amount.toString(),
                                     pack.price->amount.toString(), pack.price->currency)
                          : QStringLiteral("%1 = %2").arg(pack.name, pack.amount.toString()));
        line(QStringLiteral("Packs:      %1 (never expire)").arg(packs.join(u", ")));
    } else {
        line(QStringLiteral("Packs:      none (purchases by amount, never expire)"));
    }
    line(QStringLiteral("Costs:"));
    for (const auto &f : p.features)
        line(f.quantityUnit.isEmpty() ? QStringLiteral("  %1: %2").arg(f.name, costText(p, f))
                                      : QStringLiteral("  %1: %2 (quantity in %3)")
                                            .arg(f.name, costText(p, f), f.quantityUnit));
    QList<std::pair<int, QString>> ranked;
    for (int k = 0; k < BucketKindCount; ++k)
        ranked.push_back({p.priority[std::size_t(k)], bucketKindName(BucketKind(k))});
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QStringList order;
    int lastRank = -1;
    for (const auto &[rank, name] : ranked) {
        if (rank == lastRank)
            order.last() += u'/' + name;
        else
            order << name;
        lastRank = rank;
    }
    line(QStringLiteral("Order:      %1; then soonest expiry, then oldest grant")
             .arg(order.join(QStringLiteral(" → "))));
    for (int k = 0; k < BucketKindCount; ++k) {
        const auto &features = p.payableFeatures[std::size_t(k)];
        if (features.isEmpty())
            continue;
        QStringList names;
        for (int f : features)
            names << p.features[f].name;
        line(QStringLiteral("Pays only:  %1 for %2")
                 .arg(bucketKindName(BucketKind(k)), names.join(u", ")));
    }
    QStringList charged, free;
    for (int o = 0; o < OutcomeCount; ++o)
        (p.chargedOutcomes[std::size_t(o)] ? charged : free) << outcomeName(Outcome(o));
    line(QStringLiteral("Charged:    %1").arg(charged.join(u", ")));
    if (!free.isEmpty())
        line(QStringLiteral("Free:       %1").arg(free.join(u", ")));
    if (!p.notes.isEmpty()) {
        line(QString());
        line(QStringLiteral("Notes:"));
        for (const QString &n : p.notes)
            line(QStringLiteral("  - %1").arg(n));
    }
    return out;
}

} // namespace creditdesk
