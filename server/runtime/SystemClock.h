#pragma once

#include "Clock.h"

namespace creditdesk {

// The wall clock, in whole seconds. The server's only reader of real time: handlers ask the
// Clock they were given, so tests and demos can substitute their own.
class SystemClock : public Clock
{
public:
    TimePoint now() const override;
};

} // namespace creditdesk
