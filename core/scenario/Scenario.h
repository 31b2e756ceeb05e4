#pragma once

#include "AccountZone.h"
#include "Event.h"
#include "NameTable.h"
#include "Policy.h"

#include <QJsonObject>
#include <QString>

#include <memory>
#include <vector>

namespace creditdesk {

struct Query
{
    enum class Ask : quint8 {
        Balance,
        NextRefresh,
        CanStart,
        Limits,
        Affordable,
        Ledger,
        Projection
    };
    TimePoint at = 0;
    Ask ask = Ask::Balance;
    TaskRequest request;      // can_start, affordable
    TimePoint since = NoTime; // ledger
    bool explain = false;     // ledger: each entry names its rule ids
    qint64 windowDays = 7;    // projection
};

// A scenario file (format 1): one account's history and the questions to ask of it.
struct Scenario
{
    QString presetName;       // empty when the policy is inline
    QJsonObject inlinePolicy; // the `policy` object as written, for export
    std::shared_ptr<const Policy> policy;
    AccountZone zone;
    std::vector<Event> events;  // in time order; equal times keep file order
    std::vector<Query> queries; // in file order
    std::shared_ptr<NameTable> names = std::make_shared<NameTable>();
};

} // namespace creditdesk
