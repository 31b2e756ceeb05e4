// CreditEngine::snapshot() and CreditEngine::resume(): the engine's whole state as JSON.
#include "CreditEngine.h"
#include "JsonFields.h"

#include <QJsonArray>

#include <algorithm>
#include <limits>
#include <set>

namespace creditdesk {

namespace {
// Format 2 writes every amount as an exact integer of thousandths (JSON integers, never
// doubles). resume() also reads format 1 (the same rows as doubles, exact below 2^53), so it
// is converted on its next write, and refuses any other. The client's cache keeps the same
// number (AccountCache::SnapshotFormat): a stored snapshot of another format is rebuilt.
constexpr int SnapshotFormat = 2;

// The instants a scenario file can name (years 0001 to 9999, with any offset), a day wider:
// the engine's clock never leaves them. Schedules anchored far outside them count more months
// than an int holds, and never reach their next boundary.
constexpr TimePoint EarliestTime = -62135596800 - SecondsPerDay;
constexpr TimePoint LatestTime = 253402300799 + SecondsPerDay;

// Numbers as exact JSON integers (format 2: amounts are thousandths, never rounded through
// a double); the two time sentinels as words.
QJsonArray numbers(std::initializer_list<qint64> values)
{
    QJsonArray a;
    for (qint64 v : values) {
        if (v == Never)
            a.append(QStringLiteral("never"));
        else if (v == NoTime)
            a.append(QJsonValue::Null);
        else
            a.append(QJsonValue(v));
    }
    return a;
}

// Reads the i-th number of a snapshot row; snapshots are machine-written, so any deviation
// is corruption and is reported with its path.
class Row
{
public:
    // The row at `path`, or at path[index] when index >= 0: the path is only spelled out for
    // an error (a snapshot has a row per ledger entry; building each one's path cost more
    // than reading it).
    Row(const QJsonValue &v, const QString &path, qsizetype index, qsizetype size)
        : m_path(path)
        , m_index(index)
    {
        if (!v.isArray())
            JsonFields::failAt(where(),
                               QStringLiteral("expected an array of %1 numbers").arg(size));
        m_row = v.toArray();
        if (m_row.size() != size)
            JsonFields::failAt(where(),
                               QStringLiteral("expected an array of %1 numbers").arg(size));
    }
    qint64 at(qsizetype i) const
    {
        const QJsonValue v = m_row[i];
        // Whole numbers only: an integer as written (format 2), or a whole double of
        // format 1 within the range a double holds exactly.
        constexpr qint64 NotWhole = std::numeric_limits<qint64>::min();
        if (v.isDouble()) {
            const qint64 n = v.toInteger(NotWhole);
            if (n != NotWhole)
                return n;
        } else if (v.isNull()) {
            return NoTime;
        } else if (v.isString() && v.toString() == u"never") {
            return Never;
        }
        JsonFields::failAt(where(), QStringLiteral("expected whole numbers"));
    }
    qint64 at(qsizetype i, qint64 lo, qint64 hi) const
    {
        const qint64 v = at(i);
        if (v < lo || v > hi)
            JsonFields::failAt(where() + u'[' + QString::number(i) + u']',
                               QStringLiteral("out of range"));
        return v;
    }

private:
    QString where() const
    {
        return m_index < 0 ? m_path : m_path + u'[' + QString::number(m_index) + u']';
    }

    QJsonArray m_row;
    const QString &m_path;
    qsizetype m_index;
};

QJsonArray arrayField(const JsonFields &f, QStringView key)
{
    const QJsonValue v = f.value(key);
    if (!v.isArray())
        f.fail(key, QStringLiteral("expected an array"));
    return v.toArray();
}
} // namespace

QJsonObject CreditEngine::snapshot() const
{
    QJsonObject o;
    o[u"format"] = SnapshotFormat;
    o[u"policy"] = m_policy->name;
    o[u"zone"] = m_zone.id();
    o[u"now"] = numbers({m_now});
    o[u"scalars"] = numbers({m_total.milli(), m_reserved.milli(), qint64(m_nextSeq), m_signedUp,
                             m_plan, m_subscribed, m_anchor});
    QJsonArray names;
    for (const QString &n : m_names->names())
        names.append(n);
    o[u"names"] = names;
    QJsonArray lots;
    for (const Lot &l : m_lots)
        lots.append(numbers(
            {qint64(l.kind), l.priority, l.dead, l.expiresAt, qint64(l.seq), l.remaining.milli()}));
    o[u"lots"] = lots;
    QJsonArray pools;
    for (const Pool &p : m_pools)
        pools.append(numbers({qint64(p.kind), p.amount.milli(), qint64(p.cycle.unit), p.cycle.count,
                              p.anchor, p.nextAt, p.isPlan}));
    o[u"pools"] = pools;
    QJsonArray windows;
    for (const WindowState &w : m_windows) {
        QJsonArray row = numbers({w.openedAt, w.lengthSeconds, w.used.milli()});
        row.prepend(w.kind);
        windows.append(row);
    }
    o[u"windows"] = windows;
    QJsonArray tasks;
    for (std::size_t id = 0; id < m_tasks.size(); ++id) {
        const Task &t = m_tasks[id];
        if (t.state == TaskState::Unknown)
            continue;
        tasks.append(numbers({qint64(id), t.feature, t.startAt, t.cost.milli(), t.taken.milli(),
                              t.takesBegin, t.takesCount, qint64(t.state), t.reserves, t.free,
                              t.refunded, t.windows}));
    }
    o[u"tasks"] = tasks;
    QJsonArray takes;
    for (const Portion &p : m_takes)
        takes.append(numbers({p.lot, p.amount.milli()}));
    o[u"takes"] = takes;
    QJsonArray open;
    for (int id : m_openReservations)
        open.append(id);
    o[u"open"] = open;
    QJsonArray promotions;
    for (const Promotion &p : m_promotions)
        promotions.append(numbers({p.feature, p.from, p.until}));
    o[u"promotions"] = promotions;
    QJsonArray ledger;
    for (const LedgerEntry &e : m_ledger)
        ledger.append(
            numbers({e.at, e.amount.milli(), e.balanceAfter.milli(), e.uncovered.milli(), e.task,
                     qint64(e.type), e.hasBucket, qint64(e.bucket), qint64(e.reason)}));
    o[u"ledger"] = ledger;
    QJsonArray notes;
    for (const auto &[index, note] : m_entryNotes)
        notes.append(numbers({qint64(index), note}));
    o[u"notes"] = notes;
    QJsonArray usage;
    for (const auto &u : m_usage)
        usage.append(numbers({u.first, u.second}));
    o[u"usage"] = usage;
    // The rule ids (credit-rules.md, "Rule ids"), beside the rows above rather than in them:
    // one set per ledger entry, and per lot the set its expiry entry will carry.
    QJsonArray ledgerRules;
    for (const LedgerEntry &e : m_ledger)
        ledgerRules.append(qint64(e.rules.bits()));
    QJsonArray lotRules;
    for (const Lot &l : m_lots)
        lotRules.append(qint64(l.expiry.bits()));
    QJsonObject rules;
    rules[u"ledger"] = ledgerRules;
    rules[u"lots"] = lotRules;
    o[u"rules"] = rules;
    return o;
}

std::variant<std::unique_ptr<CreditEngine>, ParseError>
CreditEngine::resume(std::shared_ptr<const Policy> policy, AccountZone zone,
                     const QJsonObject &snapshotJson)
{
    try {
        const JsonFields f(snapshotJson, QStringLiteral("snapshot"));
        // Format 1 held the same rows as doubles: read (and so converted) the same way.
        const qint64 format = f.wholeNumber(u"format", 1);
        if (format != SnapshotFormat && format != 1)
            f.fail(u"format", QStringLiteral("unsupported snapshot format"));
        if (f.string(u"policy") != policy->name)
            f.fail(u"policy", QStringLiteral("the snapshot belongs to another policy"));
        if (f.string(u"zone") != zone.id())
            f.fail(u"zone", QStringLiteral("the snapshot belongs to another time zone"));
        auto names = std::make_shared<NameTable>();
        for (const QJsonValue &n : arrayField(f, u"names")) {
            if (!n.isString())
                f.fail(u"names", QStringLiteral("expected strings"));
            names->intern(n.toString());
        }
        auto engine = std::make_unique<CreditEngine>(policy, zone, names);
        CreditEngine &e = *engine;
        const qint64 nameCount = names->size();
        const qint64 big = std::numeric_limits<qint64>::max();
        const qint64 small = std::numeric_limits<qint64>::min();
        // Time only moves forward from here: every expiry and refresh still to come is after
        // `now`, and the ledger and the usage are in time order up to it. A snapshot that says
        // otherwise would send the engine back in time to replay every boundary since then.
        const QString nowPath = f.pathOf(u"now");
        const Row now(f.value(u"now"), nowPath, -1, 1);
        e.m_now = now.at(0) == NoTime ? NoTime : now.at(0, EarliestTime, LatestTime);
        const QString scalarsPath = f.pathOf(u"scalars");
        const Row s(f.value(u"scalars"), scalarsPath, -1, 7);
        e.m_total = Credits::fromMilli(s.at(0));
        e.m_reserved = Credits::fromMilli(s.at(1));
        e.m_nextSeq = quint64(s.at(2, 0, big));
        e.m_signedUp = s.at(3, 0, 1);
        e.m_plan = int(s.at(4, -1, policy->plans.size() - 1));
        e.m_subscribed = s.at(5, 0, 1);
        // The engine subscribes and picks a plan in one step: one without the other would
        // send planRule() to plans[-1].
        if (e.m_subscribed != (e.m_plan >= 0))
            JsonFields::failAt(f.pathOf(u"scalars"),
                               QStringLiteral("plan and subscription disagree"));
        e.m_anchor = s.at(6) == NoTime ? NoTime : s.at(6, EarliestTime, e.m_now);
        const QJsonArray lots = arrayField(f, u"lots");
        const QString lotsPath = f.pathOf(u"lots");
        for (qsizetype i = 0; i < lots.size(); ++i) {
            const Row r(lots[i], lotsPath, i, 6);
            Lot l;
            l.kind = BucketKind(r.at(0, 0, BucketKindCount - 1));
            l.priority = int(r.at(1));
            l.dead = r.at(2, 0, 1);
            l.expiresAt = l.dead ? r.at(3) : r.at(3, e.m_now + 1, Never);
            l.seq = quint64(r.at(4, 0, big));
            l.remaining = Credits::fromMilli(r.at(5, 0, big));
            const int id = int(e.m_lots.size());
            e.m_lots.push_back(l);
            if (!l.dead && l.expiresAt != Never)
                e.m_expiring.emplace(l.expiresAt, id);
            if (!l.dead && l.remaining.isPositive())
                e.addSpendable(id);
        }
        const QJsonArray pools = arrayField(f, u"pools");
        const QString poolsPath = f.pathOf(u"pools");
        for (qsizetype i = 0; i < pools.size(); ++i) {
            const Row r(pools[i], poolsPath, i, 7);
            Pool p;
            p.kind = BucketKind(r.at(0, 0, BucketKindCount - 1));
            p.amount = Credits::fromMilli(r.at(1, 0, big));
            p.cycle.unit = CycleRule::Unit(r.at(2, 0, 2));
            p.cycle.count = int(r.at(3, 0, 100000));
            p.anchor = r.at(4, EarliestTime, e.m_now);
            p.nextAt = r.at(5, e.m_now + 1, Never);
            p.isPlan = r.at(6, 0, 1);
            p.schedule = RefreshSchedule(p.cycle, p.anchor, e.m_zone);
            e.m_pools.push_back(p);
        }
        const QJsonArray windows = arrayField(f, u"windows");
        for (qsizetype i = 0; i < windows.size(); ++i) {
            const QString path = f.pathOf(u"windows") + u'[' + QString::number(i) + u']';
            QJsonArray a = windows[i].toArray();
            if (a.size() != 4 || !a[0].isString())
                JsonFields::failAt(path, QStringLiteral("malformed window"));
            const QString kind = a.takeAt(0).toString();
            const Row r(a, path, -1, 3);
            e.m_windows.push_back(
                {kind, r.at(0), r.at(1, 0, big), Credits::fromMilli(r.at(2, 0, big))});
        }
        const QJsonArray takes = arrayField(f, u"takes");
        const QString takesPath = f.pathOf(u"takes");
        for (qsizetype i = 0; i < takes.size(); ++i) {
            const Row r(takes[i], takesPath, i, 2);
            e.m_takes.push_back({int(r.at(0, 0, qint64(e.m_lots.size()) - 1)),
                                 Credits::fromMilli(r.at(1, 0, big))});
        }
        e.m_tasks.resize(std::size_t(nameCount));
        const QJsonArray tasks = arrayField(f, u"tasks");
        const QString tasksPath = f.pathOf(u"tasks");
        const qint64 featureMax = policy->features.size() - 1;
        for (qsizetype i = 0; i < tasks.size(); ++i) {
            const Row r(tasks[i], tasksPath, i, 12);
            Task &t = e.m_tasks[std::size_t(r.at(0, 0, nameCount - 1))];
            t.feature = qint16(r.at(1, 0, std::min<qint64>(featureMax, 32767)));
            t.startAt = r.at(2);
            t.cost = Credits::fromMilli(r.at(3, 0, big));
            t.taken = Credits::fromMilli(r.at(4, 0, big));
            t.takesBegin = quint32(r.at(5, 0, qint64(e.m_takes.size())));
            t.takesCount = quint32(r.at(6, 0, qint64(e.m_takes.size()) - t.takesBegin));
            t.state = TaskState(r.at(7, 1, 2));
            t.reserves = r.at(8, 0, 1);
            t.free = r.at(9, 0, 1);
            t.refunded = r.at(10, 0, 1);
            t.windows = quint16(r.at(11, 0, 65535));
        }
        // The open reservations are exactly the tasks that hold one, each once: a task's end
        // takes its own out of this list.
        for (const QJsonValue &v : arrayField(f, u"open")) {
            // A whole number as written; anything else (a fraction, text) is -1.
            const qint64 id = v.isDouble() ? v.toInteger(-1) : -1;
            if (id < 0 || id >= nameCount || e.m_tasks[std::size_t(id)].state != TaskState::Open ||
                !e.m_tasks[std::size_t(id)].reserves)
                f.fail(u"open", QStringLiteral("names a task that is not open"));
            e.m_openReservations.push_back(int(id));
        }
        const std::set<int> listed(e.m_openReservations.begin(), e.m_openReservations.end());
        const auto holding = std::count_if(e.m_tasks.begin(), e.m_tasks.end(),
                                           [](const Task &t) { return t.reserves; });
        if (listed.size() != e.m_openReservations.size() ||
            qsizetype(listed.size()) != qsizetype(holding))
            f.fail(u"open", QStringLiteral("does not list every open reservation once"));
        const QJsonArray promotions = arrayField(f, u"promotions");
        const QString promotionsPath = f.pathOf(u"promotions");
        for (qsizetype i = 0; i < promotions.size(); ++i) {
            const Row r(promotions[i], promotionsPath, i, 3);
            e.m_promotions.push_back({int(r.at(0, 0, featureMax)), r.at(1), r.at(2)});
        }
        const QJsonArray ledger = arrayField(f, u"ledger");
        const QString ledgerPath = f.pathOf(u"ledger");
        for (qsizetype i = 0; i < ledger.size(); ++i) {
            const Row r(ledger[i], ledgerPath, i, 9);
            LedgerEntry entry;
            // In time order up to now, as firstEntryAtOrAfter() searches them.
            entry.at = r.at(0, e.m_ledger.empty() ? NoTime : e.m_ledger.back().at, e.m_now);
            entry.amount = Credits::fromMilli(r.at(1));
            entry.balanceAfter = Credits::fromMilli(r.at(2));
            entry.uncovered = Credits::fromMilli(r.at(3, 0, big));
            entry.task = qint32(r.at(4, -1, nameCount - 1));
            entry.type = EntryType(r.at(5, 0, 9));
            entry.hasBucket = r.at(6, 0, 1);
            entry.bucket = BucketKind(r.at(7, 0, BucketKindCount - 1));
            entry.reason = RejectReason(r.at(8, 0, 3));
            e.m_ledger.push_back(entry);
        }
        const QString notesPath = f.pathOf(u"notes");
        for (const QJsonValue &v : arrayField(f, u"notes")) {
            const Row r(v, notesPath, -1, 2);
            // In entry order, as entryNote() looks them up.
            const qint64 first =
                e.m_entryNotes.empty() ? 0 : qint64(e.m_entryNotes.back().first) + 1;
            e.m_entryNotes.emplace_back(std::size_t(r.at(0, first, qint64(e.m_ledger.size()) - 1)),
                                        int(r.at(1, 0, nameCount - 1)));
        }
        const QString usagePath = f.pathOf(u"usage");
        for (const QJsonValue &v : arrayField(f, u"usage")) {
            const Row r(v, usagePath, -1, 2);
            e.m_usage.emplace_back(
                r.at(0, e.m_usage.empty() ? NoTime : e.m_usage.back().first, e.m_now),
                r.at(1, small, big));
        }
        // Every set holds ledger ids only, one per entry and one per lot.
        const QJsonValue rulesValue = f.value(u"rules");
        if (!rulesValue.isObject())
            f.fail(u"rules", QStringLiteral("expected an object"));
        const JsonFields rules(rulesValue, f.pathOf(u"rules"));
        const auto ruleSets = [&](QStringView key, qsizetype count) {
            const QJsonArray sets = arrayField(rules, key);
            if (sets.size() != count)
                rules.fail(key, QStringLiteral("expected %1 rule sets").arg(count));
            std::vector<RuleSet> out;
            out.reserve(std::size_t(count));
            for (const QJsonValue &v : sets) {
                const qint64 bits = v.isDouble() ? v.toInteger(-1) : -1;
                if (bits < 0 || bits > qint64(RuleSet::LedgerBits))
                    rules.fail(key, QStringLiteral("expected rule sets"));
                out.push_back(RuleSet::fromBits(quint32(bits)));
            }
            return out;
        };
        const std::vector<RuleSet> entryRules = ruleSets(u"ledger", qsizetype(e.m_ledger.size()));
        for (std::size_t i = 0; i < entryRules.size(); ++i)
            e.m_ledger[i].rules = entryRules[i];
        const std::vector<RuleSet> lotRules = ruleSets(u"lots", qsizetype(e.m_lots.size()));
        for (std::size_t i = 0; i < lotRules.size(); ++i)
            e.m_lots[i].expiry = lotRules[i];
        return engine;
    } catch (const ParseError &error) {
        return error;
    }
}

} // namespace creditdesk
