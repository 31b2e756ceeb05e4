#pragma once

#include "TimePoint.h"

#include <QObject>
#include <QString>

#include <optional>

namespace creditdesk {

struct PurchaseRecord;

// A payment provider's word on one purchase.
struct PaymentAnswer
{
    bool approved = false;
    QString failureReason;
};

// Confirms or declines the payment of a purchase, some time after it is submitted: either by
// calling back (`settled`), or by answering when the server asks (`answerBy`, on the server's
// clock). The server credits a purchase only on an approval, once, whatever the provider
// repeats: a settled purchase is never settled again.
class PaymentProvider : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~PaymentProvider() override;

    virtual void submit(const QString &purchaseId, const QString &paymentMethod) = 0;
    // The answer for a pending purchase at `now` (the server's injected clock), or nothing
    // while the payment is still processing. The default answers only by callback.
    virtual std::optional<PaymentAnswer> answerBy(const PurchaseRecord &purchase,
                                                  TimePoint now) const;

signals:
    void settled(const QString &purchaseId, bool approved, const QString &failureReason);
};

} // namespace creditdesk
