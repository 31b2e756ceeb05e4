#include "SimulatedPaymentProvider.h"

#include "StoreRecords.h"

#include <QCryptographicHash>
#include <QStringList>
#include <QtEndian>

namespace creditdesk {

SimulatedPaymentProvider::SimulatedPaymentProvider(int delayMs, double failureRate, QObject *parent)
    : PaymentProvider(parent)
    , m_delayMs(std::max(0, delayMs))
    , m_failureRate(std::clamp(failureRate, 0.0, 1.0))
{}

QStringList SimulatedPaymentProvider::methods()
{
    return {QStringLiteral("card"), QStringLiteral("test_decline")};
}

bool SimulatedPaymentProvider::approves(const QString &purchaseId, const QString &paymentMethod,
                                        QString *failureReason) const
{
    if (paymentMethod == u"test_decline") {
        *failureReason = QStringLiteral("card_declined: the test card always declines");
        return false;
    }
    const QByteArray digest =
        QCryptographicHash::hash(purchaseId.toUtf8(), QCryptographicHash::Sha256);
    const quint32 bits = qFromBigEndian<quint32>(digest.constData());
    const double draw = double(bits) / 4294967296.0;
    if (draw < m_failureRate) {
        *failureReason = QStringLiteral("card_declined: the simulated provider declined it");
        return false;
    }
    return true;
}

void SimulatedPaymentProvider::submit(const QString &, const QString &)
{
    // Nothing to start: the server asks answerBy() on its own clock.
}

std::optional<PaymentAnswer> SimulatedPaymentProvider::answerBy(const PurchaseRecord &purchase,
                                                                TimePoint now) const
{
    const qint64 delaySeconds = (qint64(m_delayMs) + 999) / 1000;
    if (now < purchase.createdAt + delaySeconds)
        return std::nullopt;
    PaymentAnswer answer;
    answer.approved = approves(purchase.id, purchase.paymentMethod, &answer.failureReason);
    return answer;
}

} // namespace creditdesk
