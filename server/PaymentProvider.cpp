#include "PaymentProvider.h"

namespace creditdesk {

PaymentProvider::~PaymentProvider() = default;

} // namespace creditdesk
