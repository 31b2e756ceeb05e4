#pragma once

#include "BucketKind.h"
#include "Credits.h"
#include "Policy.h"
#include "TimePoint.h"

namespace creditdesk {

// What a task start (or a can_start/affordable question) asks for.
struct TaskRequest
{
    qint64 quantityMilli = Credits::Scale; // default 1
    qint64 tokens = -1; // tokens estimated (start) or processed (task_end); -1 = not given
    // 16 bits each: a million events are held in memory at once.
    qint16 feature = -1;
    qint16 models = 1; // capped: more models than a policy allows are refused anyway
    qint16 tier = -1;  // index into the policy's tiers; -1 = none or unknown
    bool tierGiven = false;
};

enum class EventType : quint8 {
    Signup,
    Subscribe,
    Grant,
    Purchase,
    TaskStart,
    TaskEnd,
    Refund,
    Debit,
    Promotion,
};

// One line of an account's history, already validated and with names resolved to indexes.
struct Event
{
    TimePoint at = 0;
    Credits amount;          // grant, purchase by amount, debit
    TimePoint from = 0;      // promotion
    TimePoint until = Never; // grant: expires at; promotion: ends at
    TaskRequest request;     // task_start; task_end uses request.tokens;
                             // promotion uses request.feature
    int plan = -1;           // subscribe
    int pack = -1;           // purchase by pack
    int task = -1;           // task_start, task_end, refund (NameTable id)
    int note = -1;           // debit reason (NameTable id)
    EventType type = EventType::Signup;
    BucketKind kind = BucketKind::Bonus; // grant
    Outcome outcome = Outcome::Success;  // task_end
};

} // namespace creditdesk
