#include "PolicyReader.h"

#include "JsonFields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <algorithm>
#include <limits>

namespace creditdesk {

namespace {

// The largest cycle a snapshot holds (core/engine/EngineSnapshot.cpp), and the longest usage window
// whose length in seconds a snapshot holds exactly (about 285 million years).
constexpr qint64 MaxCycleCount = 100000;
constexpr qint64 MaxWindowSeconds = 9'000'000'000'000'000;

QString indexed(const QString &path, qsizetype i)
{
    return path + u'[' + QString::number(i) + u']';
}

QJsonArray arrayAt(const JsonFields &f, QStringView key)
{
    if (!f.has(key))
        return {};
    const QJsonValue v = f.value(key);
    if (!v.isArray())
        f.fail(key, QStringLiteral("expected an array"));
    return v.toArray();
}

CycleRule readCycle(const JsonFields &owner, QStringView key)
{
    if (!owner.has(key))
        return {};
    const JsonFields f(owner.value(key), owner.pathOf(key));
    const bool months = f.has(u"months"), days = f.has(u"days");
    if (months == days)
        f.failAt(f.path(), QStringLiteral("give exactly one of \"months\" and \"days\""));
    CycleRule rule;
    rule.unit = months ? CycleRule::Unit::Months : CycleRule::Unit::Days;
    const QStringView unit = months ? u"months" : u"days";
    const qint64 count = f.wholeNumber(unit, 1);
    // Held in an int, and snapshots of the engine take at most this many (8333 years).
    if (count > MaxCycleCount)
        f.fail(unit, QStringLiteral("at most %1").arg(MaxCycleCount));
    rule.count = int(count);
    return rule;
}

BucketKind readKind(const JsonFields &f, QStringView key)
{
    const QString name = f.string(key);
    const auto kind = bucketKindFromName(name);
    if (!kind)
        f.fail(key, QStringLiteral("unknown bucket kind \"%1\"").arg(name));
    return *kind;
}

// {"amount": 10, "currency": "USD"}: a sum of money with at most 3 decimals, and an ISO 4217
// code in capitals.
Price readPrice(const JsonFields &owner, QStringView key)
{
    const JsonFields f(owner.value(key), owner.pathOf(key));
    Price price;
    price.amount = f.nonNegativeAmount(u"amount");
    price.currency = f.string(u"currency");
    const bool iso =
        price.currency.size() == 3 && std::all_of(price.currency.begin(), price.currency.end(),
                                                  [](QChar c) { return c >= u'A' && c <= u'Z'; });
    if (!iso)
        f.fail(u"currency",
               QStringLiteral("expected a three-letter ISO 4217 code such as \"USD\""));
    return price;
}

void requireUniqueName(QSet<QString> &seen, const JsonFields &f, const QString &name)
{
    if (name.isEmpty())
        f.fail(u"name", QStringLiteral("must not be empty"));
    if (seen.contains(name))
        f.fail(u"name", QStringLiteral("\"%1\" is listed twice").arg(name));
    seen.insert(name);
}

Policy readPolicy(const JsonFields &f)
{
    Policy p;
    p.source = f.object();
    p.name = f.string(u"name");
    if (p.name.isEmpty())
        f.fail(u"name", QStringLiteral("must not be empty"));
    p.title = f.optionalString(u"title").value_or(p.name);
    p.summary = f.optionalString(u"summary").value_or(QString());
    p.unit = f.optionalString(u"unit").value_or(QStringLiteral("credits"));
    const QJsonArray notes = arrayAt(f, u"notes");
    for (qsizetype i = 0; i < notes.size(); ++i) {
        if (!notes[i].isString())
            JsonFields::failAt(indexed(f.pathOf(u"notes"), i), QStringLiteral("expected a string"));
        p.notes << notes[i].toString();
    }

    const QString admission = f.optionalString(u"admission").value_or(QStringLiteral("positive"));
    if (admission == u"positive")
        p.admission = Admission::Positive;
    else if (admission == u"covers")
        p.admission = Admission::Covers;
    else
        f.fail(u"admission", QStringLiteral("expected \"positive\" or \"covers\""));

    QSet<QString> seen;
    const QJsonArray tiers = arrayAt(f, u"tiers");
    if (tiers.size() > 10000)
        f.fail(u"tiers", QStringLiteral("at most 10000 tiers"));
    for (qsizetype i = 0; i < tiers.size(); ++i) {
        const JsonFields t(tiers[i], indexed(f.pathOf(u"tiers"), i));
        PriceTier tier{t.string(u"name"), t.nonNegativeAmount(u"price")};
        requireUniqueName(seen, t, tier.name);
        p.tiers << tier;
    }

    seen.clear();
    const QJsonArray features = arrayAt(f, u"features");
    if (features.isEmpty())
        f.fail(u"features", QStringLiteral("a policy needs at least one feature"));
    // Feature and tier indexes are 16-bit in events (a million of them are held at once).
    if (features.size() > 10000)
        f.fail(u"features", QStringLiteral("at most 10000 features"));
    for (qsizetype i = 0; i < features.size(); ++i) {
        const JsonFields t(features[i], indexed(f.pathOf(u"features"), i));
        FeatureRule feature;
        feature.name = t.string(u"name");
        requireUniqueName(seen, t, feature.name);
        const int ways =
            int(t.has(u"price")) + int(t.has(u"per_1000_tokens")) + int(t.has(u"tier"));
        if (ways != 1)
            t.failAt(t.path(), QStringLiteral("give exactly one of \"price\", "
                                              "\"per_1000_tokens\" and \"tier\""));
        if (t.has(u"price")) {
            feature.price = t.nonNegativeAmount(u"price");
        } else if (t.has(u"per_1000_tokens")) {
            feature.pricing = FeatureRule::Pricing::PerThousandTokens;
            feature.price = t.nonNegativeAmount(u"per_1000_tokens");
        } else {
            const QString tierName = t.string(u"tier");
            if (tierName == u"from_request") {
                feature.pricing = FeatureRule::Pricing::TierOfRequest;
            } else {
                const int tier = p.tierIndex(tierName);
                if (tier < 0)
                    t.fail(u"tier", QStringLiteral("unknown tier \"%1\"").arg(tierName));
                feature.price = p.tiers[tier].price;
            }
        }
        if (t.optionalBool(u"per_model").value_or(false)) {
            if (feature.pricing != FeatureRule::Pricing::PerUnit)
                t.fail(u"per_model", QStringLiteral("only a fixed price can be per model"));
            feature.pricing = FeatureRule::Pricing::PerModel;
            // Requests hold model counts in 16 bits (capped): a limit keeps any larger count
            // refused rather than charged at the cap.
            const qint64 maxModels = t.optionalWholeNumber(u"max_models", 1).value_or(10000);
            if (maxModels > 10000) // checked before it is narrowed to an int
                t.fail(u"max_models", QStringLiteral("at most 10000"));
            feature.maxModels = int(maxModels);
        }
        if (t.has(u"quantity_unit")) {
            // Token-priced features count tokens: the client says so in its own words.
            if (feature.pricing == FeatureRule::Pricing::PerThousandTokens)
                t.fail(u"quantity_unit",
                       QStringLiteral("a feature priced per 1,000 tokens counts tokens: "
                                      "leave \"quantity_unit\" out"));
            feature.quantityUnit = t.string(u"quantity_unit");
            if (feature.quantityUnit.trimmed() != feature.quantityUnit ||
                feature.quantityUnit.isEmpty() || feature.quantityUnit.size() > 40)
                t.fail(u"quantity_unit",
                       QStringLiteral("a plural noun of 1 to 40 characters, no space around "
                                      "it (\"images\", \"seconds of video\")"));
        }
        p.features << feature;
    }

    seen.clear();
    const QJsonArray plans = arrayAt(f, u"plans");
    for (qsizetype i = 0; i < plans.size(); ++i) {
        const JsonFields t(plans[i], indexed(f.pathOf(u"plans"), i));
        PlanRule plan;
        plan.name = t.string(u"name");
        requireUniqueName(seen, t, plan.name);
        plan.allotment = t.has(u"allotment") ? t.nonNegativeAmount(u"allotment") : Credits();
        plan.cycle = readCycle(t, u"cycle");
        if (plan.allotment.isPositive() != plan.cycle.recurs())
            t.failAt(t.path(), QStringLiteral("a plan with an allotment needs a cycle, "
                                              "and a cycle needs an allotment"));
        const QJsonArray windows = arrayAt(t, u"windows");
        for (qsizetype w = 0; w < windows.size(); ++w) {
            const JsonFields wf(windows[w], indexed(t.pathOf(u"windows"), w));
            UsageWindowRule rule;
            rule.kind = wf.string(u"kind");
            const bool hours = wf.has(u"hours");
            if (hours == wf.has(u"days"))
                wf.failAt(wf.path(), QStringLiteral("give exactly one of \"hours\" and \"days\""));
            const QStringView unit = hours ? u"hours" : u"days";
            const qint64 count = wf.wholeNumber(unit, 1);
            const qint64 unitSeconds = hours ? 3600 : SecondsPerDay;
            // In seconds it must fit the engine's times (and a snapshot's numbers).
            if (count > MaxWindowSeconds / unitSeconds)
                wf.fail(unit, QStringLiteral("at most %1").arg(MaxWindowSeconds / unitSeconds));
            rule.lengthSeconds = count * unitSeconds;
            rule.limit = wf.positiveAmount(u"limit");
            for (const auto &other : plan.windows)
                if (other.kind == rule.kind)
                    wf.fail(u"kind", QStringLiteral("\"%1\" is listed twice").arg(rule.kind));
            plan.windows << rule;
        }
        std::stable_sort(
            plan.windows.begin(), plan.windows.end(),
            [](const auto &a, const auto &b) { return a.lengthSeconds < b.lengthSeconds; });
        p.plans << plan;
    }

    seen.clear();
    const QJsonArray packs = arrayAt(f, u"packs");
    for (qsizetype i = 0; i < packs.size(); ++i) {
        const JsonFields t(packs[i], indexed(f.pathOf(u"packs"), i));
        Pack pack;
        pack.name = t.string(u"name");
        pack.amount = t.positiveAmount(u"amount");
        requireUniqueName(seen, t, pack.name);
        if (t.has(u"price"))
            pack.price = readPrice(t, u"price");
        p.packs << pack;
    }

    if (f.has(u"signup")) {
        const JsonFields s(f.value(u"signup"), f.pathOf(u"signup"));
        const QJsonArray grants = arrayAt(s, u"grants");
        for (qsizetype i = 0; i < grants.size(); ++i) {
            const JsonFields t(grants[i], indexed(s.pathOf(u"grants"), i));
            p.signupGrants << OneTimeGrant{readKind(t, u"kind"), t.positiveAmount(u"amount")};
        }
        const QJsonArray recurring = arrayAt(s, u"recurring");
        for (qsizetype i = 0; i < recurring.size(); ++i) {
            const JsonFields t(recurring[i], indexed(s.pathOf(u"recurring"), i));
            RecurringGrant g{readKind(t, u"kind"), t.positiveAmount(u"amount"),
                             readCycle(t, u"cycle")};
            if (!g.cycle.recurs())
                t.fail(u"cycle", QStringLiteral("a recurring grant needs a cycle"));
            if (g.kind == BucketKind::Plan)
                t.fail(u"kind", QStringLiteral("plan credits come from plans"));
            p.signupRecurring << g;
        }
    }

    p.priority.fill(0);
    if (f.has(u"priority")) {
        const JsonFields pr(f.value(u"priority"), f.pathOf(u"priority"));
        for (auto it = pr.object().begin(); it != pr.object().end(); ++it) {
            const auto kind = bucketKindFromName(it.key());
            if (!kind)
                pr.fail(it.key(), QStringLiteral("unknown bucket kind \"%1\"").arg(it.key()));
            const qint64 rank = pr.wholeNumber(it.key(), 1);
            // An int, and one past the highest rank is the unranked kinds' rank.
            if (rank >= std::numeric_limits<int>::max())
                pr.fail(it.key(),
                        QStringLiteral("at most %1").arg(std::numeric_limits<int>::max() - 1));
            p.priority[std::size_t(*kind)] = int(rank);
        }
    }
    // Unranked kinds come after every ranked one, together.
    int unranked = 1;
    for (int v : p.priority)
        unranked = std::max(unranked, v + 1);
    for (int &v : p.priority)
        if (v == 0)
            v = unranked;

    if (f.has(u"applicability")) {
        const JsonFields ap(f.value(u"applicability"), f.pathOf(u"applicability"));
        for (auto it = ap.object().begin(); it != ap.object().end(); ++it) {
            const auto kind = bucketKindFromName(it.key());
            if (!kind)
                ap.fail(it.key(), QStringLiteral("unknown bucket kind \"%1\"").arg(it.key()));
            const QJsonArray list = arrayAt(ap, it.key());
            if (list.isEmpty())
                ap.fail(it.key(), QStringLiteral("list at least one feature"));
            for (qsizetype i = 0; i < list.size(); ++i) {
                const int feature = p.featureIndex(list[i].toString());
                if (!list[i].isString() || feature < 0)
                    JsonFields::failAt(indexed(ap.pathOf(it.key()), i),
                                       QStringLiteral("unknown feature"));
                p.payableFeatures[std::size_t(*kind)] << feature;
            }
        }
    }

    if (f.has(u"charged_outcomes")) {
        p.chargedOutcomes.fill(false);
        const QJsonArray list = arrayAt(f, u"charged_outcomes");
        for (qsizetype i = 0; i < list.size(); ++i) {
            const auto outcome = outcomeFromName(list[i].toString());
            if (!list[i].isString() || !outcome)
                JsonFields::failAt(indexed(f.pathOf(u"charged_outcomes"), i),
                                   QStringLiteral("unknown outcome"));
            p.chargedOutcomes[std::size_t(*outcome)] = true;
        }
    }
    p.taskEndRequiresTokens = f.optionalBool(u"task_end_requires_tokens").value_or(false);
    p.defaultTokens = f.optionalWholeNumber(u"default_tokens", 0).value_or(1000);
    return p;
}

} // namespace

Policy PolicyReader::readOrThrow(const QJsonValue &json, const QString &path)
{
    return readPolicy(JsonFields(json, path));
}

std::variant<Policy, ParseError> PolicyReader::read(const QJsonValue &json, const QString &path)
{
    try {
        return readOrThrow(json, path);
    } catch (const ParseError &e) {
        return e;
    }
}

std::variant<Policy, ParseError> PolicyReader::readDocument(const QByteArray &json,
                                                            const QString &fileName)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return ParseError{fileName, QStringLiteral("not valid JSON: %1 at offset %2")
                                        .arg(error.errorString())
                                        .arg(error.offset)};
    return read(doc.object(), QString());
}

} // namespace creditdesk
