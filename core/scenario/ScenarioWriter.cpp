#include "ScenarioWriter.h"

#include "JsonWriter.h"

#include <QJsonDocument>

namespace creditdesk {

namespace {

void writeRequest(JsonWriter &w, const Policy &policy, const TaskRequest &r)
{
    w.key("feature").value(policy.features[r.feature].name);
    if (r.quantityMilli != Credits::Scale)
        w.key("quantity").value(Credits::fromMilli(r.quantityMilli));
    if (r.models != 1)
        w.key("models").value(qint64(r.models));
    if (r.tierGiven)
        w.key("tier").value(r.tier >= 0 ? policy.tiers[r.tier].name : QStringLiteral("?"));
    if (r.tokens >= 0)
        w.key("tokens").value(r.tokens);
}

QString eventTypeName(EventType t)
{
    switch (t) {
    case EventType::Signup:
        return QStringLiteral("signup");
    case EventType::Subscribe:
        return QStringLiteral("subscribe");
    case EventType::Grant:
        return QStringLiteral("grant");
    case EventType::Purchase:
        return QStringLiteral("purchase");
    case EventType::TaskStart:
        return QStringLiteral("task_start");
    case EventType::TaskEnd:
        return QStringLiteral("task_end");
    case EventType::Refund:
        return QStringLiteral("refund");
    case EventType::Debit:
        return QStringLiteral("debit");
    case EventType::Promotion:
        return QStringLiteral("promotion");
    }
    return {};
}

QString askName(Query::Ask a)
{
    switch (a) {
    case Query::Ask::Balance:
        return QStringLiteral("balance");
    case Query::Ask::NextRefresh:
        return QStringLiteral("next_refresh");
    case Query::Ask::CanStart:
        return QStringLiteral("can_start");
    case Query::Ask::Limits:
        return QStringLiteral("limits");
    case Query::Ask::Affordable:
        return QStringLiteral("affordable");
    case Query::Ask::Ledger:
        return QStringLiteral("ledger");
    case Query::Ask::Projection:
        return QStringLiteral("projection");
    }
    return {};
}

void writeEvent(JsonWriter &w, const Scenario &s, const Event &e)
{
    const Policy &p = *s.policy;
    w.beginObject();
    w.key("at").value(s.zone.format(e.at));
    w.key("type").value(eventTypeName(e.type));
    switch (e.type) {
    case EventType::Signup:
        break;
    case EventType::Subscribe:
        w.key("plan").value(p.plans[e.plan].name);
        break;
    case EventType::Grant:
        w.key("kind").value(bucketKindName(e.kind));
        w.key("amount").value(e.amount);
        if (e.until != Never)
            w.key("expires_at").value(s.zone.format(e.until));
        break;
    case EventType::Purchase:
        if (e.pack >= 0)
            w.key("pack").value(p.packs[e.pack].name);
        else
            w.key("amount").value(e.amount);
        break;
    case EventType::TaskStart:
        w.key("task").value(s.names->name(e.task));
        writeRequest(w, p, e.request);
        break;
    case EventType::TaskEnd:
        w.key("task").value(s.names->name(e.task));
        w.key("outcome").value(outcomeName(e.outcome));
        if (e.request.tokens >= 0)
            w.key("tokens").value(e.request.tokens);
        break;
    case EventType::Refund:
        w.key("task").value(s.names->name(e.task));
        break;
    case EventType::Debit:
        w.key("amount").value(e.amount);
        if (e.note >= 0)
            w.key("reason").value(s.names->name(e.note));
        break;
    case EventType::Promotion:
        w.key("feature").value(p.features[e.request.feature].name);
        w.key("from").value(s.zone.format(e.from));
        w.key("until").value(s.zone.format(e.until));
        break;
    }
    w.endObject();
}

} // namespace

QByteArray ScenarioWriter::eventJson(const Scenario &scenario, const Event &event)
{
    JsonWriter w;
    writeEvent(w, scenario, event);
    return w.take();
}

QByteArray ScenarioWriter::write(const Scenario &s)
{
    JsonWriter w;
    w.beginObject();
    w.key("format").value(qint64(1));
    if (s.presetName.isEmpty())
        w.key("policy").raw(QJsonDocument(s.inlinePolicy).toJson(QJsonDocument::Compact));
    else
        w.key("preset").value(s.presetName);
    w.key("timezone").value(s.zone.id());
    QByteArray out = w.take();
    out += ",\n \"events\": [\n";
    for (std::size_t i = 0; i < s.events.size(); ++i) {
        out += "  ";
        out += eventJson(s, s.events[i]);
        out += i + 1 < s.events.size() ? ",\n" : "\n";
    }
    out += " ],\n \"queries\": [\n";
    for (std::size_t i = 0; i < s.queries.size(); ++i) {
        const Query &q = s.queries[i];
        JsonWriter qw;
        qw.beginObject();
        qw.key("at").value(s.zone.format(q.at));
        qw.key("ask").value(askName(q.ask));
        if (q.ask == Query::Ask::CanStart || q.ask == Query::Ask::Affordable)
            writeRequest(qw, *s.policy, q.request);
        if (q.ask == Query::Ask::Ledger && q.since != NoTime)
            qw.key("since").value(s.zone.format(q.since));
        if (q.ask == Query::Ask::Ledger && q.explain)
            qw.key("explain").value(true);
        if (q.ask == Query::Ask::Projection)
            qw.key("window_days").value(qint64(q.windowDays));
        qw.endObject();
        out += "  " + qw.data() + (i + 1 < s.queries.size() ? ",\n" : "\n");
    }
    out += " ]\n}\n";
    return out;
}

} // namespace creditdesk
