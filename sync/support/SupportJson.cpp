#include "SupportJson.h"

#include "ApiJson.h"

#include <QJsonArray>

namespace creditdesk {

namespace {

bool need(bool ok, QString *error, const QString &what)
{
    if (!ok && error && error->isEmpty())
        *error = what;
    return ok;
}

// A string field, or null / absent read as empty when `nullable`.
std::optional<QString> text(const QJsonObject &o, const char *key, bool nullable)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isString())
        return v.toString();
    if (nullable && (v.isNull() || v.isUndefined()))
        return QString();
    return std::nullopt;
}

std::optional<QString> cursorOf(const QJsonObject &o)
{
    return text(o, "next_cursor", true);
}

} // namespace

std::optional<Decider> SupportJson::decider(const QJsonObject &o, QString *error)
{
    const auto id = text(o, "token_id", false), label = text(o, "label", false),
               role = text(o, "role", false);
    if (!need(id && label && role, error, QStringLiteral("decided_by")))
        return std::nullopt;
    return Decider{*id, *label, *role};
}

std::optional<AccountSearchPage> SupportJson::searchPage(const QJsonObject &o, QString *error)
{
    const QJsonValue list = o.value(QLatin1String("accounts"));
    const auto cursor = cursorOf(o);
    if (!need(list.isArray() && cursor, error, QStringLiteral("accounts/next_cursor")))
        return std::nullopt;
    AccountSearchPage page;
    page.nextCursor = *cursor;
    for (const QJsonValue &v : list.toArray()) {
        const QJsonObject a = v.toObject();
        const auto id = text(a, "id", false), name = text(a, "name", false),
                   email = text(a, "email", true), preset = text(a, "preset", false),
                   zone = text(a, "timezone", false);
        if (!need(id && name && email && preset && zone, error, QStringLiteral("accounts[]")))
            return std::nullopt;
        page.accounts.append(AccountMatch{*id, *name, *email, *preset, *zone});
    }
    return page;
}

std::optional<AccountProfile> SupportJson::profile(const QJsonObject &o, QString *error)
{
    AccountProfile p;
    const auto id = text(o, "id", false), name = text(o, "name", false),
               email = text(o, "email", true), preset = text(o, "preset", false),
               zone = text(o, "timezone", false), plan = text(o, "plan", true),
               unit = text(o, "unit", false);
    const auto created = ApiJson::time(o.value(QLatin1String("created_at")), false);
    if (!need(id && name && email && preset && zone && plan && unit && created, error,
              QStringLiteral("account")))
        return std::nullopt;
    p.id = *id;
    p.name = *name;
    p.email = *email;
    p.preset = *preset;
    p.timezone = *zone;
    p.plan = *plan;
    p.unit = *unit;
    p.createdAt = *created;
    return p;
}

std::optional<SupportPurchase> SupportJson::purchase(const QJsonObject &o, QString *error)
{
    const auto base = ApiJson::purchase(o, error);
    if (!base)
        return std::nullopt;
    SupportPurchase p;
    p.id = base->id;
    p.accountId = o.value(QLatin1String("account")).toString();
    p.status = base->status;
    p.pack = base->pack;
    p.amount = base->amount;
    p.price = base->price;
    p.paymentMethod = base->paymentMethod;
    p.createdAt = base->createdAt;
    p.settledAt = base->settledAt;
    p.failureReason = base->failureReason;
    const QJsonValue receipt = o.value(QLatin1String("receipt"));
    if (receipt.isObject()) {
        const QJsonObject r = receipt.toObject();
        ReceiptInfo info;
        const auto number = text(r, "number", false), method = text(r, "payment_method", false);
        const auto issued = ApiJson::time(r.value(QLatin1String("issued_at")), false);
        const auto amount = ApiJson::amount(r.value(QLatin1String("amount")));
        const QJsonValue seq = r.value(QLatin1String("event_seq"));
        if (!need(number && method && issued && amount && seq.isDouble(), error,
                  QStringLiteral("purchase.receipt")))
            return std::nullopt;
        info.number = *number;
        info.paymentMethod = *method;
        info.issuedAt = *issued;
        info.amount = *amount;
        info.eventSeq = qint64(seq.toDouble());
        if (r.value(QLatin1String("price")).isObject()) {
            auto price = ApiJson::price(r.value(QLatin1String("price")), error);
            if (!price)
                return std::nullopt;
            info.price = *price;
        }
        p.receipt = info;
    } else if (!need(receipt.isNull() || receipt.isUndefined(), error,
                     QStringLiteral("purchase.receipt"))) {
        return std::nullopt;
    }
    return p;
}

std::optional<LedgerLine> SupportJson::ledgerLine(const QJsonObject &o, QString *error)
{
    LedgerLine l;
    const auto id = text(o, "id", false), type = text(o, "type", false),
               bucket = text(o, "bucket", true), task = text(o, "task", true),
               reason = text(o, "reason", true);
    const auto at = ApiJson::time(o.value(QLatin1String("at")), false);
    const auto amount = ApiJson::amount(o.value(QLatin1String("amount")));
    const auto after = ApiJson::amount(o.value(QLatin1String("balance_after")));
    if (!need(id && type && bucket && task && reason && at && amount && after, error,
              QStringLiteral("ledger entry")))
        return std::nullopt;
    l.id = *id;
    l.type = *type;
    l.bucket = *bucket;
    l.task = *task;
    l.reason = *reason;
    l.at = *at;
    l.amount = *amount;
    l.balanceAfter = *after;
    return l;
}

std::optional<QueuedRefund> SupportJson::queuedRefund(const QJsonObject &o, QString *error)
{
    QueuedRefund r;
    const auto id = text(o, "id", false), account = text(o, "account", false),
               accountName = text(o, "account_name", false), task = text(o, "task", false),
               reason = text(o, "reason", false), status = text(o, "status", false),
               decision = text(o, "decision", true);
    const auto created = ApiJson::time(o.value(QLatin1String("created_at")), false);
    const auto decided = ApiJson::time(o.value(QLatin1String("decided_at")), true);
    const QJsonValue detail = o.value(QLatin1String("task_detail"));
    if (!need(id && account && accountName && task && reason && status && decision && created &&
                  decided && detail.isObject(),
              error, QStringLiteral("refund_request")))
        return std::nullopt;
    r.id = *id;
    r.accountId = *account;
    r.accountName = *accountName;
    r.task = *task;
    r.reason = *reason;
    r.status = *status;
    r.decision = *decision;
    r.createdAt = *created;
    r.decidedAt = *decided;
    const QJsonValue by = o.value(QLatin1String("decided_by"));
    if (by.isObject()) {
        auto d = decider(by.toObject(), error);
        if (!d)
            return std::nullopt;
        r.decidedBy = *d;
    }
    if (o.contains(QLatin1String("refunded"))) {
        const auto refunded = ApiJson::amount(o.value(QLatin1String("refunded")));
        if (!need(refunded.has_value(), error, QStringLiteral("refund_request.refunded")))
            return std::nullopt;
        r.refunded = *refunded;
    }
    const QJsonObject d = detail.toObject();
    const auto feature = text(d, "feature", true), outcome = text(d, "outcome", true);
    const auto started = ApiJson::time(d.value(QLatin1String("started_at")), true);
    const auto ended = ApiJson::time(d.value(QLatin1String("ended_at")), true);
    const auto charged = ApiJson::amount(d.value(QLatin1String("charged")));
    const QJsonValue entries = d.value(QLatin1String("entries"));
    if (!need(feature && outcome && started && ended && charged && entries.isArray(), error,
              QStringLiteral("refund_request.task_detail")))
        return std::nullopt;
    r.taskDetail.feature = *feature;
    r.taskDetail.outcome = *outcome;
    r.taskDetail.startedAt = *started;
    r.taskDetail.endedAt = *ended;
    r.taskDetail.charged = *charged;
    for (const QJsonValue &v : entries.toArray()) {
        auto line = ledgerLine(v.toObject(), error);
        if (!line)
            return std::nullopt;
        r.taskDetail.entries.append(*line);
    }
    return r;
}

std::optional<RefundQueuePage> SupportJson::refundQueue(const QJsonObject &o, QString *error)
{
    const QJsonValue list = o.value(QLatin1String("refund_requests"));
    const auto cursor = cursorOf(o);
    if (!need(list.isArray() && cursor, error, QStringLiteral("refund_requests/next_cursor")))
        return std::nullopt;
    RefundQueuePage page;
    page.nextCursor = *cursor;
    for (const QJsonValue &v : list.toArray()) {
        auto r = queuedRefund(v.toObject(), error);
        if (!r)
            return std::nullopt;
        page.requests.append(*r);
    }
    return page;
}

std::optional<RefundDecision> SupportJson::decision(const QJsonObject &o, QString *error)
{
    auto request = queuedRefund(o.value(QLatin1String("refund_request")).toObject(), error);
    if (!request)
        return std::nullopt;
    auto before = ApiJson::balance(o.value(QLatin1String("balance_before")).toObject(), error);
    auto after = ApiJson::balance(o.value(QLatin1String("balance_after")).toObject(), error);
    if (!before || !after)
        return std::nullopt;
    return RefundDecision{*request, *before, *after};
}

std::optional<AdjustmentOutcome> SupportJson::adjustment(const QJsonObject &o, QString *error)
{
    AdjustmentOutcome out;
    const QJsonObject a = o.value(QLatin1String("adjustment")).toObject();
    const auto id = text(a, "id", true), account = text(a, "account", false),
               type = text(a, "type", false), reason = text(a, "reason", false);
    const auto amount = ApiJson::amount(a.value(QLatin1String("amount")));
    const auto at = ApiJson::time(a.value(QLatin1String("at")), false);
    const auto expires = ApiJson::time(a.value(QLatin1String("expires_at")), true);
    const QJsonValue dryRun = o.value(QLatin1String("dry_run"));
    if (!need(id && account && type && reason && amount && at && expires && dryRun.isBool(), error,
              QStringLiteral("adjustment")))
        return std::nullopt;
    auto by = decider(a.value(QLatin1String("decided_by")).toObject(), error);
    auto before = ApiJson::balance(o.value(QLatin1String("balance_before")).toObject(), error);
    auto after = ApiJson::balance(o.value(QLatin1String("balance_after")).toObject(), error);
    if (!by || !before || !after)
        return std::nullopt;
    out.id = *id;
    out.accountId = *account;
    out.type = *type;
    out.reason = *reason;
    out.amount = *amount;
    out.at = *at;
    out.expiresAt = *expires;
    out.decidedBy = *by;
    out.balanceBefore = *before;
    out.balanceAfter = *after;
    out.dryRun = dryRun.toBool();
    return out;
}

std::optional<AuditPage> SupportJson::auditPage(const QJsonObject &o, QString *error)
{
    const QJsonValue list = o.value(QLatin1String("entries"));
    const auto cursor = cursorOf(o);
    if (!need(list.isArray() && cursor, error, QStringLiteral("entries/next_cursor")))
        return std::nullopt;
    AuditPage page;
    page.nextCursor = *cursor;
    for (const QJsonValue &v : list.toArray()) {
        const QJsonObject e = v.toObject();
        AuditRow row;
        const auto id = text(e, "id", false), account = text(e, "account", true),
                   actor = text(e, "actor", false), label = text(e, "actor_label", false),
                   role = text(e, "role", false), action = text(e, "action", false),
                   reason = text(e, "reason", true);
        const auto at = ApiJson::time(e.value(QLatin1String("at")), false);
        if (!need(id && account && actor && label && role && action && reason && at &&
                      e.value(QLatin1String("detail")).isObject(),
                  error, QStringLiteral("entries[]")))
            return std::nullopt;
        row.id = *id;
        row.accountId = *account;
        row.actor = *actor;
        row.actorLabel = *label;
        row.role = *role;
        row.action = *action;
        row.reason = *reason;
        row.at = *at;
        row.detail = e.value(QLatin1String("detail")).toObject();
        for (const auto &[key, into] : {std::pair{"balance_before", &row.balanceBefore},
                                        std::pair{"balance_after", &row.balanceAfter}}) {
            const QJsonValue b = e.value(QLatin1String(key));
            if (b.isObject()) {
                auto balance = ApiJson::balance(b.toObject(), error);
                if (!balance)
                    return std::nullopt;
                *into = *balance;
            }
        }
        page.rows.append(row);
    }
    return page;
}

} // namespace creditdesk
