#include "TlsDecider.h"

namespace creditdesk {

TlsDecider::~TlsDecider() = default;

} // namespace creditdesk
