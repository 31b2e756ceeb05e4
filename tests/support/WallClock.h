#pragma once

#include "Clock.h"

#include <QDateTime>

// The real time, for tests against a real server (which runs on its own wall clock).
class WallClock : public creditdesk::Clock
{
public:
    creditdesk::TimePoint now() const override { return QDateTime::currentSecsSinceEpoch(); }
};
