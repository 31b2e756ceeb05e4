#pragma once

#include "BurnForecast.h"
#include "PackAdvice.h"
#include "ThemePalette.h"
#include "WasteForecast.h"
#include "WhatIf.h"

#include <QCoreApplication>
#include <QString>

namespace creditdesk {

class AmountFormat;
class CreditEngine;
class TimeFormat;
struct BalanceStep;
struct Policy;

// The plan view's sentences, from core/planning's answers: it words them and picks the tone
// that colours them (always with the words saying the same), and never computes a number.
class PlanWording
{
    Q_DECLARE_TR_FUNCTIONS(PlanWording)

public:
    struct Sentence
    {
        QString text;
        ThemePalette::Tone tone = ThemePalette::Tone::Normal;
    };

    PlanWording(const TimeFormat &times, const AmountFormat &amounts);

    // "At your pace (88 credits/day) you run out between Mon 22 and Sat 27 Dec, after your next
    // refresh on Thu 27 Nov — you're fine."
    Sentence runOut(const BurnForecast::Result &forecast) const;
    // "230 plan credits will expire unused at the refresh on Thu 27 Nov."
    Sentence waste(const WasteForecast::Answer &waste) const;
    // What the what-if replay says.
    Sentence whatIf(const WhatIf::Answer &answer, const WhatIf::Request &request,
                    const Policy &policy, Credits availableAtEnd) const;
    // Why a what-if cannot run, for the field it names.
    QString problem(const WhatIf::Rejected &rejected, const QString &unit) const;
    // The advice, and the label of the button that buys it (empty: nothing to buy).
    Sentence packAdvice(const PackAdvice::Answer &advice, const Policy &policy, bool toRefresh,
                        TimePoint now) const;
    QString packButton(const PackAdvice::Answer &advice, const Policy &policy) const;
    // What happened at a step: "Charge −12 (task a1) · Refresh +1,000 plan credits".
    QString stepDescription(const CreditEngine &engine, const BalanceStep &step) const;

    // "Mon 22 and Sat 27 Dec" / "Mon 22 Dec and Tue 3 Feb 2027": two days read together.
    QString dayPair(TimePoint a, TimePoint b, TimePoint now) const;

private:
    QString pace(Credits burnPerDay) const;

    const TimeFormat &m_times;
    const AmountFormat &m_amounts;
};

} // namespace creditdesk
