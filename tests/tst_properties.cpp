// Property-based tests of the credit engine: random but valid histories (HistoryGenerator)
// replayed through CreditEngine, checked against the invariants of credit-rules.md and
// scenario-format.md. Each slot runs one RapidCheck property; RC_PARAMS (e.g.
// "seed=123 max_success=1000") overrides the defaults set in initTestCase().
//
// Slots 1-8 are the engine's structural invariants (determinism, snapshot/resume, bucket sum,
// conservation, non-negativity, covers never overspending, split replays, usage windows);
// 9-14 check the rules themselves against small models: admission and settlement, the
// scenario file round trip, consumption order and refunds (white box: the snapshot's grants),
// the wall-clock refresh schedule, affordable, and the projection baseline.
//
// A failure prints the shrunk history as a scenario file: save it and run
// `creditdesk-cli simulate FILE` (add queries) to see it outside the test.

#include "CreditEngine.h"
#include "HistoryGenerator.h"
#include "ParseError.h"
#include "PresetCatalog.h"
#include "ScenarioReader.h"
#include "ScenarioReplay.h"
#include "ScenarioWriter.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

#include <array>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <tuple>

using namespace creditdesk;
using namespace creditdesk::props;

namespace {

std::string str(const QString &s)
{
    return s.toStdString();
}

// Fails the property with a message built only when the condition does not hold.
#define REQUIRE(condition, message)                                                                \
    do {                                                                                           \
        if (!(condition))                                                                          \
            RC_FAIL(message);                                                                      \
    } while (false)

std::string amount(Credits c)
{
    return str(c.toString());
}

// ---- engines ----------------------------------------------------------------------------

std::unique_ptr<CreditEngine> freshEngine(const History &h)
{
    return std::make_unique<CreditEngine>(h.policy, h.zone, h.names);
}

std::unique_ptr<CreditEngine> resumeFrom(const History &h, const QJsonObject &snapshot)
{
    auto result = CreditEngine::resume(h.policy, h.zone, snapshot);
    if (const auto *error = std::get_if<ParseError>(&result))
        RC_FAIL("resume() refused a snapshot of the engine: " + str(error->toString()));
    return std::move(std::get<std::unique_ptr<CreditEngine>>(result));
}

void applyRange(CreditEngine &engine, const History &h, std::size_t from, std::size_t to)
{
    for (std::size_t i = from; i < to; ++i)
        engine.apply(h.events[i]);
}

std::unique_ptr<CreditEngine> straightReplay(const History &h)
{
    auto engine = freshEngine(h);
    applyRange(*engine, h, 0, h.events.size());
    engine->advanceTo(h.end);
    return engine;
}

QByteArray snapshotJson(const CreditEngine &engine)
{
    return QJsonDocument(engine.snapshot()).toJson(QJsonDocument::Compact);
}

// Every question of scenario-format.md asked at engine.now(), one answer a line.
QByteArray answers(const CreditEngine &engine)
{
    QByteArray out;
    const auto ask = [&](Query q) {
        q.at = engine.now();
        out += ScenarioReplay::answerJson(engine, q);
        out += '\n';
    };
    for (const auto a :
         {Query::Ask::Balance, Query::Ask::NextRefresh, Query::Ask::Limits, Query::Ask::Ledger}) {
        Query q;
        q.ask = a;
        ask(q);
    }
    for (int days : {1, 7, 30}) {
        Query q;
        q.ask = Query::Ask::Projection;
        q.windowDays = days;
        ask(q);
    }
    const Policy &policy = engine.policy();
    for (int f = 0; f < int(policy.features.size()); ++f) {
        for (const auto a : {Query::Ask::CanStart, Query::Ask::Affordable}) {
            Query q;
            q.ask = a;
            q.request.feature = f;
            if (policy.features[f].pricing == FeatureRule::Pricing::TierOfRequest &&
                !policy.tiers.isEmpty()) {
                q.request.tierGiven = true;
                q.request.tier = 0;
            }
            ask(q);
        }
    }
    return out;
}

// The questions that do not list the whole ledger (cheap enough to ask after every event).
QByteArray lightAnswers(const CreditEngine &engine)
{
    QByteArray out;
    Query q;
    q.at = engine.now();
    for (const auto a : {Query::Ask::Balance, Query::Ask::NextRefresh, Query::Ask::Limits,
                         Query::Ask::Projection}) {
        q.ask = a;
        out += ScenarioReplay::answerJson(engine, q);
    }
    q.ask = Query::Ask::Ledger;
    q.since = engine.now();
    out += ScenarioReplay::answerJson(engine, q);
    for (int f = 0; f < int(engine.policy().features.size()); ++f) {
        q.request.feature = f;
        q.ask = Query::Ask::CanStart;
        out += ScenarioReplay::answerJson(engine, q);
        q.ask = Query::Ask::Affordable;
        out += ScenarioReplay::answerJson(engine, q);
    }
    return out;
}

std::string firstDifference(const QByteArray &a, const QByteArray &b)
{
    qsizetype i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i])
        ++i;
    const qsizetype from = std::max<qsizetype>(0, i - 100);
    return "first difference at byte " + std::to_string(i) + "\n    one: ..." +
           a.mid(from, 240).toStdString() + "\n  other: ..." + b.mid(from, 240).toStdString();
}

void requireSame(const QByteArray &a, const QByteArray &b, const std::string &what)
{
    if (a != b)
        RC_FAIL(what + ": " + firstDifference(a, b));
}

void requireSameEngines(const CreditEngine &a, const CreditEngine &b, const std::string &what)
{
    requireSame(answers(a), answers(b), what + " (answers)");
    requireSame(snapshotJson(a), snapshotJson(b), what + " (snapshot)");
}

// ---- moments and probes -----------------------------------------------------------------

// Random moments inside the history, sorted; a third of them exactly at an event's time.
std::vector<TimePoint> drawMoments(const History &h)
{
    const auto raw = *rc::gen::container<std::vector<int>>(uniform(0, 1 << 20));
    std::vector<TimePoint> out;
    out.reserve(raw.size());
    for (int x : raw) {
        if (x % 3 == 0 && !h.events.empty())
            out.push_back(h.events[std::size_t(x / 3) % h.events.size()].at);
        else
            out.push_back(h.start + (h.end - h.start) * x / (1 << 20));
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string eventText(const History &h, std::size_t i)
{
    return ScenarioWriter::eventJson(h.toScenario(), h.events[i]).toStdString();
}

// Where a probe looked: after event i (i >= 0), or at a moment between events.
struct Where
{
    const History *h = nullptr;
    int event = -1;
    TimePoint at = 0;

    std::string text() const
    {
        if (event >= 0)
            return "after event #" + std::to_string(event) + " " +
                   eventText(*h, std::size_t(event));
        return "at " + str(h->zone.format(at));
    }
};

// Applies the history, advancing to each moment when it is due; probe(engine, where) runs
// after every event and at every moment, and once at the history's end.
template <typename Probe>
void replayWithProbes(CreditEngine &engine, const History &h, const std::vector<TimePoint> &moments,
                      Probe &&probe)
{
    std::size_t m = 0;
    const auto momentsUpTo = [&](TimePoint t) {
        for (; m < moments.size() && moments[m] <= t; ++m) {
            engine.advanceTo(moments[m]);
            probe(engine, Where{&h, -1, moments[m]});
        }
    };
    for (std::size_t i = 0; i < h.events.size(); ++i) {
        momentsUpTo(h.events[i].at);
        engine.apply(h.events[i]);
        probe(engine, Where{&h, int(i), h.events[i].at});
    }
    momentsUpTo(h.end);
    engine.advanceTo(h.end);
    probe(engine, Where{&h, -1, h.end});
}

// ---- invariants -------------------------------------------------------------------------

std::string entryText(const CreditEngine &e, std::size_t i)
{
    const LedgerEntry &x = e.ledger()[i];
    std::string s = "#" + std::to_string(i) + " " + str(e.zone().format(x.at)) + " " +
                    str(entryTypeName(x.type));
    if (x.hasBucket)
        s += " " + str(bucketKindName(x.bucket));
    if (x.task >= 0)
        s += " task " + str(e.names().name(x.task));
    s += " amount " + amount(x.amount) + " balance_after " + amount(x.balanceAfter);
    if (!x.uncovered.isZero())
        s += " uncovered " + amount(x.uncovered);
    if (x.reason != RejectReason::None)
        s += " " + str(rejectReasonName(x.reason));
    return s;
}

// Property 3: the buckets add up to the total, each holds something, none is expired, they
// come in consumption order, and the ledger's last balance is the total.
void checkBuckets(const CreditEngine &e, const Where &where)
{
    const BalanceAnswer b = e.balance();
    Credits sum;
    const Policy &policy = e.policy();
    for (qsizetype i = 0; i < b.buckets.size(); ++i) {
        const BucketRow &row = b.buckets[i];
        REQUIRE(row.remaining.isPositive(), "bucket " + str(bucketKindName(row.kind)) +
                                                " listed with " + amount(row.remaining) + " " +
                                                where.text());
        REQUIRE(row.expiresAt > e.now(), "an expired " + str(bucketKindName(row.kind)) +
                                             " bucket is listed " + where.text());
        sum += row.remaining;
        if (i > 0) {
            const BucketRow &prev = b.buckets[i - 1];
            const auto key = [&](const BucketRow &r) {
                return std::pair(policy.priority[std::size_t(r.kind)], r.expiresAt);
            };
            REQUIRE(key(prev) <= key(row), "buckets out of consumption order (" +
                                               str(bucketKindName(prev.kind)) + " before " +
                                               str(bucketKindName(row.kind)) + ") " + where.text());
        }
    }
    REQUIRE(sum == b.total, "buckets sum to " + amount(sum) + " but total is " + amount(b.total) +
                                " " + where.text());
    REQUIRE(b.total == e.total(), "balance().total differs from total() " + where.text());
    const Credits last = e.ledger().empty() ? Credits() : e.ledger().back().balanceAfter;
    REQUIRE(last == b.total, "last balance_after " + amount(last) + " but total " +
                                 amount(b.total) + " " + where.text());
}

// Property 4: signs per entry type, the balance_after chain, and the sum of the ledger.
void checkLedgerArithmetic(const CreditEngine &e, const Where &where)
{
    const auto &ledger = e.ledger();
    Credits running, in, out;
    TimePoint previousAt = NoTime;
    for (std::size_t i = 0; i < ledger.size(); ++i) {
        const LedgerEntry &x = ledger[i];
        const auto bad = [&](const std::string &why) {
            RC_FAIL("ledger entry " + entryText(e, i) + ": " + why + " (" + where.text() + ")");
        };
        if (x.at < previousAt)
            bad("goes back in time");
        previousAt = x.at;
        if (x.uncovered.isNegative())
            bad("negative uncovered");
        if (x.type != EntryType::Charge && !x.uncovered.isZero())
            bad("uncovered on an entry that is not a charge");
        if ((x.type == EntryType::Reject) != (x.reason != RejectReason::None))
            bad("a reason belongs to reject entries only, and every reject has one");
        switch (x.type) {
        case EntryType::Grant:
        case EntryType::Refresh:
        case EntryType::Purchase:
        case EntryType::Refund:
            if (!x.amount.isPositive() || !x.hasBucket)
                bad("credits in must be positive and name a bucket");
            in += x.amount;
            break;
        case EntryType::Debit:
        case EntryType::Expire:
            if (!x.amount.isNegative() || !x.hasBucket)
                bad("credits out must be negative and name a bucket");
            out += x.amount;
            break;
        case EntryType::Charge:
            if (x.amount.isZero()) {
                if (x.hasBucket || !x.uncovered.isPositive())
                    bad("a charge of 0 must have bucket null and an uncovered cost");
            } else if (!x.amount.isNegative() || !x.hasBucket) {
                bad("a charge must be negative and name a bucket");
            }
            out += x.amount;
            break;
        case EntryType::Reserve:
            if (!x.amount.isNegative() || x.hasBucket)
                bad("a reserve is negative with bucket null");
            break;
        case EntryType::Release:
            if (!x.amount.isPositive() || x.hasBucket)
                bad("a release is positive with bucket null");
            break;
        case EntryType::Reject:
            if (!x.amount.isZero() || x.hasBucket)
                bad("a reject moves nothing");
            break;
        }
        const bool holds = x.type == EntryType::Reserve || x.type == EntryType::Release;
        if (!holds)
            running += x.amount;
        if (x.balanceAfter != running)
            bad("balance_after should be " + amount(running));
    }
    REQUIRE(running == e.total(), "the ledger sums to " + amount(running) + " but the total is " +
                                      amount(e.total()) + " " + where.text());
    REQUIRE(in + out == e.total(), "in " + amount(in) + " less out " + amount(-out) +
                                       " is not the total " + amount(e.total()) + " " +
                                       where.text());
}

// Property 5: nothing negative, and `reserved` is what the open reservations hold.
void checkReservations(const CreditEngine &e, const Where &where)
{
    const BalanceAnswer b = e.balance();
    REQUIRE(!b.total.isNegative(), "negative total " + amount(b.total) + " " + where.text());
    for (const BucketRow &row : b.buckets)
        REQUIRE(!row.remaining.isNegative(),
                "negative " + str(bucketKindName(row.kind)) + " bucket " + where.text());
    REQUIRE(!b.reserved.isNegative(), "negative reserved " + where.text());
    REQUIRE(b.available == b.total - b.reserved, "available != total - reserved " + where.text());
    REQUIRE(b.reserved == e.reserved(), "balance().reserved != reserved() " + where.text());
    std::map<int, Credits> open;
    Credits held;
    const auto &ledger = e.ledger();
    for (std::size_t i = 0; i < ledger.size(); ++i) {
        const LedgerEntry &x = ledger[i];
        if (x.type == EntryType::Reserve) {
            REQUIRE(x.task >= 0 && !open.count(x.task),
                    "a second open reservation for one task: " + entryText(e, i));
            open[x.task] = -x.amount;
            held -= x.amount;
        } else if (x.type == EntryType::Release) {
            REQUIRE(open.count(x.task) && open[x.task] == x.amount,
                    "a release that frees what was not reserved: " + entryText(e, i));
            open.erase(x.task);
            held -= x.amount;
        }
    }
    REQUIRE(held == b.reserved, "open reservations in the ledger hold " + amount(held) +
                                    " but reserved is " + amount(b.reserved) + " " + where.text());
}

// ---- lots, read from snapshot() ---------------------------------------------------------
// White box: the snapshot is the engine's whole state, and its "lots" rows are the grants
// (kind, priority, dead, expires_at, seq, remaining) that balance() merges into buckets.

struct LotView
{
    BucketKind kind = BucketKind::Plan;
    int priority = 0;
    bool dead = false;
    TimePoint expiresAt = Never;
    qint64 seq = 0;
    Credits remaining;
};

qint64 snapshotNumber(const QJsonValue &v)
{
    if (v.isNull())
        return NoTime;
    if (v.isString()) {
        REQUIRE(v.toString() == u"never", "snapshot: unexpected string in a lot row");
        return Never;
    }
    REQUIRE(v.isDouble(), "snapshot: unexpected value in a lot row");
    return qint64(v.toDouble());
}

std::vector<LotView> lotsOf(const CreditEngine &e)
{
    std::vector<LotView> out;
    for (const QJsonValue &v : e.snapshot().value(u"lots").toArray()) {
        const QJsonArray row = v.toArray();
        REQUIRE(row.size() == 6, "snapshot: a lot row is not [kind, priority, dead, expires_at, "
                                 "seq, remaining] any more; update tst_properties");
        LotView lot;
        lot.kind = BucketKind(snapshotNumber(row[0]));
        lot.priority = int(snapshotNumber(row[1]));
        lot.dead = snapshotNumber(row[2]) != 0;
        lot.expiresAt = snapshotNumber(row[3]);
        lot.seq = snapshotNumber(row[4]);
        lot.remaining = Credits::fromMilli(snapshotNumber(row[5]));
        out.push_back(lot);
    }
    return out;
}

bool lotAlive(const LotView &lot, TimePoint now)
{
    return !lot.dead && now < lot.expiresAt;
}

// Live lots with credits, in consumption order: priority, then soonest expiry, then oldest.
std::vector<std::size_t> consumptionOrder(const std::vector<LotView> &lots, TimePoint now)
{
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < lots.size(); ++i)
        if (lotAlive(lots[i], now) && lots[i].remaining.isPositive())
            order.push_back(i);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const LotView &x = lots[a], &y = lots[b];
        return std::tuple(x.priority, x.expiresAt, x.seq) <
               std::tuple(y.priority, y.expiresAt, y.seq);
    });
    return order;
}

// ---- a model of pricing and task state (scenario-format.md, "Tasks, charges, refunds") --

struct Quote
{
    bool invalid = false;
    std::optional<Credits> cost; // nullopt: priced by tokens that were not given
};

Credits exactTimes(Credits price, qint64 factorMilli)
{
    // Every preset price is whole, so price × a 3-decimal factor has 3 decimals at most.
    const qint64 product = price.milli() * factorMilli;
    REQUIRE(product % Credits::Scale == 0, "model: inexact price product");
    return Credits::fromMilli(product / Credits::Scale);
}

Quote modelQuote(const Policy &p, const TaskRequest &r)
{
    Quote q;
    const FeatureRule &f = p.features[r.feature];
    switch (f.pricing) {
    case FeatureRule::Pricing::PerUnit:
        q.cost = exactTimes(f.price, r.quantityMilli);
        break;
    case FeatureRule::Pricing::PerModel:
        if (f.maxModels > 0 && r.models > f.maxModels)
            q.invalid = true;
        else
            q.cost = exactTimes(f.price.times(r.models), r.quantityMilli);
        break;
    case FeatureRule::Pricing::TierOfRequest:
        if (r.tier < 0)
            q.invalid = true;
        else
            q.cost = exactTimes(p.tiers[r.tier].price, r.quantityMilli);
        break;
    case FeatureRule::Pricing::PerThousandTokens:
        if (r.tokens >= 0)
            q.cost = exactTimes(f.price, r.tokens);
        break;
    }
    return q;
}

// What a covers start reserves: the cost, or for a token-priced task without tokens the
// price of the default 1,000 tokens.
Credits modelEstimate(const Policy &p, const TaskRequest &r, const Quote &q)
{
    return q.cost ? *q.cost : exactTimes(p.features[r.feature].price, p.defaultTokens);
}

struct PromotionWindow
{
    int feature = -1;
    TimePoint from = 0, until = 0;
};

bool isFree(const std::vector<PromotionWindow> &promotions, int feature, TimePoint at)
{
    for (const PromotionWindow &p : promotions)
        if (p.feature == feature && p.from <= at && at < p.until)
            return true;
    return false;
}

std::vector<std::size_t> newEntries(const CreditEngine &e, std::size_t before, EntryType type,
                                    int task)
{
    std::vector<std::size_t> out;
    for (std::size_t i = before; i < e.ledger().size(); ++i)
        if (e.ledger()[i].type == type && e.ledger()[i].task == task)
            out.push_back(i);
    return out;
}

bool rejectedAfter(const CreditEngine &e, std::size_t before, RejectReason *reason = nullptr)
{
    for (std::size_t i = before; i < e.ledger().size(); ++i) {
        if (e.ledger()[i].type == EntryType::Reject) {
            if (reason)
                *reason = e.ledger()[i].reason;
            return true;
        }
    }
    return false;
}

std::vector<std::shared_ptr<const Policy>> presetsWhere(bool (*keep)(const Policy &))
{
    std::vector<std::shared_ptr<const Policy>> out;
    for (const auto &p : PresetCatalog::builtIn().all())
        if (keep(*p))
            out.push_back(p);
    return out;
}

QStringList namesOf(const std::vector<std::shared_ptr<const Policy>> &policies)
{
    QStringList out;
    for (const auto &p : policies)
        out << p->name;
    return out;
}

bool hasWindows(const Policy &p)
{
    for (const PlanRule &plan : p.plans)
        if (!plan.windows.isEmpty())
            return true;
    return false;
}

bool isCovers(const Policy &p)
{
    return p.admission == Admission::Covers;
}

// Runs one property and fails the QTest slot if RapidCheck found a counterexample.
template <typename Property> bool runProperty(const char *name, Property &&property)
{
    QElapsedTimer timer;
    timer.start();
    const bool ok = rc::check(name, std::forward<Property>(property));
    std::cerr << "  (" << name << ": " << timer.elapsed() << " ms)" << std::endl;
    return ok;
}

} // namespace

class TestProperties : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void determinism();
    void snapshotResume();
    void bucketSum();
    void conservation();
    void nonNegativeAndReserved();
    void coversNeverOverspends();
    void consecutiveReplays();
    void usageWindows();
    void admissionAndSettlement();
    void scenarioRoundTrip();
    void consumptionOrderAndRefunds();
    void refreshSchedule();
    void affordableFollowsAllocation();
    void projectionBaseline();
};

void TestProperties::initTestCase()
{
    // At least 500 cases per property unless RC_PARAMS says otherwise; RapidCheck reads it
    // once, at the first check.
    if (qEnvironmentVariableIsEmpty("RC_PARAMS"))
        qputenv("RC_PARAMS", QByteArray("max_success=500"));
    QCOMPARE(PresetCatalog::builtIn().all().size(), 5);
    QVERIFY(!presetsWhere(isCovers).empty());
    QVERIFY(!presetsWhere(hasWindows).empty());
}

// 1. The same history replayed twice gives the same engine; so does a replay that advances
// in small steps and asks every question on the way (questions change nothing).
void TestProperties::determinism()
{
    const bool passed = runProperty("determinism", [] {
        const History h = *genHistory();
        RC_TAG(h.events.size() < 20    ? "<20 events"
               : h.events.size() < 60  ? "20-59 events"
               : h.events.size() < 120 ? "60-119 events"
                                       : ">=120 events");
        const auto one = straightReplay(h);
        const auto two = straightReplay(h);
        requireSameEngines(*one, *two, "two replays of one history differ");

        const auto moments = drawMoments(h);
        auto probed = freshEngine(h);
        replayWithProbes(*probed, h, moments,
                         [](const CreditEngine &e, const Where &) { (void)lightAnswers(e); });
        requireSameEngines(*one, *probed,
                           "a replay that advanced step by step and asked questions differs");
    });
    QVERIFY2(passed, "RapidCheck found a counterexample: see the minimal history above");
}

// 2. snapshot() at a random moment, resume(), apply the rest: the same as one replay; and
// snapshot -> resume -> snapshot is the same JSON.
void TestProperties::snapshotResume()
{
    const bool passed = runProperty("snapshot/resume", [] {
        const History h = *genHistory();
        const std::size_t n = h.events.size();
        const std::size_t cut = std::size_t(*uniform<std::size_t>(0, n + 1));
        // The moment: between the last event applied and the next one (inclusive).
        const TimePoint lo = cut == 0 ? h.start : h.events[cut - 1].at;
        const TimePoint hi = cut == n ? h.end : h.events[cut].at;
        const TimePoint at = lo + (hi - lo) * *uniform(0, 1001) / 1000;

        auto first = freshEngine(h);
        applyRange(*first, h, 0, cut);
        first->advanceTo(at);
        const QJsonObject snap = first->snapshot();
        auto resumed = resumeFrom(h, snap);
        requireSame(QJsonDocument(snap).toJson(QJsonDocument::Compact), snapshotJson(*resumed),
                    "snapshot -> resume -> snapshot changed the JSON");
        requireSame(answers(*first), answers(*resumed),
                    "a resumed engine answers differently at the cut");
        applyRange(*resumed, h, cut, n);
        resumed->advanceTo(h.end);
        const auto straight = straightReplay(h);
        requireSameEngines(*straight, *resumed,
                           "resume after event " + std::to_string(cut) + " at " +
                               str(h.zone.format(at)) + " differs from one replay");
    });
    QVERIFY2(passed, "RapidCheck found a counterexample: see the minimal history above");
}

// 3. At random moments: the buckets sum to the total, each is > 0, and the last ledger
// entry's balance_after is the total.
void TestProperties::bucketSum()
{
    const bool passed = runProperty("bucket sum", [] {
        const History h = *genHistory();
        const auto moments = drawMoments(h);
        auto engine = freshEngine(h);
        replayWithProbes(*engine, h, moments, checkBuckets);
    });
    QVERIFY2(passed, "RapidCheck found a counterexample: see the minimal history above");
}

// 4. Conservation: credits in less credits out is the balance; reserve, release and reject
// change nothing; each balance_after follows from the one before.
void TestProperties::conservation()
{
    const bool passed = runProperty("conservation", [] {
        const History h = *genHistory();
        const auto moments = drawMoments(h);
        auto engine = freshEngine(h);
        replayWithProbes(*engine, h, moments, checkLedgerArithmetic);
    });
    QVERIFY2(passed, "RapidCheck found a counterexample: see the minimal history above");
}

// 5. No bucket and no total is ever negative, and `reserved` is the sum of the open
// reservations (reserve entries less release entries).
void TestProperties::nonNegativeAndReserved()
{
    const bool passed = runProperty("non-negative, reserved = open reservations", [] {
        const History h = *genHistory();
        const auto moments = drawMoments(h);
        auto engine = freshEngine(h);
        replayWithProbes(*engine, h, moments, checkReservations);
    });
    QVERIFY2(passed, "RapidCheck found a counterexample: see the minimal history above");
}

// 6. Under `covers`, no interleaving of starts and ends spends more than was available:
//  - an admitted start had what it reserves available (affordable >= 1 just before it), and
//  - a charge leaves an uncovered part only if, since the last moment nothing was reserved,
//    a bucket expired (or a plan was reset) while a reservation was open, or some task settled
//    above its reservation (prepaid chat at more tokens than estimated); in the last case the
//    task's own uncovered part is at most its excess unless an earlier event tainted the run.
void TestProperties::coversNeverOverspends()
{
    const QStringList presets = namesOf(presetsWhere(isCovers));
    const bool passed = runProperty("covers never overspends", [presets] {
        HistoryOptions options;
        options.presets = presets;
        const History h = *genHistory(options);
        const Policy &policy = *h.policy;
        auto engine = freshEngine(h);
        std::set<int> admitted;
        std::vector<PromotionWindow> promotions;
        for (std::size_t i = 0; i < h.events.size(); ++i) {
            const Event &ev = h.events[i];
            engine->advanceTo(ev.at);
            std::optional<qint64> affordable;
            Credits estimate;
            bool free = false;
            if (ev.type == EventType::TaskStart) {
                const Quote q = modelQuote(policy, ev.request);
                if (!q.invalid) {
                    affordable = engine->affordable(ev.request);
                    estimate = modelEstimate(policy, ev.request, q);
                }
                free = isFree(promotions, ev.request.feature, ev.at);
            }
            const std::size_t before = engine->ledger().size();
            engine->apply(ev);
            if (ev.type == EventType::Promotion)
                promotions.push_back({ev.request.feature, ev.from, ev.until});
            if (ev.type != EventType::TaskStart || rejectedAfter(*engine, before))
                continue;
            if (admitted.count(ev.task))
                RC_FAIL("a task id already admitted was admitted again: " + eventText(h, i));
            admitted.insert(ev.task);
            if (!free && estimate.isPositive())
                REQUIRE(affordable && *affordable >= 1,
                        "admitted a start that was not affordable just before it: " +
                            eventText(h, i));
        }
        engine->advanceTo(h.end);

        const auto &ledger = engine->ledger();
        std::map<int, Credits> open, released;
        bool tainted = false, everTainted = false, sawUncovered = false;
        for (std::size_t i = 0; i < ledger.size();) {
            const LedgerEntry &x = ledger[i];
            switch (x.type) {
            case EntryType::Reserve:
                if (open.empty())
                    tainted = false;
                open[x.task] = -x.amount;
                ++i;
                break;
            case EntryType::Release:
                released[x.task] = x.amount;
                open.erase(x.task);
                ++i;
                break;
            case EntryType::Expire:
                if (!open.empty())
                    tainted = everTainted = true;
                ++i;
                break;
            case EntryType::Charge: {
                Credits taken, uncovered;
                std::size_t j = i;
                for (; j < ledger.size() && ledger[j].type == EntryType::Charge &&
                       ledger[j].task == x.task && ledger[j].at == x.at;
                     ++j) {
                    taken -= ledger[j].amount;
                    uncovered += ledger[j].uncovered;
                }
                const Credits reserved = released.count(x.task) ? released[x.task] : Credits();
                const Credits excess = max(Credits(), taken + uncovered - reserved);
                if (uncovered.isPositive()) {
                    sawUncovered = true;
                    if (!tainted && uncovered > excess) {
                        std::string context;
                        for (std::size_t k = 0; k < j; ++k)
                            context += "\n    " + entryText(*engine, k);
                        RC_FAIL("charge " + entryText(*engine, j - 1) + " left " +
                                amount(uncovered) + " uncovered (reserved " + amount(reserved) +
                                ") though no bucket expired while " +
                                "credits were reserved; ledger up to it:" + context);
                    }
                }
                if (excess.isPositive())
                    tainted = everTainted = true;
                released.erase(x.task);
                i = j;
                break;
            }
            default:
                ++i;
                break;
            }
        }
        RC_TAG(everTainted ? "expiry or excess while reserved" : "clean",
               sawUncovered ? "some uncovered" : "nothing uncovered");
    });
    QVERIFY2(passed, "RapidCheck found a counterexample: see the minimal history above");
}

// 7. Splitting the history at several random cut points, with snapshot/resume at each,
// equals one replay.
void TestProperties::consecutiveReplays()
{
    const bool passed = runProperty("N consecutive replays = one replay", [] {
        const History h = *genHistory();
        const std::size_t n = h.events.size();
        auto cuts = *rc::gen::container<std::vector<std::size_t>>(*uniform<std::size_t>(1, 8),
                                                                  uniform<std::size_t>(0, n + 1));
        std::sort(cuts.begin(), cuts.end());
        auto engine = freshEngine(h);
        std::size_t done = 0;
        for (std::size_t cut : cuts) {
            applyRange(*engine, h, done, cut);
            done = cut;
            if (*uniform(0, 2) == 1) {
                const TimePoint lo = engine->now() == NoTime ? h.start : engine->now();
                const TimePoint hi = cut == n ? h.end : h.events[cut].at;
                engine->advanceTo(lo + (std::max(hi, lo) - lo) * *uniform(0, 101) / 100);
            }
            engine = resumeFrom(h, engine->snapshot());
        }
        applyRange(*engine, h, done, n);
        engine->advanceTo(h.end);
        const auto straight = straightReplay(h);
        requireSameEngines(*straight, *engine, "replays resumed at cuts differ from one replay");
    });
    QVERIFY2(passed, "RapidCheck found a counterexample: see the minimal history above");
}

// 8. Usage windows (presets with windows: unified-monthly), checked against a model of the
// rules: a window opens at the admitted start of a non-free task when none of its kind is
// open, closes exactly its length later, and counts what the charges of the tasks started
// inside it took. limits() shows used >= 0 and a length of 5 h or 7 d; a start is rejected
// with limit_reached exactly while some open window's used is at its limit.
void TestProperties::usageWindows()
{
    const QStringList presets = namesOf(presetsWhere(hasWindows));
    const bool passed = runProperty("usage windows", [presets] {
        HistoryOptions options;
        options.presets = presets;
        const History h = *genHistory(options);
        const Policy &policy = *h.policy;
        const auto moments = drawMoments(h);

        struct ModelWindow
        {
            TimePoint openedAt = NoTime;
            qint64 length = 0;
            Credits used;
        };
        std::map<QString, ModelWindow> windows;
        std::map<int, std::vector<std::pair<QString, TimePoint>>> countsToward;
        std::set<int> admitted, open;
        std::vector<PromotionWindow> promotions;
        int limitRejects = 0;

        const auto plan = [&](const CreditEngine &e) -> const PlanRule * {
            return e.currentPlan() >= 0 ? &policy.plans[e.currentPlan()] : nullptr;
        };
        const auto isOpen = [](const ModelWindow &w, TimePoint now) {
            return w.openedAt != NoTime && now < w.openedAt + w.length;
        };
        const auto compare = [&](const CreditEngine &e, const Where &where) {
            const QList<WindowRow> rows = e.limits();
            const PlanRule *p = plan(e);
            REQUIRE(rows.size() == (p ? p->windows.size() : 0),
                    "limits() lists " + std::to_string(rows.size()) + " windows " + where.text());
            for (qsizetype i = 0; i < rows.size(); ++i) {
                const WindowRow &row = rows[i];
                const UsageWindowRule &rule = p->windows[i];
                const std::string what = "window " + str(row.kind) + " " + where.text();
                REQUIRE(row.kind == rule.kind && row.limit == rule.limit,
                        "limits() does not follow the plan: " + what);
                REQUIRE(!row.used.isNegative(), "negative used: " + what);
                if (row.openedAt != NoTime) {
                    const qint64 length = row.resetsAt - row.openedAt;
                    REQUIRE(length == 5 * 3600 || length == 7 * SecondsPerDay,
                            "a window of " + std::to_string(length) + " s: " + what);
                    REQUIRE(row.openedAt <= e.now() && e.now() < row.resetsAt,
                            "an open window that does not hold now: " + what);
                } else {
                    REQUIRE(row.resetsAt == NoTime && row.used.isZero(),
                            "a closed window with a reset time or usage: " + what);
                }
                const auto it = windows.find(rule.kind);
                const bool modelOpen = it != windows.end() && isOpen(it->second, e.now());
                if (!modelOpen) {
                    REQUIRE(row.openedAt == NoTime, "open since " +
                                                        str(e.zone().format(row.openedAt)) +
                                                        " but no window should be: " + what);
                    continue;
                }
                REQUIRE(row.openedAt == it->second.openedAt,
                        "opened at " +
                            (row.openedAt == NoTime ? std::string("null")
                                                    : str(e.zone().format(row.openedAt))) +
                            ", expected " + str(e.zone().format(it->second.openedAt)) + ": " +
                            what);
                REQUIRE(row.used == it->second.used, "used " + amount(row.used) + ", expected " +
                                                         amount(it->second.used) + ": " + what);
            }
        };

        auto engine = freshEngine(h);
        std::size_t m = 0;
        for (std::size_t i = 0; i < h.events.size(); ++i) {
            const Event &ev = h.events[i];
            for (; m < moments.size() && moments[m] <= ev.at; ++m) {
                engine->advanceTo(moments[m]);
                compare(*engine, Where{&h, -1, moments[m]});
            }
            engine->advanceTo(ev.at);
            const std::size_t before = engine->ledger().size();
            if (ev.type != EventType::TaskStart && ev.type != EventType::TaskEnd) {
                engine->apply(ev);
                if (ev.type == EventType::Promotion)
                    promotions.push_back({ev.request.feature, ev.from, ev.until});
                compare(*engine, Where{&h, int(i), ev.at});
                continue;
            }
            if (ev.type == EventType::TaskStart) {
                const PlanRule *p = plan(*engine);
                bool blocked = false;
                if (p)
                    for (const UsageWindowRule &rule : p->windows) {
                        const auto it = windows.find(rule.kind);
                        if (it != windows.end() && isOpen(it->second, ev.at) &&
                            it->second.used >= rule.limit)
                            blocked = true;
                    }
                const bool free = isFree(promotions, ev.request.feature, ev.at);
                const bool invalid =
                    modelQuote(policy, ev.request).invalid || admitted.count(ev.task) > 0;
                engine->apply(ev);
                RejectReason reason = RejectReason::None;
                const bool rejected = rejectedAfter(*engine, before, &reason);
                if (reason == RejectReason::LimitReached)
                    ++limitRejects;
                if (invalid)
                    REQUIRE(reason == RejectReason::InvalidRequest,
                            "an invalid start was not rejected as invalid_request: " +
                                eventText(h, i));
                else if (blocked && !free)
                    REQUIRE(reason == RejectReason::LimitReached,
                            "a start while a window is at its limit was not rejected with "
                            "limit_reached: " +
                                eventText(h, i));
                else
                    REQUIRE(reason != RejectReason::LimitReached,
                            "limit_reached while no open window was at its limit: " +
                                eventText(h, i));
                if (!rejected) {
                    admitted.insert(ev.task);
                    open.insert(ev.task);
                    auto &toward = countsToward[ev.task];
                    toward.clear();
                    if (!free && p) {
                        for (const UsageWindowRule &rule : p->windows) {
                            ModelWindow &w = windows[rule.kind];
                            if (!isOpen(w, ev.at))
                                w = ModelWindow{ev.at, rule.lengthSeconds, Credits()};
                            toward.emplace_back(rule.kind, w.openedAt);
                        }
                    }
                }
            } else {
                engine->apply(ev);
                if (open.count(ev.task)) {
                    open.erase(ev.task);
                    Credits taken;
                    for (std::size_t k : newEntries(*engine, before, EntryType::Charge, ev.task))
                        taken -= engine->ledger()[k].amount;
                    for (const auto &[kind, openedAt] : countsToward[ev.task]) {
                        auto it = windows.find(kind);
                        if (it != windows.end() && it->second.openedAt == openedAt)
                            it->second.used += taken;
                    }
                }
            }
            compare(*engine, Where{&h, int(i), ev.at});
        }
        for (; m < moments.size(); ++m) {
            engine->advanceTo(moments[m]);
            compare(*engine, Where{&h, -1, moments[m]});
        }
        engine->advanceTo(h.end);
        compare(*engine, Where{&h, -1, h.end});
        RC_TAG(limitRejects > 0 ? "some limit_reached" : "no limit_reached");
    });
    QVERIFY2(passed, "RapidCheck found a counterexample: see the minimal history above");
}

// 9. can_start predicts what a task_start does, admission is what the spec says it is
// (invalid_request, then windows, then credits: covers needs affordable >= 1, positive needs
// available > 0), a covers start reserves its estimate, a task_end charges the cost (taken +
// uncovered) of the outcome, a refund returns what was taken once, and a debit takes its
// amount or is rejected when it exceeds what is available.
void TestProperties::admissionAndSettlement()
{
    const bool passed = runProperty("admission and settlement follow the rules", [] {
        const History h = *genHistory();
        const Policy &policy = *h.policy;
        struct ModelTask
        {
            bool open = false;
            bool free = false;
            int feature = -1;
            Credits estimate;
            Credits taken;
            bool refunded = false;
        };
        std::map<int, ModelTask> tasks;
        std::vector<PromotionWindow> promotions;
        bool signedUp = false;
        auto engine = freshEngine(h);
        for (std::size_t i = 0; i < h.events.size(); ++i) {
            const Event &ev = h.events[i];
            engine->advanceTo(ev.at);
            const std::size_t before = engine->ledger().size();
            const auto fail = [&](const std::string &why) {
                std::string context;
                for (std::size_t k = before; k < engine->ledger().size(); ++k)
                    context += "\n    " + entryText(*engine, k);
                RC_FAIL(why + ": " + eventText(h, i) + "; it wrote:" + context);
            };
            switch (ev.type) {
            case EventType::TaskStart: {
                const Quote q = modelQuote(policy, ev.request);
                const bool free = isFree(promotions, ev.request.feature, ev.at);
                const CanStartAnswer ans = engine->canStart(ev.request);
                const BalanceAnswer bal = engine->balance();
                const bool duplicate = tasks.count(ev.task) > 0;
                // can_start's cost and reason, from the rules.
                if (q.invalid) {
                    if (ans.reason != RejectReason::InvalidRequest || ans.cost)
                        fail("can_start should say invalid_request with cost null");
                } else {
                    // A free task costs 0, tokens or not; a token-priced one without tokens
                    // has no known cost otherwise (scenario-format.md, Queries).
                    const std::optional<Credits> cost =
                        free ? std::optional<Credits>(Credits()) : q.cost;
                    if (ans.cost != cost)
                        fail("can_start cost " + (ans.cost ? amount(*ans.cost) : "null") +
                             ", expected " + (cost ? amount(*cost) : "null"));
                    if (ans.reason == RejectReason::InvalidRequest)
                        fail("can_start says invalid_request for a valid request");
                    if (free && !ans.allowed)
                        fail("can_start refuses a task a promotion makes free");
                    if (!free && ans.reason != RejectReason::LimitReached) {
                        const Credits est = modelEstimate(policy, ev.request, q);
                        bool credits = false;
                        if (policy.admission == Admission::Covers) {
                            const auto count = engine->affordable(ev.request);
                            credits = !est.isPositive() || (count && *count >= 1);
                        } else if (!policy.hasApplicability()) {
                            credits = bal.available.isPositive();
                        } else {
                            credits = ans.allowed;
                        }
                        if (ans.allowed != credits)
                            fail(std::string("can_start says ") +
                                 (ans.allowed ? "allowed" : "not allowed") +
                                 " but the credits say otherwise (available " +
                                 amount(bal.available) + ")");
                        if (!ans.allowed && ans.reason != RejectReason::InsufficientCredits)
                            fail("a start refused for credits must say insufficient_credits");
                    }
                }
                engine->apply(ev);
                RejectReason reason = RejectReason::None;
                const bool rejected = rejectedAfter(*engine, before, &reason);
                const RejectReason expected = duplicate ? RejectReason::InvalidRequest : ans.reason;
                if (reason != expected)
                    fail("task_start did not do what can_start said just before (" +
                         str(rejectReasonName(expected)) + ")");
                if (rejected) {
                    if (engine->ledger().size() != before + 1)
                        fail("a rejected start wrote more than its reject entry");
                    break;
                }
                ModelTask t;
                t.open = true;
                t.free = free;
                t.feature = ev.request.feature;
                t.estimate = free ? Credits() : modelEstimate(policy, ev.request, q);
                tasks[ev.task] = t;
                const auto reserves = newEntries(*engine, before, EntryType::Reserve, ev.task);
                const bool reserves_expected =
                    policy.admission == Admission::Covers && t.estimate.isPositive();
                if (engine->ledger().size() != before + (reserves_expected ? 1 : 0))
                    fail("an admitted start should write exactly one reserve under covers "
                         "(estimate > 0), nothing otherwise");
                if (reserves_expected &&
                    (reserves.size() != 1 || engine->ledger()[reserves[0]].amount != -t.estimate))
                    fail("the reserve should hold the estimate " + amount(t.estimate));
                break;
            }
            case EventType::TaskEnd: {
                engine->apply(ev);
                auto it = tasks.find(ev.task);
                if (it == tasks.end() || !it->second.open) {
                    RejectReason reason = RejectReason::None;
                    if (!rejectedAfter(*engine, before, &reason) ||
                        reason != RejectReason::InvalidRequest ||
                        engine->ledger().size() != before + 1)
                        fail("a task_end of an unknown or ended task must be one reject "
                             "invalid_request");
                    break;
                }
                ModelTask &t = it->second;
                t.open = false;
                Credits cost;
                if (!t.free && policy.chargedOutcomes[std::size_t(ev.outcome)]) {
                    const FeatureRule &f = policy.features[t.feature];
                    const bool byTokens = f.pricing == FeatureRule::Pricing::PerThousandTokens &&
                                          ev.request.tokens >= 0;
                    cost = byTokens ? exactTimes(f.price, ev.request.tokens) : t.estimate;
                }
                Credits taken, uncovered;
                const auto charges = newEntries(*engine, before, EntryType::Charge, ev.task);
                for (std::size_t k : charges) {
                    taken -= engine->ledger()[k].amount;
                    uncovered += engine->ledger()[k].uncovered;
                }
                if (taken + uncovered != cost)
                    fail("charged " + amount(taken) + " + uncovered " + amount(uncovered) +
                         ", expected a cost of " + amount(cost));
                if (cost.isZero() && !charges.empty())
                    fail("a task that costs 0 must write no charge");
                const auto releases = newEntries(*engine, before, EntryType::Release, ev.task);
                if (policy.admission == Admission::Covers && t.estimate.isPositive()) {
                    if (releases.size() != 1 || engine->ledger()[releases[0]].amount != t.estimate)
                        fail("the release should free the reserved " + amount(t.estimate));
                } else if (!releases.empty()) {
                    fail("a release without a reservation");
                }
                t.taken = taken;
                break;
            }
            case EventType::Refund: {
                engine->apply(ev);
                auto it = tasks.find(ev.task);
                const bool ok = it != tasks.end() && !it->second.open &&
                                it->second.taken.isPositive() && !it->second.refunded;
                if (!ok) {
                    RejectReason reason = RejectReason::None;
                    if (!rejectedAfter(*engine, before, &reason) ||
                        reason != RejectReason::InvalidRequest ||
                        engine->ledger().size() != before + 1)
                        fail("a refund of an unknown, open, free or refunded task must be one "
                             "reject invalid_request");
                    break;
                }
                it->second.refunded = true;
                Credits back;
                for (std::size_t k : newEntries(*engine, before, EntryType::Refund, ev.task))
                    back += engine->ledger()[k].amount;
                if (back != it->second.taken)
                    fail("refunded " + amount(back) + " of a charge that took " +
                         amount(it->second.taken));
                break;
            }
            case EventType::Debit: {
                const Credits available = engine->balance().available;
                engine->apply(ev);
                if (ev.amount > available) {
                    RejectReason reason = RejectReason::None;
                    if (!rejectedAfter(*engine, before, &reason) ||
                        reason != RejectReason::InvalidRequest)
                        fail("a debit above the available " + amount(available) +
                             " must be rejected");
                    break;
                }
                Credits out;
                for (std::size_t k = before; k < engine->ledger().size(); ++k) {
                    const LedgerEntry &x = engine->ledger()[k];
                    if (x.type != EntryType::Debit || x.task >= 0)
                        fail("a debit writes debit entries with task null only");
                    out -= x.amount;
                }
                if (out != ev.amount)
                    fail("debited " + amount(out) + " instead of " + amount(ev.amount));
                break;
            }
            case EventType::Promotion:
                engine->apply(ev);
                promotions.push_back({ev.request.feature, ev.from, ev.until});
                if (engine->ledger().size() != before)
                    fail("a promotion writes no ledger entry");
                break;
            case EventType::Signup: {
                engine->apply(ev);
                const auto &l = engine->ledger();
                if (signedUp) {
                    if (l.size() != before + 1 || l.back().type != EntryType::Reject ||
                        l.back().reason != RejectReason::InvalidRequest)
                        fail("a second signup must be one reject invalid_request");
                    break;
                }
                signedUp = true;
                // signup_free (one-time grants) before daily_free (recurring pools).
                std::vector<std::pair<BucketKind, Credits>> grants;
                for (const OneTimeGrant &g : policy.signupGrants)
                    grants.emplace_back(g.kind, g.amount);
                for (const RecurringGrant &g : policy.signupRecurring)
                    grants.emplace_back(g.kind, g.amount);
                bool same = l.size() == before + grants.size();
                for (std::size_t k = 0; same && k < grants.size(); ++k)
                    same = l[before + k].type == EntryType::Grant && l[before + k].hasBucket &&
                           l[before + k].bucket == grants[k].first &&
                           l[before + k].amount == grants[k].second;
                if (!same)
                    fail("a signup must grant the preset's signup credits, one-time first");
                break;
            }
            case EventType::Subscribe: {
                const int previous = engine->currentPlan();
                Credits planCredits;
                for (const BucketRow &row : engine->balance().buckets)
                    if (row.kind == BucketKind::Plan)
                        planCredits += row.remaining;
                engine->apply(ev);
                const auto &l = engine->ledger();
                if (previous == ev.plan) {
                    if (l.size() != before)
                        fail("a subscribe to the current plan must change nothing");
                    break;
                }
                const PlanRule &plan = policy.plans[ev.plan];
                std::size_t k = before;
                Credits expired;
                for (; k < l.size() && l[k].type == EntryType::Expire; ++k) {
                    if (!l[k].hasBucket || l[k].bucket != BucketKind::Plan)
                        fail("a plan change may only remove plan credits");
                    expired -= l[k].amount;
                }
                if (expired != planCredits)
                    fail("a plan change must remove the old plan's " + amount(planCredits) +
                         " credits left, removed " + amount(expired));
                const bool grants = plan.cycle.recurs() && plan.allotment.isPositive();
                if (l.size() != k + (grants ? 1 : 0))
                    fail("a plan change writes the expiry, then one grant of the new allotment");
                if (grants && (l[k].type != EntryType::Grant || !l[k].hasBucket ||
                               l[k].bucket != BucketKind::Plan || l[k].amount != plan.allotment))
                    fail("the new plan's allotment " + amount(plan.allotment) +
                         " must be granted at once (a grant, not a refresh)");
                break;
            }
            case EventType::Grant:
            case EventType::Purchase: {
                engine->apply(ev);
                const auto &l = engine->ledger();
                const bool purchase = ev.type == EventType::Purchase;
                const Credits expected =
                    purchase && ev.pack >= 0 ? policy.packs[ev.pack].amount : ev.amount;
                if (l.size() != before + 1 ||
                    l.back().type != (purchase ? EntryType::Purchase : EntryType::Grant) ||
                    !l.back().hasBucket ||
                    l.back().bucket != (purchase ? BucketKind::Purchased : ev.kind) ||
                    l.back().amount != expected)
                    fail("a grant or purchase writes one entry of its amount " + amount(expected) +
                         " into its bucket");
                const TimePoint expires = purchase ? Never : ev.until;
                const auto rows = engine->balance().buckets;
                const bool listed = std::any_of(rows.begin(), rows.end(), [&](const BucketRow &r) {
                    return r.kind == l.back().bucket && r.expiresAt == expires &&
                           r.remaining >= expected;
                });
                if (!listed)
                    fail("the credits just given are not in a bucket with their expiry");
                break;
            }
            }
        }
    });
    QVERIFY2(passed, "RapidCheck found a counterexample: see the minimal history above");
}

// 10. A history written as a scenario file (ScenarioWriter) reads back (ScenarioReader) to a
// history that replays to the same answers.
void TestProperties::scenarioRoundTrip()
{
    const bool passed = runProperty("scenario file round trip", [] {
        const History h = *genHistory();
        const QByteArray file = h.toScenarioJson();
        auto read = ScenarioReader::read(file);
        if (const auto *error = std::get_if<ParseError>(&read))
            RC_FAIL("the written scenario does not read back: " + str(error->toString()));
        const Scenario &s = std::get<Scenario>(read);
        REQUIRE(s.events.size() == h.events.size(), "the scenario lost or gained events");
        CreditEngine replayed(s.policy, s.zone, s.names);
        for (const Event &e : s.events)
            replayed.apply(e);
        replayed.advanceTo(h.end);
        const auto straight = straightReplay(h);
        requireSame(answers(*straight), answers(replayed),
                    "the scenario read back replays differently");
    });
    QVERIFY2(passed, "RapidCheck found a counterexample: see the minimal history above");
}

// 11. Charges and debits take from the live buckets in consumption order (priority, soonest
// expiry, oldest grant), only from buckets that may pay for the feature, moving on only when
// a bucket is empty, with one entry per bucket touched; a refund puts each part back into the
// grant it came from if that is still live, and the rest into one never-expiring refund
// bucket; an expired grant holds nothing.
void TestProperties::consumptionOrderAndRefunds()
{
    const bool passed = runProperty("consumption order and refunds", [] {
        const History h = *genHistory();
        const Policy &policy = *h.policy;
        std::map<int, int> featureOf;
        std::map<int, std::vector<std::pair<std::size_t, Credits>>> takenFrom;
        auto engine = freshEngine(h);
        for (std::size_t i = 0; i < h.events.size(); ++i) {
            const Event &ev = h.events[i];
            engine->advanceTo(ev.at);
            const TimePoint now = ev.at;
            const bool look = ev.type == EventType::TaskEnd || ev.type == EventType::Debit ||
                              ev.type == EventType::Refund;
            const std::vector<LotView> before = look ? lotsOf(*engine) : std::vector<LotView>();
            const std::size_t ledgerBefore = engine->ledger().size();
            engine->apply(ev);
            const auto fail = [&](const std::string &why) {
                std::string context;
                for (std::size_t k = ledgerBefore; k < engine->ledger().size(); ++k)
                    context += "\n    " + entryText(*engine, k);
                RC_FAIL(why + ": " + eventText(h, i) + "; it wrote:" + context);
            };
            if (ev.type == EventType::TaskStart && !rejectedAfter(*engine, ledgerBefore))
                featureOf[ev.task] = ev.request.feature;
            if (!look)
                continue;
            for (const LotView &lot : before)
                if (lot.expiresAt <= now && lot.remaining.isPositive())
                    fail("a grant that expired at " + str(h.zone.format(lot.expiresAt)) +
                         " still holds " + amount(lot.remaining) + " just before");
            const std::vector<LotView> after = lotsOf(*engine);
            if (after.size() < before.size())
                fail("grants disappeared from the snapshot");

            if (ev.type == EventType::Refund) {
                const auto refunds = newEntries(*engine, ledgerBefore, EntryType::Refund, ev.task);
                if (refunds.empty())
                    continue;
                const auto it = takenFrom.find(ev.task);
                if (it == takenFrom.end())
                    fail("a refund of a charge that took nothing");
                Credits toRefundBucket;
                std::set<std::size_t> touched;
                for (const auto &[lot, part] : it->second) {
                    touched.insert(lot);
                    if (lotAlive(before[lot], now)) {
                        if (after[lot].remaining != before[lot].remaining + part)
                            fail("the " + amount(part) + " taken from a live " +
                                 str(bucketKindName(before[lot].kind)) +
                                 " grant did not go back to it");
                    } else {
                        toRefundBucket += part;
                        if (after[lot].remaining != before[lot].remaining)
                            fail("credits went back into an expired or reset grant");
                    }
                }
                for (std::size_t k = 0; k < before.size(); ++k)
                    if (!touched.count(k) && after[k].remaining != before[k].remaining)
                        fail("a refund changed a grant the charge did not take from");
                const std::size_t added = after.size() - before.size();
                if (toRefundBucket.isPositive()) {
                    if (added != 1 || after.back().kind != BucketKind::Refund ||
                        after.back().expiresAt != Never || after.back().remaining != toRefundBucket)
                        fail("the part of expired or reset grants (" + amount(toRefundBucket) +
                             ") should come back as one never-expiring refund bucket");
                } else if (added != 0) {
                    fail("a refund into live grants made a new grant");
                }
                continue;
            }

            const EntryType type =
                ev.type == EventType::Debit ? EntryType::Debit : EntryType::Charge;
            const auto entries =
                newEntries(*engine, ledgerBefore, type, ev.type == EventType::Debit ? -1 : ev.task);
            if (entries.empty()) {
                for (std::size_t k = 0; k < before.size(); ++k)
                    if (after[k].remaining != before[k].remaining)
                        fail("grants changed without a charge or debit");
                continue;
            }
            if (after.size() != before.size())
                fail("a charge or debit made a new grant");
            const int feature = ev.type == EventType::Debit ? -1 : featureOf.at(ev.task);
            bool earlierLeft = false; // an earlier payable grant still has credits
            std::vector<std::pair<std::size_t, Credits>> parts;
            for (std::size_t k : consumptionOrder(before, now)) {
                const Credits d = before[k].remaining - after[k].remaining;
                if (d.isNegative())
                    fail("a charge or debit added credits to a grant");
                const bool payable = feature < 0 || policy.mayPay(before[k].kind, feature);
                if (!payable) {
                    if (!d.isZero())
                        fail("took from a " + str(bucketKindName(before[k].kind)) +
                             " grant, which may not pay for this feature");
                    continue;
                }
                if (earlierLeft && !d.isZero())
                    fail("took from a " + str(bucketKindName(before[k].kind)) +
                         " grant while an earlier one in consumption order had credits left");
                if (after[k].remaining.isPositive())
                    earlierLeft = true;
                if (!d.isZero())
                    parts.emplace_back(k, d);
            }
            std::set<std::size_t> inOrder;
            for (const auto &[k, d] : parts)
                inOrder.insert(k);
            for (std::size_t k = 0; k < before.size(); ++k)
                if (!inOrder.count(k) && after[k].remaining != before[k].remaining)
                    fail("took from a grant that is expired, reset or empty");
            // One entry per bucket (kind and expiry), in the order the charge first met it.
            std::vector<std::tuple<BucketKind, TimePoint, Credits>> groups;
            for (const auto &[k, d] : parts) {
                auto g = std::find_if(groups.begin(), groups.end(), [&](const auto &x) {
                    return std::get<0>(x) == before[k].kind &&
                           std::get<1>(x) == before[k].expiresAt;
                });
                if (g == groups.end())
                    groups.emplace_back(before[k].kind, before[k].expiresAt, d);
                else
                    std::get<2>(*g) += d;
            }
            bool entriesMatch = entries.size() == groups.size();
            for (std::size_t g = 0; entriesMatch && g < groups.size(); ++g) {
                const LedgerEntry &x = engine->ledger()[entries[g]];
                entriesMatch = x.hasBucket && x.bucket == std::get<0>(groups[g]) &&
                               x.amount == -std::get<2>(groups[g]);
            }
            if (!entriesMatch && !(groups.empty() && entries.size() == 1 &&
                                   engine->ledger()[entries[0]].amount.isZero()))
                fail("the entries do not list the buckets taken from, one each, in order");
            if (ev.type == EventType::TaskEnd)
                takenFrom[ev.task] = parts;
        }
    });
    QVERIFY2(passed, "RapidCheck found a counterexample: see the minimal history above");
}

// 12. Refreshes follow the wall clock of the account's zone: a daily or 7-day pool refreshes
// at local midnight N days after D1 (the local date of its start), a monthly one on the
// anchor's day (month-end rule: clamped, computed from the anchor) at the anchor's local time
// (moved forward in a DST gap, the first one in a fold); next_refresh lists each recurring
// pool once, strictly after now, with no boundary of its cycle between now and it; and a
// pool's live bucket expires exactly at that next refresh.
void TestProperties::refreshSchedule()
{
    const bool passed = runProperty("refresh schedule", [] {
        const History h = *genHistory();
        const Policy &policy = *h.policy;
        const QTimeZone tz(h.zone.id().toUtf8());
        const auto local = [&](TimePoint t) {
            const QDateTime dt = QDateTime::fromSecsSinceEpoch(t, tz);
            return std::pair(dt.date(), dt.time().msecsSinceStartOfDay() / 1000);
        };
        const auto utcOf = [&](QDate date, int secondsOfDay) -> std::optional<TimePoint> {
            const QDateTime dt(date, QTime::fromMSecsSinceStartOfDay(secondsOfDay * 1000), tz);
            if (!dt.isValid() || local(dt.toSecsSinceEpoch()) != std::pair(date, secondsOfDay))
                return std::nullopt; // in a DST gap: leave it to the engine
            // In a fold, the first of the two (Qt may give either).
            TimePoint t = dt.toSecsSinceEpoch();
            for (qint64 delta : {3600, 1800})
                if (local(t - delta) == std::pair(date, secondsOfDay))
                    return t - delta;
            return t;
        };
        TimePoint signupAt = NoTime, anchor = NoTime;
        const auto moments = drawMoments(h);
        std::size_t applied = 0;
        auto engine = freshEngine(h);
        replayWithProbes(*engine, h, moments, [&](const CreditEngine &e, const Where &where) {
            for (; applied < h.events.size() && (where.event >= int(applied)); ++applied) {
                const Event &ev = h.events[applied];
                if (ev.type == EventType::Signup && signupAt == NoTime)
                    signupAt = ev.at;
                if (ev.type == EventType::Subscribe && anchor == NoTime &&
                    policy.plans[ev.plan].cycle.recurs())
                    anchor = ev.at;
            }
            const TimePoint now = e.now();
            const QList<RefreshRow> rows = e.nextRefreshes();
            const PlanRule *plan = e.currentPlan() >= 0 ? &policy.plans[e.currentPlan()] : nullptr;
            const bool planRecurs = plan && plan->cycle.recurs();
            const qsizetype expected =
                (signupAt != NoTime ? policy.signupRecurring.size() : 0) + (planRecurs ? 1 : 0);
            REQUIRE(rows.size() == expected, "next_refresh lists " + std::to_string(rows.size()) +
                                                 " pools, expected " + std::to_string(expected) +
                                                 " " + where.text());
            for (qsizetype i = 1; i < rows.size(); ++i)
                REQUIRE(rows[i - 1].at <= rows[i].at,
                        "next_refresh not soonest first " + where.text());
            for (const RefreshRow &row : rows) {
                const std::string what = str(bucketKindName(row.kind)) + " refresh at " +
                                         str(h.zone.format(row.at)) + " " + where.text();
                REQUIRE(row.at > now, "a refresh due at or before now is still listed: " + what);
                CycleRule cycle;
                TimePoint start = NoTime;
                if (row.kind == BucketKind::Plan) {
                    REQUIRE(planRecurs, "a plan refresh without a recurring plan: " + what);
                    cycle = plan->cycle;
                    start = anchor;
                } else {
                    for (const RecurringGrant &g : policy.signupRecurring)
                        if (g.kind == row.kind)
                            cycle = g.cycle;
                    start = signupAt;
                }
                REQUIRE(cycle.recurs() && start != NoTime, "an unexpected refresh: " + what);
                const auto [date, seconds] = local(row.at);
                const auto [startDate, startSeconds] = local(start);
                if (cycle.unit == CycleRule::Unit::Days) {
                    REQUIRE(seconds == 0, "not at local midnight: " + what);
                    const qint64 k = startDate.daysTo(date);
                    REQUIRE(k > 0 && k % cycle.count == 0,
                            "not a whole number of cycles after D1 " +
                                str(startDate.toString(Qt::ISODate)) + ": " + what);
                    if (const auto prev = utcOf(date.addDays(-cycle.count), 0))
                        REQUIRE(*prev <= now, "a boundary at " + str(h.zone.format(*prev)) +
                                                  " was skipped: " + what);
                } else {
                    const int k =
                        (date.year() - startDate.year()) * 12 + date.month() - startDate.month();
                    REQUIRE(k > 0 && k % cycle.count == 0 && date == startDate.addMonths(k),
                            "not on the anchor's day " + str(startDate.toString(Qt::ISODate)) +
                                " (month-end rule): " + what);
                    if (seconds != startSeconds) {
                        // Only a DST gap may move it, forward by at most the gap.
                        const bool gap = h.zone.offsetAt(row.at) != h.zone.offsetAt(row.at - 7200);
                        REQUIRE(gap && seconds > startSeconds && seconds - startSeconds <= 3600,
                                "not at the anchor's wall-clock time: " + what);
                    }
                    for (qint64 delta : {1800, 3600})
                        REQUIRE(local(row.at - delta) != std::pair(date, seconds),
                                "the second of two equal wall times (a fold): " + what);
                    if (const auto prev = utcOf(startDate.addMonths(k - cycle.count), startSeconds))
                        REQUIRE(*prev <= now, "a boundary at " + str(h.zone.format(*prev)) +
                                                  " was skipped: " + what);
                }
            }
            for (const BucketRow &b : e.balance().buckets) {
                if (b.kind != BucketKind::Plan && b.kind != BucketKind::DailyFree)
                    continue;
                const auto it = std::find_if(rows.begin(), rows.end(),
                                             [&](const RefreshRow &r) { return r.kind == b.kind; });
                REQUIRE(it != rows.end() && it->at == b.expiresAt,
                        str(bucketKindName(b.kind)) + " credits expire at " +
                            (b.expiresAt == Never ? std::string("never")
                                                  : str(h.zone.format(b.expiresAt))) +
                            ", not at the pool's next refresh " + where.text());
            }
        });
    });
    QVERIFY2(passed, "RapidCheck found a counterexample: see the minimal history above");
}

// 13. affordable = floor(available / cost), where available is what the buckets that may pay
// for the feature have left after allocating the open reservations in admission order, each
// from the buckets that may pay for its own feature, in consumption order (scenario-format.md).
void TestProperties::affordableFollowsAllocation()
{
    const bool passed = runProperty("affordable follows the allocation rule", [] {
        const History h = *genHistory();
        const Policy &policy = *h.policy;
        std::map<int, int> featureOf;
        std::vector<PromotionWindow> promotions;
        const auto moments = drawMoments(h);
        std::vector<TaskRequest> requests;
        for (int f = 0; f < int(policy.features.size()); ++f) {
            TaskRequest r;
            r.feature = f;
            if (policy.features[f].pricing == FeatureRule::Pricing::TierOfRequest) {
                r.tierGiven = true;
                r.tier = f % int(policy.tiers.size());
            }
            requests.push_back(r);
            r.quantityMilli = 2500;
            r.models = 3;
            r.tokens = 12345;
            requests.push_back(r);
        }
        auto engine = freshEngine(h);
        const auto check = [&](const CreditEngine &e, const Where &where) {
            const BalanceAnswer bal = e.balance();
            std::vector<Credits> left;
            for (const BucketRow &row : bal.buckets)
                left.push_back(row.remaining);
            std::vector<std::pair<int, Credits>> open; // task, reserved; admission order
            for (const LedgerEntry &x : e.ledger()) {
                if (x.type == EntryType::Reserve)
                    open.emplace_back(x.task, -x.amount);
                else if (x.type == EntryType::Release)
                    open.erase(std::find_if(open.begin(), open.end(),
                                            [&](const auto &o) { return o.first == x.task; }));
            }
            for (const auto &[task, reserved] : open) {
                Credits need = reserved;
                for (qsizetype k = 0; k < bal.buckets.size() && need.isPositive(); ++k) {
                    if (!policy.mayPay(bal.buckets[k].kind, featureOf.at(task)))
                        continue;
                    const Credits take = min(need, left[std::size_t(k)]);
                    left[std::size_t(k)] -= take;
                    need -= take;
                }
            }
            for (const TaskRequest &r : requests) {
                TaskRequest priced = r;
                if (priced.tokens < 0)
                    priced.tokens = policy.defaultTokens;
                const Quote q = modelQuote(policy, priced);
                std::optional<qint64> expected;
                if (q.invalid) {
                    expected = 0;
                } else if (!isFree(promotions, r.feature, e.now()) && q.cost->isPositive()) {
                    Credits available;
                    for (qsizetype k = 0; k < bal.buckets.size(); ++k)
                        if (policy.mayPay(bal.buckets[k].kind, r.feature))
                            available += left[std::size_t(k)];
                    expected = std::max<qint64>(0, available.milli() / q.cost->milli());
                }
                const auto got = e.affordable(r);
                REQUIRE(got == expected,
                        "affordable " + str(policy.features[r.feature].name) + " is " +
                            (got ? std::to_string(*got) : std::string("null")) + ", expected " +
                            (expected ? std::to_string(*expected) : std::string("null")) + " " +
                            where.text());
            }
        };
        std::size_t ledgerSeen = 0;
        replayWithProbes(*engine, h, moments, [&](const CreditEngine &e, const Where &where) {
            if (where.event >= 0) {
                const Event &ev = h.events[std::size_t(where.event)];
                if (ev.type == EventType::TaskStart && !rejectedAfter(e, ledgerSeen))
                    featureOf[ev.task] = ev.request.feature;
                if (ev.type == EventType::Promotion)
                    promotions.push_back({ev.request.feature, ev.from, ev.until});
            }
            ledgerSeen = e.ledger().size();
            check(e, where);
        });
    });
    QVERIFY2(passed, "RapidCheck found a counterexample: see the minimal history above");
}

// 14. projection is the linear baseline of scenario-format.md, recomputed from the ledger:
// burn_per_day = (charges taken less refunds in (at - window_days, at], never below 0) /
// window_days rounded half up to 3 digits; runs_out_at = at + available / exact burn,
// truncated to the second (at when available <= 0, null when the burn is 0 or past 9999);
// next_refresh_at the soonest refresh; runs_out_before_refresh as specified.
void TestProperties::projectionBaseline()
{
    const bool passed = runProperty("projection baseline", [] {
        const History h = *genHistory();
        const auto moments = drawMoments(h);
        const int days = std::array{1, 2, 7, 30}[*uniform(0, 4)];
        auto engine = freshEngine(h);
        replayWithProbes(*engine, h, moments, [&](const CreditEngine &e, const Where &where) {
            const TimePoint now = e.now();
            const qint64 windowSeconds = qint64(days) * SecondsPerDay;
            qint64 net = 0;
            for (const LedgerEntry &x : e.ledger()) {
                if (x.at <= now - windowSeconds || x.at > now)
                    continue;
                if (x.type == EntryType::Charge)
                    net -= x.amount.milli();
                else if (x.type == EntryType::Refund)
                    net -= x.amount.milli();
            }
            net = std::max<qint64>(0, net);
            const ProjectionAnswer a = e.projection(days);
            const std::string what = "window " + std::to_string(days) + " d, net " +
                                     amount(Credits::fromMilli(net)) + " " + where.text();
            REQUIRE(a.burnPerDay == Credits::fromMilli((2 * net + days) / (2 * qint64(days))),
                    "burn_per_day " + amount(a.burnPerDay) + ": " + what);
            TimePoint runsOut = NoTime;
            const Credits available = e.balance().available;
            if (net > 0) {
                if (!available.isPositive()) {
                    runsOut = now;
                } else {
                    // Null past the end of the year 9999 as the account's zone reads it.
                    constexpr TimePoint EndOf9999 = 253402300799;
                    const WideInt seconds = WideInt(available.milli()) * windowSeconds / net;
                    if (WideInt(now) + seconds <= WideInt(EndOf9999) + 14 * 3600) {
                        const TimePoint t = now + TimePoint(seconds);
                        if (t + e.zone().offsetAt(t) <= EndOf9999)
                            runsOut = t;
                    }
                }
            }
            REQUIRE(a.runsOutAt == runsOut, "runs_out_at " + std::to_string(a.runsOutAt) +
                                                ", expected " + std::to_string(runsOut) + ": " +
                                                what);
            const QList<RefreshRow> refreshes = e.nextRefreshes();
            const TimePoint next = refreshes.isEmpty() ? NoTime : refreshes.front().at;
            REQUIRE(a.nextRefreshAt == next, "next_refresh_at: " + what);
            const bool before = runsOut != NoTime && (next == NoTime || runsOut < next);
            REQUIRE(a.runsOutBeforeRefresh == before, "runs_out_before_refresh: " + what);
        });
    });
    QVERIFY2(passed, "RapidCheck found a counterexample: see the minimal history above");
}

QTEST_APPLESS_MAIN(TestProperties)
#include "tst_properties.moc"
