#pragma once

#include "Scenario.h"

#include <QByteArray>

namespace creditdesk {

// Writes a scenario back as a format-1 file that ScenarioReader reads to the same events and
// queries: support exports an account's history this way, and the bench writes its file.
class ScenarioWriter
{
public:
    static QByteArray write(const Scenario &scenario);
    static QByteArray eventJson(const Scenario &scenario, const Event &event);
};

} // namespace creditdesk
