#pragma once

#include "PaymentProvider.h"

namespace creditdesk {

// A payment provider for demos and tests: answers once `delayMs` have passed since the
// purchase on the server's clock (whole seconds, rounded up; a demo on a ManualClock that
// moves time moves payments too), declines a share `failureRate` (0..1) of payments, and
// always declines the method "test_decline". Whether a purchase is declined depends only on
// its id, so every server process that settles it (after a restart, or two processes sharing
// a database) reaches the same answer.
class SimulatedPaymentProvider : public PaymentProvider
{
    Q_OBJECT
public:
    SimulatedPaymentProvider(int delayMs, double failureRate, QObject *parent = nullptr);

    void submit(const QString &purchaseId, const QString &paymentMethod) override;
    std::optional<PaymentAnswer> answerBy(const PurchaseRecord &purchase,
                                          TimePoint now) const override;
    // The answer the provider gives for that purchase (without waiting).
    bool approves(const QString &purchaseId, const QString &paymentMethod,
                  QString *failureReason) const;

    static QStringList methods();

private:
    int m_delayMs;
    double m_failureRate;
};

} // namespace creditdesk
