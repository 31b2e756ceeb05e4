#include "ReplayBenchmark.h"

#include "SyntheticHistory.h"

#include "CreditEngine.h"
#include "JsonWriter.h"
#include "ScenarioReader.h"
#include "ScenarioReplay.h"
#include "ScenarioWriter.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <numeric>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace creditdesk {

namespace {

// ---- goals (from the issue) ---------------------------------------------------------------

constexpr double ReplayGoalSeconds = 0.5;
constexpr double ReplayGoalMb = 200.0;
constexpr double QueriesGoalSeconds = 1.0;
constexpr double ReadingGoalRatio = 2.0;

// ---- memory -------------------------------------------------------------------------------

struct Memory
{
    double peakMb = -1; // VmHWM
    double rssMb = -1;  // VmRSS
};

Memory memoryNow()
{
    Memory m;
    std::FILE *f = std::fopen("/proc/self/status", "r");
    if (!f)
        return m;
    char line[256];
    while (std::fgets(line, sizeof line, f)) {
        long long kb = 0;
        if (std::sscanf(line, "VmHWM: %lld kB", &kb) == 1)
            m.peakMb = double(kb) / 1024.0;
        else if (std::sscanf(line, "VmRSS: %lld kB", &kb) == 1)
            m.rssMb = double(kb) / 1024.0;
    }
    std::fclose(f);
    return m;
}

// Gives freed memory back to the system, then restarts VmHWM from the current RSS (Linux 4.0+),
// so that each phase reports its own peak. Returns false where the peak cannot be reset.
bool startPhasePeak()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
    std::FILE *f = std::fopen("/proc/self/clear_refs", "w");
    if (!f)
        return false;
    const bool written = std::fputs("5", f) >= 0;
    return std::fclose(f) == 0 && written;
}

// ---- printing -----------------------------------------------------------------------------

double seconds(qint64 ns)
{
    return double(ns) / 1e9;
}

const char *yesNo(bool ok)
{
    return ok ? "yes" : "NO";
}

void line(const char *label, const QString &value)
{
    std::printf("  %-44s %s\n", label, qPrintable(value));
}

QString number(qint64 n)
{
    // 1234567 -> 1,234,567
    QString digits = QString::number(n < 0 ? -n : n);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, u',');
    return n < 0 ? u'-' + digits : digits;
}

QString mb(double value)
{
    return value < 0 ? QStringLiteral("n/a")
                     : QString::number(value, 'f', 1) + QStringLiteral(" MB");
}

const char *eventTypeName(EventType t)
{
    switch (t) {
    case EventType::Signup:
        return "signup";
    case EventType::Subscribe:
        return "subscribe";
    case EventType::Grant:
        return "grant";
    case EventType::Purchase:
        return "purchase";
    case EventType::TaskStart:
        return "task_start";
    case EventType::TaskEnd:
        return "task_end";
    case EventType::Refund:
        return "refund";
    case EventType::Debit:
        return "debit";
    case EventType::Promotion:
        return "promotion";
    }
    return "?";
}

const char *askName(Query::Ask a)
{
    switch (a) {
    case Query::Ask::Balance:
        return "balance";
    case Query::Ask::NextRefresh:
        return "next_refresh";
    case Query::Ask::CanStart:
        return "can_start";
    case Query::Ask::Limits:
        return "limits";
    case Query::Ask::Affordable:
        return "affordable";
    case Query::Ask::Ledger:
        return "ledger";
    case Query::Ask::Projection:
        return "projection";
    }
    return "?";
}

constexpr int EventTypeCount = 9;
constexpr int EntryTypeCount = 10;
constexpr int AskCount = 7;

// A fingerprint of the events, names resolved: the file must read back to the same history.
quint64 fingerprint(const Scenario &s)
{
    quint64 h = 1469598103934665603ULL;
    const auto mix = [&h](quint64 v) {
        h ^= v;
        h *= 1099511628211ULL;
    };
    const auto name = [&s](int id) { return id < 0 ? 0ULL : quint64(qHash(s.names->name(id))); };
    for (const Event &e : s.events) {
        mix(quint64(e.at));
        mix(quint64(e.type));
        mix(quint64(e.kind));
        mix(quint64(e.outcome));
        mix(quint64(qint64(e.plan)));
        mix(quint64(qint64(e.pack)));
        mix(name(e.task));
        mix(name(e.note));
        mix(quint64(e.amount.milli()));
        mix(quint64(e.until));
        mix(quint64(e.from));
        mix(quint64(e.until));
        mix(quint64(e.request.tokens));
        mix(quint64(qint64(e.request.feature)));
        mix(quint64(e.request.quantityMilli));
        mix(quint64(qint64(e.request.models)));
        mix(quint64(e.request.tokens));
    }
    return h;
}

struct ReplayFigures
{
    qint64 ns = 0;
    std::size_t ledger = 0;
};

// ---- phase 1: a full replay ---------------------------------------------------------------

ReplayFigures fullReplay(const SyntheticHistory &h, Memory before)
{
    const Scenario &s = h.scenario;
    std::printf("\n(1) Full replay: CreditEngine::apply over every event, then advanceTo(end)\n");
    ReplayFigures figures;
    CreditEngine engine(s.policy, s.zone, s.names);
    QElapsedTimer timer;
    timer.start();
    for (const Event &e : s.events)
        engine.apply(e);
    engine.advanceTo(h.end);
    figures.ns = timer.nsecsElapsed();
    const Memory after = memoryNow();

    const auto &ledger = engine.ledger();
    figures.ledger = ledger.size();
    const double perSecond = double(s.events.size()) / seconds(figures.ns);
    line("time", QStringLiteral("%1 s").arg(seconds(figures.ns), 0, 'f', 3));
    line("events per second", number(qint64(perSecond)));
    line("ns per event", QString::number(double(figures.ns) / double(s.events.size()), 'f', 0));
    line("ledger entries", QStringLiteral("%1 (%2 bytes each = %3)")
                               .arg(number(qint64(ledger.size())))
                               .arg(sizeof(LedgerEntry))
                               .arg(mb(double(ledger.size() * sizeof(LedgerEntry)) / 1048576.0)));
    line("peak memory during the replay (VmHWM)", mb(after.peakMb));
    line("  of which the history, before the replay", mb(before.rssMb));
    line("  so the engine itself (peak - history)", after.peakMb < 0 || before.rssMb < 0
                                                        ? QStringLiteral("n/a")
                                                        : mb(after.peakMb - before.rssMb));
    line("RSS after the replay", mb(after.rssMb));

    std::array<qint64, EntryTypeCount> byType{};
    std::array<std::array<qint64, BucketKindCount>, EntryTypeCount> byBucket{};
    std::array<qint64, 4> rejects{};
    qint64 uncovered = 0;
    for (const LedgerEntry &e : ledger) {
        ++byType[std::size_t(e.type)];
        if (e.hasBucket)
            ++byBucket[std::size_t(e.type)][std::size_t(e.bucket)];
        if (e.type == EntryType::Reject)
            ++rejects[std::size_t(e.reason)];
        if (e.uncovered.isPositive())
            ++uncovered;
    }
    std::printf("  ledger entries by type:\n");
    for (int t = 0; t < EntryTypeCount; ++t) {
        QStringList buckets;
        for (int k = 0; k < BucketKindCount; ++k)
            if (byBucket[std::size_t(t)][std::size_t(k)] > 0)
                buckets << QStringLiteral("%1 %2").arg(
                    bucketKindName(BucketKind(k)),
                    number(byBucket[std::size_t(t)][std::size_t(k)]));
        std::printf("    %-10s %10s   %s\n", qPrintable(entryTypeName(EntryType(t))),
                    qPrintable(number(byType[std::size_t(t)])), qPrintable(buckets.join(u", ")));
    }
    std::printf("    rejects: insufficient_credits %s, limit_reached %s, invalid_request %s; "
                "charges with an uncovered part: %s\n",
                qPrintable(number(rejects[1])), qPrintable(number(rejects[2])),
                qPrintable(number(rejects[3])), qPrintable(number(uncovered)));
    const BalanceAnswer b = engine.balance();
    std::printf("    at the end (%s): total %s, reserved %s, %d bucket rows, %d names\n",
                qPrintable(s.zone.format(engine.now())), qPrintable(b.total.toString()),
                qPrintable(b.reserved.toString()), int(b.buckets.size()), s.names->size());
    return figures;
}

// Where a replay spends its time: the same replay with a clock read around every event
// (sampling by timing sections; the clock adds ~40 ns per event, so its total is higher).
void replayProfile(const SyntheticHistory &h)
{
    const Scenario &s = h.scenario;
    std::printf("\n    Where the replay's time goes (a second, instrumented replay):\n");
    CreditEngine engine(s.policy, s.zone, s.names);
    std::array<qint64, EventTypeCount> ns{}, count{};
    constexpr int Slices = 12;
    std::array<qint64, Slices> sliceNs{}, sliceCount{};
    qint64 advanceNs = 0;
    QElapsedTimer timer;
    timer.start();
    qint64 last = 0;
    const double span = double(h.end - h.begin);
    for (const Event &e : s.events) {
        engine.advanceTo(e.at); // expiries and refreshes due
        const qint64 mid = timer.nsecsElapsed();
        engine.apply(e);
        const qint64 now = timer.nsecsElapsed();
        advanceNs += mid - last;
        ns[std::size_t(e.type)] += now - mid;
        ++count[std::size_t(e.type)];
        const int slice = std::clamp(int(double(e.at - h.begin) / span * Slices), 0, Slices - 1);
        sliceNs[std::size_t(slice)] += now - last;
        ++sliceCount[std::size_t(slice)];
        last = now;
    }
    engine.advanceTo(h.end);
    const qint64 total = timer.nsecsElapsed();
    std::printf("      %-28s %9s %10s %8s\n", "section", "events", "ms", "ns/event");
    const auto row = [&](const char *name, qint64 n, qint64 t) {
        std::printf("      %-28s %9s %10.1f %8.0f\n", name, qPrintable(number(n)), double(t) / 1e6,
                    n > 0 ? double(t) / double(n) : 0.0);
    };
    row("advanceTo (expire, refresh)", qint64(s.events.size()), advanceNs);
    for (int t = 0; t < EventTypeCount; ++t)
        if (count[std::size_t(t)] > 0)
            row(eventTypeName(EventType(t)), count[std::size_t(t)], ns[std::size_t(t)]);
    row("total (instrumented)", qint64(s.events.size()), total);
    std::printf("      by month of the history (ns/event; a rise means state piles up):\n       ");
    for (int i = 0; i < Slices; ++i)
        std::printf(" %4.0f",
                    sliceCount[std::size_t(i)] > 0
                        ? double(sliceNs[std::size_t(i)]) / double(sliceCount[std::size_t(i)])
                        : 0.0);
    std::printf("\n");
}

// ---- phase 2: queries at random moments, one sweep ----------------------------------------

struct QueryFigures
{
    qint64 ns = 0;       // the whole sweep: sorting, the events it applies, the answers
    qint64 answerNs = 0; // advanceTo(query time) + the answer itself
    QByteArray document; // {"answers": [...]} in the queries' original order
};

QueryFigures answerQueries(const Scenario &s)
{
    std::printf("\n(2) %s queries at random moments (%s): one sweep in time order\n",
                qPrintable(number(qint64(s.queries.size()))), "balance, can_start, projection");
    QueryFigures figures;
    std::array<qint64, AskCount> askNs{}, askCount{}, askMax{};
    std::vector<QByteArray> answers(s.queries.size());
    QElapsedTimer timer;
    timer.start();
    // Sorted by time (ties keep their order), answered in one pass over the events: a query
    // at an earlier moment never costs a replay from the start.
    std::vector<std::size_t> order(s.queries.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return s.queries[a].at < s.queries[b].at;
    });
    CreditEngine engine(s.policy, s.zone, s.names);
    std::size_t next = 0;
    for (std::size_t qi : order) {
        const Query &q = s.queries[qi];
        while (next < s.events.size() && s.events[next].at <= q.at)
            engine.apply(s.events[next++]);
        const qint64 t0 = timer.nsecsElapsed();
        engine.advanceTo(q.at);
        answers[qi] = ScenarioReplay::answerJson(engine, q);
        const qint64 d = timer.nsecsElapsed() - t0;
        figures.answerNs += d;
        askNs[std::size_t(q.ask)] += d;
        ++askCount[std::size_t(q.ask)];
        askMax[std::size_t(q.ask)] = std::max(askMax[std::size_t(q.ask)], d);
    }
    figures.ns = timer.nsecsElapsed();
    const Memory after = memoryNow();

    JsonWriter w;
    w.beginObject().key("answers").beginArray();
    for (const QByteArray &a : answers)
        w.raw(a);
    w.endArray().endObject();
    figures.document = w.take();

    const double n = double(std::max<std::size_t>(1, s.queries.size()));
    line("time in all (sort + events applied + answers)",
         QStringLiteral("%1 s, %2 us per query")
             .arg(seconds(figures.ns), 0, 'f', 3)
             .arg(double(figures.ns) / n / 1e3, 0, 'f', 1));
    line("  of which answering (advanceTo + answer)",
         QStringLiteral("%1 s, %2 us per query")
             .arg(seconds(figures.answerNs), 0, 'f', 3)
             .arg(double(figures.answerNs) / n / 1e3, 0, 'f', 1));
    line("  events applied on the way", number(qint64(next)));
    for (int a = 0; a < AskCount; ++a)
        if (askCount[std::size_t(a)] > 0)
            std::printf("    %-12s %7s queries, mean %7.1f us, max %8.1f us\n",
                        askName(Query::Ask(a)), qPrintable(number(askCount[std::size_t(a)])),
                        double(askNs[std::size_t(a)]) / double(askCount[std::size_t(a)]) / 1e3,
                        double(askMax[std::size_t(a)]) / 1e3);
    line("answers", QStringLiteral("%1 bytes, in the queries' original (random) order")
                        .arg(number(figures.document.size())));
    // One answer of each kind, for a look at what is computed.
    std::array<bool, AskCount> shown{};
    for (std::size_t i = 0; i < s.queries.size(); ++i) {
        const Query &q = s.queries[i];
        if (shown[std::size_t(q.ask)])
            continue;
        shown[std::size_t(q.ask)] = true;
        QByteArray text = answers[i];
        if (text.size() > 200)
            text = text.left(197) + "...";
        std::printf("    e.g. %s at %s: %s\n", askName(q.ask), qPrintable(s.zone.format(q.at)),
                    text.constData());
    }
    line("peak memory during the queries (VmHWM)",
         QStringLiteral("%1 (RSS after %2)").arg(mb(after.peakMb), mb(after.rssMb)));
    return figures;
}

// ---- phase 3: the same history from a scenario file ---------------------------------------

struct FileFigures
{
    bool ok = false;
    qint64 writeNs = 0;
    qint64 bytes = 0;
    qint64 readBytesNs = 0;
    qint64 parseNs = 0; // ScenarioReader::read
    qint64 answersNs = 0;
    bool sameEvents = false;
    bool sameAnswers = false;
    double peakMb = -1;
};

} // namespace

int ReplayBenchmark::run(qint64 events, qint64 queries)
{
    // CREDITDESK_BENCH_ADMISSION=positive runs the same history under `positive` admission.
    const QByteArray admissionName = qgetenv("CREDITDESK_BENCH_ADMISSION");
    const Admission admission =
        admissionName == "positive" ? Admission::Positive : Admission::Covers;
    const bool peaksPerPhase = startPhasePeak();

    std::printf("creditdesk-cli bench: %s events, %s queries, admission \"%s\"%s\n",
                qPrintable(number(events)), qPrintable(number(queries)),
                admission == Admission::Covers ? "covers" : "positive",
                peaksPerPhase ? "" : " (VmHWM cannot be reset: peaks are since the start)");

    // ---- (0) the history ----------------------------------------------------------------
    QElapsedTimer timer;
    timer.start();
    SyntheticHistory h;
    try {
        h = SyntheticHistory::build(events, queries, admission);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench: %s\n", e.what());
        return 1;
    }
    const qint64 buildNs = timer.nsecsElapsed();
    Scenario &s = h.scenario;
    const Memory afterBuild = memoryNow();
    std::printf("\n(0) Synthetic history, built in memory in %.3f s\n", seconds(buildNs));
    line("policy", QStringLiteral("inline \"%1\" (prices x %2), admission %3, zone %4")
                       .arg(s.policy->name)
                       .arg(h.priceScale, 0, 'g', 4)
                       .arg(admission == Admission::Covers ? QStringLiteral("covers")
                                                           : QStringLiteral("positive"),
                            s.zone.id()));
    line("span", QStringLiteral("%1 .. %2 (%3 days)")
                     .arg(s.zone.format(h.begin), s.zone.format(h.end))
                     .arg(double(h.end - h.begin) / double(SecondsPerDay), 0, 'f', 2));
    std::array<qint64, EventTypeCount> byType{};
    for (const Event &e : s.events)
        ++byType[std::size_t(e.type)];
    QStringList parts;
    for (int t = 0; t < EventTypeCount; ++t)
        parts << QStringLiteral("%1 %2").arg(QLatin1String(eventTypeName(EventType(t))),
                                             number(byType[std::size_t(t)]));
    line("events", number(qint64(s.events.size())) + QStringLiteral(": ") + parts.join(u", "));
    std::array<qint64, AskCount> byAsk{};
    for (const Query &q : s.queries)
        ++byAsk[std::size_t(q.ask)];
    line("queries",
         QStringLiteral("%1: balance %2, can_start %3, projection %4")
             .arg(number(qint64(s.queries.size())), number(byAsk[std::size_t(Query::Ask::Balance)]),
                  number(byAsk[std::size_t(Query::Ask::CanStart)]),
                  number(byAsk[std::size_t(Query::Ask::Projection)])));
    line("in time order", std::is_sorted(s.events.begin(), s.events.end(),
                                         [](const Event &a, const Event &b) { return a.at < b.at; })
                              ? QStringLiteral("yes")
                              : QStringLiteral("NO"));
    line("memory: events", QStringLiteral("%1 (%2 bytes per Event)")
                               .arg(mb(double(s.events.capacity() * sizeof(Event)) / 1048576.0))
                               .arg(sizeof(Event)));
    line("memory: RSS with the history built", mb(afterBuild.rssMb));
    line("peak memory while building (VmHWM)", mb(afterBuild.peakMb));

    // ---- (1) full replay ----------------------------------------------------------------
    startPhasePeak();
    const Memory beforeReplay = memoryNow();
    const ReplayFigures replay = fullReplay(h, beforeReplay);
    const Memory afterReplay = memoryNow();
    replayProfile(h);

    // ---- (2) queries --------------------------------------------------------------------
    startPhasePeak();
    const QueryFigures answered = answerQueries(s);

    // ---- (3) the same history from a file -----------------------------------------------
    std::printf("\n(3) The same history from a scenario file\n");
    FileFigures file;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench-history.json"));
    {
        timer.start();
        const QByteArray text = ScenarioWriter::write(s);
        file.writeNs = timer.nsecsElapsed();
        file.bytes = text.size();
        QFile out(path);
        if (!dir.isValid() || !out.open(QIODevice::WriteOnly) || out.write(text) != text.size()) {
            std::fprintf(stderr, "bench: cannot write %s\n", qPrintable(path));
            return 1;
        }
    }
    line("ScenarioWriter::write", QStringLiteral("%1 s, %2 (%3 bytes per event)")
                                      .arg(seconds(file.writeNs), 0, 'f', 3)
                                      .arg(mb(double(file.bytes) / 1048576.0))
                                      .arg(double(file.bytes) / double(events), 0, 'f', 0));
    const quint64 originalPrint = fingerprint(s);
    const qint64 eventCount = qint64(s.events.size());
    h = SyntheticHistory(); // the file is read alone: its peak is its own
    startPhasePeak();
    const Memory beforeRead = memoryNow();
    {
        timer.start();
        QFile in(path);
        if (!in.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "bench: cannot read %s\n", qPrintable(path));
            return 1;
        }
        QByteArray bytes = in.readAll();
        file.readBytesNs = timer.nsecsElapsed();
        timer.start();
        auto result = ScenarioReader::read(bytes);
        file.parseNs = timer.nsecsElapsed();
        bytes = QByteArray();
        const Memory afterRead = memoryNow();
        file.peakMb = afterRead.peakMb;
        if (const auto *error = std::get_if<ParseError>(&result)) {
            std::fprintf(stderr, "bench: the written file does not read back: %s\n",
                         qPrintable(error->toString()));
        } else {
            const Scenario &read = std::get<Scenario>(result);
            file.ok = true;
            file.sameEvents =
                qint64(read.events.size()) == eventCount && fingerprint(read) == originalPrint;
            timer.start();
            const QByteArray document = ScenarioReplay::answersJson(read);
            file.answersNs = timer.nsecsElapsed();
            file.sameAnswers = document == answered.document;
        }
        line("read the file's bytes",
             QStringLiteral("%1 s").arg(seconds(file.readBytesNs), 0, 'f', 3));
        line("ScenarioReader::read", QStringLiteral("%1 s").arg(seconds(file.parseNs), 0, 'f', 3));
        line("reading in all / full replay",
             QStringLiteral("%1 s / %2 s = %3x")
                 .arg(seconds(file.readBytesNs + file.parseNs), 0, 'f', 3)
                 .arg(seconds(replay.ns), 0, 'f', 3)
                 .arg(double(file.readBytesNs + file.parseNs) / double(replay.ns), 0, 'f', 1));
        line("peak memory while reading (VmHWM)",
             QStringLiteral("%1 (RSS before %2, after %3)")
                 .arg(mb(afterRead.peakMb), mb(beforeRead.rssMb), mb(afterRead.rssMb)));
        line("same events as in memory", QLatin1String(yesNo(file.sameEvents)));
        if (file.ok) {
            line("ScenarioReplay::answersJson on it", QStringLiteral("%1 s (replay + %2 answers)")
                                                          .arg(seconds(file.answersNs), 0, 'f', 3)
                                                          .arg(number(queries)));
            line("same answers as the sweep of (2)", QLatin1String(yesNo(file.sameAnswers)));
        }
    }
    // What the reader's time is made of: Qt's JSON parse alone, on the same bytes.
    {
        QFile in(path);
        if (in.open(QIODevice::ReadOnly)) {
            const QByteArray bytes = in.readAll();
            timer.start();
            const QJsonDocument doc = QJsonDocument::fromJson(bytes);
            const qint64 ns = timer.nsecsElapsed();
            line("  of which QJsonDocument::fromJson alone",
                 QStringLiteral("%1 s (%2 of the reader)")
                     .arg(seconds(ns), 0, 'f', 3)
                     .arg(QString::number(100.0 * double(ns) /
                                              double(std::max<qint64>(1, file.parseNs)),
                                          'f', 0) +
                          u'%'));
        }
    }

    // ---- (4) summary --------------------------------------------------------------------
    const double replaySeconds = seconds(replay.ns);
    const double queriesSeconds = seconds(answered.ns);
    const double ratio = double(file.readBytesNs + file.parseNs) / double(replay.ns);
    std::printf("\n(4) Summary for %s events and %s queries\n", qPrintable(number(events)),
                qPrintable(number(queries)));
    std::printf("  %-40s %-26s %-12s %s\n", "figure", "measured", "goal", "met");
    const auto goal = [](const char *name, const QString &value, const char *target, bool ok) {
        std::printf("  %-40s %-26s %-12s %s\n", name, qPrintable(value), target, yesNo(ok));
    };
    const auto info = [](const char *name, const QString &value) {
        std::printf("  %-40s %s\n", name, qPrintable(value));
    };
    goal("full replay", QStringLiteral("%1 s").arg(replaySeconds, 0, 'f', 3), "< 0.5 s",
         replaySeconds < ReplayGoalSeconds);
    info("  events per second", number(qint64(double(events) / replaySeconds)));
    info("  ledger entries", number(qint64(replay.ledger)));
    goal("peak memory during the replay", mb(afterReplay.peakMb), "< 200 MB",
         afterReplay.peakMb >= 0 && afterReplay.peakMb < ReplayGoalMb);
    info("  the history alone / the engine alone",
         QStringLiteral("%1 / %2").arg(mb(beforeReplay.rssMb),
                                       mb(afterReplay.peakMb - beforeReplay.rssMb)));
    goal("queries in all (one sweep)", QStringLiteral("%1 s").arg(queriesSeconds, 0, 'f', 3),
         "< 1 s", queriesSeconds < QueriesGoalSeconds);
    info("  per query (in all / answering only)",
         QStringLiteral("%1 us / %2 us")
             .arg(double(answered.ns) / double(queries) / 1e3, 0, 'f', 1)
             .arg(double(answered.answerNs) / double(queries) / 1e3, 0, 'f', 1));
    goal("reading the file / full replay", QStringLiteral("%1x").arg(ratio, 0, 'f', 1), "<= 2x",
         file.ok && ratio <= ReadingGoalRatio);
    info("  reading the file", QStringLiteral("%1 s for %2")
                                   .arg(seconds(file.readBytesNs + file.parseNs), 0, 'f', 3)
                                   .arg(mb(double(file.bytes) / 1048576.0)));
    info("  peak memory while reading", mb(file.peakMb));
    info("file round trip (events, answers)",
         QStringLiteral("%1, %2").arg(QLatin1String(yesNo(file.sameEvents)),
                                      QLatin1String(yesNo(file.sameAnswers))));
    info("RSS now", mb(memoryNow().rssMb));
    return 0;
}

} // namespace creditdesk
