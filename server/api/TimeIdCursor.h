#pragma once

#include "TimePoint.h"

#include <QString>

class QUrlQuery;

namespace creditdesk {

// The `cursor` of lists newest first by (time, id) — the refund queue, the audit trail: the
// last row's time and id, written as an opaque string; the next page holds the rows before it.
class TimeIdCursor
{
public:
    TimePoint at = 0; // 0: from the newest
    QString id;

    // The query's `cursor` (absent: from the newest); ApiError 400 naming `cursor` when it is
    // not one write() made.
    static TimeIdCursor read(const QUrlQuery &query);
    static QString write(TimePoint at, const QString &id);
};

} // namespace creditdesk
