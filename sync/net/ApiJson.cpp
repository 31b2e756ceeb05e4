#include "ApiJson.h"

#include "BucketKind.h"
#include "IsoTime.h"

#include <QJsonArray>

namespace creditdesk {

namespace {
bool need(bool ok, QString *error, const QString &what)
{
    if (!ok && error && error->isEmpty())
        *error = what;
    return ok;
}
} // namespace

std::optional<Credits> ApiJson::amount(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    return Credits::fromJsonNumber(value.toDouble());
}

std::optional<TimePoint> ApiJson::time(const QJsonValue &value, bool nullable)
{
    if (nullable && value.isNull())
        return NoTime;
    if (!value.isString())
        return std::nullopt;
    return IsoTime::parse(value.toString());
}

std::optional<Price> ApiJson::price(const QJsonValue &value, QString *error)
{
    const QJsonObject o = value.toObject();
    const auto a = amount(o.value(QLatin1String("amount")));
    const QJsonValue currency = o.value(QLatin1String("currency"));
    if (!need(value.isObject() && a && currency.isString(), error, QStringLiteral("price")))
        return std::nullopt;
    return Price{*a, currency.toString()};
}

std::optional<PurchaseInfo> ApiJson::purchase(const QJsonObject &o, QString *error)
{
    PurchaseInfo p;
    const QJsonValue id = o.value(QLatin1String("id")), status = o.value(QLatin1String("status"));
    if (!need(id.isString() && status.isString(), error, QStringLiteral("purchase.id/status")))
        return std::nullopt;
    p.id = id.toString();
    p.status = status.toString();
    p.pack = o.value(QLatin1String("pack")).toString();
    const auto a = amount(o.value(QLatin1String("amount")));
    if (!need(a.has_value(), error, QStringLiteral("purchase.amount")))
        return std::nullopt;
    p.amount = *a;
    const QJsonValue priceValue = o.value(QLatin1String("price"));
    if (priceValue.isObject()) {
        auto pr = price(priceValue, error);
        if (!pr)
            return std::nullopt;
        p.price = *pr;
    }
    p.paymentMethod = o.value(QLatin1String("payment_method")).toString();
    p.failureReason = o.value(QLatin1String("failure_reason")).toString();
    const auto created = time(o.value(QLatin1String("created_at")), false);
    const auto settled = time(o.value(QLatin1String("settled_at")), true);
    if (!need(created && settled, error, QStringLiteral("purchase.created_at/settled_at")))
        return std::nullopt;
    p.createdAt = *created;
    p.settledAt = *settled;
    return p;
}

std::optional<RefundRequestInfo> ApiJson::refundRequest(const QJsonObject &o, QString *error)
{
    RefundRequestInfo r;
    const QJsonValue id = o.value(QLatin1String("id")), task = o.value(QLatin1String("task")),
                     status = o.value(QLatin1String("status"));
    if (!need(id.isString() && task.isString() && status.isString(), error,
              QStringLiteral("refund_request.id/task/status")))
        return std::nullopt;
    r.id = id.toString();
    r.task = task.toString();
    r.status = status.toString();
    r.reason = o.value(QLatin1String("reason")).toString();
    r.decision = o.value(QLatin1String("decision")).toString();
    const auto created = time(o.value(QLatin1String("created_at")), false);
    const auto decided = time(o.value(QLatin1String("decided_at")), true);
    if (!need(created && decided, error, QStringLiteral("refund_request.created_at/decided_at")))
        return std::nullopt;
    r.createdAt = *created;
    r.decidedAt = *decided;
    return r;
}

std::optional<BalanceAnswer> ApiJson::balance(const QJsonObject &o, QString *error)
{
    BalanceAnswer b;
    const auto total = amount(o.value(QLatin1String("total")));
    const auto reserved = amount(o.value(QLatin1String("reserved")));
    const auto available = amount(o.value(QLatin1String("available")));
    const QJsonValue buckets = o.value(QLatin1String("buckets"));
    if (!need(total && reserved && available && buckets.isArray(), error,
              QStringLiteral("balance")))
        return std::nullopt;
    b.total = *total;
    b.reserved = *reserved;
    b.available = *available;
    for (const QJsonValue &v : buckets.toArray()) {
        const QJsonObject row = v.toObject();
        const auto kind = bucketKindFromName(row.value(QLatin1String("kind")).toString());
        const auto remaining = amount(row.value(QLatin1String("remaining")));
        const auto expires = time(row.value(QLatin1String("expires_at")), true);
        if (!need(kind && remaining && expires, error, QStringLiteral("balance.buckets")))
            return std::nullopt;
        b.buckets.append(BucketRow{*kind, *remaining, *expires == NoTime ? Never : *expires});
    }
    return b;
}

} // namespace creditdesk
