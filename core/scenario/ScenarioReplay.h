#pragma once

#include "Scenario.h"

#include <QByteArray>

namespace creditdesk {

class CreditEngine;
class JsonWriter;

// Plays a scenario: applies its events in time order and answers each query with the state
// at the query's time. The answers come back as the JSON document of scenario-format.md.
class ScenarioReplay
{
public:
    static QByteArray answersJson(const Scenario &scenario);
    // One query's answer, for an engine already advanced to the query's time.
    static QByteArray answerJson(const CreditEngine &engine, const Query &query);
    // The fields of ledger entry `index`, as the `ledger` answer writes them, into an object
    // the caller has begun (the server puts its own fields around them). `fallbackReason`
    // is written as `reason` when the entry has none of its own. `explain` adds the entry's
    // rule ids (`rules`, in credit-rules.md's table order) after the other fields.
    static void writeEntryFields(JsonWriter &w, const CreditEngine &engine, std::size_t index,
                                 const QString &fallbackReason = {}, bool explain = false);
};

} // namespace creditdesk
