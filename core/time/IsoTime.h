#pragma once

#include "TimePoint.h"

#include <QString>

#include <optional>

namespace creditdesk {

// The one time syntax of scenario files: exactly YYYY-MM-DDThh:mm:ss followed by Z or ±hh:mm.
// Qt's ISO parser is lenient (no offset, hh:mm, fractions, 24:00), so this one is hand-made.
class IsoTime
{
public:
    static std::optional<TimePoint> parse(QStringView text);
    static QString format(TimePoint utc, int offsetSeconds);
};

} // namespace creditdesk
