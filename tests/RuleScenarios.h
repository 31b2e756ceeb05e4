#pragma once

#include <QByteArray>

// Scenario files (format 1) that reach every rule id of credit-rules.md's "Rule ids" table,
// one preset at a time. Shared by the engine's test of the ids (tst_explain) and the support
// console's test of their words (tst_explainview); what each must show is in those tests,
// written from the spec's table.
namespace RuleScenarios {
// unified-monthly: a plan's first allotment, a bonus with its own expiry, a charge in
// consumption order (bonus before plan), the bonus lot's expiry, and the monthly anniversary
// refresh with the expire it makes of what was left.
extern const QByteArray UnifiedRefresh;

// unified-monthly: a purchase, a plan change (expire + the new pool's grant), a refund whose
// lot was reset (refund lot) and one whose lot is alive, a charge past what is left
// (uncovered, over three buckets), a usage window's limit, insufficient credits under
// `positive`, an unknown task's end, an adjustment grant and a debit.
extern const QByteArray UnifiedChangesAndRejects;

// coding-weekly: the 7-day rolling pool, a reservation and its release under `covers`,
// insufficient credits under `covers`, and the rolling refresh at 00:00 of D8.
extern const QByteArray CodingWeekly;

// daily-free-images: the signup's one-time grant and the daily pool's first allotment, a video
// (which free credits may not pay for: applicability), an image whose failure costs nothing
// (outcome free), an image paid by the daily credits, and the daily midnight refresh.
extern const QByteArray DailyFree;

// prepaid-tokens: a pack, a task inside a promotion (free: no entry), a cancelled chat (outcome
// free: reserved and released), a content violation (charged), its refund to the live lot, a
// second refund refused.
extern const QByteArray Prepaid;

// tiered-tasks: the signup grant, pro's first allotment, a failed agent task (outcome free,
// `positive`: no entry), a charged one, a plan change to free (pro's credits removed, nothing
// granted), a compare with too many models, pro's monthly refresh before the change.
extern const QByteArray Tiered;

} // namespace RuleScenarios
