#include "JsonViews.h"

#include "AccountLedger.h"
#include "JsonWriter.h"
#include "ScenarioReplay.h"

namespace creditdesk {

void JsonViews::time(JsonWriter &w, const AccountZone &zone, TimePoint t)
{
    if (t == NoTime || t == Never || t == 0)
        w.null();
    else
        w.value(zone.format(t));
}

void JsonViews::price(JsonWriter &w, const std::optional<Price> &price)
{
    if (!price) {
        w.null();
        return;
    }
    w.beginObject();
    w.key("amount").value(price->amount);
    w.key("currency").value(price->currency);
    w.endObject();
}

void JsonViews::account(JsonWriter &w, const AccountRecord &a)
{
    w.beginObject();
    w.key("id").value(a.id);
    w.key("name").value(a.displayName);
    w.key("preset").value(a.preset);
    w.key("timezone").value(a.timezone);
    w.endObject();
}

void JsonViews::accountMatch(JsonWriter &w, const AccountRecord &a)
{
    w.beginObject();
    memberFields(w, a);
    w.endObject();
}

void JsonViews::memberFields(JsonWriter &w, const AccountRecord &a)
{
    w.key("id").value(a.id);
    w.key("name").value(a.displayName);
    w.key("email");
    if (a.email.isEmpty())
        w.null();
    else
        w.value(a.email);
    w.key("preset").value(a.preset);
    w.key("timezone").value(a.timezone);
}

void JsonViews::decider(JsonWriter &w, const Caller &caller)
{
    w.beginObject();
    w.key("token_id").value(caller.tokenId);
    w.key("label").value(caller.label);
    w.key("role").value(caller.roleName());
    w.endObject();
}

void JsonViews::receipt(JsonWriter &w, const PurchaseRecord &p, const AccountZone &zone)
{
    if (p.status != u"completed" || p.eventSeq <= 0) {
        w.null();
        return;
    }
    w.beginObject();
    w.key("number").value(QStringLiteral("R-") + p.id);
    w.key("issued_at");
    time(w, zone, p.settledAt);
    w.key("amount").value(Credits::fromMilli(p.amountMilli));
    w.key("price");
    price(w, p.price);
    w.key("payment_method").value(p.paymentMethod);
    w.key("event_seq").value(p.eventSeq);
    w.endObject();
}

void JsonViews::purchase(JsonWriter &w, const PurchaseRecord &p, const AccountZone &zone)
{
    w.beginObject();
    w.key("id").value(p.id);
    w.key("account").value(p.accountId);
    w.key("status").value(p.status);
    w.key("pack");
    if (p.pack.isEmpty())
        w.null();
    else
        w.value(p.pack);
    w.key("amount").value(Credits::fromMilli(p.amountMilli));
    w.key("price");
    price(w, p.price);
    w.key("payment_method").value(p.paymentMethod);
    w.key("created_at");
    time(w, zone, p.createdAt);
    w.key("settled_at");
    time(w, zone, p.settledAt);
    w.key("failure_reason");
    if (p.failureReason.isEmpty())
        w.null();
    else
        w.value(p.failureReason);
    w.endObject();
}

void JsonViews::refundRequest(JsonWriter &w, const RefundRequestRecord &r, const AccountZone &zone)
{
    w.beginObject();
    w.key("id").value(r.id);
    w.key("account").value(r.accountId);
    w.key("task").value(r.taskId);
    w.key("reason").value(r.reason);
    w.key("status").value(r.status);
    w.key("created_at");
    time(w, zone, r.createdAt);
    w.key("decided_at");
    time(w, zone, r.decidedAt);
    w.key("decision");
    if (r.decision.isEmpty())
        w.null();
    else
        w.value(r.decision);
    w.endObject();
}

void JsonViews::ledgerEntry(JsonWriter &w, const AccountLedger &ledger, std::size_t i)
{
    const QJsonObject &note = ledger.noteOfEntry(i);
    w.beginObject();
    w.key("id").value(QString::number(i + 1));
    // The same fields as the scenario format's `ledger` answer, from the core.
    ScenarioReplay::writeEntryFields(w, ledger.engine(), i,
                                     note.value(QStringLiteral("reason")).toString());
    if (note.contains(QStringLiteral("purchase")))
        w.key("purchase").value(note.value(QStringLiteral("purchase")).toString());
    if (note.contains(QStringLiteral("refund_request")))
        w.key("refund_request").value(note.value(QStringLiteral("refund_request")).toString());
    if (note.contains(QStringLiteral("adjustment")))
        w.key("adjustment").value(note.value(QStringLiteral("adjustment")).toString());
    w.endObject();
}

} // namespace creditdesk
