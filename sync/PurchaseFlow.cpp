#include "PurchaseFlow.h"

#include "AccountCache.h"
#include "Clock.h"
#include "JsonWriter.h"
#include "PurchaseJob.h"
#include "PurchaseStatusJob.h"
#include "ServerConnection.h"

#include <QTimer>
#include <QUuid>

namespace creditdesk {

PurchaseFlow::PurchaseFlow(ServerConnection *connection, AccountCache *cache,
                           SyncedAccount *account, QString accountId, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_cache(cache)
    , m_account(account)
    , m_accountId(std::move(accountId))
{
    if (m_cache && m_cache->isOpen()) {
        for (const AccountCache::PurchaseIntent &i : m_cache->intents()) {
            m_bodies.insert(i.key, i.body);
            if (!i.purchaseId.isEmpty())
                m_purchaseIds.insert(i.key, i.purchaseId);
        }
    }
}

QByteArray PurchaseFlow::buyPack(const QString &pack, Credits amount, const QString &paymentMethod)
{
    JsonWriter w;
    w.beginObject().key("pack").value(pack);
    if (paymentMethod != u"card")
        w.key("payment_method").value(paymentMethod);
    w.endObject();
    return submit(w.take(), amount);
}

QByteArray PurchaseFlow::buyAmount(Credits amount, const QString &paymentMethod)
{
    JsonWriter w;
    w.beginObject().key("amount").value(amount);
    if (paymentMethod != u"card")
        w.key("payment_method").value(paymentMethod);
    w.endObject();
    return submit(w.take(), amount);
}

QByteArray PurchaseFlow::submit(const QByteArray &body, Credits amount)
{
    if (!amount.isPositive()) {
        emit refused({}, tr("The amount must be more than zero."));
        return {};
    }
    if (m_account && amount > m_account->maxAmount) {
        emit refused({}, tr("%1 is more than the most one purchase may buy (%2).")
                             .arg(amount.toString(), m_account->maxAmount.toString()));
        return {};
    }
    // The same thing asked for again before the server accepted it: the same intent.
    for (auto it = m_bodies.cbegin(); it != m_bodies.cend(); ++it) {
        if (it.value() == body && !m_purchaseIds.contains(it.key())) {
            if (!m_inFlight.contains(it.key()))
                send(it.key());
            return it.key();
        }
    }
    const QByteArray key = QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
    AccountCache::PurchaseIntent intent;
    intent.key = key;
    intent.body = body;
    intent.createdAt = m_connection ? m_connection->clock().now() : 0;
    if (m_cache && !m_cache->addIntent(intent)) {
        emit refused({}, tr("The purchase could not be recorded on this computer (%1), so it "
                            "was not sent.")
                             .arg(m_cache->lastError()));
        return {};
    }
    m_bodies.insert(key, body);
    send(key);
    return key;
}

void PurchaseFlow::send(const QByteArray &key)
{
    if (!m_connection || m_inFlight.contains(key) || !m_bodies.contains(key))
        return;
    m_inFlight.insert(key);
    auto *job = new PurchaseJob(m_connection, m_accountId, key, m_bodies.value(key));
    job->setTimeoutMs(m_timeoutMs);
    connect(job, &PurchaseJob::finished, this, [this, key](const PurchaseJob::Result &result) {
        m_inFlight.remove(key);
        if (const auto *purchase = std::get_if<PurchaseInfo>(&result)) {
            m_attempts.remove(key);
            record(key, *purchase);
            return;
        }
        const ApiFailure &failure = std::get<ApiFailure>(result);
        const bool unanswered =
            failure.kind == ApiFailure::Kind::Network ||
            failure.kind == ApiFailure::Kind::Timeout ||
            failure.kind == ApiFailure::Kind::Malformed ||
            failure.kind == ApiFailure::Kind::RateLimited ||
            (failure.kind == ApiFailure::Kind::Http && failure.httpStatus >= 500);
        if (!unanswered) {
            // Refused outright (or not allowed): nothing was bought, the intent is over.
            m_bodies.remove(key);
            m_attempts.remove(key);
            if (m_cache)
                m_cache->removeIntent(key);
            emit refused(key, failure.message);
            return;
        }
        const int attempt = ++m_attempts[key];
        if (attempt <= m_retries) {
            const int delay = failure.kind == ApiFailure::Kind::RateLimited
                                  ? int(failure.retryAfterSeconds * 1000)
                                  : 200 * attempt;
            QTimer::singleShot(delay, this, [this, key] { send(key); });
            return;
        }
        m_attempts.remove(key);
        emit stalled(key, failure);
    });
    job->start();
}

void PurchaseFlow::record(const QByteArray &key, const PurchaseInfo &purchase)
{
    m_purchaseIds.insert(key, purchase.id);
    if (m_account) {
        bool replaced = false;
        for (PurchaseInfo &p : m_account->purchases) {
            if (p.id == purchase.id) {
                p = purchase;
                replaced = true;
            }
        }
        if (!replaced)
            m_account->purchases.prepend(purchase);
        emit m_account->changed();
    }
    emit progressed(key, purchase);
    if (purchase.status == u"pending") {
        if (m_cache)
            m_cache->updateIntent(key, purchase.id, purchase.status);
        QTimer::singleShot(m_pollMs, this, [this, key, id = purchase.id] { poll(key, id); });
        return;
    }
    m_bodies.remove(key);
    m_purchaseIds.remove(key);
    if (m_cache)
        m_cache->removeIntent(key);
    emit settled(key, purchase);
}

void PurchaseFlow::poll(const QByteArray &key, const QString &purchaseId)
{
    if (!m_connection || !m_purchaseIds.contains(key) || m_inFlight.contains(key))
        return;
    m_inFlight.insert(key);
    auto *job = new PurchaseStatusJob(m_connection, m_accountId, purchaseId);
    job->setTimeoutMs(m_timeoutMs);
    connect(job, &PurchaseStatusJob::finished, this,
            [this, key, purchaseId](const PurchaseStatusJob::Result &result) {
                m_inFlight.remove(key);
                if (const auto *purchase = std::get_if<PurchaseInfo>(&result)) {
                    record(key, *purchase);
                    return;
                }
                // Keep asking (the schedule's sync also brings the state); slower when failing.
                QTimer::singleShot(m_pollMs * 4, this,
                                   [this, key, purchaseId] { poll(key, purchaseId); });
            });
    job->start();
}

void PurchaseFlow::retry(const QByteArray &key)
{
    if (m_purchaseIds.contains(key))
        poll(key, m_purchaseIds.value(key));
    else
        send(key);
}

void PurchaseFlow::resume()
{
    for (const QByteArray &key : m_bodies.keys())
        retry(key);
}

QList<QByteArray> PurchaseFlow::openIntents() const
{
    return m_bodies.keys();
}

} // namespace creditdesk
