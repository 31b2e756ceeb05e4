#include "EventsPage.h"

#include "ApiJson.h"
#include "IsoTime.h"
#include "JsonDom.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace creditdesk {

namespace {
QJsonValue toQt(const json::Node &node)
{
    if (node.kind == json::Kind::Object)
        return QJsonDocument::fromJson(node.span().toByteArray()).object();
    if (node.kind == json::Kind::Array)
        return QJsonDocument::fromJson(node.span().toByteArray()).array();
    return {};
}
} // namespace

std::variant<EventsPage, QString> EventsPage::parse(const QByteArray &body)
{
    json::Document doc;
    if (!json::Parser::parse(body, doc) || doc.isEmpty() || doc[0].kind != json::Kind::Object)
        return QStringLiteral("not a JSON object");
    EventsPage page;
    const auto node = [&](std::string_view name, json::Kind kind) -> const json::Node * {
        const std::uint32_t i = doc.member(0, name);
        return i == json::NoNode || doc[i].kind != kind ? nullptr : &doc[i];
    };
    const auto text = [&](std::string_view name, QString *out) {
        const json::Node *n = node(name, json::Kind::String);
        if (n)
            *out = json::toString(*n);
        return n != nullptr;
    };
    if (!text("unit", &page.unit) || !text("timezone", &page.timezone) ||
        !text("policy_hash", &page.policyHash))
        return QStringLiteral("unit, timezone or policy_hash");
    const json::Node *policy = node("policy", json::Kind::Object);
    const json::Node *last = node("last_seq", json::Kind::Number);
    const json::Node *more = node("has_more", json::Kind::Bool);
    QString asOf;
    if (!policy || !last || !more || !text("as_of", &asOf))
        return QStringLiteral("policy, last_seq, has_more or as_of");
    page.policyJson = policy->span().toByteArray();
    page.lastSeq = qint64(last->number);
    page.hasMore = more->flags != 0;
    const auto asOfTime = IsoTime::parse(asOf);
    if (!asOfTime)
        return QStringLiteral("as_of");
    page.asOf = *asOfTime;

    if (const json::Node *account = node("account", json::Kind::Object)) {
        const QJsonObject a = toQt(*account).toObject();
        page.accountId = a.value(QLatin1String("id")).toString();
        page.accountName = a.value(QLatin1String("name")).toString();
        page.preset = a.value(QLatin1String("preset")).toString();
    }
    QString error;
    const json::Node *balance = node("balance", json::Kind::Object);
    if (!balance)
        return QStringLiteral("balance");
    auto b = ApiJson::balance(toQt(*balance).toObject(), &error);
    if (!b)
        return error;
    page.balance = *b;
    page.balanceJson = balance->span().toByteArray();
    const json::Node *pending = node("pending_purchases", json::Kind::Array);
    const json::Node *refunds = node("refund_requests", json::Kind::Array);
    if (!pending || !refunds)
        return QStringLiteral("pending_purchases or refund_requests");
    page.pendingJson = pending->span().toByteArray();
    page.refundsJson = refunds->span().toByteArray();
    for (const QJsonValue &v : toQt(*pending).toArray()) {
        auto p = ApiJson::purchase(v.toObject(), &error);
        if (!p)
            return error;
        page.pendingPurchases << *p;
    }
    for (const QJsonValue &v : toQt(*refunds).toArray()) {
        auto r = ApiJson::refundRequest(v.toObject(), &error);
        if (!r)
            return error;
        page.refundRequests << *r;
    }

    const std::uint32_t eventsIndex = doc.member(0, "events");
    if (eventsIndex == json::NoNode || doc[eventsIndex].kind != json::Kind::Array)
        return QStringLiteral("events");
    page.events.reserve(doc[eventsIndex].count);
    const std::uint32_t eventsEnd = doc[eventsIndex].end;
    for (std::uint32_t i = eventsIndex + 1; i < eventsEnd; i = doc.next(i)) {
        if (doc[i].kind != json::Kind::Object)
            return QStringLiteral("events[%1]").arg(page.events.size());
        const std::uint32_t seq = doc.member(i, "seq"), event = doc.member(i, "event"),
                            details = doc.member(i, "details");
        if (seq == json::NoNode || doc[seq].kind != json::Kind::Number || event == json::NoNode ||
            doc[event].kind != json::Kind::Object)
            return QStringLiteral("events[%1].seq/event").arg(page.events.size());
        FeedEvent e;
        e.seq = qint64(doc[seq].number);
        e.body = doc[event].span().toByteArray();
        const std::uint32_t at = doc.member(event, "at");
        if (at == json::NoNode || doc[at].kind != json::Kind::String)
            return QStringLiteral("events[%1].event.at").arg(page.events.size());
        const auto atTime = IsoTime::parse(json::toString(doc[at]));
        if (!atTime)
            return QStringLiteral("events[%1].event.at").arg(page.events.size());
        e.at = *atTime;
        if (details != json::NoNode && doc[details].kind == json::Kind::Object)
            e.details = doc[details].span().toByteArray();
        else
            e.details = QByteArrayLiteral("{}");
        page.events.push_back(std::move(e));
    }
    return page;
}

} // namespace creditdesk
