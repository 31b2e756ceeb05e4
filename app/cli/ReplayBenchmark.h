#pragma once

#include <QtGlobal>

namespace creditdesk {

// `creditdesk-cli bench`: replay speed, query speed, file reading speed and peak memory on a
// synthetic history. Figures are printed; nothing is asserted.
class ReplayBenchmark
{
public:
    static int run(qint64 events, qint64 queries);
};

} // namespace creditdesk
