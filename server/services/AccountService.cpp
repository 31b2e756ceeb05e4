#include "AccountService.h"

#include "AccessGuard.h"
#include "AmountBound.h"
#include "JsonViews.h"
#include "JsonWriter.h"
#include "PresetCatalog.h"
#include "PurchaseService.h"
#include "RandomIds.h"
#include "RequestBody.h"
#include "ScenarioReplay.h"
#include "TimeIdCursor.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QRegularExpression>

#include <stdexcept>

namespace creditdesk {

qint64 queryNumber(const QUrlQuery &query, const QString &name, qint64 min, qint64 max,
                   qint64 fallback)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const QString text = query.queryItemValue(name);
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min || value > max || text.startsWith(u'+'))
        throw ApiError::badRequest(QStringLiteral("invalid_parameter"),
                                   QStringLiteral("\"%1\" must be a whole number from %2 to %3")
                                       .arg(name)
                                       .arg(min)
                                       .arg(max),
                                   name);
    return value;
}

namespace {

ApiResponse json(QByteArray body, int status = 200)
{
    ApiResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

Query ask(Query::Ask what, TimePoint at)
{
    Query q;
    q.ask = what;
    q.at = at;
    return q;
}

} // namespace

ApiResponse AccountService::me(const Caller &caller)
{
    JsonWriter w;
    w.beginObject();
    w.key("token_id").value(caller.tokenId);
    w.key("role").value(caller.roleName());
    w.key("label").value(caller.label);
    w.key("account");
    if (caller.isSupport()) {
        w.null();
    } else {
        const auto account = m_ctx.store.account(caller.accountId);
        if (account)
            JsonViews::account(w, *account);
        else
            w.null();
    }
    w.endObject();
    return json(w.take());
}

ApiResponse AccountService::packs(const Caller &caller, const QUrlQuery &query)
{
    QString preset = query.queryItemValue(QStringLiteral("preset"));
    if (preset.isEmpty() && !caller.isSupport()) {
        const auto account = m_ctx.store.account(caller.accountId);
        if (account)
            preset = account->preset;
    }
    QList<std::shared_ptr<const Policy>> policies;
    if (preset.isEmpty()) {
        policies = m_ctx.presets.all();
    } else {
        auto policy = m_ctx.presets.find(preset);
        if (!policy)
            throw ApiError::badRequest(
                QStringLiteral("invalid_parameter"),
                QStringLiteral("unknown preset \"%1\" (known: %2)")
                    .arg(preset, m_ctx.presets.names().join(QStringLiteral(", "))),
                QStringLiteral("preset"));
        policies << policy;
    }
    JsonWriter w;
    w.beginObject().key("catalogue").beginArray();
    for (const auto &p : policies) {
        w.beginObject();
        w.key("preset").value(p->name);
        w.key("title").value(p->title);
        w.key("unit").value(p->unit);
        w.key("packs").beginArray();
        for (const Pack &pack : p->packs) {
            w.beginObject();
            w.key("name").value(pack.name);
            w.key("amount").value(pack.amount);
            w.key("price");
            JsonViews::price(w, pack.price);
            w.endObject();
        }
        w.endArray();
        // A preset without packs sells any amount, up to a published maximum.
        w.key("custom_amount").value(p->packs.isEmpty());
        w.key("max_amount").value(AmountBound::MaxCredits);
        w.endObject();
    }
    w.endArray().endObject();
    return json(w.take());
}

ApiResponse AccountService::search(const Caller &caller, const QUrlQuery &query)
{
    AccessGuard::requireSupport(caller);
    const QString text = query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded);
    // Every character of q is a LIKE pattern character to the database: bound the pattern.
    if (text.size() > MaxSearchLength)
        throw ApiError::badRequest(
            QStringLiteral("invalid_parameter"),
            QStringLiteral("\"q\" has at most %1 characters").arg(MaxSearchLength),
            QStringLiteral("q"));
    for (const QChar c : text)
        if (c.category() == QChar::Other_Control || c.isSurrogate() ||
            c == QChar::ReplacementCharacter)
            throw ApiError::badRequest(
                QStringLiteral("invalid_parameter"),
                QStringLiteral("\"q\" must not contain control characters or invalid UTF-8"),
                QStringLiteral("q"));
    const int limit = int(queryNumber(query, QStringLiteral("limit"), 1, 200, 50));
    const QString cursor = query.queryItemValue(QStringLiteral("cursor"), QUrl::FullyDecoded);
    if (cursor.size() > MaxCursorLength)
        throw ApiError::badRequest(QStringLiteral("invalid_parameter"),
                                   QStringLiteral("\"cursor\" is not one this server wrote"),
                                   QStringLiteral("cursor"));
    AccountSearchResult found;
    try {
        found = m_ctx.store.searchAccounts(text, limit, cursor);
    } catch (const std::invalid_argument &) {
        throw ApiError::badRequest(QStringLiteral("invalid_parameter"),
                                   QStringLiteral("\"cursor\" is not one this server wrote"),
                                   QStringLiteral("cursor"));
    }
    JsonWriter w;
    w.beginObject().key("accounts").beginArray();
    for (const AccountRecord &a : found.accounts)
        JsonViews::accountMatch(w, a);
    w.endArray();
    w.key("next_cursor");
    if (found.nextCursor.isEmpty())
        w.null();
    else
        w.value(found.nextCursor);
    w.endObject();
    return json(w.take());
}

ApiResponse AccountService::profile(const Caller &caller, const QString &accountId)
{
    AccountLedger &ledger = m_ctx.readable(caller, accountId, nullptr, LedgerCache::Need::Head);
    const TimePoint now = std::max(m_ctx.clock.now(), ledger.lastEventAt());
    ledger.advanceTo(now);
    const AccountRecord &a = ledger.account();
    JsonWriter w;
    w.beginObject();
    JsonViews::memberFields(w, a);
    w.key("created_at").value(ledger.zone().format(a.createdAt));
    w.key("plan");
    if (ledger.engine().currentPlan() >= 0)
        w.value(ledger.policy().plans[ledger.engine().currentPlan()].name);
    else
        w.null();
    w.key("unit").value(ledger.policy().unit);
    w.endObject();
    return json(w.take());
}

ApiResponse AccountService::summary(const Caller &caller, const QString &accountId,
                                    const QUrlQuery &query)
{
    const int windowDays = int(queryNumber(query, QStringLiteral("window_days"), 1, 3650, 7));
    qint64 pending = 0;
    AccountLedger &ledger = m_ctx.readable(caller, accountId, &pending, LedgerCache::Need::Head);
    const TimePoint now = std::max(m_ctx.clock.now(), ledger.lastEventAt());
    ledger.advanceTo(now);
    const CreditEngine &engine = ledger.engine();
    Query projection = ask(Query::Ask::Projection, now);
    projection.windowDays = windowDays;
    // The same events, ledger, second and pending count give the same summary: a repeated
    // poll within the second is served as rendered (exact, never stale).
    const QString key = QStringLiteral("summary/%1/%2/%3/%4")
                            .arg(ledger.eventCount())
                            .arg(now)
                            .arg(windowDays)
                            .arg(pending);
    ApiResponse r;
    r.headers << qMakePair(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    if (const QByteArray *cached = ledger.cachedPage(key)) {
        r.body = *cached;
        return r;
    }

    JsonWriter w;
    w.beginObject();
    w.key("account");
    JsonViews::account(w, ledger.account());
    w.key("as_of").value(ledger.zone().format(now));
    w.key("unit").value(ledger.policy().unit);
    w.key("plan");
    if (engine.currentPlan() >= 0)
        w.value(ledger.policy().plans[engine.currentPlan()].name);
    else
        w.null();
    w.key("balance").raw(ScenarioReplay::answerJson(engine, ask(Query::Ask::Balance, now)));
    w.key("next_refresh")
        .raw(ScenarioReplay::answerJson(engine, ask(Query::Ask::NextRefresh, now)));
    w.key("limits").raw(ScenarioReplay::answerJson(engine, ask(Query::Ask::Limits, now)));
    w.key("projection").raw(ScenarioReplay::answerJson(engine, projection));
    w.key("pending_purchases").value(pending);
    w.key("ledger_cursor").value(QString::number(engine.ledger().size()));
    w.endObject();
    r.body = w.take();
    ledger.cachePage(key, r.body);
    return r;
}

ApiResponse AccountService::ledger(const Caller &caller, const QString &accountId,
                                   const QUrlQuery &query, const QByteArray &ifNoneMatch)
{
    const qint64 limit = queryNumber(query, QStringLiteral("limit"), 1, 500, 50);
    const qint64 before =
        queryNumber(query, QStringLiteral("before"), 0, std::numeric_limits<qint64>::max(), -1);
    const qint64 since =
        queryNumber(query, QStringLiteral("since"), 0, std::numeric_limits<qint64>::max(), 0);
    AccountLedger &ledger = m_ctx.readable(caller, accountId);
    ledger.advanceTo(std::max(m_ctx.clock.now(), ledger.lastEventAt()));
    const qint64 size = qint64(ledger.engine().ledger().size());

    // The ledger is append-only: its length identifies every page of it.
    const QByteArray etag = '"' + QByteArray::number(size) + '"';
    ApiResponse r;
    r.headers << qMakePair(QByteArrayLiteral("ETag"), etag);
    // Private data is never stored by a cache; a client keeping its own copy still revalidates
    // it with If-None-Match and gets 304.
    r.headers << qMakePair(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    if (!ifNoneMatch.isEmpty()) {
        for (const QByteArray &tag : ifNoneMatch.split(',')) {
            const QByteArray t = tag.trimmed();
            if (t == etag || t == "W/" + etag || t == "*") {
                r.status = 304;
                return r;
            }
        }
    }
    const QString pageKey = QStringLiteral("%1/%2/%3").arg(limit).arg(before).arg(since);
    if (const QByteArray *page = ledger.cachedPage(pageKey)) {
        r.body = *page;
        return r;
    }
    // Entries with ids in (since, before), newest first; ids are 1-based positions.
    // Cursors beyond the ledger are clamped to it (since = 2^63 - 1 must not wrap around).
    const qint64 upper = before < 0 ? size : std::min(before - 1, size);
    const qint64 lower = std::min(since, size) + 1;
    JsonWriter w;
    w.beginObject().key("entries").beginArray();
    qint64 id = upper;
    for (qint64 n = 0; id >= lower && n < limit; --id, ++n)
        JsonViews::ledgerEntry(w, ledger, std::size_t(id - 1));
    w.endArray();
    w.key("next_cursor");
    if (id >= lower)
        w.value(QString::number(id + 1));
    else
        w.null();
    w.key("latest_cursor").value(QString::number(size));
    w.endObject();
    r.body = w.take();
    ledger.cachePage(pageKey, r.body);
    return r;
}

ApiResponse AccountService::events(const Caller &caller, const QString &accountId,
                                   const QUrlQuery &query, const QByteArray &ifNoneMatch)
{
    const qint64 after =
        queryNumber(query, QStringLiteral("after"), 0, std::numeric_limits<qint64>::max(), 0);
    const qint64 limit = queryNumber(query, QStringLiteral("limit"), 1, 10000, 5000);
    AccountLedger &ledger = m_ctx.readable(caller, accountId);
    const qint64 lastSeq = ledger.eventCount();
    const QList<PurchaseRecord> pending = m_ctx.store.pendingPurchases(accountId);
    const QList<RefundRequestRecord> refunds =
        m_ctx.store.refundRequests(accountId, QString(), 1000);
    const QByteArray policy = QJsonDocument(ledger.policy().source).toJson(QJsonDocument::Compact);
    const QByteArray policyHash =
        "sha256:" + QCryptographicHash::hash(policy, QCryptographicHash::Sha256).toHex();

    // The account's head: its event count, policy, pending purchases and refund requests --
    // not `after`, `limit` or as_of. A client that holds the head sends the ETag it last saw
    // and gets 304 whatever `after` it asks from (it asks from the seq it reached, which the
    // page that brought it there did not), and keeps its last verification.
    QByteArray state = QByteArray::number(lastSeq) + ' ' + policyHash;
    for (const PurchaseRecord &p : pending)
        state += "\np " + p.id.toUtf8() + ' ' + p.status.toUtf8();
    for (const RefundRequestRecord &r : refunds)
        state += "\nr " + r.id.toUtf8() + ' ' + r.status.toUtf8();
    const QByteArray etag =
        '"' + QCryptographicHash::hash(state, QCryptographicHash::Sha256).toHex().left(32) + '"';
    ApiResponse r;
    r.headers << qMakePair(QByteArrayLiteral("ETag"), etag);
    r.headers << qMakePair(QByteArrayLiteral("Cache-Control"),
                           QByteArrayLiteral("private, no-cache"));
    if (!ifNoneMatch.isEmpty()) {
        for (const QByteArray &tag : ifNoneMatch.split(',')) {
            const QByteArray t = tag.trimmed();
            if (t == etag || t == "W/" + etag || t == "*") {
                r.status = 304;
                return r;
            }
        }
    }

    // The server's clock, never before the last event.
    const TimePoint asOf = std::max(m_ctx.clock.now(), ledger.lastEventAt());
    ledger.advanceTo(asOf);
    const QList<StoredEvent> page = m_ctx.store.events(accountId, after, lastSeq, limit);

    JsonWriter w;
    w.beginObject();
    w.key("account");
    JsonViews::account(w, ledger.account());
    w.key("unit").value(ledger.policy().unit);
    w.key("timezone").value(ledger.account().timezone);
    w.key("policy").raw(policy);
    w.key("policy_hash").value(QString::fromLatin1(policyHash));
    w.key("events").beginArray();
    // The stored bodies and notes are JSON already (written by EventCodec and the writer):
    // spliced as they are, no document per event.
    for (const StoredEvent &e : page) {
        w.beginObject();
        w.key("seq").value(e.seq);
        w.key("event").raw(e.body);
        w.key("details").raw(e.note.isEmpty() ? QByteArrayLiteral("{}") : e.note);
        w.endObject();
    }
    w.endArray();
    const qint64 pageEnd = page.isEmpty() ? std::max(after, lastSeq) : page.constLast().seq;
    w.key("last_seq").value(lastSeq);
    w.key("has_more").value(pageEnd < lastSeq);
    w.key("as_of").value(ledger.zone().format(asOf));
    w.key("balance").raw(
        ScenarioReplay::answerJson(ledger.engine(), ask(Query::Ask::Balance, asOf)));
    w.key("pending_purchases").beginArray();
    for (const PurchaseRecord &p : pending)
        JsonViews::purchase(w, p, ledger.zone());
    w.endArray();
    w.key("refund_requests").beginArray();
    for (const RefundRequestRecord &q : refunds)
        JsonViews::refundRequest(w, q, ledger.zone());
    w.endArray();
    w.endObject();
    r.body = w.take();
    return r;
}

ApiResponse AccountService::exportScenario(const Caller &caller, const QString &accountId)
{
    AccountLedger &ledger = m_ctx.readable(caller, accountId);
    ApiResponse r = json(ledger.exportScenario(m_ctx.clock.now()));
    r.headers << qMakePair(QByteArrayLiteral("Content-Disposition"),
                           QByteArrayLiteral("attachment; filename=\"") + accountId.toUtf8() +
                               QByteArrayLiteral("-scenario.json\""));
    return r;
}

namespace {

// The amount of an adjustment, checked before the core reads it, each problem named: a JSON
// number, at most 10^12 (the published max_amount), at most three decimals, above zero.
Credits adjustmentAmount(const RequestBody &body)
{
    const QString field = QStringLiteral("amount");
    if (!body.has(field))
        throw ApiError::badRequest(QStringLiteral("missing_field"),
                                   QStringLiteral("\"amount\" is required"), field);
    const QJsonValue value = body.object().value(field);
    if (!value.isDouble())
        throw ApiError::badRequest(QStringLiteral("invalid_field"),
                                   QStringLiteral("\"amount\" must be a number"), field);
    AmountBound::checkAmount(value, field);
    const auto amount = Credits::fromJsonNumber(value.toDouble());
    if (!amount)
        throw ApiError::badRequest(QStringLiteral("invalid_field"),
                                   QStringLiteral("\"amount\" has at most three decimals"), field);
    if (!amount->isPositive())
        throw ApiError::badRequest(QStringLiteral("invalid_field"),
                                   QStringLiteral("\"amount\" must be more than zero"), field);
    return *amount;
}

QJsonObject jsonObjectOf(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

ApiResponse AccountService::adjust(const Caller &caller, const QString &accountId,
                                   const QByteArray &bodyBytes)
{
    AccessGuard::requireSupport(caller);
    const RequestBody body(bodyBytes, {QStringLiteral("type"), QStringLiteral("amount"),
                                       QStringLiteral("reason"), QStringLiteral("expires_at"),
                                       QStringLiteral("dry_run")});
    const QString type = body.requiredString(QStringLiteral("type"), 20);
    if (type != u"grant" && type != u"debit")
        throw ApiError::badRequest(QStringLiteral("invalid_field"),
                                   QStringLiteral("\"type\" is \"grant\" or \"debit\""),
                                   QStringLiteral("type"));
    const Credits amount = adjustmentAmount(body);
    const QString reason = body.requiredString(QStringLiteral("reason"), 500).trimmed();
    if (type == u"debit" && body.has(QStringLiteral("expires_at")))
        throw ApiError::badRequest(QStringLiteral("invalid_field"),
                                   QStringLiteral("a debit has no expiry (\"expires_at\")"),
                                   QStringLiteral("expires_at"));
    const QJsonValue dryRunValue = body.object().value(QStringLiteral("dry_run"));
    if (!dryRunValue.isUndefined() && !dryRunValue.isBool())
        throw ApiError::badRequest(QStringLiteral("invalid_field"),
                                   QStringLiteral("\"dry_run\" is true or false"),
                                   QStringLiteral("dry_run"));
    const bool dryRun = dryRunValue.toBool(false);
    QJsonObject event;
    event.insert(QStringLiteral("type"), type);
    event.insert(QStringLiteral("amount"), body.object().value(QStringLiteral("amount")));
    if (type == u"grant") {
        event.insert(QStringLiteral("kind"), QStringLiteral("adjustment"));
        if (body.has(QStringLiteral("expires_at")))
            event.insert(QStringLiteral("expires_at"),
                         body.object().value(QStringLiteral("expires_at")));
    } else {
        event.insert(QStringLiteral("reason"), reason);
    }
    const QString adjustmentId = dryRun ? QString() : RandomIds::make("adj");

    // Checks the event against the account as it is at `at` (on `engine`, already advanced
    // there): the core's reader, the expiry, the balance bound, a debit within what is
    // available. Returns the parsed event.
    const auto check = [&](const AccountLedger &ledger, const CreditEngine &engine, TimePoint at) {
        QJsonObject timed = event;
        timed.insert(QStringLiteral("at"), ledger.zone().format(at));
        const Event parsed = [&] {
            try {
                return AccountWriter::validate(ledger, timed);
            } catch (const ApiError &e) {
                // The core's reader words the problem; the answer names the field too.
                if (e.field().isEmpty() || e.message().contains(e.field()))
                    throw;
                throw ApiError(e.status(), e.code(),
                               QStringLiteral("\"%1\" %2").arg(e.field(), e.message()), e.field());
            }
        }();
        if (type == u"grant") {
            if (parsed.until != Never && parsed.until <= at)
                throw ApiError::badRequest(QStringLiteral("invalid_field"),
                                           QStringLiteral("\"expires_at\" must be after now (%1)")
                                               .arg(ledger.zone().format(at)),
                                           QStringLiteral("expires_at"));
            AmountBound::checkBalance(engine.balance().total + parsed.amount,
                                      QStringLiteral("amount"));
        } else {
            CreditEngine copy(engine);
            const std::size_t begin = copy.ledger().size();
            copy.apply(parsed);
            for (std::size_t i = begin; i < copy.ledger().size(); ++i)
                if (copy.ledger()[i].type == EntryType::Reject)
                    throw ApiError::conflict(
                        QStringLiteral("insufficient_credits"),
                        QStringLiteral("the debit of %1 is more than the %2 available")
                            .arg(amount.toString(), engine.balance().available.toString()),
                        QStringLiteral("amount"));
        }
        return parsed;
    };
    const auto result = [&](const AccountLedger &ledger, TimePoint at, const Event &parsed,
                            const QByteArray &before, const QByteArray &after) {
        JsonWriter w;
        w.beginObject();
        w.key("adjustment").beginObject();
        w.key("id");
        if (dryRun)
            w.null();
        else
            w.value(adjustmentId);
        w.key("account").value(accountId);
        w.key("type").value(type);
        w.key("amount").value(parsed.amount);
        w.key("reason").value(reason);
        w.key("at").value(ledger.zone().format(at));
        w.key("expires_at");
        JsonViews::time(w, ledger.zone(), type == u"grant" ? parsed.until : NoTime);
        w.key("decided_by");
        JsonViews::decider(w, caller);
        w.endObject();
        w.key("balance").raw(after);
        w.key("balance_before").raw(before);
        w.key("balance_after").raw(after);
        w.key("dry_run").value(dryRun);
        w.endObject();
        return json(w.take(), dryRun ? 200 : 201);
    };

    if (dryRun) {
        AccountLedger &ledger = m_ctx.readable(caller, accountId);
        const TimePoint at = ledger.nextEventTime(m_ctx.clock.now());
        CreditEngine copy(ledger.engine());
        copy.advanceTo(at);
        const Event parsed = check(ledger, copy, at);
        const QByteArray before = ScenarioReplay::answerJson(copy, ask(Query::Ask::Balance, at));
        copy.apply(parsed);
        return result(ledger, at, parsed, before,
                      ScenarioReplay::answerJson(copy, ask(Query::Ask::Balance, at)));
    }

    return m_ctx.writer.write(accountId, [&](AccountWriter::Transaction &tx) {
        tx.ledger().advanceTo(tx.now());
        const Event parsed = check(tx.ledger(), tx.ledger().engine(), tx.now());
        const QByteArray before =
            ScenarioReplay::answerJson(tx.ledger().engine(), ask(Query::Ask::Balance, tx.now()));
        QJsonObject note{{QStringLiteral("reason"), reason},
                         {QStringLiteral("adjustment"), adjustmentId}};
        tx.append(event, note);
        const QByteArray after =
            ScenarioReplay::answerJson(tx.ledger().engine(), ask(Query::Ask::Balance, tx.now()));
        QJsonObject detail = event;
        detail.insert(QStringLiteral("reason"), reason);
        detail.insert(QStringLiteral("adjustment"), adjustmentId);
        detail.insert(QStringLiteral("balance_before"), jsonObjectOf(before));
        detail.insert(QStringLiteral("balance_after"), jsonObjectOf(after));
        tx.audit(caller, QStringLiteral("adjustment.") + type, detail);
        return result(tx.ledger(), tx.now(), parsed, before, after);
    });
}

ApiResponse AccountService::audit(const Caller &caller, const QString &accountId,
                                  const QUrlQuery &query)
{
    AccessGuard::requireSupport(caller);
    m_ctx.readable(caller, accountId);
    return auditPage(accountId, query);
}

ApiResponse AccountService::auditTrail(const Caller &caller, const QUrlQuery &query)
{
    AccessGuard::requireSupport(caller);
    const QString account = query.queryItemValue(QStringLiteral("account"), QUrl::FullyDecoded);
    if (!account.isEmpty() && !m_ctx.store.account(account))
        throw ApiError::notFound(QStringLiteral("no account %1").arg(account));
    return auditPage(account, query);
}

ApiResponse AccountService::auditPage(const QString &accountId, const QUrlQuery &query)
{
    const int limit = int(queryNumber(query, QStringLiteral("limit"), 1, 500, 100));
    const QString action = query.queryItemValue(QStringLiteral("action"), QUrl::FullyDecoded);
    if (action.size() > 100)
        throw ApiError::badRequest(QStringLiteral("invalid_parameter"),
                                   QStringLiteral("\"action\" has at most 100 characters"),
                                   QStringLiteral("action"));
    const auto cursor = TimeIdCursor::read(query);
    const QList<AuditRecord> rows =
        m_ctx.store.auditLogBefore(accountId, action, limit + 1, cursor.at, cursor.id);
    JsonWriter w;
    w.beginObject().key("entries").beginArray();
    static const AccountZone utc = *AccountZone::fromId(QStringLiteral("UTC"));
    for (qsizetype i = 0; i < rows.size() && i < limit; ++i) {
        const AuditRecord &r = rows[i];
        AccountLedger *ledger =
            r.accountId.isEmpty() ? nullptr
                                  : m_ctx.cache.find(r.accountId, nullptr, LedgerCache::Need::Head);
        const AccountZone &zone = ledger ? ledger->zone() : utc;
        const QJsonObject detail = jsonObjectOf(r.detail);
        w.beginObject();
        w.key("id").value(r.id);
        w.key("at").value(zone.format(r.at));
        w.key("account");
        if (r.accountId.isEmpty())
            w.null();
        else
            w.value(r.accountId);
        w.key("actor").value(r.actor);
        w.key("actor_label").value(r.actorLabel);
        w.key("role").value(r.role);
        w.key("action").value(r.action);
        // Why: an adjustment's or a decline's reason, an approval's note.
        QString why = detail.value(QStringLiteral("reason")).toString();
        if (why.isEmpty())
            why = detail.value(QStringLiteral("note")).toString();
        w.key("reason");
        if (why.isEmpty())
            w.null();
        else
            w.value(why);
        for (const char *key : {"balance_before", "balance_after"}) {
            w.key(key);
            const QJsonValue b = detail.value(QLatin1String(key));
            if (b.isObject())
                w.raw(QJsonDocument(b.toObject()).toJson(QJsonDocument::Compact));
            else
                w.null();
        }
        w.key("detail").raw(r.detail);
        w.endObject();
    }
    w.endArray();
    w.key("next_cursor");
    if (rows.size() > limit)
        w.value(TimeIdCursor::write(rows[limit - 1].at, rows[limit - 1].id));
    else
        w.null();
    w.endObject();
    return json(w.take());
}

bool AccountService::isEmail(const QString &email)
{
    static const QRegularExpression pattern(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    return email.size() <= 254 && pattern.match(email).hasMatch();
}

AccountRecord AccountService::createAccount(const QString &name, const QString &preset,
                                            const QString &timezone, const QString &id,
                                            const QString &plan, TimePoint at, const QString &email)
{
    if (!email.isEmpty() && !isEmail(email))
        throw ApiError::badRequest(QStringLiteral("invalid_field"),
                                   QStringLiteral("\"%1\" is not an email address").arg(email),
                                   QStringLiteral("email"));
    if (name.trimmed().isEmpty() || name.size() > 200)
        throw ApiError::badRequest(QStringLiteral("invalid_field"),
                                   QStringLiteral("the name must have 1 to 200 characters"),
                                   QStringLiteral("name"));
    const auto policy = m_ctx.presets.find(preset);
    if (!policy)
        throw ApiError::badRequest(
            QStringLiteral("invalid_field"),
            QStringLiteral("unknown preset \"%1\" (known: %2)")
                .arg(preset, m_ctx.presets.names().join(QStringLiteral(", "))),
            QStringLiteral("preset"));
    if (!AccountZone::fromId(timezone))
        throw ApiError::badRequest(QStringLiteral("invalid_field"),
                                   QStringLiteral("unknown time zone \"%1\" (an IANA name like "
                                                  "Europe/Paris)")
                                       .arg(timezone),
                                   QStringLiteral("timezone"));
    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9_.-]{1,64}$"));
    if (!id.isEmpty() && !idPattern.match(id).hasMatch())
        throw ApiError::badRequest(QStringLiteral("invalid_field"),
                                   QStringLiteral("an account id has 1 to 64 of A-Z a-z 0-9 _ . -"),
                                   QStringLiteral("id"));
    if (!plan.isEmpty() && policy->planIndex(plan) < 0)
        throw ApiError::badRequest(QStringLiteral("invalid_field"),
                                   QStringLiteral("%1 has no plan \"%2\"").arg(preset, plan),
                                   QStringLiteral("plan"));
    AccountRecord a;
    a.id = id.isEmpty() ? RandomIds::make("acct") : id;
    a.displayName = name.trimmed();
    a.preset = preset;
    a.timezone = timezone;
    a.createdAt = at == NoTime ? m_ctx.clock.now() : at;
    a.email = email;
    m_ctx.store.beginWrite();
    try {
        if (m_ctx.store.account(a.id))
            throw ApiError::conflict(QStringLiteral("account_exists"),
                                     QStringLiteral("account %1 exists already").arg(a.id),
                                     QStringLiteral("id"));
        if (!email.isEmpty())
            if (const auto other = m_ctx.store.accountByEmail(email))
                throw ApiError::conflict(
                    QStringLiteral("email_exists"),
                    QStringLiteral("account %1 has the email %2 already").arg(other->id, email),
                    QStringLiteral("email"));
        m_ctx.store.insertAccount(a);
        AuditRecord r;
        r.id = RandomIds::make("aud");
        r.at = a.createdAt;
        r.actor = QStringLiteral("admin");
        r.actorLabel = r.actor;
        r.role = QStringLiteral("system");
        r.action = QStringLiteral("account.create");
        r.accountId = a.id;
        QJsonObject detail{{QStringLiteral("name"), a.displayName},
                           {QStringLiteral("preset"), preset},
                           {QStringLiteral("timezone"), timezone}};
        if (!email.isEmpty())
            detail.insert(QStringLiteral("email"), email);
        r.detail = QJsonDocument(detail).toJson(QJsonDocument::Compact);
        m_ctx.store.audit(r);
        AccountLedger *ledger = m_ctx.cache.find(a.id);
        AccountWriter::Transaction tx(m_ctx.store, *ledger, a.createdAt);
        tx.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("signup")}});
        if (!plan.isEmpty())
            tx.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("subscribe")},
                                  {QStringLiteral("plan"), plan}});
        m_ctx.store.commit();
    } catch (...) {
        m_ctx.store.rollback();
        m_ctx.cache.forget(a.id);
        throw;
    }
    return a;
}

} // namespace creditdesk
