#pragma once

#include <QtGlobal>

namespace creditdesk {

// `creditdesk-cli bench --explain`: how long BalanceWalk takes to explain the balance at
// random moments of a synthetic history (the support console's "explain a balance"; the goal
// is under 100 ms at any moment of a 100,000-event history). Figures are printed; nothing is
// asserted.
class ExplainBenchmark
{
public:
    static int run(qint64 events, qint64 moments);
};

} // namespace creditdesk
