#pragma once

#include "BucketKind.h"
#include "Event.h"
#include "LedgerEntry.h"
#include "Policy.h"

#include <QCoreApplication>
#include <QString>

namespace creditdesk {

class AmountFormat;

// Words over codes: every internal name the data carries (bucket kinds, outcomes, entry types,
// feature names, request states) has one place where it becomes what a member reads
// ("daily_free" → "Daily free credits", "content_violation" → "Blocked by content rules
// (charged)"). Internal names never reach the screen except where no word is known.
class Wording
{
    Q_DECLARE_TR_FUNCTIONS(Wording)

public:
    // "Daily free credits", "Plan requests": the bucket's origin, with the account's unit word.
    static QString bucketKind(BucketKind kind, const QString &unit);
    // "daily free", "bonus": the adjective used inside sentences.
    static QString bucketAdjective(BucketKind kind);
    // "Completed", "Blocked by content rules (charged)", "Cancelled (not charged)".
    static QString outcome(Outcome outcome, bool charged);
    // "not enough credits", "usage limit reached", "invalid request".
    static QString rejectReason(RejectReason reason, const QString &unit);
    // "Charge", "Reserved", "Expired".
    static QString entryType(EntryType type);
    // "Purchase", "Bonus grant", "Plan change".
    static QString eventType(EventType type);
    // "deep_research" → "deep research": a feature's name as a phrase.
    static QString featureName(const QString &name);
    // "waiting for payment", "completed", "failed".
    static QString purchaseStatus(const QString &status);
    // "refund requested", "refund approved", "refund declined".
    static QString refundStatus(const QString &status);
    // How many of a feature's tasks: the policy's quantity word where it has one ("150
    // images"), else "150 × image"; for token-priced features `tokens` is the tokens covered
    // ("≈ 2.9 M chat tokens").
    static QString capacity(const FeatureRule &feature, qint64 count, const AmountFormat &format);
    // "seconds of video" → "second of video": the English singular of a policy's plural noun.
    static QString singular(const QString &plural);
    static bool pricedByTokens(const FeatureRule &feature)
    {
        return feature.pricing == FeatureRule::Pricing::PerThousandTokens;
    }
};

} // namespace creditdesk
