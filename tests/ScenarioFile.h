#pragma once

#include "Scenario.h"

#include <QString>

// A scenario file the tests ship (tests/reference, tests/scenarios), read with the core's
// reader. A file that does not read is a broken test tree: it stops the test at once.
creditdesk::Scenario loadScenarioFile(const QString &path);
