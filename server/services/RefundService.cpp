#include "RefundService.h"

#include "AccessGuard.h"
#include "AccountService.h"
#include "JsonViews.h"
#include "JsonWriter.h"
#include "RandomIds.h"
#include "RequestBody.h"
#include "ScenarioReplay.h"
#include "TimeIdCursor.h"

#include <QJsonDocument>

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
    // The member asks; support decides (and adjusts), never files on a member's behalf.
    AccessGuard::requireOwner(caller, accountId);
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

void RefundService::writeQueued(JsonWriter &w, const RefundRequestRecord &r, AccountLedger &ledger)
{
    const AccountZone &zone = ledger.zone();
    w.beginObject();
    w.key("id").value(r.id);
    w.key("account").value(r.accountId);
    w.key("account_name").value(ledger.account().displayName);
    w.key("task").value(r.taskId);
    w.key("reason").value(r.reason);
    w.key("status").value(r.status);
    w.key("created_at");
    JsonViews::time(w, zone, r.createdAt);
    w.key("decided_at");
    JsonViews::time(w, zone, r.decidedAt);
    w.key("decided_by");
    if (r.decidedBy.isEmpty()) {
        w.null();
    } else {
        // Tokens are never re-assigned or deleted: a decider read once stays right.
        auto known = m_deciders.constFind(r.decidedBy);
        if (known == m_deciders.constEnd()) {
            Caller who;
            who.tokenId = r.decidedBy;
            if (const auto token = m_ctx.store.tokenById(r.decidedBy)) {
                who.role = token->role == u"support" ? Role::Support : Role::Member;
                who.label = token->label;
            }
            known = m_deciders.insert(r.decidedBy, who);
        }
        JsonViews::decider(w, *known);
    }
    w.key("decision");
    if (r.decision.isEmpty())
        w.null();
    else
        w.value(r.decision);
    if (r.status == u"approved")
        w.key("refunded").value(ledger.refundedFor(r.taskId));
    w.key("task_detail").beginObject();
    const auto task = m_ctx.store.task(r.accountId, r.taskId);
    w.key("feature");
    if (task)
        w.value(task->feature);
    else
        w.null();
    w.key("outcome");
    if (task && !task->outcome.isEmpty())
        w.value(task->outcome);
    else
        w.null();
    w.key("started_at");
    JsonViews::time(w, zone, task ? task->startedAt : 0);
    w.key("ended_at");
    JsonViews::time(w, zone, task ? task->endedAt : 0);
    w.key("charged").value(ledger.chargedFor(r.taskId));
    w.key("entries").beginArray();
    for (const std::size_t i : ledger.entriesOfTask(r.taskId))
        JsonViews::ledgerEntry(w, ledger, i);
    w.endArray();
    w.endObject();
    w.endObject();
}

ApiResponse RefundService::queue(const Caller &caller, const QUrlQuery &query)
{
    AccessGuard::requireSupport(caller);
    const QString status = query.queryItemValue(QStringLiteral("status"));
    if (!status.isEmpty() && status != u"open" && status != u"approved" && status != u"declined")
        throw ApiError::badRequest(QStringLiteral("invalid_parameter"),
                                   QStringLiteral("status is open, approved or declined"),
                                   QStringLiteral("status"));
    const QString account = query.queryItemValue(QStringLiteral("account"), QUrl::FullyDecoded);
    if (!account.isEmpty() && !m_ctx.store.account(account))
        throw ApiError::notFound(QStringLiteral("no account %1").arg(account));
    const int limit = int(queryNumber(query, QStringLiteral("limit"), 1, 500, 100));
    const TimeIdCursor cursor = TimeIdCursor::read(query);
    const QList<RefundRequestRecord> rows =
        m_ctx.store.refundRequestsBefore(account, status, limit + 1, cursor.at, cursor.id);
    JsonWriter w;
    w.beginObject().key("refund_requests").beginArray();
    for (qsizetype i = 0; i < rows.size() && i < limit; ++i) {
        if (AccountLedger *ledger = m_ctx.cache.find(rows[i].accountId)) {
            ledger->advanceTo(std::max(m_ctx.clock.now(), ledger->lastEventAt()));
            writeQueued(w, rows[i], *ledger);
        }
    }
    w.endArray();
    w.key("next_cursor");
    if (rows.size() > limit)
        w.value(TimeIdCursor::write(rows[limit - 1].createdAt, rows[limit - 1].id));
    else
        w.null();
    w.endObject();
    ApiResponse out;
    out.body = w.take();
    return out;
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
        if (r->status != u"open") {
            // Somebody decided first (another agent, a second click): say who and when.
            JsonWriter view;
            view.beginObject().key("refund_request");
            writeQueued(view, *r, tx.ledger());
            view.endObject();
            const auto token = tx.store().tokenById(r->decidedBy);
            const QString who = token && !token->label.isEmpty() ? token->label : r->decidedBy;
            throw ApiError::conflict(
                QStringLiteral("refund_request_closed"),
                QStringLiteral("refund request %1 was %2 already, by %3 at %4")
                    .arg(requestId, r->status, who, tx.ledger().zone().format(r->decidedAt)))
                .withDetails(view.take());
        }
        return decide(tx, *r);
    });
}

ApiResponse RefundService::decisionResponse(const RefundRequestRecord &r, AccountLedger &ledger,
                                            const QByteArray &before, const QByteArray &after)
{
    JsonWriter w;
    w.beginObject();
    w.key("refund_request");
    writeQueued(w, r, ledger);
    w.key("balance_before").raw(before);
    w.key("balance_after").raw(after);
    w.endObject();
    ApiResponse out;
    out.body = w.take();
    return out;
}

namespace {
QByteArray balanceAt(const AccountLedger &ledger, TimePoint at)
{
    Query q;
    q.ask = Query::Ask::Balance;
    q.at = at;
    return ScenarioReplay::answerJson(ledger.engine(), q);
}

QJsonObject objectOf(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}
} // namespace

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
        tx.ledger().advanceTo(tx.now());
        const QByteArray before = balanceAt(tx.ledger(), tx.now());
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
        const QByteArray after = balanceAt(tx.ledger(), tx.now());
        r->status = QStringLiteral("approved");
        r->decidedAt = tx.now();
        r->decidedBy = caller.tokenId;
        r->decision = note;
        r->eventSeq = tx.ledger().eventCount();
        tx.store().updateRefundRequest(*r);
        m_deciders.insert(caller.tokenId, caller);
        tx.audit(caller, QStringLiteral("refund_request.approve"),
                 QJsonObject{{QStringLiteral("refund_request"), r->id},
                             {QStringLiteral("task"), r->taskId},
                             {QStringLiteral("refunded"), refunded.toString()},
                             {QStringLiteral("note"), note},
                             {QStringLiteral("balance_before"), objectOf(before)},
                             {QStringLiteral("balance_after"), objectOf(after)}});
        return decisionResponse(*r, tx.ledger(), before, after);
    });
}

ApiResponse RefundService::decline(const Caller &caller, const QString &requestId,
                                   const QByteArray &bodyBytes)
{
    AccessGuard::requireSupport(caller);
    const RequestBody body(bodyBytes, {QStringLiteral("reason")});
    const QString reason = body.requiredString(QStringLiteral("reason"), 500).trimmed();
    return decideOpen(requestId, [&](AccountWriter::Transaction &tx, RefundRequestRecord &req) {
        RefundRequestRecord *r = &req;
        tx.ledger().advanceTo(tx.now());
        const QByteArray balance = balanceAt(tx.ledger(), tx.now());
        r->status = QStringLiteral("declined");
        r->decidedAt = tx.now();
        r->decidedBy = caller.tokenId;
        r->decision = reason;
        tx.store().updateRefundRequest(*r);
        m_deciders.insert(caller.tokenId, caller);
        tx.audit(caller, QStringLiteral("refund_request.decline"),
                 QJsonObject{{QStringLiteral("refund_request"), r->id},
                             {QStringLiteral("task"), r->taskId},
                             {QStringLiteral("reason"), reason},
                             {QStringLiteral("balance_before"), objectOf(balance)},
                             {QStringLiteral("balance_after"), objectOf(balance)}});
        return decisionResponse(*r, tx.ledger(), balance, balance);
    });
}

} // namespace creditdesk
