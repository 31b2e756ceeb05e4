#include "TaskService.h"

#include "AccessGuard.h"
#include "JsonWriter.h"
#include "RandomIds.h"
#include "RequestBody.h"

#include <QRegularExpression>

namespace creditdesk {

namespace {
bool validTaskId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_.:-]{1,64}$"));
    return pattern.match(id).hasMatch();
}
} // namespace

ApiResponse TaskService::start(const Caller &caller, const QString &accountId,
                               const QByteArray &bodyBytes)
{
    AccessGuard::requireOwner(caller, accountId);
    const RequestBody body(bodyBytes, {QStringLiteral("task"), QStringLiteral("feature"),
                                       QStringLiteral("quantity"), QStringLiteral("models"),
                                       QStringLiteral("tier"), QStringLiteral("tokens")});
    QString taskId = body.optionalString(QStringLiteral("task"), 64).value_or(QString());
    if (body.has(QStringLiteral("task")) && !validTaskId(taskId))
        throw ApiError::badRequest(QStringLiteral("invalid_field"),
                                   QStringLiteral("a task id has 1 to 64 of A-Z a-z 0-9 _ . : -"),
                                   QStringLiteral("task"));
    if (taskId.isEmpty())
        taskId = RandomIds::make("task");
    if (!body.has(QStringLiteral("feature")))
        throw ApiError::badRequest(QStringLiteral("missing_field"),
                                   QStringLiteral("\"feature\" is required"),
                                   QStringLiteral("feature"));
    QJsonObject event = body.object();
    event.insert(QStringLiteral("type"), QStringLiteral("task_start"));
    event.insert(QStringLiteral("task"), taskId);

    return m_ctx.writer.write(accountId, [&](AccountWriter::Transaction &tx) {
        QJsonObject timed = event;
        timed.insert(QStringLiteral("at"), tx.ledger().zone().format(tx.now()));
        AccountWriter::validate(tx.ledger(), timed);
        const auto existing = tx.store().task(accountId, taskId);
        if (existing && existing->state != u"rejected")
            throw ApiError::conflict(QStringLiteral("task_exists"),
                                     QStringLiteral("task %1 was started already").arg(taskId),
                                     QStringLiteral("task"));
        const auto entries = tx.append(event);
        bool admitted = true;
        RejectReason reason = RejectReason::None;
        Credits reserved;
        for (const LedgerEntry &e : entries) {
            if (e.type == EntryType::Reject) {
                admitted = false;
                reason = e.reason;
            } else if (e.type == EntryType::Reserve) {
                reserved -= e.amount;
            }
        }
        TaskRecord t;
        t.accountId = accountId;
        t.taskId = taskId;
        t.state = admitted ? QStringLiteral("open") : QStringLiteral("rejected");
        t.feature = event.value(QStringLiteral("feature")).toString();
        t.startedAt = tx.now();
        tx.store().saveTask(t);

        JsonWriter w;
        w.beginObject();
        w.key("task").value(taskId);
        w.key("admitted").value(admitted);
        w.key("reason");
        if (admitted)
            w.null();
        else
            w.value(rejectReasonName(reason));
        w.key("reserved").value(reserved);
        w.key("started_at").value(tx.ledger().zone().format(tx.now()));
        w.key("available").value(tx.ledger().engine().balance().available);
        w.endObject();
        ApiResponse r;
        r.status = admitted ? 201 : 200;
        r.body = w.take();
        return r;
    });
}

ApiResponse TaskService::end(const Caller &caller, const QString &accountId, const QString &taskId,
                             const QByteArray &bodyBytes)
{
    AccessGuard::requireOwner(caller, accountId);
    const RequestBody body(bodyBytes, {QStringLiteral("outcome"), QStringLiteral("tokens")});
    if (!body.has(QStringLiteral("outcome")))
        throw ApiError::badRequest(QStringLiteral("missing_field"),
                                   QStringLiteral("\"outcome\" is required"),
                                   QStringLiteral("outcome"));
    QJsonObject event = body.object();
    event.insert(QStringLiteral("type"), QStringLiteral("task_end"));
    event.insert(QStringLiteral("task"), taskId);

    return m_ctx.writer.write(accountId, [&](AccountWriter::Transaction &tx) {
        QJsonObject timed = event;
        timed.insert(QStringLiteral("at"), tx.ledger().zone().format(tx.now()));
        AccountWriter::validate(tx.ledger(), timed);
        auto task = tx.store().task(accountId, taskId);
        if (!task || task->state == u"rejected")
            throw ApiError::notFound(
                QStringLiteral("no open task %1 in account %2").arg(taskId, accountId));
        if (task->state != u"open")
            throw ApiError::conflict(QStringLiteral("task_not_open"),
                                     QStringLiteral("task %1 has ended already").arg(taskId));
        const auto entries = tx.append(event);
        Credits charged, uncovered;
        for (const LedgerEntry &e : entries) {
            if (e.type == EntryType::Reject) // the engine disagrees: keep nothing
                throw ApiError::conflict(QStringLiteral("task_not_open"),
                                         QStringLiteral("task %1 is not open").arg(taskId));
            if (e.type == EntryType::Charge) {
                charged -= e.amount;
                uncovered += e.uncovered;
            }
        }
        task->state = QStringLiteral("ended");
        task->endedAt = tx.now();
        task->outcome = event.value(QStringLiteral("outcome")).toString();
        tx.store().saveTask(*task);

        JsonWriter w;
        w.beginObject();
        w.key("task").value(taskId);
        w.key("outcome").value(task->outcome);
        w.key("charged").value(charged);
        w.key("uncovered").value(uncovered);
        w.key("ended_at").value(tx.ledger().zone().format(tx.now()));
        w.key("available").value(tx.ledger().engine().balance().available);
        w.endObject();
        ApiResponse r;
        r.body = w.take();
        return r;
    });
}

} // namespace creditdesk
