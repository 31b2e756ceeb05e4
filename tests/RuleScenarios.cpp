#include "RuleScenarios.h"

namespace RuleScenarios {

// unified-monthly: a plan's first allotment, a bonus with its own expiry, a charge in
// consumption order (bonus before plan), the bonus lot's expiry, and the monthly anniversary
// refresh with the expire it makes of what was left.
const QByteArray UnifiedRefresh = R"({"format": 1, "preset": "unified-monthly", "timezone": "UTC",
 "events": [
  {"at": "2026-01-01T10:00:00Z", "type": "subscribe", "plan": "plus"},
  {"at": "2026-01-02T00:00:00Z", "type": "grant", "kind": "bonus", "amount": 50,
   "expires_at": "2026-01-10T00:00:00Z"},
  {"at": "2026-01-03T00:00:00Z", "type": "task_start", "task": "t1", "feature": "chat"},
  {"at": "2026-01-03T00:01:00Z", "type": "task_end", "task": "t1", "outcome": "success",
   "tokens": 10000}
 ]})";

// unified-monthly: a purchase, a plan change (expire + the new pool's grant), a refund whose
// lot was reset (refund lot) and one whose lot is alive, a charge past what is left
// (uncovered, over three buckets), a usage window's limit, insufficient credits under
// `positive`, an unknown task's end, an adjustment grant and a debit.
const QByteArray UnifiedChangesAndRejects = R"({"format": 1, "preset": "unified-monthly",
 "timezone": "UTC", "events": [
  {"at": "2026-01-01T10:00:00Z", "type": "subscribe", "plan": "free"},
  {"at": "2026-01-02T00:00:00Z", "type": "purchase", "amount": 10},
  {"at": "2026-01-03T00:00:00Z", "type": "task_start", "task": "t1", "feature": "chat"},
  {"at": "2026-01-03T00:01:00Z", "type": "task_end", "task": "t1", "outcome": "success",
   "tokens": 5000},
  {"at": "2026-01-04T00:00:00Z", "type": "subscribe", "plan": "plus"},
  {"at": "2026-01-05T00:00:00Z", "type": "refund", "task": "t1"},
  {"at": "2026-01-06T00:00:00Z", "type": "task_start", "task": "t2", "feature": "chat"},
  {"at": "2026-01-06T00:01:00Z", "type": "task_end", "task": "t2", "outcome": "success",
   "tokens": 20000},
  {"at": "2026-01-07T00:00:00Z", "type": "refund", "task": "t2"},
  {"at": "2026-01-08T00:00:00Z", "type": "task_start", "task": "t3", "feature": "agent"},
  {"at": "2026-01-08T00:01:00Z", "type": "task_end", "task": "t3", "outcome": "success",
   "tokens": 300000},
  {"at": "2026-01-08T01:00:00Z", "type": "task_start", "task": "t4", "feature": "chat"},
  {"at": "2026-01-10T01:00:00Z", "type": "task_start", "task": "t5", "feature": "chat"},
  {"at": "2026-01-11T00:00:00Z", "type": "task_end", "task": "t9", "outcome": "success",
   "tokens": 0},
  {"at": "2026-01-12T00:00:00Z", "type": "grant", "kind": "adjustment", "amount": 5},
  {"at": "2026-01-12T00:01:00Z", "type": "debit", "amount": 3, "reason": "goodwill"}
 ]})";

// coding-weekly: the 7-day rolling pool, a reservation and its release under `covers`,
// insufficient credits under `covers`, and the rolling refresh at 00:00 of D8.
const QByteArray CodingWeekly = R"({"format": 1, "preset": "coding-weekly", "timezone": "UTC",
 "events": [
  {"at": "2026-01-01T09:00:00Z", "type": "subscribe", "plan": "basic"},
  {"at": "2026-01-02T00:00:00Z", "type": "task_start", "task": "r1", "feature": "request",
   "quantity": 2},
  {"at": "2026-01-02T00:01:00Z", "type": "task_end", "task": "r1", "outcome": "system_error"},
  {"at": "2026-01-03T00:00:00Z", "type": "task_start", "task": "r2", "feature": "request",
   "quantity": 400}
 ]})";

// daily-free-images: the signup's one-time grant and the daily pool's first allotment, a video
// (which free credits may not pay for: applicability), an image whose failure costs nothing
// (outcome free), an image paid by the daily credits, and the daily midnight refresh.
const QByteArray DailyFree = R"({"format": 1, "preset": "daily-free-images",
 "timezone": "UTC", "events": [
  {"at": "2026-01-01T08:00:00Z", "type": "signup"},
  {"at": "2026-01-01T09:00:00Z", "type": "purchase", "amount": 100},
  {"at": "2026-01-01T10:00:00Z", "type": "task_start", "task": "v1", "feature": "video"},
  {"at": "2026-01-01T10:01:00Z", "type": "task_end", "task": "v1", "outcome": "success"},
  {"at": "2026-01-01T11:00:00Z", "type": "task_start", "task": "i1", "feature": "image"},
  {"at": "2026-01-01T11:01:00Z", "type": "task_end", "task": "i1", "outcome": "system_error"},
  {"at": "2026-01-01T12:00:00Z", "type": "task_start", "task": "i2", "feature": "image"},
  {"at": "2026-01-01T12:01:00Z", "type": "task_end", "task": "i2", "outcome": "success"}
 ]})";

// prepaid-tokens: a pack, a task inside a promotion (free: no entry), a cancelled chat (outcome
// free: reserved and released), a content violation (charged), its refund to the live lot, a
// second refund refused.
const QByteArray Prepaid = R"({"format": 1, "preset": "prepaid-tokens", "timezone": "UTC",
 "events": [
  {"at": "2026-01-01T00:00:00Z", "type": "purchase", "pack": "tokens_100"},
  {"at": "2026-01-01T00:00:00Z", "type": "promotion", "feature": "image",
   "from": "2026-01-01T00:00:00Z", "until": "2026-01-02T00:00:00Z"},
  {"at": "2026-01-01T01:00:00Z", "type": "task_start", "task": "p1", "feature": "image"},
  {"at": "2026-01-01T01:01:00Z", "type": "task_end", "task": "p1", "outcome": "success"},
  {"at": "2026-01-01T02:00:00Z", "type": "task_start", "task": "c1", "feature": "chat",
   "tokens": 2000},
  {"at": "2026-01-01T02:01:00Z", "type": "task_end", "task": "c1", "outcome": "cancelled"},
  {"at": "2026-01-01T03:00:00Z", "type": "task_start", "task": "v2", "feature": "video"},
  {"at": "2026-01-01T03:01:00Z", "type": "task_end", "task": "v2",
   "outcome": "content_violation"},
  {"at": "2026-01-01T04:00:00Z", "type": "refund", "task": "v2"},
  {"at": "2026-01-01T05:00:00Z", "type": "refund", "task": "v2"}
 ]})";

// tiered-tasks: the signup grant, pro's first allotment, a failed agent task (outcome free,
// `positive`: no entry), a charged one, a plan change to free (pro's credits removed, nothing
// granted), a compare with too many models, pro's monthly refresh before the change.
const QByteArray Tiered = R"({"format": 1, "preset": "tiered-tasks", "timezone": "Europe/Berlin",
 "events": [
  {"at": "2026-01-01T00:00:00+01:00", "type": "signup"},
  {"at": "2026-01-01T01:00:00+01:00", "type": "subscribe", "plan": "pro"},
  {"at": "2026-01-02T00:00:00+01:00", "type": "task_start", "task": "a1", "feature": "agent"},
  {"at": "2026-01-02T00:01:00+01:00", "type": "task_end", "task": "a1",
   "outcome": "system_error"},
  {"at": "2026-01-02T01:00:00+01:00", "type": "task_start", "task": "a2", "feature": "agent"},
  {"at": "2026-01-02T01:01:00+01:00", "type": "task_end", "task": "a2", "outcome": "success"},
  {"at": "2026-02-03T00:00:00+01:00", "type": "subscribe", "plan": "free"},
  {"at": "2026-02-04T00:00:00+01:00", "type": "task_start", "task": "m1", "feature": "compare",
   "models": 5}
 ]})";

} // namespace RuleScenarios
