#include "ScenarioItemReader.h"

#include <QStringList>

#include <array>

namespace creditdesk {

namespace {

// As Policy's planIndex(), featureIndex()... for a string node, without decoding it.
template <typename List> int indexByName(const List &list, const json::Node &name)
{
    for (int i = 0; i < int(list.size()); ++i)
        if (json::equals(name, list[i].name))
            return i;
    return -1;
}

std::optional<Outcome> outcomeOf(const json::Node &name)
{
    static const std::array<QString, OutcomeCount> names = [] {
        std::array<QString, OutcomeCount> all;
        for (int i = 0; i < OutcomeCount; ++i)
            all[std::size_t(i)] = outcomeName(Outcome(i));
        return all;
    }();
    for (int i = 0; i < OutcomeCount; ++i)
        if (json::equals(name, names[std::size_t(i)]))
            return Outcome(i);
    return std::nullopt;
}

int featureOf(const JsonDomFields &f, const Policy &policy)
{
    const json::Node &name = f.stringNode("feature");
    const int feature = indexByName(policy.features, name);
    if (feature < 0)
        f.fail("feature", QStringLiteral("unknown feature \"%1\" (%2 has: %3)")
                              .arg(json::toString(name), policy.name, [&] {
                                  QStringList all;
                                  for (const auto &x : policy.features)
                                      all << x.name;
                                  return all.join(u", ");
                              }()));
    return feature;
}

TaskRequest readRequest(const JsonDomFields &f, const Policy &policy)
{
    TaskRequest r;
    r.feature = qint16(featureOf(f, policy));
    if (f.has("quantity"))
        r.quantityMilli = f.positiveAmount("quantity").milli();
    // More models than an int holds are as invalid as 5: keep the count, capped, so the
    // engine refuses it rather than reading a wrapped number.
    r.models = qint16(std::min<qint64>(f.optionalWholeNumber("models", 1).value_or(1), 32767));
    if (f.has("tier")) {
        r.tierGiven = true;
        r.tier = qint16(indexByName(policy.tiers, f.stringNode("tier")));
    }
    r.tokens = f.optionalWholeNumber("tokens", 0).value_or(-1);
    return r;
}

} // namespace

Event readScenarioEvent(const JsonDomFields &f, const Policy &policy, json::Node &name)
{
    name = json::Node();
    Event e;
    e.at = f.time("at");
    const json::Node &type = f.stringNode("type");
    const auto is = [&type](std::string_view text) { return json::equalsAscii(type, text); };
    if (is("signup")) {
        e.type = EventType::Signup;
    } else if (is("subscribe")) {
        e.type = EventType::Subscribe;
        const json::Node &plan = f.stringNode("plan");
        if (policy.plans.isEmpty())
            f.fail("type", QStringLiteral("%1 has no plans to subscribe to").arg(policy.name));
        e.plan = indexByName(policy.plans, plan);
        if (e.plan < 0)
            f.fail("plan", QStringLiteral("unknown plan \"%1\"").arg(json::toString(plan)));
    } else if (is("grant")) {
        e.type = EventType::Grant;
        const json::Node &kind = f.stringNode("kind");
        if (json::equalsAscii(kind, "bonus") || json::equalsAscii(kind, "promo") ||
            json::equalsAscii(kind, "trial") || json::equalsAscii(kind, "referral"))
            e.kind = BucketKind::Bonus;
        else if (json::equalsAscii(kind, "adjustment"))
            e.kind = BucketKind::Adjustment;
        else
            f.fail("kind", QStringLiteral("unknown grant kind \"%1\" (expected bonus, promo, "
                                          "trial, referral or adjustment)")
                               .arg(json::toString(kind)));
        e.amount = f.positiveAmount("amount");
        if (const auto expires = f.optionalTime("expires_at")) {
            if (*expires <= e.at)
                f.fail("expires_at", QStringLiteral("must be after the grant's time"));
            e.until = *expires;
        }
    } else if (is("purchase")) {
        e.type = EventType::Purchase;
        const bool byPack = f.has("pack"), byAmount = f.has("amount");
        if (byPack == byAmount)
            f.fail("pack", QStringLiteral("give exactly one of \"pack\" and \"amount\""));
        if (byPack) {
            const json::Node &pack = f.stringNode("pack");
            e.pack = indexByName(policy.packs, pack);
            if (e.pack < 0)
                f.fail("pack", QStringLiteral("unknown pack \"%1\"").arg(json::toString(pack)));
        } else {
            e.amount = f.positiveAmount("amount");
        }
    } else if (is("task_start")) {
        e.type = EventType::TaskStart;
        name = f.stringNode("task");
        e.request = readRequest(f, policy);
    } else if (is("task_end")) {
        e.type = EventType::TaskEnd;
        name = f.stringNode("task");
        const json::Node &outcome = f.stringNode("outcome");
        const auto parsed = outcomeOf(outcome);
        if (!parsed)
            f.fail("outcome", QStringLiteral("unknown outcome \"%1\" (expected success, "
                                             "system_error, content_violation or cancelled)")
                                  .arg(json::toString(outcome)));
        e.outcome = *parsed;
        e.request.tokens = f.optionalWholeNumber("tokens", 0).value_or(-1);
        if (e.request.tokens < 0 && policy.taskEndRequiresTokens)
            f.fail("tokens",
                   QStringLiteral("missing: %1 charges the tokens processed").arg(policy.name));
    } else if (is("refund")) {
        e.type = EventType::Refund;
        name = f.stringNode("task");
    } else if (is("debit")) {
        e.type = EventType::Debit;
        e.amount = f.positiveAmount("amount");
        if (f.has("reason"))
            name = f.stringNode("reason");
    } else if (is("promotion")) {
        e.type = EventType::Promotion;
        e.request.feature = qint16(featureOf(f, policy));
        e.from = f.time("from");
        e.until = f.time("until");
        if (e.until <= e.from)
            f.fail("until", QStringLiteral("must be after \"from\""));
    } else {
        f.fail("type", QStringLiteral("unknown event type \"%1\"").arg(json::toString(type)));
    }
    return e;
}

Query readScenarioQuery(const JsonDomFields &f, const Policy &policy)
{
    Query q;
    q.at = f.time("at");
    const json::Node &ask = f.stringNode("ask");
    const auto is = [&ask](std::string_view text) { return json::equalsAscii(ask, text); };
    if (is("balance")) {
        q.ask = Query::Ask::Balance;
    } else if (is("next_refresh")) {
        q.ask = Query::Ask::NextRefresh;
    } else if (is("can_start")) {
        q.ask = Query::Ask::CanStart;
        q.request = readRequest(f, policy);
    } else if (is("limits")) {
        q.ask = Query::Ask::Limits;
    } else if (is("affordable")) {
        q.ask = Query::Ask::Affordable;
        q.request = readRequest(f, policy);
    } else if (is("ledger")) {
        q.ask = Query::Ask::Ledger;
        q.since = f.optionalTime("since").value_or(NoTime);
        // Not a boolean is malformed (docs/scenario-decisions.md); null is not given.
        q.explain = f.optionalBool("explain").value_or(false);
    } else if (is("projection")) {
        q.ask = Query::Ask::Projection;
        q.windowDays = f.optionalWholeNumber("window_days", 1).value_or(7);

    } else {
        f.fail("ask", QStringLiteral("unknown query \"%1\"").arg(json::toString(ask)));
    }
    return q;
}

} // namespace creditdesk
