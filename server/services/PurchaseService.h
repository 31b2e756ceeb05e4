#pragma once

#include "ApiResponse.h"
#include "Caller.h"
#include "ServiceContext.h"

#include <QObject>
#include <QTimer>
#include <QUrlQuery>

namespace creditdesk {

class PaymentProvider;

// Purchases: created `pending` under an Idempotency-Key (same key and body: the first answer
// again, nothing new; same key, other body: 409), handed to the payment provider, then
// settled once: `completed` with a `purchase` event (the credits land), or `failed`.
// Settlement follows the server's injected clock, not a wall-time timer: a purchase is settled
// as soon as the provider answers for it at the clock's now — lazily whenever its account is
// read or written, and by a check every 250 ms (real time) that reads the injected clock.
class PurchaseService : public QObject
{
    Q_OBJECT
public:
    // The most one purchase by amount may buy (published in /v1/packs as max_amount).
    static constexpr qint64 MaxAmount = 1'000'000;

    PurchaseService(ServiceContext &context, PaymentProvider &provider, QObject *parent = nullptr);

    ApiResponse create(const Caller &caller, const QString &accountId, const QByteArray &body,
                       const QByteArray &idempotencyKey);
    ApiResponse get(const Caller &caller, const QString &accountId, const QString &purchaseId);
    ApiResponse list(const Caller &caller, const QString &accountId, const QUrlQuery &query);

    // Settles a pending purchase; a purchase already settled is left as it is (the provider's
    // confirmation is idempotent). Returns false if there was nothing to settle.
    bool settle(const QString &purchaseId, bool approved, const QString &failureReason);
    // Hands every pending purchase in the database to the provider (at start, after a crash).
    int resumePending();
    // Settles the pending purchases (of one account, or all) the provider answers for at the
    // clock's now; returns how many were settled. Failures are logged and left pending.
    int settleDue(const QString &accountId = {});

private:
    ServiceContext &m_ctx;
    PaymentProvider &m_provider;
    QTimer *m_tick = nullptr;
    bool m_settling = false;
};

} // namespace creditdesk
