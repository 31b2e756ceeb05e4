#include "RefundService.h"

#include "AccessGuard.h"
#include "AccountService.h"
#include "JsonViews.h"
#include "JsonWriter.h"
#include "RandomIds.h"
#include "RequestBody.h"

namespace creditdesk {

namespace {
ApiResponse requestResponse(const RefundRequestRecord &r, const AccountZone &zone, int status,
                            Credits refunded = {})
{
    JsonWriter w;
    JsonViews::refundRequest(w, r, zone);
    QByteArray body = w.take();
    if (r.status == u"approved") {
        // {"...": ..., "refunded": N}
        body.chop(1);
        JsonWriter extra;
        extra.value(refunded);
        body += ",\"refunded\":" + extra.data() + '}';
    }
    ApiResponse out;
    out.status = status;
    out.body = body;
    return out;
}
} // namespace

ApiResponse RefundService::file(const Caller &caller, const QString &accountId,
                                const QByteArray &bodyBytes)
{
    AccessGuard::requireAccount(caller, accountId);
    const RequestBody body(bodyBytes, {QStringLiteral("task"), QStringLiteral("reason")});
    const QString taskId = body.requiredString(QStringLiteral("task"), 64);
    const QString reason = body.optionalString(QStringLiteral("reason"), 500).value_or(QString());

    return m_ctx.writer.write(accountId, [&](AccountWriter::Transaction &tx) {
        const auto task = tx.store().task(accountId, taskId);
        if (!task || task->state == u"rejected")
            throw ApiError(404, QStringLiteral("not_found"),
                           QStringLiteral("no task %1 in account %2").arg(taskId, accountId),
                           QStringLiteral("task"));
        if (task->state != u"ended")
            throw ApiError::conflict(QStringLiteral("task_not_ended"),
                                     QStringLiteral("task %1 is still open").arg(taskId),
                                     QStringLiteral("task"));
        const Credits charged = tx.ledger().chargedFor(taskId);
        if (!charged.isPositive())
            throw ApiError::conflict(QStringLiteral("not_charged"),
                                     QStringLiteral("task %1 took no credits").arg(taskId),
                                     QStringLiteral("task"));
        if (tx.ledger().refunded(taskId))
            throw ApiError::conflict(QStringLiteral("already_refunded"),
                                     QStringLiteral("task %1 was refunded already").arg(taskId),
                                     QStringLiteral("task"));
        if (const auto active = tx.store().activeRefundRequest(accountId, taskId))
            throw ApiError::conflict(
                QStringLiteral("refund_request_exists"),
                QStringLiteral("refund request %1 exists for task %2").arg(active->id, taskId),
                QStringLiteral("task"));
        RefundRequestRecord r;
        r.id = RandomIds::make("ref");
        r.accountId = accountId;
        r.taskId = taskId;
        r.reason = reason;
        r.status = QStringLiteral("open");
        r.createdAt = tx.now();
        r.createdBy = caller.tokenId;
        tx.store().insertRefundRequest(r);
        tx.audit(caller, QStringLiteral("refund_request.create"),
                 QJsonObject{{QStringLiteral("refund_request"), r.id},
                             {QStringLiteral("task"), taskId},
                             {QStringLiteral("reason"), reason},
                             {QStringLiteral("charged"), charged.toString()}});
        return requestResponse(r, tx.ledger().zone(), 201);
    });
}

ApiResponse RefundService::list(const QString &accountId, const QUrlQuery &query)
{
    const QString status = query.queryItemValue(QStringLiteral("status"));
    if (!status.isEmpty() && status != u"open" && status != u"approved" && status != u"declined")
        throw ApiError::badRequest(QStringLiteral("invalid_parameter"),
                                   QStringLiteral("status is open, approved or declined"),
                                   QStringLiteral("status"));
    const int limit = int(queryNumber(query, QStringLiteral("limit"), 1, 500, 100));
    JsonWriter w;
    w.beginObject().key("refund_requests").beginArray();
    for (const RefundRequestRecord &r : m_ctx.store.refundRequests(accountId, status, limit)) {
        AccountLedger *ledger = m_ctx.cache.find(r.accountId);
        if (ledger)
            JsonViews::refundRequest(w, r, ledger->zone());
    }
    w.endArray().endObject();
    ApiResponse out;
    out.body = w.take();
    return out;
}

ApiResponse RefundService::listForAccount(const Caller &caller, const QString &accountId,
                                          const QUrlQuery &query)
{
    m_ctx.readable(caller, accountId);
    return list(accountId, query);
}

ApiResponse RefundService::queue(const Caller &caller, const QUrlQuery &query)
{
    AccessGuard::requireSupport(caller);
    return list(QString(), query);
}

ApiResponse RefundService::decideOpen(
    const QString &requestId,
    const std::function<ApiResponse(AccountWriter::Transaction &, RefundRequestRecord &)> &decide)
{
    const auto first = m_ctx.store.refundRequest(requestId);
    if (!first)
        throw ApiError::notFound(QStringLiteral("no refund request %1").arg(requestId));
    return m_ctx.writer.write(first->accountId, [&](AccountWriter::Transaction &tx) {
        auto r = tx.store().refundRequest(requestId);
        if (r->status != u"open")
            throw ApiError::conflict(
                QStringLiteral("refund_request_closed"),
                QStringLiteral("refund request %1 is %2 already").arg(requestId, r->status));
        return decide(tx, *r);
    });
}

ApiResponse RefundService::approve(const Caller &caller, const QString &requestId,
                                   const QByteArray &bodyBytes)
{
    AccessGuard::requireSupport(caller);
    std::optional<RequestBody> body;
    if (!bodyBytes.trimmed().isEmpty())
        body.emplace(bodyBytes, QStringList{QStringLiteral("note")});
    const QString note =
        body ? body->optionalString(QStringLiteral("note"), 500).value_or(QString()) : QString();
    return decideOpen(requestId, [&](AccountWriter::Transaction &tx, RefundRequestRecord &req) {
        RefundRequestRecord *r = &req;
        const auto entries =
            tx.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("refund")},
                                  {QStringLiteral("task"), r->taskId}},
                      QJsonObject{{QStringLiteral("refund_request"), r->id}});
        Credits refunded;
        for (const LedgerEntry &e : entries) {
            if (e.type == EntryType::Reject)
                throw ApiError::conflict(QStringLiteral("not_refundable"),
                                         QStringLiteral("task %1 cannot be refunded (%2)")
                                             .arg(r->taskId, rejectReasonName(e.reason)),
                                         QStringLiteral("task"));
            if (e.type == EntryType::Refund)
                refunded += e.amount;
        }
        r->status = QStringLiteral("approved");
        r->decidedAt = tx.now();
        r->decidedBy = caller.tokenId;
        r->decision = note;
        r->eventSeq = tx.ledger().eventCount();
        tx.store().updateRefundRequest(*r);
        tx.audit(caller, QStringLiteral("refund_request.approve"),
                 QJsonObject{{QStringLiteral("refund_request"), r->id},
                             {QStringLiteral("task"), r->taskId},
                             {QStringLiteral("refunded"), refunded.toString()},
                             {QStringLiteral("note"), note}});
        return requestResponse(*r, tx.ledger().zone(), 200, refunded);
    });
}

ApiResponse RefundService::decline(const Caller &caller, const QString &requestId,
                                   const QByteArray &bodyBytes)
{
    AccessGuard::requireSupport(caller);
    const RequestBody body(bodyBytes, {QStringLiteral("reason")});
    const QString reason = body.requiredString(QStringLiteral("reason"), 500);
    return decideOpen(requestId, [&](AccountWriter::Transaction &tx, RefundRequestRecord &req) {
        RefundRequestRecord *r = &req;
        r->status = QStringLiteral("declined");
        r->decidedAt = tx.now();
        r->decidedBy = caller.tokenId;
        r->decision = reason;
        tx.store().updateRefundRequest(*r);
        tx.audit(caller, QStringLiteral("refund_request.decline"),
                 QJsonObject{{QStringLiteral("refund_request"), r->id},
                             {QStringLiteral("task"), r->taskId},
                             {QStringLiteral("reason"), reason}});
        return requestResponse(*r, tx.ledger().zone(), 200);
    });
}

} // namespace creditdesk
