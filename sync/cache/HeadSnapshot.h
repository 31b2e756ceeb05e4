#pragma once

#include "TimePoint.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <variant>

namespace creditdesk {

class AccountHistory;
class CreditEngine;

// What a cold start paints from (docs/client.md, "Cold start"): the account's engine at the
// head of its history, as the cache keeps it beside the events, so the balance is on screen
// before a single event is read.
//
// It is CreditEngine::snapshot() (the engine's own versioned format, unchanged) with the
// history's event count and latest event time, less what no answer at "now" reads: the ledger
// and its notes, the tasks that ended with their names and portions (the names of the tasks
// kept are renumbered), and usage older than a year (the projection looks back days). A head
// therefore answers balance, buckets, refreshes, windows, what the member can still do and the
// projection exactly as the full history does, but it cannot take further events (an old task's
// refund) and has no token log: the full history, read after the first paint, replaces it. Bad or
// foreign text gives an error, never a wrong history.
class HeadSnapshot
{
public:
    // The head of a history of `eventCount` events whose latest time is `lastEventAt`, its
    // engine `engine`, as the cache stores it (any thread: it reads only `engine`).
    static QByteArray write(const CreditEngine &engine, qint64 eventCount, TimePoint lastEventAt);

    struct Head
    {
        std::unique_ptr<AccountHistory> history; // isPartial()
        qint64 eventCount = 0;
    };
    // The head under the cached policy and zone, or why it cannot be resumed.
    static std::variant<Head, QString> resume(const QByteArray &text, const QByteArray &policyJson,
                                              const QString &timezone, const QString &preset);
};

} // namespace creditdesk
