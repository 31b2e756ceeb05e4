#pragma once

#include <QObject>
#include <QString>

namespace creditdesk {

// Confirms or declines the payment of a purchase, some time after it is submitted. The
// server credits a purchase only on `settled(..., true, ...)`, once, whatever the provider
// repeats: a settled purchase is never settled again.
class PaymentProvider : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~PaymentProvider() override;

    virtual void submit(const QString &purchaseId, const QString &paymentMethod) = 0;

signals:
    void settled(const QString &purchaseId, bool approved, const QString &failureReason);
};

} // namespace creditdesk
