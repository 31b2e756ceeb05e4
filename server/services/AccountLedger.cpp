#include "AccountLedger.h"

#include "EventCodec.h"
#include "PresetCatalog.h"
#include "ScenarioWriter.h"
#include "StoreError.h"

#include <QCryptographicHash>
#include <QJsonDocument>

#include <algorithm>

namespace creditdesk {

namespace {

std::shared_ptr<const Policy> policyOf(const AccountRecord &account, const PresetCatalog &presets)
{
    auto policy = presets.find(account.preset);
    if (!policy)
        throw StoreError(QStringLiteral("account %1 has an unknown preset \"%2\"")
                             .arg(account.id, account.preset));
    return policy;
}

AccountZone zoneOf(const AccountRecord &account)
{
    auto zone = AccountZone::fromId(account.timezone);
    if (!zone)
        throw StoreError(QStringLiteral("account %1 has an unknown time zone \"%2\"")
                             .arg(account.id, account.timezone));
    return *zone;
}

// The preset's own JSON when it differs from the built-in preset of that name: an export
// then carries it inline, and the CLI replays under the policy the server used.
QJsonObject inlineUnlessBuiltIn(const Policy &policy)
{
    const auto builtIn = PresetCatalog::builtIn().find(policy.name);
    if (builtIn && builtIn->source == policy.source)
        return {};
    return policy.source;
}

} // namespace

AccountLedger::AccountLedger(const AccountRecord &account)
    : AccountLedger(account, PresetCatalog::builtIn())
{}

AccountLedger::AccountLedger(const AccountRecord &account, const PresetCatalog &presets)
    : AccountLedger(account, std::make_unique<AccountHistory>(
                                 policyOf(account, presets), zoneOf(account), account.preset,
                                 inlineUnlessBuiltIn(*policyOf(account, presets))))
{}

AccountLedger::AccountLedger(const AccountRecord &account, std::unique_ptr<AccountHistory> history)
    : m_account(account)
    , m_history(std::move(history))
{
    m_account.eventCount = eventCount();
}

std::unique_ptr<AccountLedger> AccountLedger::resumeHead(const AccountRecord &account,
                                                         const PresetCatalog &presets,
                                                         const StoredSnapshot &stored)
{
    auto policy = policyOf(account, presets);
    AccountZone zone = zoneOf(account);
    if (stored.format != SnapshotFormat || stored.eventCount <= 0 ||
        stored.policyHash != policyHash(*policy, zone))
        return nullptr;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(stored.body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return nullptr;
    auto engine = CreditEngine::resume(policy, zone, doc.object());
    auto *resumed = std::get_if<std::unique_ptr<CreditEngine>>(&engine);
    if (!resumed)
        return nullptr;
    auto history =
        AccountHistory::resumeHead(policy, zone, account.preset, inlineUnlessBuiltIn(*policy),
                                   **resumed, stored.eventCount, stored.lastEventAt);
    std::unique_ptr<AccountLedger> ledger(new AccountLedger(account, std::move(history)));
    ledger->m_storedSnapshotCount = stored.eventCount;
    return ledger;
}

QString AccountLedger::policyHash(const Policy &policy, const AccountZone &zone)
{
    // QJsonObject keeps its keys sorted, so the compact text is one per definition.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QJsonDocument(policy.source).toJson(QJsonDocument::Compact));
    hash.addData(QByteArrayView("\n"));
    hash.addData(zone.id().toUtf8());
    return QString::fromLatin1(hash.result().toHex());
}

StoredSnapshot AccountLedger::snapshot() const
{
    StoredSnapshot s;
    s.eventCount = eventCount();
    s.lastEventAt = lastEventAt() == NoTime ? 0 : lastEventAt();
    s.format = SnapshotFormat;
    s.policyHash = policyHash(policy(), zone());
    s.takenAt = engine().now() == NoTime ? s.lastEventAt : engine().now();
    s.body = QJsonDocument(engine().snapshot()).toJson(QJsonDocument::Compact);
    return s;
}

bool AccountLedger::canApplyInOrder(const QList<StoredEvent> &events) const
{
    if (!isHead() || engine().now() == NoTime)
        return true;
    // AccountHistory replays from the start when an event is earlier than one before it.
    TimePoint at = engine().now();
    for (const StoredEvent &e : events) {
        if (e.at < at)
            return false;
        at = e.at;
    }
    return true;
}

TimePoint AccountLedger::nextEventTime(TimePoint now) const
{
    TimePoint at = std::max(now, m_history->lastEventAt());
    if (engine().now() != NoTime)
        at = std::max(at, engine().now());
    return at;
}

const QByteArray *AccountLedger::cachedPage(const QString &key) const
{
    if (m_pagesLedgerSize != engine().ledger().size())
        return nullptr;
    const auto it = m_pages.constFind(key);
    return it == m_pages.constEnd() ? nullptr : &*it;
}

void AccountLedger::cachePage(const QString &key, const QByteArray &body)
{
    if (m_pagesLedgerSize != engine().ledger().size() || m_pages.size() >= 64) {
        m_pages.clear();
        m_pagesBytes = 0;
        m_pagesLedgerSize = engine().ledger().size();
    }
    m_pagesBytes += body.size() + key.size() * 2 + 64;
    m_pages.insert(key, body);
}

qint64 AccountLedger::estimatedBytes() const
{
    // Calibrated against resident size (bench/server-memory.sh 100000 64, docs/performance.md):
    // the engine, name table and zone of an account, then each event held (decoded event, its
    // note, its time order, its lot or take; a head holds only those after its snapshot) and
    // each ledger entry (the entry and its links). Small accounts measured ~3.1 KiB resident
    // each against 8.5 KiB estimated before, a 10,000-event one ~8.5 MiB against 5.5 MiB:
    // the fixed part was too high and the per-entry part too low. Still on the safe side for
    // small accounts (~5.5 KiB estimated), where most of a budget goes.
    constexpr qint64 PerAccount = 2 * 1024;
    constexpr qint64 PerEvent = 400;
    constexpr qint64 PerEntry = 240;
    return PerAccount + m_history->eventCount() * PerEvent +
           qint64(engine().ledger().size()) * PerEntry +
           (m_pagesLedgerSize == engine().ledger().size() ? m_pagesBytes : 0);
}

void AccountLedger::applyStored(const QList<StoredEvent> &stored)
{
    if (stored.isEmpty())
        return;
    QList<QByteArray> bodies;
    bodies.reserve(stored.size());
    std::vector<QJsonObject> notes;
    notes.reserve(std::size_t(stored.size()));
    for (const StoredEvent &s : stored) {
        if (s.seq != eventCount() + 1 + bodies.size())
            throw StoreError(QStringLiteral("account %1: event %2 out of sequence")
                                 .arg(m_account.id)
                                 .arg(s.seq));
        bodies << s.body;
        notes.push_back(s.note.isEmpty() ? QJsonObject()
                                         : QJsonDocument::fromJson(s.note).object());
    }
    auto decoded = EventCodec::decode(scenario(), bodies);
    if (auto *error = std::get_if<ParseError>(&decoded))
        throw StoreError(QStringLiteral("account %1: a stored event does not read back: %2")
                             .arg(m_account.id, error->toString()));
    // Another process may have written events at an instant this engine has already moved
    // past (a read advanced it): the history replays them in time order then.
    m_history->append(std::get<std::vector<Event>>(std::move(decoded)), std::move(notes));
    m_pages.clear();
    m_pagesBytes = 0;
    m_account.eventCount = eventCount();
}

std::pair<std::size_t, std::size_t> AccountLedger::apply(const Event &event, const QByteArray &note)
{
    const auto range = m_history->append(
        event, note.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(note).object());
    m_account.eventCount = eventCount();
    return range;
}

std::vector<LedgerEntry> AccountLedger::tryApply(const Event &event) const
{
    return m_history->tryApply(event);
}

void AccountLedger::advanceTo(TimePoint t)
{
    m_history->advanceTo(t);
}

const QJsonObject &AccountLedger::noteOfEntry(std::size_t entry) const
{
    return m_history->detailsOfEntry(entry);
}

Credits AccountLedger::chargedFor(const QString &task) const
{
    const TaskSummary *summary = m_history->task(task);
    return summary ? summary->charged : Credits();
}

bool AccountLedger::refunded(const QString &task) const
{
    // The engine refunds only what was taken, so a refund leaves a positive sum.
    const TaskSummary *summary = m_history->task(task);
    return summary && summary->refunded.isPositive();
}

Credits AccountLedger::refundedFor(const QString &task) const
{
    const TaskSummary *summary = m_history->task(task);
    return summary ? summary->refunded : Credits();
}

std::vector<std::size_t> AccountLedger::entriesOfTask(const QString &task) const
{
    std::vector<std::size_t> out;
    const TaskSummary *summary = m_history->task(task);
    if (!summary)
        return out;
    const auto &ledger = engine().ledger();
    for (const int event : {summary->startEvent, summary->endEvent, summary->refundEvent}) {
        if (event < 0)
            continue;
        const auto [begin, end] = m_history->entriesOfEvent(event);
        for (std::size_t i = begin; i < end && i < ledger.size(); ++i)
            if (ledger[i].task == summary->task)
                out.push_back(i);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

QByteArray AccountLedger::exportScenario(TimePoint at) const
{
    Scenario s = scenario();
    if (!s.inlinePolicy.isEmpty())
        s.presetName.clear();
    Query balance;
    balance.at = std::max(at, lastEventAt());
    balance.ask = Query::Ask::Balance;
    s.queries.push_back(balance);
    return ScenarioWriter::write(s);
}

} // namespace creditdesk
