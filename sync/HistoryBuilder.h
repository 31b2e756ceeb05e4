#pragma once

#include "TimePoint.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <variant>
#include <vector>

namespace creditdesk {

class AccountHistory;

// Turns the feed's (or the cache's) texts into an AccountHistory, with the core's own readers:
// the policy JSON the server sent (not the presets built into this app, so a server with other
// preset files is replayed exactly as it computes) and events decoded by the scenario reader,
// their names interned into the history's name table. Events keep their feed order (which is
// seq order); ones out of time order are still decoded one for one, never reordered here.
class HistoryBuilder
{
public:
    // An empty history under `policyJson` in `timezone`, or why it cannot be made.
    static std::variant<std::unique_ptr<AccountHistory>, QString>
    create(const QByteArray &policyJson, const QString &timezone, const QString &preset);

    // Appends the events (bodies in feed order, details texts — empty or "{}" for none, and
    // their times): everything or, on the first bad event, nothing (the error names it).
    static std::variant<std::monostate, QString>
    append(AccountHistory &history, const QByteArray &policyJson, const QString &timezone,
           const QList<QByteArray> &bodies, const std::vector<QByteArray> &details,
           const std::vector<TimePoint> &times);
};

} // namespace creditdesk
