#include "ScenarioReplay.h"

#include "CreditEngine.h"
#include "JsonWriter.h"

#include <algorithm>
#include <numeric>

namespace creditdesk {

namespace {

void writeTime(JsonWriter &w, const AccountZone &zone, TimePoint t)
{
    if (t == NoTime || t == Never)
        w.null();
    else
        w.value(zone.format(t));
}

} // namespace

void ScenarioReplay::writeEntryFields(JsonWriter &w, const CreditEngine &engine, std::size_t index,
                                      const QString &fallbackReason, bool explain)
{
    const LedgerEntry &e = engine.ledger()[index];
    w.key("at");
    writeTime(w, engine.zone(), e.at);
    w.key("type").value(entryTypeName(e.type));
    w.key("bucket");
    if (e.hasBucket)
        w.value(bucketKindName(e.bucket));
    else
        w.null();
    w.key("task");
    if (e.task >= 0)
        w.value(engine.names().name(e.task));
    else
        w.null();
    w.key("amount").value(e.amount);
    w.key("balance_after").value(e.balanceAfter);
    if (e.uncovered.isPositive())
        w.key("uncovered").value(e.uncovered);
    if (e.reason != RejectReason::None)
        w.key("reason").value(rejectReasonName(e.reason));
    else if (const int note = engine.entryNote(index); note >= 0)
        w.key("reason").value(engine.names().name(note));
    else if (!fallbackReason.isEmpty())
        w.key("reason").value(fallbackReason);
    if (explain) {
        w.key("rules").beginArray();
        for (RuleId id : e.rules.ids())
            w.value(ruleIdName(id));
        w.endArray();
    }
}

QByteArray ScenarioReplay::answerJson(const CreditEngine &engine, const Query &q)
{
    JsonWriter w;
    const AccountZone &zone = engine.zone();
    w.beginObject();
    switch (q.ask) {
    case Query::Ask::Balance: {
        const BalanceAnswer a = engine.balance();
        w.key("total").value(a.total);
        w.key("reserved").value(a.reserved);
        w.key("available").value(a.available);
        w.key("buckets").beginArray();
        for (const BucketRow &row : a.buckets) {
            w.beginObject();
            w.key("kind").value(bucketKindName(row.kind));
            w.key("remaining").value(row.remaining);
            w.key("expires_at");
            writeTime(w, zone, row.expiresAt);
            w.endObject();
        }
        w.endArray();
        break;
    }
    case Query::Ask::NextRefresh:
        w.key("refreshes").beginArray();
        for (const RefreshRow &row : engine.nextRefreshes()) {
            w.beginObject();
            w.key("kind").value(bucketKindName(row.kind));
            w.key("at");
            writeTime(w, zone, row.at);
            w.endObject();
        }
        w.endArray();
        break;
    case Query::Ask::CanStart: {
        const CanStartAnswer a = engine.canStart(q.request);
        w.key("allowed").value(a.allowed);
        w.key("reason");
        if (a.reason == RejectReason::None)
            w.null();
        else
            w.value(rejectReasonName(a.reason));
        w.key("cost");
        if (a.cost)
            w.value(*a.cost);
        else
            w.null();
        break;
    }
    case Query::Ask::Limits:
        w.key("windows").beginArray();
        for (const WindowRow &row : engine.limits()) {
            w.beginObject();
            w.key("kind").value(row.kind);
            w.key("limit").value(row.limit);
            w.key("used").value(row.used);
            w.key("opened_at");
            writeTime(w, zone, row.openedAt);
            w.key("resets_at");
            writeTime(w, zone, row.resetsAt);
            w.endObject();
        }
        w.endArray();
        break;
    case Query::Ask::Affordable: {
        const auto count = engine.affordable(q.request);
        w.key("count");
        if (count)
            w.value(*count);
        else
            w.null();
        break;
    }
    case Query::Ask::Ledger: {
        const auto &ledger = engine.ledger();
        const std::size_t from = q.since == NoTime ? 0 : engine.firstEntryAtOrAfter(q.since);
        w.key("entries").beginArray();
        for (std::size_t i = from; i < ledger.size(); ++i) {
            w.beginObject();
            writeEntryFields(w, engine, i, {}, q.explain);
            w.endObject();
        }
        w.endArray();
        break;
    }
    case Query::Ask::Projection: {
        const ProjectionAnswer a = engine.projection(q.windowDays);
        w.key("burn_per_day").value(a.burnPerDay);
        w.key("runs_out_at");
        writeTime(w, zone, a.runsOutAt);
        w.key("next_refresh_at");
        writeTime(w, zone, a.nextRefreshAt);
        w.key("runs_out_before_refresh").value(a.runsOutBeforeRefresh);
        break;
    }
    }
    w.endObject();
    return w.take();
}

QByteArray ScenarioReplay::answersJson(const Scenario &scenario)
{
    CreditEngine engine(scenario.policy, scenario.zone, scenario.names);
    std::vector<std::size_t> order(scenario.queries.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return scenario.queries[a].at < scenario.queries[b].at;
    });
    std::vector<QByteArray> answers(scenario.queries.size());
    std::size_t next = 0;
    for (std::size_t qi : order) {
        const Query &q = scenario.queries[qi];
        while (next < scenario.events.size() && scenario.events[next].at <= q.at)
            engine.apply(scenario.events[next++]);
        engine.advanceTo(q.at);
        answers[qi] = answerJson(engine, q);
    }
    JsonWriter w;
    w.beginObject().key("answers").beginArray();
    for (const QByteArray &a : answers)
        w.raw(a);
    w.endArray().endObject();
    return w.take();
}

} // namespace creditdesk
