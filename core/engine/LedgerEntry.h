#pragma once

#include "BucketKind.h"
#include "Credits.h"
#include "RuleSet.h"
#include "TimePoint.h"

#include <QString>

namespace creditdesk {

enum class EntryType : quint8 {
    Grant,
    Refresh,
    Purchase,
    Reserve,
    Charge,
    Release,
    Refund,
    Debit,
    Expire,
    Reject,
};
QString entryTypeName(EntryType type);

enum class RejectReason : quint8 { None, InsufficientCredits, LimitReached, InvalidRequest };
QString rejectReasonName(RejectReason reason);

// One append-only ledger line (48 bytes: a year of a busy account holds millions). Amounts
// are signed: credits out are negative. A debit's reason is kept beside the ledger
// (CreditEngine::entryNote), since few entries have one. `rules` names the rules that made
// the entry (credit-rules.md, "Rule ids"), decided by the engine where it writes the entry.
struct LedgerEntry
{
    TimePoint at = 0;
    Credits amount;
    Credits balanceAfter;
    Credits uncovered; // charge only: the part of the cost nothing could pay
    qint32 task = -1;  // NameTable id
    EntryType type = EntryType::Grant;
    bool hasBucket = false;
    BucketKind bucket = BucketKind::Plan;
    RejectReason reason = RejectReason::None;
    RuleSet rules;
};

} // namespace creditdesk
