#pragma once

#include "JsonFields.h"
#include "Scenario.h"

namespace creditdesk {

// One event or query of a scenario file, checked and with the policy's names resolved
// (ScenarioReader's inner part). Problems are thrown as ParseError naming the field.
// The task id or debit reason an event names is left to the caller to intern (in batches:
// NameTable::prefetch()): `name` receives its string node (kind Null when there is none),
// for Event::task or, in a debit, Event::note.
Event readScenarioEvent(const JsonDomFields &f, const Policy &policy, json::Node &name);
Query readScenarioQuery(const JsonDomFields &f, const Policy &policy);

} // namespace creditdesk
