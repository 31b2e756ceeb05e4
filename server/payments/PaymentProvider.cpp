#include "PaymentProvider.h"

namespace creditdesk {

PaymentProvider::~PaymentProvider() = default;

std::optional<PaymentAnswer> PaymentProvider::answerBy(const PurchaseRecord &, TimePoint) const
{
    return std::nullopt;
}

} // namespace creditdesk
