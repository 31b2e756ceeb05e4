#include "PlanWording.h"

#include "AmountFormat.h"
#include "BalanceSeries.h"
#include "CreditEngine.h"
#include "TimeFormat.h"
#include "Wording.h"

#include <QDateTime>

#include <cmath>

namespace creditdesk {

namespace {

QDate dayOf(const AccountZone &zone, TimePoint t)
{
    return zone.localDate(t);
}

// Whole days between two instants, rounded to the nearest day (at least 1).
qint64 daysBetween(TimePoint from, TimePoint to)
{
    return std::max<qint64>(1, (to - from + SecondsPerDay / 2) / SecondsPerDay);
}

} // namespace

PlanWording::PlanWording(const TimeFormat &times, const AmountFormat &amounts)
    : m_times(times)
    , m_amounts(amounts)
{}

QString PlanWording::pace(Credits burnPerDay) const
{
    return tr("%1/day").arg(m_amounts.rate(burnPerDay));
}

QString PlanWording::dayPair(TimePoint a, TimePoint b, TimePoint now) const
{
    const QDate da = dayOf(m_times.zone(), a);
    const QDate db = dayOf(m_times.zone(), b);
    const QLocale &locale = m_amounts.locale();
    if (da.year() == db.year() && da.month() == db.month())
        return tr("%1 and %2")
            .arg(locale.toString(da, QStringLiteral("ddd d")), m_times.date(b, now));
    return tr("%1 and %2").arg(m_times.date(a, now), m_times.date(b, now));
}

PlanWording::Sentence PlanWording::runOut(const BurnForecast::Result &f) const
{
    using Tone = ThemePalette::Tone;
    const TimePoint now = f.at;
    const TimePoint refresh = f.baseline.nextRefreshAt;
    const QString refreshText = refresh == NoTime ? QString() : m_times.date(refresh, now);
    if (!f.available.isPositive()) {
        if (refresh != NoTime)
            return {tr("You are out of %1 until your next refresh on %2.")
                        .arg(m_amounts.unit(), refreshText),
                    Tone::Critical};
        return {tr("You are out of %1: a top-up brings you back.").arg(m_amounts.unit()),
                Tone::Critical};
    }
    if (const auto *little = std::get_if<BurnForecast::TooLittleHistory>(&f.spread)) {
        return {tr("Too little history to forecast yet: %n day(s) so far, at least %1 needed. "
                   "Come back in a few days.",
                   nullptr, little->daysSeen)
                    .arg(BurnForecast::MinimumDays),
                Tone::Muted};
    }
    if (std::holds_alternative<BurnForecast::NoBurn>(f.spread) ||
        !f.baseline.burnPerDay.isPositive()) {
        return {tr("You have not used any %1 lately: at this pace nothing runs out.")
                    .arg(m_amounts.unit()),
                Tone::Good};
    }
    const auto &range = std::get<BurnForecast::Range>(f.spread);
    const QString paceText = pace(f.baseline.burnPerDay);
    // The band in words; `alone` when it is the sentence's only date ("you run out between
    // …"), else the clause that follows the baseline's date ("…; at your 28-day pace, between …").
    const auto bandWords = [&](bool alone) {
        if (range.earliest == Never)
            return alone ? tr("you do not run out within ten years") : tr("not within ten years");
        if (range.latest == Never)
            return (alone ? tr("you run out on %1 at the earliest") : tr("on %1 at the earliest"))
                .arg(m_times.date(range.earliest, now));
        if (dayOf(m_times.zone(), range.earliest) == dayOf(m_times.zone(), range.latest))
            return (alone ? tr("you run out on %1") : tr("on %1"))
                .arg(m_times.date(range.earliest, now));
        return (alone ? tr("you run out between %1") : tr("likely between %1"))
            .arg(dayPair(range.earliest, range.latest, now));
    };
    // The baseline (the last 7 days, the dashboard's date) and the band (the last 28 days) can
    // disagree when the last week was unlike the month. Then both are said, each with its own
    // pace, so the plan never contradicts the dashboard; the refresh verdict takes the earliest
    // and the latest of the two.
    const TimePoint baseline = f.baseline.runsOutAt;
    const auto before = [&](TimePoint a, TimePoint b) { // Never (and NoTime) is the far end
        return a != Never && a != NoTime && (b == Never || b == NoTime || a < b);
    };
    const bool baselineInBand =
        baseline == NoTime ||
        (range.earliest != Never &&
         dayOf(m_times.zone(), baseline) >= dayOf(m_times.zone(), range.earliest) &&
         (range.latest == Never ||
          dayOf(m_times.zone(), baseline) <= dayOf(m_times.zone(), range.latest)));
    QString start;
    TimePoint earliest = range.earliest;
    TimePoint latest = range.latest;
    if (baselineInBand) {
        start = tr("At your pace (%1) %2").arg(paceText, bandWords(true));
    } else {
        start = tr("At your 7-day pace (%1) you run out on %2; at your %3-day pace (%4), %5")
                    .arg(paceText, m_times.date(baseline, now))
                    .arg(range.daysUsed)
                    .arg(pace(range.meanBurnPerDay), bandWords(false));
        if (before(baseline, earliest))
            earliest = baseline;
        if (before(latest, baseline))
            latest = baseline;
    }
    if (refresh == NoTime) {
        const bool soon = earliest != Never && earliest - now < 7 * SecondsPerDay;
        return {tr("%1. Nothing refreshes on this plan.").arg(start),
                soon ? Tone::Warning : Tone::Normal};
    }
    if (earliest >= refresh)
        return {tr("%1, after your next refresh on %2 — you're fine.").arg(start, refreshText),
                Tone::Good};
    if (latest != Never && latest < refresh) {
        const qint64 fewest = daysBetween(latest, refresh);
        const qint64 most = daysBetween(earliest, refresh);
        const QString days = fewest == most ? tr("%n day(s)", nullptr, int(most))
                                            : tr("%1–%2 days").arg(fewest).arg(most);
        return {tr("%1 — likely %2 before your refresh on %3.").arg(start, days, refreshText),
                Tone::Critical};
    }
    return {tr("%1 — possibly before your next refresh on %2.").arg(start, refreshText),
            Tone::Warning};
}

PlanWording::Sentence PlanWording::waste(const WasteForecast::Answer &w) const
{
    using Tone = ThemePalette::Tone;
    if (!w.hasPlanRefresh)
        return {tr("No plan %1 expire at a refresh on this account.").arg(m_amounts.unit()),
                Tone::Muted};
    const QString date = m_times.date(w.refreshAt);
    if (!w.wasted.isPositive())
        return {tr("At your pace you use all your plan %1 before the refresh on %2: none go to "
                   "waste.")
                    .arg(m_amounts.unit(), date),
                Tone::Good};
    return {tr("%1 plan %2 will expire unused at the refresh on %3 — plan %2 do not roll over.")
                .arg(m_amounts.number(w.wasted), m_amounts.unit(), date),
            Tone::Warning};
}

PlanWording::Sentence PlanWording::whatIf(const WhatIf::Answer &a, const WhatIf::Request &r,
                                          const Policy &policy, Credits availableAtEnd) const
{
    using Tone = ThemePalette::Tone;
    const int feature = policy.featureIndex(r.feature);
    const FeatureRule *f = feature >= 0 ? &policy.features[feature] : nullptr;
    const QString what = f && !f->quantityUnit.isEmpty() && r.quantityMilli == Credits::Scale
                             ? f->quantityUnit
                             : tr("%1 tasks").arg(Wording::featureName(r.feature));
    const QString head =
        tr("With %1 more %2 a day until %3").arg(r.perDay).arg(what, m_times.date(a.until, a.from));
    if (a.limitedAt != NoTime && (a.runsOutAt == NoTime || a.limitedAt < a.runsOutAt))
        return {tr("%1, a usage window stops you first on %2 (%3 of %4 tasks refused).")
                    .arg(head, m_times.absolute(a.limitedAt, a.from))
                    .arg(a.rejected)
                    .arg(a.tasks),
                Tone::Warning};
    if (a.runsOutAt != NoTime)
        return {tr("%1, you would run out on %2.").arg(head, m_times.absolute(a.runsOutAt, a.from)),
                Tone::Critical};
    return {tr("%1, you would still have %2 then (the %3 tasks cost %4).")
                .arg(head, m_amounts.withUnit(availableAtEnd))
                .arg(a.tasks)
                .arg(m_amounts.number(a.charged)),
            Tone::Good};
}

QString PlanWording::problem(const WhatIf::Rejected &r, const QString &unit) const
{
    using P = WhatIf::Problem;
    switch (r.problem) {
    case P::UnknownFeature:
        return tr("This plan has no such feature.");
    case P::QuantityNotPositive:
        return tr("The quantity must be above 0.");
    case P::TooManyModels:
        return r.limit <= 1 ? tr("This feature runs one model at a time.")
                            : tr("At most %1 models.").arg(r.limit);
    case P::TierRequired:
        return tr("Pick a tier: this feature is priced by it.");
    case P::UnknownTier:
        return tr("This plan has no such tier.");
    case P::TokensRequired:
        return tr("Give the tokens per task: %1 are charged by them.").arg(unit);
    case P::PerDayOutOfRange:
        return tr("From 1 to %1 tasks a day.").arg(r.limit);
    case P::DaysOutOfRange:
        return tr("Up to %1 days.").arg(r.limit);
    case P::EngineRejects:
        return tr("The engine refuses this request as invalid.");
    }
    return {};
}

PlanWording::Sentence PlanWording::packAdvice(const PackAdvice::Answer &a, const Policy &policy,
                                              bool toRefresh, TimePoint now) const
{
    using Tone = ThemePalette::Tone;
    const QString until = toRefresh ? tr("to your refresh on %1").arg(m_times.date(a.until, now))
                                    : tr("to %1").arg(m_times.date(a.until, now));
    switch (a.kind) {
    case PackAdvice::Kind::NotNeeded:
        if (a.basis == PackAdvice::Basis::WhatIf)
            return {tr("You don't need a top-up: with the what-if, what you have and what "
                       "refreshes on the way last %1.")
                        .arg(until),
                    Tone::Good};
        return {tr("You don't need a top-up: at your pace, what you have and what refreshes on "
                   "the way last %1.")
                    .arg(until),
                Tone::Good};
    case PackAdvice::Kind::Pack: {
        const Pack &p = policy.packs[a.pack];
        QString price;
        if (a.price && a.pricePerHundred)
            price =
                tr(", %1 — %2 per 100 %3")
                    .arg(m_amounts.price(a.price->amount, a.price->currency),
                         m_amounts.price(*a.pricePerHundred, a.price->currency), m_amounts.unit());
        if (a.basis == PackAdvice::Basis::WhatIf)
            return {tr("With the what-if, %1 (%2%3) carries you %4 — you need %5 more.")
                        .arg(Wording::featureName(p.name), m_amounts.withUnit(p.amount), price,
                             until, m_amounts.number(a.need)),
                    Tone::Warning};
        return {tr("%1 (%2%3) carries you %4 — you need %5 more.")
                    .arg(Wording::featureName(p.name), m_amounts.withUnit(p.amount), price, until,
                         m_amounts.number(a.need)),
                Tone::Warning};
    }
    case PackAdvice::Kind::CustomAmount:
        return {tr("A top-up of %1 carries you %2 (no pack is big enough).")
                    .arg(m_amounts.withUnit(a.amount), until),
                Tone::Warning};
    case PackAdvice::Kind::NothingSuffices:
        if (a.pack >= 0)
            return {tr("You need %1 more %2; even the largest pack (%3, %4) does not cover it.")
                        .arg(m_amounts.withUnit(a.need), until,
                             Wording::featureName(policy.packs[a.pack].name),
                             m_amounts.withUnit(policy.packs[a.pack].amount)),
                    Tone::Critical};
        return {tr("You need %1 more %2, and this plan sells no top-ups.")
                    .arg(m_amounts.withUnit(a.need), until),
                Tone::Critical};
    }
    return {};
}

QString PlanWording::packButton(const PackAdvice::Answer &a, const Policy &policy) const
{
    if (a.kind == PackAdvice::Kind::Pack ||
        (a.kind == PackAdvice::Kind::NothingSuffices && a.pack >= 0))
        return tr("Buy %1…").arg(Wording::featureName(policy.packs[a.pack].name));
    if (a.kind == PackAdvice::Kind::CustomAmount)
        return tr("Buy %1…").arg(m_amounts.withUnit(a.amount));
    return {};
}

QString PlanWording::stepDescription(const CreditEngine &engine, const BalanceStep &step) const
{
    QStringList parts;
    const auto &ledger = engine.ledger();
    for (std::size_t i = step.firstEntry; i < step.endEntry && i < ledger.size(); ++i) {
        const LedgerEntry &e = ledger[i];
        if (e.amount.isZero() && e.type != EntryType::Reject)
            continue;
        QString part =
            tr("%1 %2").arg(Wording::entryType(e.type), m_amounts.signedNumber(e.amount));
        if (e.hasBucket)
            part = tr("%1 %2").arg(part, Wording::bucketAdjective(e.bucket));
        if (e.task >= 0)
            part = tr("%1 (task %2)").arg(part, engine.names().name(e.task));
        parts << part;
        if (parts.size() == 4 && step.endEntry - i > 1) {
            parts << tr("%n more", nullptr, int(step.endEntry - i - 1));
            break;
        }
    }
    return parts.join(QStringLiteral(" · "));
}

} // namespace creditdesk
