#include "Clock.h"

namespace creditdesk {

Clock::~Clock() = default;

} // namespace creditdesk
