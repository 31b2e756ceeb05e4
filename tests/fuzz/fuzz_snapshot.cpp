// libFuzzer target: any bytes as the JSON text of an engine snapshot (the client's cache and the
// server store them). CreditEngine::resume() must refuse what is damaged; an engine it accepts
// must take further events and answer every question without crashing. The seeds are real
// snapshots of small fixed scenarios, one per preset (`fuzz_snapshot -write_seeds=DIR` writes
// them); the input's "policy" picks the scenario whose policy and zone it is resumed with.
#include "CreditEngine.h"
#include "ScenarioReader.h"
#include "ScenarioReplay.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

using namespace creditdesk;

namespace {

// One small history per preset: every kind of event, a task left open, a DST zone.
const char *const BaseScenarios[] = {
    R"({"format": 1, "preset": "unified-monthly", "timezone": "America/New_York", "events": [
      {"at": "2027-01-31T10:00:00-05:00", "type": "subscribe", "plan": "plus"},
      {"at": "2027-02-01T00:00:00-05:00", "type": "grant", "kind": "bonus", "amount": 5, "expires_at": "2027-02-10T00:00:00-05:00"},
      {"at": "2027-02-01T01:00:00-05:00", "type": "task_start", "task": "t1", "feature": "chat"},
      {"at": "2027-02-01T01:10:00-05:00", "type": "task_end", "task": "t1", "outcome": "system_error", "tokens": 12000},
      {"at": "2027-02-01T01:20:00-05:00", "type": "refund", "task": "t1"},
      {"at": "2027-02-01T02:00:00-05:00", "type": "task_start", "task": "t2", "feature": "code"},
      {"at": "2027-02-02T00:00:00-05:00", "type": "debit", "amount": 1.5, "reason": "fee"},
      {"at": "2027-02-02T00:00:00-05:00", "type": "promotion", "feature": "image", "from": "2027-02-03T00:00:00-05:00", "until": "2027-02-05T00:00:00-05:00"},
      {"at": "2027-03-01T00:00:00-05:00", "type": "subscribe", "plan": "pro"}]})",
    R"({"format": 1, "preset": "coding-weekly", "timezone": "Europe/Paris", "events": [
      {"at": "2027-03-25T21:00:00+01:00", "type": "subscribe", "plan": "basic"},
      {"at": "2027-03-26T10:00:00+01:00", "type": "task_start", "task": "r1", "feature": "request", "quantity": 120},
      {"at": "2027-03-26T10:10:00+01:00", "type": "task_end", "task": "r1", "outcome": "success"},
      {"at": "2027-03-27T10:00:00+01:00", "type": "task_start", "task": "r2", "feature": "request", "quantity": 20},
      {"at": "2027-03-28T10:00:00+02:00", "type": "subscribe", "plan": "pro"}]})",
    R"({"format": 1, "preset": "prepaid-tokens", "timezone": "UTC", "events": [
      {"at": "2027-01-01T00:00:00Z", "type": "purchase", "pack": "tokens_100"},
      {"at": "2027-01-01T00:00:00Z", "type": "purchase", "amount": 7.25},
      {"at": "2027-01-01T01:00:00Z", "type": "task_start", "task": "c1", "feature": "chat", "tokens": 3000},
      {"at": "2027-01-01T01:05:00Z", "type": "task_end", "task": "c1", "outcome": "success", "tokens": 2500},
      {"at": "2027-01-01T01:06:00Z", "type": "refund", "task": "c1"},
      {"at": "2027-01-01T02:00:00Z", "type": "task_start", "task": "v1", "feature": "video"},
      {"at": "2027-01-01T02:00:00Z", "type": "promotion", "feature": "image", "from": "2027-01-01T00:00:00Z", "until": "2027-01-09T00:00:00Z"},
      {"at": "2027-01-01T03:00:00Z", "type": "grant", "kind": "adjustment", "amount": 3}]})",
    R"({"format": 1, "preset": "tiered-tasks", "timezone": "Australia/Lord_Howe", "events": [
      {"at": "2027-01-31T12:00:00+11:00", "type": "signup"},
      {"at": "2027-01-31T12:00:00+11:00", "type": "subscribe", "plan": "pro"},
      {"at": "2027-02-01T12:00:00+11:00", "type": "purchase", "pack": "pack_10"},
      {"at": "2027-02-01T13:00:00+11:00", "type": "task_start", "task": "m1", "feature": "compare", "models": 3},
      {"at": "2027-02-01T13:01:00+11:00", "type": "task_end", "task": "m1", "outcome": "success"},
      {"at": "2027-02-01T14:00:00+11:00", "type": "task_start", "task": "m2", "feature": "routing", "tier": "high"},
      {"at": "2027-02-01T14:01:00+11:00", "type": "task_end", "task": "m2", "outcome": "content_violation"},
      {"at": "2027-02-01T14:02:00+11:00", "type": "refund", "task": "m2"},
      {"at": "2027-02-01T15:00:00+11:00", "type": "task_start", "task": "m3", "feature": "video"}]})",
    R"({"format": 1, "preset": "daily-free-images", "timezone": "Europe/Berlin", "events": [
      {"at": "2027-03-27T20:00:00+01:00", "type": "signup"},
      {"at": "2027-03-27T20:10:00+01:00", "type": "task_start", "task": "i1", "feature": "image"},
      {"at": "2027-03-27T20:11:00+01:00", "type": "task_end", "task": "i1", "outcome": "success"},
      {"at": "2027-03-27T20:20:00+01:00", "type": "purchase", "amount": 100},
      {"at": "2027-03-27T20:30:00+01:00", "type": "task_start", "task": "v1", "feature": "video"},
      {"at": "2027-03-28T20:31:00+02:00", "type": "task_start", "task": "i2", "feature": "upscale"},
      {"at": "2027-03-28T20:32:00+02:00", "type": "refund", "task": "i1"}]})",
};

struct Base
{
    Scenario scenario;
    std::vector<QByteArray> snapshots; // after 0, 1, ... all events, then 40 days on
};

std::vector<Base> &bases()
{
    static std::vector<Base> all = [] {
        std::vector<Base> out;
        for (const char *text : BaseScenarios) {
            auto read = ScenarioReader::read(QByteArray(text));
            if (auto *e = std::get_if<ParseError>(&read)) {
                std::fprintf(stderr, "base scenario refused: %s\n", qPrintable(e->toString()));
                __builtin_trap();
            }
            Base base{std::get<Scenario>(std::move(read)), {}};
            const Scenario &s = base.scenario;
            for (std::size_t cut = 0; cut <= s.events.size() + 1; ++cut) {
                CreditEngine engine(s.policy, s.zone, std::make_shared<NameTable>(*s.names));
                for (std::size_t i = 0; i < cut && i < s.events.size(); ++i)
                    engine.apply(s.events[i]);
                if (cut > s.events.size())
                    engine.advanceTo(s.events.back().at + 40 * SecondsPerDay);
                base.snapshots.push_back(
                    QJsonDocument(engine.snapshot()).toJson(QJsonDocument::Compact));
            }
            out.push_back(std::move(base));
        }
        return out;
    }();
    return all;
}

// t + seconds, kept at t where it would overflow (time never goes back for the engine).
TimePoint later(TimePoint t, qint64 seconds)
{
    TimePoint out;
    return __builtin_add_overflow(t, seconds, &out) ? t : out;
}

void ask(const CreditEngine &engine, Query::Ask what, const TaskRequest &request = {},
         qint64 windowDays = 7)
{
    Query q;
    q.at = engine.now();
    q.ask = what;
    q.request = request;
    q.since = later(engine.now(), -SecondsPerDay);
    q.windowDays = windowDays;
    if (ScenarioReplay::answerJson(engine, q).isEmpty())
        __builtin_trap();
}

void askEverything(const CreditEngine &engine, const TaskRequest &request)
{
    for (auto what :
         {Query::Ask::Balance, Query::Ask::NextRefresh, Query::Ask::CanStart, Query::Ask::Limits,
          Query::Ask::Affordable, Query::Ask::Ledger, Query::Ask::Projection})
        ask(engine, what, request);
    ask(engine, Query::Ask::Projection, request, 1);
    ask(engine, Query::Ask::Projection, request, 1000000);
}

// What the scenario reader could hand the engine for this policy: valid indexes only.
TaskRequest requestFor(const Policy &p, int feature)
{
    TaskRequest r;
    r.feature = feature;
    r.tier = p.tiers.isEmpty() ? -1 : 0;
    r.tierGiven = r.tier >= 0;
    r.models = 2;
    r.tokens = 1500;
    return r;
}

// Further events on a resumed engine, and every question after each group.
void exercise(CreditEngine &engine)
{
    const Policy &p = engine.policy();
    NameTable &names = engine.names();
    // Every task the snapshot names (the first few and the last), and a new one.
    std::vector<int> tasks;
    for (int id = 0; id < names.size() && id < 6; ++id)
        tasks.push_back(id);
    if (names.size() > 6)
        tasks.push_back(names.size() - 1);
    tasks.push_back(names.intern(QStringLiteral("fuzz-new-task")));
    const int note = names.intern(QStringLiteral("fuzz-note"));

    // 2027-06-01 when the snapshot has no time yet.
    const TimePoint start = engine.now() == NoTime ? TimePoint(1811808000) : engine.now();
    TimePoint t = start;
    const auto at = [&](qint64 step) {
        t = later(t, step);
        return t;
    };
    const int features = int(p.features.size());

    askEverything(engine, requestFor(p, 0));
    {
        Event e;
        e.at = at(60);
        e.type = EventType::Signup;
        engine.apply(e);
    }
    for (int plan = 0; plan < int(p.plans.size()); ++plan) {
        Event e;
        e.at = at(60);
        e.type = EventType::Subscribe;
        e.plan = int(p.plans.size()) - 1 - plan;
        engine.apply(e);
        askEverything(engine, requestFor(p, 0));
    }
    {
        Event e;
        e.at = at(60);
        e.type = EventType::Grant;
        e.kind = BucketKind::Bonus;
        e.amount = Credits::whole(5);
        e.until = later(t, SecondsPerDay);
        if (e.until > e.at)
            engine.apply(e);
    }
    {
        Event e;
        e.at = at(60);
        e.type = EventType::Purchase;
        e.pack = p.packs.isEmpty() ? -1 : 0;
        e.amount = Credits::whole(10);
        engine.apply(e);
    }
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        Event e;
        e.at = at(60);
        e.type = EventType::TaskStart;
        e.task = tasks[i];
        e.request = requestFor(p, int(i) % features);
        engine.apply(e);
    }
    askEverything(engine, requestFor(p, features - 1));
    for (int task : tasks) {
        Event e;
        e.at = at(600);
        e.type = EventType::TaskEnd;
        e.task = task;
        e.outcome = Outcome(task % OutcomeCount);
        e.request.tokens = 2000;
        engine.apply(e);
    }
    for (int task : tasks) {
        Event e;
        e.at = at(60);
        e.type = EventType::Refund;
        e.task = task;
        engine.apply(e);
    }
    {
        Event e;
        e.at = at(60);
        e.type = EventType::Debit;
        e.amount = Credits::fromMilli(1500);
        e.note = note;
        engine.apply(e);
    }
    {
        Event e;
        e.at = at(60);
        e.type = EventType::Promotion;
        e.request.feature = 0;
        e.from = t;
        e.until = later(t, 3600);
        if (e.until > e.from)
            engine.apply(e);
    }
    askEverything(engine, requestFor(p, 0));
    // Expiries and refreshes over a few weeks.
    for (int day = 0; day < 40; day += 3) {
        engine.advanceTo(at(3 * SecondsPerDay));
        ask(engine, Query::Ask::Balance);
    }
    askEverything(engine, requestFor(p, 0));
}

void writeSeeds(const char *dir)
{
    QDir().mkpath(QString::fromLocal8Bit(dir));
    int n = 0;
    for (const Base &base : bases()) {
        for (const QByteArray &snapshot : base.snapshots) {
            QFile f(QString::fromLocal8Bit(dir) + QStringLiteral("/seed-%1.json").arg(n++));
            if (!f.open(QIODevice::WriteOnly) || f.write(snapshot) != snapshot.size())
                __builtin_trap();
        }
    }
    std::fprintf(stderr, "wrote %d snapshot seeds to %s\n", n, dir);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // `-write_seeds=DIR`: write the base snapshots as a seed corpus, and stop.
    for (int i = 1; i < *argc; ++i) {
        const char *arg = (*argv)[i];
        if (std::strncmp(arg, "-write_seeds=", 13) == 0) {
            writeSeeds(arg + 13);
            std::exit(0);
        }
    }
    bases();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > 256 * 1024)
        return -1;
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!doc.isObject())
        return -1;
    const QJsonObject snapshot = doc.object();

    // Resume with the policy and zone of the base scenario the snapshot names (or the first).
    const Base *base = &bases().front();
    for (const Base &b : bases())
        if (snapshot.value(u"policy").toString() == b.scenario.policy->name)
            base = &b;
    const Scenario &s = base->scenario;

    auto resumed = CreditEngine::resume(s.policy, s.zone, snapshot);
    if (auto *e = std::get_if<ParseError>(&resumed)) {
        if (e->message.isEmpty())
            __builtin_trap(); // a refusal always says why
        return 0;
    }
    CreditEngine &engine = *std::get<std::unique_ptr<CreditEngine>>(resumed);
    // What resume() accepted, its own snapshot of it must be accepted again.
    if (std::holds_alternative<ParseError>(
            CreditEngine::resume(s.policy, s.zone, engine.snapshot())))
        __builtin_trap();
    exercise(engine);
    return 0;
}
