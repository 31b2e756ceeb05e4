#pragma once

#include "TimePoint.h"

namespace creditdesk {

// Where "now" comes from. The core never reads the wall clock itself: the app injects the
// system clock, tests and the demo inject a ManualClock, which makes countdowns exact.
class Clock
{
public:
    virtual ~Clock();
    virtual TimePoint now() const = 0;
};

} // namespace creditdesk
