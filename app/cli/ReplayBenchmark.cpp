#include "ReplayBenchmark.h"

#include <cstdio>

namespace creditdesk {

int ReplayBenchmark::run(qint64, qint64)
{
    std::fputs("bench: not built yet\n", stderr);
    return 1;
}

} // namespace creditdesk
