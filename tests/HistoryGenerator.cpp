#include "HistoryGenerator.h"

#include "PresetCatalog.h"
#include "ScenarioWriter.h"

#include <QDate>
#include <QDateTime>
#include <QTimeZone>

#include <algorithm>
#include <iterator>
#include <string>

namespace creditdesk::props {

namespace {

// The raw material of one event: which kind (op), how long after the previous one (gapClass,
// gap) and four free parameters whose meaning depends on the kind. Every combination of values
// turns into a valid event, so shrinking can change any of them.
struct Step
{
    int op = 0;                     // 0..99
    int gapClass = 0;               // 0..99
    int gap = 0;                    // 0..65535
    int a = 0, b = 0, c = 0, d = 0; // 0..(2^20 - 1)
};

struct Header
{
    int preset = 0;
    int zone = 0;
    int startMode =
        0; // 0-3 any hour, 4-5 a month's last days (29-31), 6-7 months before a DST change
    int startParam = 0; // picks the month end or the DST change
    int startDay = 0;   // days after 2024-01-01
    int startHour = 0;  // UTC hour
    int spanDays = 3;
    int quantum = 0;   // index into Quanta
    int tailHours = 0; // how long after the last event the history ends
    bool signup = true;
    bool subscribe = true;
    int plan = 0;
    bool purchase = false;
    int purchaseParam = 0;
};

// Coarse quanta crowd events onto few instants, where same-instant ordering matters.
constexpr qint64 Quanta[] = {1, 60, 1800, 3600, 6 * 3600, SecondsPerDay};
constexpr qint64 Hour = 3600;
constexpr qint64 Day = SecondsPerDay;

// 2024-01-01T00:00:00Z.
constexpr TimePoint Epoch2024 = 1704067200;

struct Transition
{
    TimePoint at = 0;
    int before = 0; // UTC offset before the change
    int after = 0;  // and from it on
};

// The zone's offset changes in 2024-2027 (none for UTC and Asia/Tokyo).
const std::vector<Transition> &transitions(std::size_t zone)
{
    static const std::vector<std::vector<Transition>> all = [] {
        std::vector<std::vector<Transition>> out;
        const QDateTime from =
            QDateTime::fromSecsSinceEpoch(Epoch2024 + 60 * Day, QTimeZone::utc());
        const QDateTime until =
            QDateTime::fromSecsSinceEpoch(Epoch2024 + 4 * 365 * Day, QTimeZone::utc());
        for (const QString &id : historyZones()) {
            const QTimeZone tz(id.toUtf8());
            std::vector<Transition> list;
            for (const auto &t : tz.transitions(from, until)) {
                const TimePoint at = t.atUtc.toSecsSinceEpoch();
                const int before =
                    tz.offsetFromUtc(QDateTime::fromSecsSinceEpoch(at - 1, QTimeZone::utc()));
                if (before != t.offsetFromUtc)
                    list.push_back({at, before, t.offsetFromUtc});
            }
            out.push_back(list);
        }
        return out;
    }();
    return all[zone];
}

const std::vector<AccountZone> &zones()
{
    static const std::vector<AccountZone> all = [] {
        std::vector<AccountZone> out;
        for (const QString &id : historyZones()) {
            const auto zone = AccountZone::fromId(id);
            if (!zone)
                qFatal("time zone %s is not available", qPrintable(id));
            out.push_back(*zone);
        }
        return out;
    }();
    return all;
}

// Amounts: at most three fractional digits, always > 0.
// Round amounts and quantities that the presets' prices and allotments divide, so that
// balances often land exactly on a task's cost (the edge of every admission rule).
constexpr int RoundNumbers[] = {1, 2, 3, 5, 6, 9, 10, 15, 20, 25, 30, 45, 50, 60, 100, 150, 300};

Credits amountFrom(int x)
{
    const int v = x >> 2;
    switch (x & 3) {
    case 0:
        if (v % 2 == 0)
            return Credits::whole(RoundNumbers[std::size_t(v / 2) % std::size(RoundNumbers)]);
        return Credits::whole(1 + v % 100);
    case 1:
        return Credits::fromMilli(1 + v % 100000);
    case 2:
        return Credits::whole(100 + v % 2900);
    default:
        return Credits::whole(1 + v % 20);
    }
}

Credits debitAmountFrom(int x)
{
    const int v = x >> 1;
    if (x & 1)
        return Credits::whole(1 + v % 50);
    return Credits::fromMilli(1 + v % 30000);
}

qint64 tokensFrom(int x)
{
    const int v = x >> 2;
    switch (x & 3) {
    case 0:
        return v % 1000;
    case 1:
        return 1000 + v % 19000;
    case 2:
        return 20000 + v % 100000;
    default:
        return 1000 * qint64(v % 50);
    }
}

qint64 quantityMilliFrom(int x)
{
    const int v = x / 10;
    switch (x % 10) {
    case 5:
        return 1000 * qint64(RoundNumbers[std::size_t(v) % std::size(RoundNumbers)]);
    case 6:
        return 2000;
    case 7:
        return 1000 * qint64(3 + v % 3);
    case 8:
        return 1 + v % 3000;
    case 9:
        return 500;
    default:
        return Credits::Scale;
    }
}

qint64 expiryOffsetFrom(int x)
{
    const int v = x >> 3;
    switch (x & 7) {
    case 0:
        return Hour;
    case 1:
        return 5 * Hour;
    case 2:
        return Day;
    case 3:
        return 2 * Day;
    case 4:
        return 7 * Day;
    case 5:
        return 30 * Day;
    case 6:
        return 1800 * qint64(1 + v % 200);
    default:
        return 1 + v % Day;
    }
}

qint64 gapWeight(const Step &s)
{
    if (s.gapClass < 18)
        return 0; // the same instant as the previous event
    if (s.gapClass < 65)
        return 1 + s.gap % 60;
    if (s.gapClass < 92)
        return 60 + s.gap % 600;
    return 600 + s.gap % 3000;
}

class Builder
{
public:
    explicit Builder(History &h)
        : m_h(h)
        , m_policy(*h.policy)
    {}

    void push(Event e) { m_h.events.push_back(std::move(e)); }

    Event base(EventType type, TimePoint at) const
    {
        Event e;
        e.type = type;
        e.at = at;
        return e;
    }

    void purchase(TimePoint at, int a, int b, int c)
    {
        Event e = base(EventType::Purchase, at);
        if (!m_policy.packs.isEmpty() && a % 3 != 0)
            e.pack = b % int(m_policy.packs.size());
        else
            e.amount = amountFrom(c);
        push(e);
    }

    void step(const Step &s, TimePoint at)
    {
        const int op = s.op;
        if (op < 4) {
            push(base(EventType::Signup, at));
        } else if (op < 11) {
            if (m_policy.plans.isEmpty()) {
                purchase(at, s.a, s.b, s.c);
                return;
            }
            Event e = base(EventType::Subscribe, at);
            e.plan = s.a % int(m_policy.plans.size());
            push(e);
        } else if (op < 21) {
            Event e = base(EventType::Grant, at);
            e.kind = s.a % 5 == 4 ? BucketKind::Adjustment : BucketKind::Bonus;
            e.amount = amountFrom(s.b);
            if (s.c % 2 == 0)
                e.until = at + expiryOffsetFrom(s.d);
            push(e);
        } else if (op < 31) {
            purchase(at, s.a, s.b, s.c);
        } else if (op < 61) {
            taskStart(s, at);
        } else if (op < 86) {
            taskEnd(s, at);
        } else if (op < 91) {
            Event e = base(EventType::Refund, at);
            if (s.a % 10 == 0 || m_started.empty())
                e.task = ghost();
            else
                e.task = m_started[std::size_t(s.b) % m_started.size()];
            push(e);
        } else if (op < 96) {
            Event e = base(EventType::Debit, at);
            e.amount = debitAmountFrom(s.a);
            if (s.b % 3 == 1)
                e.note = m_h.names->intern(QStringLiteral("support"));
            else if (s.b % 3 == 2)
                e.note = m_h.names->intern(QStringLiteral("chargeback"));
            push(e);
        } else {
            Event e = base(EventType::Promotion, at);
            e.request.feature = s.a % int(m_policy.features.size());
            static constexpr qint64 fromOffsets[] = {-2 * Hour, 0, 0, Hour, Day, -Day};
            static constexpr qint64 lengths[] = {Hour, 6 * Hour, Day, 3 * Day, 14 * Day};
            e.from = at + fromOffsets[s.b % 6];
            e.until = e.from + lengths[s.c % 5];
            push(e);
        }
    }

private:
    int ghost() { return m_h.names->intern(QStringLiteral("ghost%1").arg(++m_ghosts)); }

    void taskStart(const Step &s, TimePoint at)
    {
        Event e = base(EventType::TaskStart, at);
        if (!m_started.empty() && s.a % 16 == 0) {
            // An id used before: a duplicate if it was admitted, a fresh start if rejected.
            e.task = m_started[std::size_t(s.b) % m_started.size()];
        } else {
            e.task = m_h.names->intern(QStringLiteral("t%1").arg(++m_tasks));
            m_started.push_back(e.task);
        }
        if (std::find(m_open.begin(), m_open.end(), e.task) == m_open.end())
            m_open.push_back(e.task);
        TaskRequest &r = e.request;
        r.feature = (s.a >> 4) % int(m_policy.features.size());
        const FeatureRule &f = m_policy.features[r.feature];
        switch (f.pricing) {
        case FeatureRule::Pricing::PerUnit:
            r.quantityMilli = quantityMilliFrom(s.b);
            break;
        case FeatureRule::Pricing::PerModel:
            r.quantityMilli = quantityMilliFrom(s.b);
            r.models = 1 + s.c % 6;
            break;
        case FeatureRule::Pricing::TierOfRequest: {
            r.quantityMilli = quantityMilliFrom(s.b);
            const int pick = s.d % 7;
            if (pick < 5) {
                r.tierGiven = true;
                r.tier = pick % int(m_policy.tiers.size());
            } else if (pick == 5) {
                r.tierGiven = true; // a tier name the preset does not know
                r.tier = -1;
            }
            break;
        }
        case FeatureRule::Pricing::PerThousandTokens:
            if (s.c % 2 == 1)
                r.tokens = tokensFrom(s.d);
            break;
        }
        push(e);
    }

    void taskEnd(const Step &s, TimePoint at)
    {
        Event e = base(EventType::TaskEnd, at);
        const int pick = s.b % 12;
        if (pick == 0 || (m_open.empty() && m_ended.empty())) {
            e.task = ghost();
        } else if (pick == 1 || m_open.empty()) {
            e.task = m_ended.empty() ? ghost() : m_ended[std::size_t(s.a) % m_ended.size()];
        } else {
            const std::size_t i = std::size_t(s.a) % m_open.size();
            e.task = m_open[i];
            m_open.erase(m_open.begin() + std::ptrdiff_t(i));
            m_ended.push_back(e.task);
        }
        static constexpr Outcome outcomes[] = {
            Outcome::Success,   Outcome::Success, Outcome::Success,     Outcome::Success,
            Outcome::Success,   Outcome::Success, Outcome::SystemError, Outcome::ContentViolation,
            Outcome::Cancelled, Outcome::Success};
        e.outcome = outcomes[s.c % 10];
        if (m_policy.taskEndRequiresTokens || s.d % 2 == 1)
            e.request.tokens = tokensFrom(s.d >> 1);
        push(e);
    }

    History &m_h;
    const Policy &m_policy;
    int m_tasks = 0;
    int m_ghosts = 0;
    std::vector<int> m_started; // distinct ids, in first-start order
    std::vector<int> m_open;    // started and not yet ended (as far as the history knows)
    std::vector<int> m_ended;
};

History materialize(const QString &presetName, const Header &h, const std::vector<Step> &steps)
{
    History out;
    out.presetName = presetName;
    out.policy = PresetCatalog::builtIn().find(presetName);
    if (!out.policy)
        qFatal("preset %s is not built in", qPrintable(presetName));
    out.zone = zones()[std::size_t(h.zone)];
    out.start = Epoch2024 + h.startDay * Day + h.startHour * Hour;
    qint64 minSpanDays = 0;
    const auto &changes = transitions(std::size_t(h.zone));
    const int p = h.startParam;
    if (h.startMode >= 6 && !changes.empty()) {
        // The anchor's wall time k months before a DST change, inside its gap or fold: the
        // monthly anniversary then falls on a wall time that does not exist or exists twice.
        const Transition &t = changes[std::size_t(p) % changes.size()];
        const int k = 1 + (p / int(changes.size())) % 2;
        const TimePoint wall = t.after > t.before ? t.at + t.before + (t.after - t.before) / 2
                                                  : t.at + t.after + (t.before - t.after) / 2;
        const qint64 wallDay = wall >= 0 ? wall / Day : (wall - Day + 1) / Day;
        const QDate date = QDate::fromJulianDay(wallDay + 2440588).addMonths(-k);
        out.start = out.zone.fromLocal(date, int(wall - wallDay * Day));
        minSpanDays = 31 * k + 3;
    } else if (h.startMode >= 4) {
        // An anchor on the 29th to 31st: the month-end rule.
        const QDate first(2024 + p % 4, 1 + (p / 4) % 12, 1);
        const QDate date(first.year(), first.month(),
                         std::min(29 + (p / 48) % 3, first.daysInMonth()));
        out.start = out.zone.fromLocal(date, h.startHour * int(Hour));
        minSpanDays = 62;
    }

    Builder b(out);
    if (h.signup)
        b.push(b.base(EventType::Signup, out.start));
    if (h.subscribe && !out.policy->plans.isEmpty()) {
        Event e = b.base(EventType::Subscribe, out.start);
        e.plan = h.plan % int(out.policy->plans.size());
        b.push(e);
    }
    if (h.purchase)
        b.purchase(out.start, h.purchaseParam, h.purchaseParam >> 2, h.purchaseParam >> 4);

    qint64 total = 0;
    for (const Step &s : steps)
        total += gapWeight(s);
    const qint64 span = std::max<qint64>(h.spanDays, minSpanDays) * Day;
    const qint64 quantum = Quanta[h.quantum];
    qint64 cumulative = 0;
    TimePoint last = out.start;
    for (const Step &s : steps) {
        cumulative += gapWeight(s);
        qint64 offset = total > 0 ? span * cumulative / total : 0;
        offset -= offset % quantum;
        const TimePoint at = std::max(last, out.start + offset);
        last = at;
        b.step(s, at);
    }
    out.end = last + h.tailHours * Hour;
    return out;
}

rc::Gen<Step> genStep()
{
    return rc::gen::exec([] {
        Step s;
        s.op = *uniform(0, 100);
        s.gapClass = *uniform(0, 100);
        s.gap = *uniform(0, 1 << 16);
        s.a = *uniform(0, 1 << 20);
        s.b = *uniform(0, 1 << 20);
        s.c = *uniform(0, 1 << 20);
        s.d = *uniform(0, 1 << 20);
        return s;
    });
}

} // namespace

const QStringList &historyZones()
{
    static const QStringList ids = {
        QStringLiteral("UTC"), QStringLiteral("Europe/Berlin"), QStringLiteral("America/New_York"),
        QStringLiteral("Asia/Tokyo"), QStringLiteral("Australia/Lord_Howe")};
    return ids;
}

Scenario History::toScenario() const
{
    Scenario s;
    s.presetName = presetName;
    s.policy = policy;
    s.zone = zone;
    s.events = events;
    s.names = names;
    return s;
}

QByteArray History::toScenarioJson() const
{
    return ScenarioWriter::write(toScenario());
}

rc::Gen<History> genHistory(HistoryOptions options)
{
    const QStringList presets =
        options.presets.isEmpty() ? PresetCatalog::builtIn().names() : options.presets;
    return rc::gen::exec([presets] {
        Header h;
        const int preset = *uniform(0, int(presets.size()));
        h.zone = *uniform(0, int(historyZones().size()));
        h.startDay = *uniform(0, 4 * 365);
        h.startHour = *uniform(0, 24);
        h.startMode = *uniform(0, 8);
        h.startParam = *uniform(0, 1 << 20);
        // A few days to about three months, mostly short: crowded histories.
        const int spanClass = *uniform(0, 10);
        h.spanDays = spanClass < 5   ? *uniform(2, 8)
                     : spanClass < 8 ? *uniform(7, 32)
                                     : *uniform(31, 93);
        h.quantum = *uniform(0, int(std::size(Quanta)));
        h.tailHours = *uniform(0, 73);
        h.signup = *uniform(0, 8) != 0;
        h.subscribe = *uniform(0, 4) != 0;
        h.plan = *uniform(0, 3);
        h.purchase = *uniform(0, 3) == 0;
        h.purchaseParam = *uniform(0, 1 << 20);
        const auto steps = *rc::gen::scale(3.0, rc::gen::container<std::vector<Step>>(genStep()));
        return materialize(presets[preset], h, steps);
    });
}

void showValue(const History &history, std::ostream &os)
{
    os << history.events.size() << " events, ends at "
       << history.zone.format(history.end).toStdString() << ":\n"
       << history.toScenarioJson().toStdString();
}

} // namespace creditdesk::props
