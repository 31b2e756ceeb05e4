#include "SystemClock.h"

#include <QDateTime>

namespace creditdesk {

TimePoint SystemClock::now() const
{
    return QDateTime::currentSecsSinceEpoch();
}

} // namespace creditdesk
