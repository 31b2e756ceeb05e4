#include "SyntheticHistory.h"

#include "PolicyReader.h"

#include <QDate>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <array>
#include <cmath>
#include <queue>
#include <random>
#include <stdexcept>
#include <vector>

namespace creditdesk {

namespace {

// The reference size: prices and pack, grant and debit amounts are tuned for it and scaled by
// 1,000,000 / events otherwise, so that a smaller history meets the same credit pressure
// (plans run short late in the month, packs and bonuses fill the gap, windows fill in bursts).
constexpr double ReferenceEvents = 1'000'000.0;

// Portable, seed-determined draws (std:: distributions differ between standard libraries).
class Random
{
public:
    explicit Random(quint64 seed)
        : m_engine(seed)
    {}
    double unit() { return double(m_engine() >> 11) * 0x1.0p-53; } // [0, 1)
    qint64 between(qint64 lo, qint64 hi)                           // [lo, hi]
    {
        return lo + qint64(m_engine() % quint64(hi - lo + 1));
    }
    bool chance(double p) { return unit() < p; }
    qint64 logBetween(qint64 lo, qint64 hi) // log-uniform in [lo, hi]
    {
        return qint64(std::llround(double(lo) * std::pow(double(hi) / double(lo), unit())));
    }

private:
    std::mt19937_64 m_engine;
};

QByteArray scaled(double base, double scale)
{
    const double milli = std::max(1.0, std::round(base * scale * 1000.0));
    return QByteArray::number(milli / 1000.0, 'f', 3);
}

Credits scaledAmount(qint64 base, double scale)
{
    return Credits::fromMilli(std::max<qint64>(1, std::llround(double(base) * scale * 1000.0)));
}

struct Features
{
    int chat = -1, code = -1, image = -1, search = -1, video = -1;
};

// A task as a member would start it (or ask can_start about it). `endTokens` receives the
// tokens its end will report (-1 for features not priced by tokens).
TaskRequest randomRequest(Random &rng, const Features &f, qint64 *endTokens)
{
    TaskRequest r;
    qint64 processed = -1;
    const double x = rng.unit();
    if (x < 0.40) {
        r.feature = f.chat;
        if (rng.chance(0.5))
            r.tokens = rng.logBetween(500, 8000); // an estimate given at start
        processed = rng.logBetween(200, 20000);
    } else if (x < 0.65) {
        r.feature = f.code;
        if (rng.chance(0.3))
            r.tokens = rng.logBetween(1000, 20000);
        processed = rng.logBetween(1000, 30000);
    } else if (x < 0.85) {
        r.feature = f.image;
        r.quantityMilli = rng.between(1, 4) * Credits::Scale;
    } else if (x < 0.98) {
        r.feature = f.search;
    } else {
        r.feature = f.video;
        r.quantityMilli = rng.between(5, 30) * Credits::Scale; // seconds
    }
    if (endTokens)
        *endTokens = processed;
    return r;
}

Outcome randomOutcome(Random &rng)
{
    const double x = rng.unit();
    if (x < 0.94)
        return Outcome::Success;
    if (x < 0.97)
        return Outcome::SystemError;
    if (x < 0.98)
        return Outcome::ContentViolation;
    return Outcome::Cancelled;
}

qint64 randomDuration(Random &rng)
{
    const double x = rng.unit();
    if (x < 0.70)
        return rng.between(5, 120); // a chat turn, a search
    if (x < 0.95)
        return rng.between(120, 1800);  // an image batch, a code run
    return rng.between(3600, 6 * 3600); // long agent runs overlap many others
}

// Relative activity by local hour: quiet nights, busy working hours.
constexpr std::array<double, 24> Diurnal = {0.30, 0.15, 0.10, 0.05, 0.05, 0.10, 0.30, 0.60,
                                            1.00, 1.30, 1.50, 1.50, 1.20, 1.40, 1.60, 1.60,
                                            1.50, 1.30, 1.10, 1.00, 1.00, 0.90, 0.70, 0.50};

} // namespace

QByteArray SyntheticHistory::policyJson(Admission admission, double priceScale)
{
    QByteArray json = R"({
  "name": "bench-year",
  "title": "Benchmark year",
  "summary": "A monthly plan with 5h and 7d usage windows, daily free credits, bonuses and packs.",
  "unit": "credits",
  "admission": "@ADMISSION@",
  "notes": [
    "Synthetic policy of creditdesk-cli bench, modelled on the presets.",
    "Prices, packs, grants and debits are scaled by @SCALE@ to the size of the history."
  ],
  "features": [
    {"name": "chat", "per_1000_tokens": @CHAT@},
    {"name": "code", "per_1000_tokens": @CODE@},
    {"name": "image", "price": @IMAGE@},
    {"name": "search", "price": @SEARCH@},
    {"name": "video", "price": @VIDEO@}
  ],
  "plans": [
    {"name": "plus", "allotment": 80000, "cycle": {"months": 1},
     "windows": [{"kind": "5h", "hours": 5, "limit": 4000}, {"kind": "7d", "days": 7, "limit": 35000}]},
    {"name": "pro", "allotment": 120000, "cycle": {"months": 1},
     "windows": [{"kind": "5h", "hours": 5, "limit": 6000}, {"kind": "7d", "days": 7, "limit": 50000}]}
  ],
  "packs": [
    {"name": "pack_1000", "amount": @PACK1@},
    {"name": "pack_5000", "amount": @PACK5@}
  ],
  "signup": {
    "grants": [{"kind": "signup_free", "amount": 500}],
    "recurring": [{"kind": "daily_free", "amount": 50, "cycle": {"days": 1}}]
  },
  "priority": {"daily_free": 1, "bonus": 2, "plan": 3, "signup_free": 4, "purchased": 5},
  "applicability": {"daily_free": ["chat", "search"]},
  "charged_outcomes": ["success", "content_violation"],
  "default_tokens": 1000
})";
    json.replace("@ADMISSION@", admission == Admission::Covers ? "covers" : "positive");
    json.replace("@SCALE@", QByteArray::number(priceScale, 'g', 6));
    json.replace("@CHAT@", scaled(0.2, priceScale));
    json.replace("@CODE@", scaled(0.5, priceScale));
    json.replace("@IMAGE@", scaled(2, priceScale));
    json.replace("@SEARCH@", scaled(0.5, priceScale));
    json.replace("@VIDEO@", scaled(1, priceScale));
    json.replace("@PACK1@", scaled(1000, priceScale));
    json.replace("@PACK5@", scaled(5000, priceScale));
    return json;
}

SyntheticHistory SyntheticHistory::build(qint64 eventCount, qint64 queryCount, Admission admission,
                                         quint64 seed)
{
    if (eventCount < 1000 || queryCount < 0)
        throw std::invalid_argument("SyntheticHistory: at least 1,000 events");
    SyntheticHistory h;
    Scenario &s = h.scenario;
    Random rng(seed);
    NameTable &names = *s.names;
    h.priceScale = ReferenceEvents / double(eventCount);
    const double amountScale = h.priceScale;

    // ---- policy and zone -------------------------------------------------------------------
    QJsonParseError jsonError;
    const QJsonDocument doc =
        QJsonDocument::fromJson(policyJson(admission, h.priceScale), &jsonError);
    if (jsonError.error != QJsonParseError::NoError)
        throw std::logic_error("SyntheticHistory: the policy is not valid JSON");
    auto policy = PolicyReader::read(doc.object(), QStringLiteral("policy"));
    if (const auto *error = std::get_if<ParseError>(&policy))
        throw std::logic_error(error->toString().toStdString());
    s.inlinePolicy = doc.object();
    s.policy = std::make_shared<const Policy>(std::get<Policy>(std::move(policy)));
    const Policy &p = *s.policy;
    const Features features{p.featureIndex(u"chat"), p.featureIndex(u"code"),
                            p.featureIndex(u"image"), p.featureIndex(u"search"),
                            p.featureIndex(u"video")};

    s.zone = *AccountZone::fromId(QStringLiteral("Europe/Berlin"));
    const AccountZone &zone = s.zone;
    // Signed up on the 31st: the monthly anchor exercises the month-end rule (Feb 28, Apr 30..);
    // the year crosses both DST changes (2026-03-29 and 2026-10-25).
    h.begin = zone.fromLocal(QDate(2025, 12, 31), 9 * 3600);
    const TimePoint subscribeAt = h.begin + 1800;
    h.end = zone.fromLocal(QDate(2026, 12, 31), 10 * 3600); // after the 12th monthly refresh
    const TimePoint activeFrom = h.begin + 3600;
    // Starts and rare events stop a day early: every end and refund still fits in the year.
    const TimePoint activeUntil = h.end - SecondsPerDay;

    // ---- how many of each ------------------------------------------------------------------
    const double perMillion = double(eventCount) / ReferenceEvents;
    const auto rare = [&](double atReference, qint64 minimum) {
        return std::max<qint64>(minimum, qint64(std::llround(atReference * perMillion)));
    };
    const qint64 promotions = std::clamp<qint64>(eventCount / 1000, 1, 52); // weekly
    const qint64 planChanges = 2;                                           // up, then down
    qint64 grants = rare(2000, 2);
    const qint64 purchases = rare(150, 1);
    const qint64 debits = rare(500, 1);
    const qint64 forTasks = eventCount - 2 - planChanges - promotions - grants - purchases - debits;

    // Each task is a start and an end; 3% are refunded, a few of those twice (rejected).
    std::vector<quint8> refunds;
    refunds.reserve(std::size_t(forTasks / 2));
    qint64 used = 0;
    while (used + 2 <= forTasks) {
        used += 2;
        quint8 r = 0;
        if (used < forTasks && rng.chance(0.03)) {
            ++r;
            ++used;
            if (used < forTasks && rng.chance(0.02)) {
                ++r;
                ++used;
            }
        }
        refunds.push_back(r);
    }
    grants += forTasks - used; // 0 or 1 left over
    const qint64 taskCount = qint64(refunds.size());

    // ---- when tasks start: by hour of day, quieter weekends, a holiday, bursts -------------
    const qint64 hours = (activeUntil - activeFrom) / 3600;
    std::vector<double> cumulative(std::size_t(hours), 0.0);
    double total = 0;
    qint64 burstLeft = 0;
    for (qint64 i = 0; i < hours; ++i) {
        const TimePoint t = activeFrom + i * 3600;
        const qint64 local = zone.localSeconds(t);
        const int hour = int(((local % SecondsPerDay) + SecondsPerDay) % SecondsPerDay / 3600);
        const QDate date = zone.localDate(t);
        double w = Diurnal[std::size_t(hour)];
        if (date.dayOfWeek() >= 6)
            w *= 0.6;
        if (date >= QDate(2026, 8, 3) && date < QDate(2026, 8, 17))
            w *= 0.05;
        if (burstLeft == 0 && rng.chance(0.004))
            burstLeft = rng.between(2, 8);
        if (burstLeft > 0) {
            w *= 4.0;
            --burstLeft;
        }
        total += w;
        cumulative[std::size_t(i)] = total;
    }
    std::vector<TimePoint> starts(static_cast<std::size_t>(taskCount));
    for (TimePoint &t : starts) {
        const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), rng.unit() * total);
        const qint64 hour = std::min<qint64>(it - cumulative.begin(), hours - 1);
        t = activeFrom + hour * 3600 + rng.between(0, 3599);
    }
    std::sort(starts.begin(), starts.end());

    // ---- everything that is not the end of something, in time order -----------------------
    enum class Kind : quint8 { Start, Grant, Purchase, Debit, Promotion, Subscribe };
    struct Item
    {
        TimePoint at;
        Kind kind;
        qint64 index;
    };
    std::vector<Item> items;
    items.reserve(std::size_t(taskCount + grants + purchases + debits + promotions + planChanges));
    for (qint64 i = 0; i < taskCount; ++i)
        items.push_back({starts[std::size_t(i)], Kind::Start, i});
    std::vector<TimePoint>().swap(starts);
    for (qint64 i = 0; i < grants; ++i)
        items.push_back({rng.between(activeFrom, activeUntil), Kind::Grant, i});
    for (qint64 i = 0; i < purchases; ++i)
        items.push_back({rng.between(activeFrom, activeUntil), Kind::Purchase, i});
    for (qint64 i = 0; i < debits; ++i)
        items.push_back({rng.between(activeFrom, activeUntil), Kind::Debit, i});
    for (qint64 i = 0; i < promotions; ++i) {
        const TimePoint week = activeFrom + i * 7 * SecondsPerDay;
        items.push_back({std::min(activeUntil, week + rng.between(0, 7 * SecondsPerDay - 1)),
                         Kind::Promotion, i});
    }
    items.push_back(
        {zone.fromLocal(QDate(2026, 4, 15), 12 * 3600), Kind::Subscribe, p.planIndex(u"pro")});
    items.push_back(
        {zone.fromLocal(QDate(2026, 9, 10), 18 * 3600), Kind::Subscribe, p.planIndex(u"plus")});
    std::stable_sort(items.begin(), items.end(),
                     [](const Item &a, const Item &b) { return a.at < b.at; });

    // ---- emit, merging in the ends and refunds as they fall due ----------------------------
    struct Pending
    {
        TimePoint at;
        quint64 seq;
        EventType type;
        Outcome outcome;
        quint8 refunds;
        int task;
        qint64 tokens;
    };
    const auto later = [](const Pending &a, const Pending &b) {
        return a.at != b.at ? a.at > b.at : a.seq > b.seq;
    };
    std::priority_queue<Pending, std::vector<Pending>, decltype(later)> pending(later);
    quint64 seq = 0;
    s.events.reserve(std::size_t(eventCount));
    const auto flushUntil = [&](TimePoint t) {
        while (!pending.empty() && pending.top().at <= t) {
            const Pending due = pending.top();
            pending.pop();
            Event e;
            e.at = due.at;
            e.type = due.type;
            e.task = due.task;
            if (due.type == EventType::TaskEnd) {
                e.outcome = due.outcome;
                e.request.tokens = due.tokens;
                for (int r = 0; r < due.refunds; ++r)
                    pending.push({due.at + rng.between(60, 18 * 3600), seq++, EventType::Refund,
                                  Outcome::Success, 0, due.task, -1});
            }
            s.events.push_back(e);
        }
    };

    {
        Event e;
        e.at = h.begin;
        e.type = EventType::Signup;
        s.events.push_back(e);
        e.at = subscribeAt;
        e.type = EventType::Subscribe;
        e.plan = p.planIndex(u"plus");
        s.events.push_back(e);
    }
    const std::array<int, 3> debitReasons = {names.intern(QStringLiteral("chargeback")),
                                             names.intern(QStringLiteral("correction")),
                                             names.intern(QStringLiteral("abuse"))};
    const std::array<int, 5> allFeatures = {features.chat, features.code, features.image,
                                            features.search, features.video};
    for (const Item &item : items) {
        flushUntil(item.at);
        Event e;
        e.at = item.at;
        switch (item.kind) {
        case Kind::Start: {
            QString id = QString::number(item.index + 1);
            id.prepend(u't');
            e.type = EventType::TaskStart;
            e.task = names.intern(id);
            qint64 endTokens = -1;
            e.request = randomRequest(rng, features, &endTokens);
            pending.push({item.at + randomDuration(rng), seq++, EventType::TaskEnd,
                          randomOutcome(rng), refunds[std::size_t(item.index)], e.task, endTokens});
            break;
        }
        case Kind::Grant:
            e.type = EventType::Grant;
            e.kind = rng.chance(0.85) ? BucketKind::Bonus : BucketKind::Adjustment;
            e.amount = scaledAmount(rng.between(20, 300), amountScale);
            if (e.kind == BucketKind::Bonus && rng.chance(0.8))
                e.until = item.at + rng.between(3 * SecondsPerDay, 30 * SecondsPerDay);
            break;
        case Kind::Purchase:
            e.type = EventType::Purchase;
            if (rng.chance(0.6))
                e.pack = rng.chance(0.7) ? 0 : 1;
            else
                e.amount = scaledAmount(rng.between(100, 3000), amountScale);
            break;
        case Kind::Debit:
            e.type = EventType::Debit;
            // One in ten is large: some of those are more than available, and rejected.
            e.amount = scaledAmount(rng.between(5, 200) * (rng.chance(0.1) ? 500 : 1), amountScale);
            e.note = debitReasons[std::size_t(rng.between(0, 2))];
            break;
        case Kind::Promotion:
            e.type = EventType::Promotion;
            e.request.feature = allFeatures[std::size_t(rng.between(0, 4))];
            e.from = item.at + rng.between(0, 2 * SecondsPerDay);
            e.until = e.from + rng.between(2 * 3600, SecondsPerDay);
            break;
        case Kind::Subscribe:
            e.type = EventType::Subscribe;
            e.plan = int(item.index);
            break;
        }
        s.events.push_back(e);
    }
    flushUntil(Never);
    if (qint64(s.events.size()) != eventCount)
        throw std::logic_error("SyntheticHistory: event count mismatch");

    // ---- questions at random moments, in random order --------------------------------------
    s.queries.reserve(std::size_t(queryCount));
    constexpr std::array<int, 3> ProjectionDays = {1, 7, 30};
    for (qint64 i = 0; i < queryCount; ++i) {
        Query q;
        q.at = rng.between(h.begin, h.end);
        const double x = rng.unit();
        if (x < 0.40) {
            q.ask = Query::Ask::Balance;
        } else if (x < 0.75) {
            q.ask = Query::Ask::CanStart;
            q.request = randomRequest(rng, features, nullptr);
        } else {
            q.ask = Query::Ask::Projection;
            q.windowDays = ProjectionDays[std::size_t(rng.between(0, 2))];
        }
        s.queries.push_back(q);
    }
    return h;
}

} // namespace creditdesk
