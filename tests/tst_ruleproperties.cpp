// Property tests of the rule ids (credit-rules.md, "Rule ids (for explanations)") over random
// histories of the five presets (HistoryGenerator). Each id's condition is checked on its own
// against the entry, the event that wrote it and the history, with the preset facts the spec's
// tables give (admission, applicability, charged outcomes, cycles) written here, not read from
// the engine's policy: "the entry carries it exactly when …".
//
// RC_PARAMS (e.g. "seed=123 max_success=1000") overrides the defaults set in initTestCase().

#include "AccountHistory.h"
#include "CreditEngine.h"
#include "HistoryGenerator.h"
#include "ScenarioWriter.h"

#include <QTest>

#include <set>
#include <string>

using namespace creditdesk;
using namespace creditdesk::props;

namespace {

std::string str(const QString &s)
{
    return s.toStdString();
}

// What credit-rules.md's preset tables say, by preset name.
struct PresetFacts
{
    bool positive = false;                // admission
    QString restrictedFeature;            // the feature some bucket kind may not pay for
    std::set<Outcome> uncharged;          // outcomes the preset does not charge
    RuleId planCycle = RuleId::ExpireLot; // the plan pool's cycle id (ExpireLot: none)
};

PresetFacts factsOf(const QString &preset)
{
    PresetFacts f;
    if (preset == u"unified-monthly") {
        f.positive = true;
        f.planCycle = RuleId::RefreshMonthlyAnniversary;
    } else if (preset == u"coding-weekly") {
        f.planCycle = RuleId::RefreshRollingDays;
    } else if (preset == u"prepaid-tokens") {
        f.uncharged = {Outcome::SystemError, Outcome::Cancelled};
    } else if (preset == u"tiered-tasks") {
        f.positive = true;
        f.uncharged = {Outcome::SystemError, Outcome::Cancelled};
        f.planCycle = RuleId::RefreshMonthlyAnniversary;
    } else if (preset == u"daily-free-images") {
        f.restrictedFeature = QStringLiteral("video");
        f.uncharged = {Outcome::SystemError, Outcome::ContentViolation, Outcome::Cancelled};
    }
    return f;
}

// The cycle id of a pool by its bucket kind: plan per the preset, daily_free every day.
std::optional<RuleId> cycleOf(const PresetFacts &facts, BucketKind kind)
{
    if (kind == BucketKind::DailyFree)
        return RuleId::RefreshDailyMidnight;
    if (kind == BucketKind::Plan && facts.planCycle != RuleId::ExpireLot)
        return facts.planCycle;
    return std::nullopt;
}

// The table's "entry types" column.
bool allowedFor(EntryType type, RuleId id)
{
    switch (type) {
    case EntryType::Grant:
        return id == RuleId::GrantSignup || id == RuleId::GrantPoolStart ||
               id == RuleId::GrantEvent;
    case EntryType::Purchase:
        return id == RuleId::PurchaseCredited;
    case EntryType::Refresh:
        return id == RuleId::RefreshMonthlyAnniversary || id == RuleId::RefreshRollingDays ||
               id == RuleId::RefreshDailyMidnight;
    case EntryType::Expire:
        return id == RuleId::RefreshMonthlyAnniversary || id == RuleId::RefreshRollingDays ||
               id == RuleId::RefreshDailyMidnight || id == RuleId::ExpireNoRollover ||
               id == RuleId::ExpireLot || id == RuleId::PlanChange;
    case EntryType::Reject:
        return id == RuleId::RejectInsufficientPositive || id == RuleId::RejectInsufficientCovers ||
               id == RuleId::RejectLimit || id == RuleId::RejectInvalid;
    case EntryType::Reserve:
        return id == RuleId::ReserveHold;
    case EntryType::Release:
        return id == RuleId::ReserveRelease;
    case EntryType::Charge:
        return id == RuleId::ChargeConsumptionOrder || id == RuleId::ChargeApplicability ||
               id == RuleId::ChargeUncovered;
    case EntryType::Refund:
        return id == RuleId::RefundToLots || id == RuleId::RefundToRefundLot;
    case EntryType::Debit:
        return id == RuleId::DebitAdjustment;
    }
    return false;
}

// The history applied event by event: which event wrote each entry (-1: time's own).
struct Replayed
{
    std::unique_ptr<CreditEngine> engine;
    std::vector<int> source;
    std::vector<bool> rejected; // per event: it wrote a reject entry
};

Replayed replay(const History &h)
{
    Replayed r;
    r.engine = std::make_unique<CreditEngine>(h.policy, h.zone, h.names);
    r.rejected.resize(h.events.size());
    for (std::size_t i = 0; i < h.events.size(); ++i) {
        r.engine->advanceTo(h.events[i].at);
        r.source.resize(r.engine->ledger().size(), -1);
        r.engine->apply(h.events[i]);
        for (std::size_t j = r.source.size(); j < r.engine->ledger().size(); ++j)
            if (r.engine->ledger()[j].type == EntryType::Reject)
                r.rejected[i] = true;
        r.source.resize(r.engine->ledger().size(), int(i));
    }
    r.engine->advanceTo(h.end);
    r.source.resize(r.engine->ledger().size(), -1);
    return r;
}

std::string entryText(const History &h, const Replayed &r, std::size_t j)
{
    const LedgerEntry &x = r.engine->ledger()[j];
    std::string s = "entry #" + std::to_string(j) + " " + str(h.zone.format(x.at)) + " " +
                    str(entryTypeName(x.type));
    if (x.hasBucket)
        s += " " + str(bucketKindName(x.bucket));
    if (x.task >= 0)
        s += " task " + str(h.names->name(x.task));
    s += " amount " + str(x.amount.toString()) + " rules [" + str(x.rules.names().join(u' ')) + "]";
    if (r.source[j] >= 0)
        s += " by " + ScenarioWriter::eventJson(h.toScenario(), h.events[std::size_t(r.source[j])])
                          .toStdString();
    return s;
}

#define REQUIRE(condition, why)                                                                    \
    do {                                                                                           \
        if (!(condition))                                                                          \
            RC_FAIL(std::string(why) + ": " + entryText(h, r, j));                                 \
    } while (false)

// The feature of each task's admitted start (the engine admits a task id once).
std::vector<int> admittedFeatures(const History &h, const Replayed &r)
{
    std::vector<int> feature(std::size_t(h.names->size()), -1);
    for (std::size_t i = 0; i < h.events.size(); ++i) {
        const Event &e = h.events[i];
        if (e.type == EventType::TaskStart && !r.rejected[i] && feature[std::size_t(e.task)] < 0)
            feature[std::size_t(e.task)] = e.request.feature;
    }
    return feature;
}

void checkEntries(const History &h, const Replayed &r)
{
    const PresetFacts facts = factsOf(h.presetName);
    const auto &ledger = r.engine->ledger();
    const std::vector<int> feature = admittedFeatures(h, r);
    for (std::size_t j = 0; j < ledger.size(); ++j) {
        const LedgerEntry &x = ledger[j];
        const RuleSet ids = x.rules;
        const int by = r.source[j];
        const Event *ev = by >= 0 ? &h.events[std::size_t(by)] : nullptr;
        REQUIRE(!ids.isEmpty(), "an entry without a rule id");
        for (RuleId id : ids.ids())
            REQUIRE(allowedFor(x.type, id), "an id the table gives another entry type");
        switch (x.type) {
        case EntryType::Grant:
            REQUIRE(ev, "a grant written by time");
            if (ev->type == EventType::Signup && x.bucket == BucketKind::SignupFree)
                REQUIRE(ids == RuleSet{RuleId::GrantSignup}, "a signup's one-time grant");
            else if (ev->type == EventType::Signup || ev->type == EventType::Subscribe)
                REQUIRE(ids == RuleSet{RuleId::GrantPoolStart}, "a pool's first allotment");
            else
                REQUIRE(ev->type == EventType::Grant && ids == RuleSet{RuleId::GrantEvent},
                        "a grant event's grant");
            break;
        case EntryType::Purchase:
            REQUIRE(ids == RuleSet{RuleId::PurchaseCredited}, "purchase.credited");
            break;
        case EntryType::Refresh: {
            const auto cycle = cycleOf(facts, x.bucket);
            REQUIRE(!ev && cycle, "a refresh not of a recurring pool");
            REQUIRE(ids == RuleSet{*cycle}, "a refresh names its pool's cycle");
            break;
        }
        case EntryType::Expire: {
            if (ev) {
                REQUIRE(ev->type == EventType::Subscribe && x.bucket == BucketKind::Plan,
                        "an expire written by an event other than a plan change");
                REQUIRE(ids == RuleSet{RuleId::PlanChange}, "plan.change alone");
                break;
            }
            const int kinds = int(ids.has(RuleId::ExpireLot)) +
                              int(ids.has(RuleId::ExpireNoRollover)) +
                              int(ids.has(RuleId::PlanChange));
            REQUIRE(kinds == 1, "an expire carries exactly one of lot, no_rollover, plan.change");
            if (const auto cycle = cycleOf(facts, x.bucket)) {
                REQUIRE(ids == (RuleSet{*cycle, RuleId::ExpireNoRollover}),
                        "a pool's expire: no rollover, with the pool's cycle");
                bool refreshed = false;
                for (std::size_t k = j + 1; k < ledger.size() && ledger[k].at == x.at; ++k)
                    refreshed |=
                        ledger[k].type == EntryType::Refresh && ledger[k].bucket == x.bucket;
                REQUIRE(refreshed, "no_rollover without the refresh that made it");
            } else {
                REQUIRE(ids == RuleSet{RuleId::ExpireLot}, "expire.lot");
                bool granted = false;
                for (const Event &g : h.events)
                    granted |= g.type == EventType::Grant && g.until == x.at && g.kind == x.bucket;
                REQUIRE(granted, "expire.lot without a grant that expires then");
            }
            break;
        }
        case EntryType::Reject: {
            RuleId expected = RuleId::RejectInvalid;
            if (x.reason == RejectReason::InsufficientCredits)
                expected = facts.positive ? RuleId::RejectInsufficientPositive
                                          : RuleId::RejectInsufficientCovers;
            else if (x.reason == RejectReason::LimitReached)
                expected = RuleId::RejectLimit;
            else
                REQUIRE(x.reason == RejectReason::InvalidRequest, "a reject without a reason");
            REQUIRE(ids == RuleSet{expected}, "a reject names its reason and admission");
            break;
        }
        case EntryType::Reserve:
            REQUIRE(ids == RuleSet{RuleId::ReserveHold}, "reserve.hold");
            break;
        case EntryType::Release:
            REQUIRE(ids == RuleSet{RuleId::ReserveRelease}, "reserve.release");
            break;
        case EntryType::Charge: {
            REQUIRE(ids.has(RuleId::ChargeConsumptionOrder), "a charge without consumption order");
            REQUIRE(ids.has(RuleId::ChargeUncovered) == x.uncovered.isPositive(),
                    "charge.uncovered exactly when uncovered > 0");
            const int f = x.task >= 0 ? feature[std::size_t(x.task)] : -1;
            REQUIRE(f >= 0, "a charge of a task never admitted");
            const bool restricted = !facts.restrictedFeature.isEmpty() &&
                                    h.policy->features[f].name == facts.restrictedFeature;
            REQUIRE(ids.has(RuleId::ChargeApplicability) == restricted,
                    "charge.applicability exactly for a feature some bucket may not pay for");
            break;
        }
        case EntryType::Refund: {
            REQUIRE(!(ids & RuleSet{RuleId::RefundToLots, RuleId::RefundToRefundLot}).isEmpty(),
                    "a refund names where it went");
            if (x.bucket != BucketKind::Refund)
                REQUIRE(ids == RuleSet{RuleId::RefundToLots},
                        "a refund to a bucket other than `refund` is to its live lot");
            // Its charges: from a `refund` lot (alive: they never expire), and whether a
            // lot they took from has since been reset or expired.
            bool fromRefundLot = false, mustBeDead = false, mayBeDead = false;
            for (std::size_t k = 0; k < j; ++k) {
                const LedgerEntry &c = ledger[k];
                if (c.type != EntryType::Charge || c.task != x.task || !c.hasBucket)
                    continue;
                fromRefundLot |= c.bucket == BucketKind::Refund;
                if (c.bucket == BucketKind::Bonus || c.bucket == BucketKind::Adjustment)
                    mayBeDead = true; // which lot paid is not in the ledger
                if (c.bucket != BucketKind::Plan && c.bucket != BucketKind::DailyFree)
                    continue;
                // A pool's lot dies at its pool's next refresh, a plan lot also at a plan
                // change (a subscribe to another plan).
                for (std::size_t m = k + 1; m < j; ++m)
                    mustBeDead |=
                        ledger[m].type == EntryType::Refresh && ledger[m].bucket == c.bucket;
                if (c.bucket == BucketKind::Plan) {
                    int plan = -1;
                    for (int i = 0; i <= r.source[k]; ++i)
                        if (h.events[std::size_t(i)].type == EventType::Subscribe)
                            plan = h.events[std::size_t(i)].plan;
                    for (int i = r.source[k] + 1; i < by; ++i)
                        if (h.events[std::size_t(i)].type == EventType::Subscribe &&
                            h.events[std::size_t(i)].plan != plan)
                            mustBeDead = true;
                }
            }
            if (x.bucket == BucketKind::Refund) {
                REQUIRE(!ids.has(RuleId::RefundToLots) || fromRefundLot,
                        "refund.to_lots on a `refund` entry whose task took nothing from one");
                REQUIRE(fromRefundLot || ids == RuleSet{RuleId::RefundToRefundLot},
                        "a new refund lot is refund.to_refund_lot");
            }
            bool anyToRefundLot = false;
            for (std::size_t k = 0; k < ledger.size(); ++k)
                if (r.source[k] == by && ledger[k].type == EntryType::Refund)
                    anyToRefundLot |= ledger[k].rules.has(RuleId::RefundToRefundLot);
            REQUIRE(!mustBeDead || anyToRefundLot,
                    "a refund whose lot was reset or expired without refund.to_refund_lot");
            REQUIRE(!anyToRefundLot || mustBeDead || mayBeDead,
                    "refund.to_refund_lot though every lot it took from is alive");
            break;
        }
        case EntryType::Debit:
            REQUIRE(ids == RuleSet{RuleId::DebitAdjustment}, "debit.adjustment");
            break;
        }
    }
}

void checkTasks(const History &h, const Replayed &r)
{
    const PresetFacts facts = factsOf(h.presetName);
    AccountHistory history(h.policy, h.zone, h.presetName);
    history.names() = *h.names; // the events' task ids
    history.append(h.events, {});
    for (const TaskSummary &t : history.tasks()) {
        const std::string name = str(h.names->name(t.task));
        bool promoted = false;
        if (t.admittedEvent >= 0) {
            RC_ASSERT(!r.rejected[std::size_t(t.admittedEvent)]);
            const Event &start = h.events[std::size_t(t.admittedEvent)];
            for (int i = 0; i < t.admittedEvent; ++i) {
                const Event &p = h.events[std::size_t(i)];
                promoted |= p.type == EventType::Promotion &&
                            p.request.feature == start.request.feature && p.from <= start.at &&
                            start.at < p.until;
            }
        }
        const bool free = t.settledEvent >= 0 &&
                          facts.uncharged.count(h.events[std::size_t(t.settledEvent)].outcome);
        if (t.rules.has(RuleId::TaskPromotionFree) != promoted)
            RC_FAIL("task " + name +
                    ": task.promotion_free exactly when it started inside a "
                    "promotion");
        if (t.rules.has(RuleId::TaskOutcomeFree) != free)
            RC_FAIL("task " + name + ": task.outcome_free exactly when its outcome is not charged");
        if (!(t.rules & RuleSet::fromBits(RuleSet::LedgerBits)).isEmpty())
            RC_FAIL("task " + name + ": a ledger id on a task");
    }
}

template <typename Property> void check(const char *name, Property &&property)
{
    const bool ok = rc::check(name, std::forward<Property>(property));
    QVERIFY2(ok, name);
}

} // namespace

class TestRuleProperties : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("RC_PARAMS"))
            qputenv("RC_PARAMS", QByteArray("max_success=400"));
    }

    void entryIdsFollowTheTable()
    {
        check("each ledger entry carries exactly the ids whose condition holds", [] {
            const History h = *genHistory();
            const Replayed r = replay(h);
            checkEntries(h, r);
            std::set<std::string> seen;
            for (const LedgerEntry &x : r.engine->ledger())
                for (const QString &id : x.rules.names())
                    seen.insert(str(id));
            RC_TAG(h.presetName.toStdString());
            RC_CLASSIFY(seen.count("refund.to_refund_lot"), "refund lot");
            RC_CLASSIFY(seen.count("charge.uncovered"), "uncovered");
            RC_CLASSIFY(seen.count("expire.lot"), "lot expiry");
            RC_CLASSIFY(seen.count("plan.change"), "plan change");
        });
    }

    void taskIdsFollowTheTable()
    {
        check("tasks carry task.outcome_free and task.promotion_free exactly when they hold", [] {
            const History h = *genHistory();
            checkTasks(h, replay(h));
        });
    }
};

QTEST_GUILESS_MAIN(TestRuleProperties)
#include "tst_ruleproperties.moc"
