#pragma once

#include "BucketKind.h"
#include "Credits.h"
#include "Policy.h"
#include "TimePoint.h"

namespace creditdesk {

// What a task start (or a can_start/affordable question) asks for.
struct TaskRequest
{
    int feature = -1;
    qint64 quantityMilli = Credits::Scale; // default 1
    int models = 1;
    int tier = -1;       // index into the policy's tiers; -1 = none or unknown
    bool tierGiven = false;
    qint64 tokens = -1;  // -1 = not given
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
    EventType type = EventType::Signup;
    BucketKind kind = BucketKind::Bonus; // grant
    Outcome outcome = Outcome::Success;   // task_end
    int plan = -1;                        // subscribe
    int pack = -1;                        // purchase by pack
    int task = -1;                        // task_start, task_end, refund (NameTable id)
    int note = -1;                        // debit reason (NameTable id)
    Credits amount;                       // grant, purchase by amount, debit
    TimePoint expiresAt = Never;          // grant
    TimePoint from = 0, until = 0;        // promotion
    qint64 tokens = -1;                   // task_end: tokens processed, -1 = not given
    TaskRequest request;                  // task_start; promotion uses request.feature
};

} // namespace creditdesk
