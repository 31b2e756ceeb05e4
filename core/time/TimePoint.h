#pragma once

#include <QtGlobal>

#include <limits>

namespace creditdesk {

// An instant: whole seconds since 1970-01-01T00:00:00Z. Scenario times carry no fractions of
// a second, and integers compare exactly where QDateTime would drag a time zone along.
using TimePoint = qint64;

inline constexpr TimePoint NoTime = std::numeric_limits<qint64>::min();
inline constexpr TimePoint Never = std::numeric_limits<qint64>::max();
inline constexpr qint64 SecondsPerDay = 86400;

} // namespace creditdesk
