#pragma once

// Random but well-formed account histories for the property tests (tst_properties).
//
// A history is drawn as a preset, a zone, a start time, a span and a list of abstract steps;
// the steps are then turned into events (time order, names interned in a NameTable) by a
// deterministic function. Shrinking removes or simplifies steps, and whatever is left still
// turns into a valid history, so a failing case shrinks to a short event list.

#include "AccountZone.h"
#include "Event.h"
#include "NameTable.h"
#include "Policy.h"
#include "Scenario.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wextra"
#pragma GCC diagnostic ignored "-Wall"
#include <rapidcheck.h>
#pragma GCC diagnostic pop

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <ostream>
#include <vector>

namespace creditdesk::props {

// One account's history, ready to be applied to a CreditEngine in order.
struct History
{
    QString presetName;
    std::shared_ptr<const Policy> policy;
    AccountZone zone;
    std::shared_ptr<NameTable> names = std::make_shared<NameTable>();
    std::vector<Event> events; // time order; equal times keep their order
    TimePoint start = 0;       // no event before it
    TimePoint end = 0;         // no event after it; the last moment the properties look at

    // The history as a scenario (format 1) that creditdesk-cli can replay.
    Scenario toScenario() const;
    QByteArray toScenarioJson() const;
};

struct HistoryOptions
{
    // The presets to draw from (names); empty means all five built-in ones.
    QStringList presets;
};

// The zones histories are drawn in.
const QStringList &historyZones();

rc::Gen<History> genHistory(HistoryOptions options = {});

// A value in [lo, hi), uniform whatever the size: RapidCheck's own inRange and element only
// reach the top of their range at its largest sizes, which would tilt every choice made
// from it (preset, zone, event kind) towards its first options.
template <typename T> rc::Gen<T> uniform(T lo, T hi)
{
    return rc::gen::resize(100, rc::gen::inRange<T>(lo, hi));
}

// What RapidCheck prints for a counterexample: the history as a scenario file.
void showValue(const History &history, std::ostream &os);

} // namespace creditdesk::props
