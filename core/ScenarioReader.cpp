#include "ScenarioReader.h"

#include "JsonFields.h"
#include "PolicyReader.h"
#include "PresetCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

namespace creditdesk {

namespace {

QString indexed(QStringView name, qsizetype i)
{
    return name.toString() + u'[' + QString::number(i) + u']';
}

int featureOf(const JsonFields &f, const Policy &policy)
{
    const QString name = f.string(u"feature");
    const int feature = policy.featureIndex(name);
    if (feature < 0)
        f.fail(u"feature", QStringLiteral("unknown feature \"%1\" (%2 has: %3)")
                               .arg(name, policy.name,
                                    [&] {
                                        QStringList all;
                                        for (const auto &x : policy.features)
                                            all << x.name;
                                        return all.join(u", ");
                                    }()));
    return feature;
}

TaskRequest readRequest(const JsonFields &f, const Policy &policy)
{
    TaskRequest r;
    r.feature = featureOf(f, policy);
    if (f.has(u"quantity"))
        r.quantityMilli = f.positiveAmount(u"quantity").milli();
    r.models = int(f.optionalWholeNumber(u"models", 1).value_or(1));
    if (f.has(u"tier")) {
        r.tierGiven = true;
        r.tier = policy.tierIndex(f.string(u"tier"));
    }
    r.tokens = f.optionalWholeNumber(u"tokens", 0).value_or(-1);
    return r;
}

Event readEvent(const JsonFields &f, const Policy &policy, NameTable &names)
{
    Event e;
    e.at = f.time(u"at");
    const QString type = f.string(u"type");
    if (type == u"signup") {
        e.type = EventType::Signup;
    } else if (type == u"subscribe") {
        e.type = EventType::Subscribe;
        const QString plan = f.string(u"plan");
        if (policy.plans.isEmpty())
            f.fail(u"type", QStringLiteral("%1 has no plans to subscribe to").arg(policy.name));
        e.plan = policy.planIndex(plan);
        if (e.plan < 0)
            f.fail(u"plan", QStringLiteral("unknown plan \"%1\"").arg(plan));
    } else if (type == u"grant") {
        e.type = EventType::Grant;
        const QString kind = f.string(u"kind");
        if (kind == u"bonus" || kind == u"promo" || kind == u"trial" || kind == u"referral")
            e.kind = BucketKind::Bonus;
        else if (kind == u"adjustment")
            e.kind = BucketKind::Adjustment;
        else
            f.fail(u"kind", QStringLiteral("unknown grant kind \"%1\" (expected bonus, promo, "
                                           "trial, referral or adjustment)")
                                .arg(kind));
        e.amount = f.positiveAmount(u"amount");
        if (const auto expires = f.optionalTime(u"expires_at")) {
            if (*expires <= e.at)
                f.fail(u"expires_at", QStringLiteral("must be after the grant's time"));
            e.until = *expires;
        }
    } else if (type == u"purchase") {
        e.type = EventType::Purchase;
        const bool byPack = f.has(u"pack"), byAmount = f.has(u"amount");
        if (byPack == byAmount)
            f.fail(u"pack", QStringLiteral("give exactly one of \"pack\" and \"amount\""));
        if (byPack) {
            const QString pack = f.string(u"pack");
            e.pack = policy.packIndex(pack);
            if (e.pack < 0)
                f.fail(u"pack", QStringLiteral("unknown pack \"%1\"").arg(pack));
        } else {
            e.amount = f.positiveAmount(u"amount");
        }
    } else if (type == u"task_start") {
        e.type = EventType::TaskStart;
        e.task = names.intern(f.string(u"task"));
        e.request = readRequest(f, policy);
    } else if (type == u"task_end") {
        e.type = EventType::TaskEnd;
        e.task = names.intern(f.string(u"task"));
        const QString outcome = f.string(u"outcome");
        const auto parsed = outcomeFromName(outcome);
        if (!parsed)
            f.fail(u"outcome", QStringLiteral("unknown outcome \"%1\" (expected success, "
                                              "system_error, content_violation or cancelled)")
                                   .arg(outcome));
        e.outcome = *parsed;
        e.request.tokens = f.optionalWholeNumber(u"tokens", 0).value_or(-1);
        if (e.request.tokens < 0 && policy.taskEndRequiresTokens)
            f.fail(u"tokens", QStringLiteral("missing: %1 charges the tokens processed")
                                  .arg(policy.name));
    } else if (type == u"refund") {
        e.type = EventType::Refund;
        e.task = names.intern(f.string(u"task"));
    } else if (type == u"debit") {
        e.type = EventType::Debit;
        e.amount = f.positiveAmount(u"amount");
        if (const auto reason = f.optionalString(u"reason"))
            e.note = names.intern(*reason);
    } else if (type == u"promotion") {
        e.type = EventType::Promotion;
        e.request.feature = featureOf(f, policy);
        e.from = f.time(u"from");
        e.until = f.time(u"until");
        if (e.until <= e.from)
            f.fail(u"until", QStringLiteral("must be after \"from\""));
    } else {
        f.fail(u"type", QStringLiteral("unknown event type \"%1\"").arg(type));
    }
    return e;
}

Query readQuery(const JsonFields &f, const Policy &policy)
{
    Query q;
    q.at = f.time(u"at");
    const QString ask = f.string(u"ask");
    if (ask == u"balance") {
        q.ask = Query::Ask::Balance;
    } else if (ask == u"next_refresh") {
        q.ask = Query::Ask::NextRefresh;
    } else if (ask == u"can_start") {
        q.ask = Query::Ask::CanStart;
        q.request = readRequest(f, policy);
    } else if (ask == u"limits") {
        q.ask = Query::Ask::Limits;
    } else if (ask == u"affordable") {
        q.ask = Query::Ask::Affordable;
        q.request = readRequest(f, policy);
    } else if (ask == u"ledger") {
        q.ask = Query::Ask::Ledger;
        q.since = f.optionalTime(u"since").value_or(NoTime);
    } else if (ask == u"projection") {
        q.ask = Query::Ask::Projection;
        q.windowDays = int(f.optionalWholeNumber(u"window_days", 1).value_or(7));
        if (q.windowDays > 100000)
            f.fail(u"window_days", QStringLiteral("at most 100000"));
    } else {
        f.fail(u"ask", QStringLiteral("unknown query \"%1\"").arg(ask));
    }
    return q;
}

QJsonArray optionalArray(const JsonFields &f, QStringView key)
{
    if (!f.has(key))
        return {};
    const QJsonValue v = f.value(key);
    if (!v.isArray())
        f.fail(key, QStringLiteral("expected an array"));
    return v.toArray();
}

Scenario readScenario(const QJsonValue &root)
{
    const JsonFields f(root, QString());
    Scenario s;
    if (!f.has(u"format"))
        f.fail(u"format", QStringLiteral("missing (this reader knows format 1)"));
    const QJsonValue format = f.value(u"format");
    if (!format.isDouble() || format.toDouble() != 1.0)
        f.fail(u"format", QStringLiteral("unsupported format (this reader knows format 1)"));

    const bool hasPreset = f.has(u"preset"), hasPolicy = f.has(u"policy");
    if (hasPreset == hasPolicy)
        f.fail(u"preset", QStringLiteral("give exactly one of \"preset\" and \"policy\""));
    if (hasPreset) {
        s.presetName = f.string(u"preset");
        s.policy = PresetCatalog::builtIn().find(s.presetName);
        if (!s.policy)
            f.fail(u"preset", QStringLiteral("unknown preset \"%1\" (known: %2)")
                                  .arg(s.presetName,
                                       PresetCatalog::builtIn().names().join(u", ")));
    } else {
        s.inlinePolicy = f.value(u"policy").toObject();
        s.policy = std::make_shared<const Policy>(
            PolicyReader::readOrThrow(f.value(u"policy"), QStringLiteral("policy")));
    }

    if (f.has(u"timezone")) {
        const QString id = f.string(u"timezone");
        const auto zone = AccountZone::fromId(id);
        if (!zone)
            f.fail(u"timezone", QStringLiteral("unknown time zone \"%1\" (expected an IANA "
                                               "name like Europe/Paris)")
                                    .arg(id));
        s.zone = *zone;
    }

    const QJsonArray events = optionalArray(f, u"events");
    s.events.reserve(std::size_t(events.size()));
    for (qsizetype i = 0; i < events.size(); ++i)
        s.events.push_back(readEvent(JsonFields(events[i], indexed(u"events", i)), *s.policy,
                                     *s.names));
    const QJsonArray queries = optionalArray(f, u"queries");
    s.queries.reserve(std::size_t(queries.size()));
    for (qsizetype i = 0; i < queries.size(); ++i)
        s.queries.push_back(readQuery(JsonFields(queries[i], indexed(u"queries", i)), *s.policy));

    std::stable_sort(s.events.begin(), s.events.end(),
                     [](const Event &a, const Event &b) { return a.at < b.at; });
    return s;
}

} // namespace

std::variant<Scenario, ParseError> ScenarioReader::read(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return ParseError{QString(), QStringLiteral("not valid JSON: %1 at offset %2")
                                         .arg(error.errorString())
                                         .arg(error.offset)};
    if (!doc.isObject())
        return ParseError{QString(), QStringLiteral("a scenario is a JSON object")};
    try {
        return readScenario(doc.object());
    } catch (const ParseError &e) {
        return e;
    }
}

} // namespace creditdesk
