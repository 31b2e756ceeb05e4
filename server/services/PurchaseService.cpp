#include "PurchaseService.h"

#include "AccessGuard.h"
#include "AccountService.h"
#include "AmountBound.h"
#include "JsonViews.h"
#include "JsonWriter.h"
#include "PaymentProvider.h"
#include "RandomIds.h"
#include "RequestBody.h"
#include "SimulatedPaymentProvider.h"
#include "StoreError.h"

#include <QCryptographicHash>
#include <QDebug>

namespace creditdesk {

PurchaseService::PurchaseService(ServiceContext &context, PaymentProvider &provider,
                                 QObject *parent)
    : QObject(parent)
    , m_ctx(context)
    , m_provider(provider)
{
    connect(&m_provider, &PaymentProvider::settled, this,
            [this](const QString &id, bool approved, const QString &reason) {
                try {
                    settle(id, approved, reason);
                } catch (const StoreError &e) {
                    // Left pending: the next start hands it to the provider again.
                    qWarning("purchase %s not settled: %s", qPrintable(id), e.what());
                } catch (const ApiError &e) {
                    qWarning("purchase %s not settled: %s", qPrintable(id),
                             qPrintable(e.message()));
                }
            });
    m_ctx.settleDue = [this](const QString &accountId) { settleDue(accountId); };
    m_ctx.writer.beforeWrite = [this](const QString &accountId) { settleDue(accountId); };
    // Cheap when nothing is pending (one indexed query); it only ever compares the injected
    // clock, so a ManualClock that stands still settles nothing.
    m_tick = new QTimer(this);
    m_tick->setInterval(250);
    connect(m_tick, &QTimer::timeout, this, [this] { settleDue(); });
    m_tick->start();
}

int PurchaseService::settleDue(const QString &accountId)
{
    if (m_settling || m_ctx.store.inTransaction())
        return 0;
    m_settling = true;
    int settledCount = 0;
    try {
        const QList<PurchaseRecord> pending = accountId.isEmpty()
                                                  ? m_ctx.store.pendingPurchases()
                                                  : m_ctx.store.pendingPurchases(accountId);
        const TimePoint now = m_ctx.clock.now();
        for (const PurchaseRecord &p : pending) {
            const auto answer = m_provider.answerBy(p, now);
            if (answer && settle(p.id, answer->approved, answer->failureReason))
                ++settledCount;
        }
    } catch (const StoreError &e) {
        // Left pending: the next look settles it.
        qWarning("pending purchases not settled: %s", e.what());
    } catch (const ApiError &e) {
        qWarning("pending purchases not settled: %s", qPrintable(e.message()));
    }
    m_settling = false;
    return settledCount;
}

ApiResponse PurchaseService::create(const Caller &caller, const QString &accountId,
                                    const QByteArray &bodyBytes, const QByteArray &keyBytes)
{
    AccessGuard::requireOwner(caller, accountId);
    const QString key = QString::fromUtf8(keyBytes).trimmed();
    if (key.isEmpty())
        throw ApiError::badRequest(QStringLiteral("missing_field"),
                                   QStringLiteral("a purchase needs an Idempotency-Key header"),
                                   QStringLiteral("Idempotency-Key"));
    if (key.size() > 200 || keyBytes.contains('\0'))
        throw ApiError::badRequest(QStringLiteral("invalid_field"),
                                   QStringLiteral("the Idempotency-Key has at most 200 characters"),
                                   QStringLiteral("Idempotency-Key"));
    const RequestBody body(bodyBytes, {QStringLiteral("pack"), QStringLiteral("amount"),
                                       QStringLiteral("payment_method")});
    if (body.has(QStringLiteral("amount")))
        AmountBound::checkAmount(body.object().value(QStringLiteral("amount")),
                                 QStringLiteral("amount"));
    const QString method =
        body.optionalString(QStringLiteral("payment_method"), 40).value_or(QStringLiteral("card"));
    if (!SimulatedPaymentProvider::methods().contains(method))
        throw ApiError::badRequest(
            QStringLiteral("invalid_field"),
            QStringLiteral("unknown payment method \"%1\" (known: %2)")
                .arg(method, SimulatedPaymentProvider::methods().join(QStringLiteral(", "))),
            QStringLiteral("payment_method"));
    // The request as it would be stored, hashed: same key + same request = same purchase.
    const QByteArray requestHash =
        QCryptographicHash::hash("POST purchases\n" + accountId.toUtf8() + '\n' + body.canonical(),
                                 QCryptographicHash::Sha256)
            .toHex();

    QString created;
    ApiResponse response = m_ctx.writer.write(accountId, [&](AccountWriter::Transaction &tx) {
        const Policy &policy = tx.ledger().policy();
        QJsonObject event{{QStringLiteral("type"), QStringLiteral("purchase")},
                          {QStringLiteral("at"), tx.ledger().zone().format(tx.now())}};
        for (const QString &f : {QStringLiteral("pack"), QStringLiteral("amount")})
            if (body.has(f))
                event.insert(f, body.object().value(f));
        if (!body.has(QStringLiteral("pack")) && !body.has(QStringLiteral("amount")))
            throw ApiError::badRequest(
                QStringLiteral("missing_field"),
                policy.packs.isEmpty() ? QStringLiteral("\"amount\" is required")
                                       : QStringLiteral("\"pack\" is required"),
                policy.packs.isEmpty() ? QStringLiteral("amount") : QStringLiteral("pack"));
        if (body.has(QStringLiteral("amount")) && !policy.packs.isEmpty())
            throw ApiError::badRequest(
                QStringLiteral("invalid_field"),
                QStringLiteral("%1 sells packs only: give \"pack\"").arg(policy.name),
                QStringLiteral("amount"));
        const Event parsed = AccountWriter::validate(tx.ledger(), event);
        AmountBound::checkBalance(
            tx.ledger().engine().balance().total +
                (parsed.pack >= 0 ? policy.packs[parsed.pack].amount : parsed.amount),
            QStringLiteral("amount"));

        if (const auto seen = tx.store().idempotency(accountId, key)) {
            if (seen->requestHash != requestHash)
                throw ApiError::conflict(QStringLiteral("idempotency_key_reused"),
                                         QStringLiteral("this Idempotency-Key was used for "
                                                        "another request"),
                                         QStringLiteral("Idempotency-Key"));
            ApiResponse replay;
            replay.status = seen->status;
            replay.body = seen->response;
            replay.headers << qMakePair(QByteArrayLiteral("Idempotent-Replayed"),
                                        QByteArrayLiteral("true"));
            return replay;
        }
        PurchaseRecord p;
        p.id = RandomIds::make("pur");
        p.accountId = accountId;
        p.pack = parsed.pack >= 0 ? policy.packs[parsed.pack].name : QString();
        p.amountMilli =
            parsed.pack >= 0 ? policy.packs[parsed.pack].amount.milli() : parsed.amount.milli();
        if (parsed.pack >= 0)
            p.price = policy.packs[parsed.pack].price;
        p.status = QStringLiteral("pending");
        p.paymentMethod = method;
        p.idempotencyKey = key;
        p.createdAt = tx.now();
        tx.store().insertPurchase(p);
        JsonWriter w;
        JsonViews::purchase(w, p, tx.ledger().zone());
        ApiResponse r;
        r.status = 202;
        r.body = w.take();
        tx.store().insertIdempotency(accountId, key, {requestHash, r.status, r.body}, tx.now());
        tx.audit(
            caller, QStringLiteral("purchase.create"),
            QJsonObject{{QStringLiteral("purchase"), p.id},
                        {QStringLiteral("amount"), Credits::fromMilli(p.amountMilli).toString()},
                        {QStringLiteral("pack"), p.pack}});
        created = p.id;
        return r;
    });
    if (!created.isEmpty()) {
        m_provider.submit(created, method);
        // A provider that answers at once (no delay) settles right after this answer leaves.
        QTimer::singleShot(0, this, [this, accountId] { settleDue(accountId); });
    }
    return response;
}

namespace {
// The Purchase view with its `receipt` (the purchase endpoints' answers; the events feed's
// pending purchases have none): {"...": ..., "receipt": ...}.
QByteArray withReceipt(QByteArray purchase, const PurchaseRecord &p, const AccountZone &zone)
{
    JsonWriter receipt;
    JsonViews::receipt(receipt, p, zone);
    purchase.chop(1);
    return purchase + ",\"receipt\":" + receipt.take() + '}';
}
} // namespace

ApiResponse PurchaseService::get(const Caller &caller, const QString &accountId,
                                 const QString &purchaseId)
{
    AccountLedger &ledger = m_ctx.readable(caller, accountId);
    const auto p = m_ctx.store.purchase(purchaseId);
    if (!p || p->accountId != accountId)
        throw ApiError::notFound(
            QStringLiteral("no purchase %1 in account %2").arg(purchaseId, accountId));
    JsonWriter w;
    JsonViews::purchase(w, *p, ledger.zone());
    ApiResponse r;
    r.body = withReceipt(w.take(), *p, ledger.zone());
    return r;
}

ApiResponse PurchaseService::list(const Caller &caller, const QString &accountId,
                                  const QUrlQuery &query)
{
    AccountLedger &ledger = m_ctx.readable(caller, accountId);
    const QString status = query.queryItemValue(QStringLiteral("status"));
    if (!status.isEmpty() && status != u"pending" && status != u"completed" && status != u"failed")
        throw ApiError::badRequest(QStringLiteral("invalid_parameter"),
                                   QStringLiteral("status is pending, completed or failed"),
                                   QStringLiteral("status"));
    const int limit = int(queryNumber(query, QStringLiteral("limit"), 1, 500, 100));
    JsonWriter w;
    w.beginObject().key("purchases").beginArray();
    for (const PurchaseRecord &p : m_ctx.store.purchases(accountId, limit)) {
        if (status.isEmpty() || p.status == status) {
            JsonWriter one;
            JsonViews::purchase(one, p, ledger.zone());
            w.raw(withReceipt(one.take(), p, ledger.zone()));
        }
    }
    w.endArray().endObject();
    ApiResponse r;
    r.body = w.take();
    return r;
}

bool PurchaseService::settle(const QString &purchaseId, bool approved, const QString &failureReason)
{
    const auto first = m_ctx.store.purchase(purchaseId);
    if (!first || first->status != u"pending")
        return false;
    return m_ctx.writer.write(first->accountId, [&](AccountWriter::Transaction &tx) {
        auto p = tx.store().purchase(purchaseId);
        if (!p || p->status != u"pending")
            return false; // settled meanwhile (another process, a repeated confirmation)
        p->settledAt = tx.now();
        if (approved) {
            QJsonObject event{{QStringLiteral("type"), QStringLiteral("purchase")}};
            if (!p->pack.isEmpty())
                event.insert(QStringLiteral("pack"), p->pack);
            else
                event.insert(QStringLiteral("amount"),
                             double(p->amountMilli) / double(Credits::Scale));
            tx.append(event, QJsonObject{{QStringLiteral("purchase"), p->id}});
            p->status = QStringLiteral("completed");
            p->eventSeq = tx.ledger().eventCount();
        } else {
            p->status = QStringLiteral("failed");
            p->failureReason = failureReason;
        }
        tx.store().updatePurchase(*p);
        Caller provider;
        provider.label = QStringLiteral("payment_provider");
        tx.audit(provider, QStringLiteral("purchase.") + p->status,
                 QJsonObject{{QStringLiteral("purchase"), p->id},
                             {QStringLiteral("failure_reason"), p->failureReason}});
        return true;
    });
}

int PurchaseService::resumePending()
{
    const auto pending = m_ctx.store.pendingPurchases();
    for (const PurchaseRecord &p : pending)
        m_provider.submit(p.id, p.paymentMethod);
    return int(pending.size());
}

} // namespace creditdesk
