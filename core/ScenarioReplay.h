#pragma once

#include "Scenario.h"

#include <QByteArray>

namespace creditdesk {

class CreditEngine;

// Plays a scenario: applies its events in time order and answers each query with the state
// at the query's time. The answers come back as the JSON document of scenario-format.md.
class ScenarioReplay
{
public:
    static QByteArray answersJson(const Scenario &scenario);
    // One query's answer, for an engine already advanced to the query's time.
    static QByteArray answerJson(const CreditEngine &engine, const Query &query);
};

} // namespace creditdesk
