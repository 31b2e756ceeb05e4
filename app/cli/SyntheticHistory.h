#pragma once

#include "Policy.h"
#include "Scenario.h"
#include "TimePoint.h"

#include <QByteArray>
#include <QtGlobal>

namespace creditdesk {

// A deterministic synthetic account history for `creditdesk-cli bench`: one year in
// Europe/Berlin (both DST changes inside), an inline policy modelled on the presets (a monthly
// plan with 5h and 7d usage windows, a daily recurring signup grant, a one-time signup grant,
// bonus grants with expiry, packs, features priced per unit and per 1,000 tokens), and a stream
// of overlapping task starts and ends with refunds, debits, grants, purchases, two plan changes
// and weekly promotions. Same arguments, same scenario, byte for byte.
struct SyntheticHistory
{
    static constexpr quint64 DefaultSeed = 0x5eed'c0de'2026ULL;

    Scenario scenario;       // inline policy; events in time order; queries in random order
    TimePoint begin = 0;     // the signup
    TimePoint end = 0;       // the history's last instant: a full replay advances to it
    double priceScale = 1.0; // prices are scaled so that any size sees the same credit pressure

    // `events` events exactly (at least 1,000) and `queries` queries (balance, can_start and
    // projection at random moments of the year).
    static SyntheticHistory build(qint64 events, qint64 queries,
                                  Admission admission = Admission::Covers,
                                  quint64 seed = DefaultSeed);

    // The inline policy, as written into the scenario file.
    static QByteArray policyJson(Admission admission, double priceScale);
};

} // namespace creditdesk
