#pragma once

#include "BucketKind.h"
#include "Credits.h"
#include "LedgerEntry.h"
#include "Policy.h"
#include "TimePoint.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace creditdesk {

class AmountFormat;
class TimeFormat;

// The words of an explanation. The engine marks each ledger entry with the ids of the rules
// that made it (credit-rules.md, "Rule ids"); this is the one place those ids become sentences
// a support agent can paste into a reply ("plan credits refresh on the subscription's monthly
// anniversary: 1 Dec 15:00 Asia/Shanghai; 230 unused plan credits expired, no rollover"). Every
// sentence goes through tr(). An id this table does not know is shown as itself, never dropped.
class RuleWording
{
    Q_DECLARE_TR_FUNCTIONS(RuleWording)

public:
    // What a step is about: its ledger entry and what the history knows around it.
    struct Step
    {
        LedgerEntry entry;
        QStringList rules;
        QString task;    // the task's id, or empty
        QString feature; // the task's feature ("video"), or empty
        bool outcomeKnown = false;
        Outcome outcome = Outcome::Success;
        QString note; // an adjustment's or debit's reason
        // A task that settled without a ledger entry (a free outcome under positive
        // admission): the step speaks of the task only; `entry` holds its time.
        bool taskOnly = false;
    };

    RuleWording(const Policy &policy, const TimeFormat &times, const AmountFormat &amounts,
                QString zoneId);

    // Every rule of the step in words, joined with "; " (the entry's plain description when it
    // carries no id).
    QString sentence(const Step &step) const;
    // One rule's words for this step.
    QString rule(const QString &id, const Step &step) const;
    // Whether `id` is in the spec's table (or one of the two task rules).
    static bool isKnown(const QString &id);

private:
    QString bucket(const Step &step) const;
    QString amount(Credits amount) const;
    QString when(TimePoint at) const;
    QString payableFeatures(BucketKind kind) const;

    const Policy &m_policy;
    const TimeFormat &m_times;
    const AmountFormat &m_amounts;
    QString m_zoneId;
};

} // namespace creditdesk
