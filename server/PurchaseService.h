#pragma once

#include "ApiResponse.h"
#include "Caller.h"
#include "ServiceContext.h"

#include <QObject>
#include <QUrlQuery>

namespace creditdesk {

class PaymentProvider;

// Purchases: created `pending` under an Idempotency-Key (same key and body: the first answer
// again, nothing new; same key, other body: 409), handed to the payment provider, then
// settled once: `completed` with a `purchase` event (the credits land), or `failed`.
class PurchaseService : public QObject
{
    Q_OBJECT
public:
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

private:
    ServiceContext &m_ctx;
    PaymentProvider &m_provider;
};

} // namespace creditdesk
