#include "AccountLedger.h"

#include "EventCodec.h"
#include "PresetCatalog.h"
#include "ScenarioWriter.h"
#include "StoreError.h"

#include <QJsonDocument>

namespace creditdesk {

AccountLedger::AccountLedger(const AccountRecord &account)
    : m_account(account)
{
    m_account.eventCount = 0;
    m_scenario.presetName = account.preset;
    m_scenario.policy = PresetCatalog::builtIn().find(account.preset);
    if (!m_scenario.policy)
        throw StoreError(QStringLiteral("account %1 has an unknown preset \"%2\"")
                             .arg(account.id, account.preset));
    const auto zone = AccountZone::fromId(account.timezone);
    if (!zone)
        throw StoreError(QStringLiteral("account %1 has an unknown time zone \"%2\"")
                             .arg(account.id, account.timezone));
    m_scenario.zone = *zone;
    m_engine = std::make_unique<CreditEngine>(m_scenario.policy, m_scenario.zone, m_scenario.names);
}

TimePoint AccountLedger::lastEventAt() const
{
    return m_scenario.events.empty() ? NoTime : m_scenario.events.back().at;
}

TimePoint AccountLedger::nextEventTime(TimePoint now) const
{
    TimePoint at = now;
    if (!m_scenario.events.empty())
        at = std::max(at, m_scenario.events.back().at);
    if (m_engine->now() != NoTime)
        at = std::max(at, m_engine->now());
    return at;
}

void AccountLedger::applyOne(const Event &event)
{
    m_engine->advanceTo(event.at);
    m_entryEvent.resize(m_engine->ledger().size(), -1);
    m_engine->apply(event);
    m_entryEvent.resize(m_engine->ledger().size(), int(m_scenario.events.size()) - 1);
}

const QByteArray *AccountLedger::cachedPage(const QString &key) const
{
    if (m_pagesLedgerSize != m_engine->ledger().size())
        return nullptr;
    const auto it = m_pages.constFind(key);
    return it == m_pages.constEnd() ? nullptr : &*it;
}

void AccountLedger::cachePage(const QString &key, const QByteArray &body)
{
    if (m_pagesLedgerSize != m_engine->ledger().size() || m_pages.size() >= 64) {
        m_pages.clear();
        m_pagesLedgerSize = m_engine->ledger().size();
    }
    m_pages.insert(key, body);
}

void AccountLedger::rebuild()
{
    m_pages.clear();
    m_engine = std::make_unique<CreditEngine>(m_scenario.policy, m_scenario.zone, m_scenario.names);
    m_entryEvent.clear();
    std::vector<Event> events;
    events.swap(m_scenario.events);
    m_scenario.events.reserve(events.size());
    for (const Event &e : events) {
        m_scenario.events.push_back(e);
        applyOne(e);
    }
}

void AccountLedger::applyStored(const QList<StoredEvent> &stored)
{
    if (stored.isEmpty())
        return;
    QList<QByteArray> bodies;
    bodies.reserve(stored.size());
    for (const StoredEvent &s : stored) {
        if (s.seq != eventCount() + 1 + bodies.size())
            throw StoreError(QStringLiteral("account %1: event %2 out of sequence")
                                 .arg(m_account.id)
                                 .arg(s.seq));
        bodies << s.body;
    }
    auto decoded = EventCodec::decode(m_scenario, bodies);
    if (auto *error = std::get_if<ParseError>(&decoded))
        throw StoreError(QStringLiteral("account %1: a stored event does not read back: %2")
                             .arg(m_account.id, error->toString()));
    auto &events = std::get<std::vector<Event>>(decoded);
    // Another process may have written events at an instant this engine has already moved
    // past (a read advanced it): replay from the start so the order stays the history's.
    const bool behind = m_engine->now() != NoTime && events.front().at < m_engine->now();
    for (qsizetype i = 0; i < stored.size(); ++i) {
        m_scenario.events.push_back(events[std::size_t(i)]);
        m_notes.push_back(QJsonDocument::fromJson(stored[i].note).object());
        if (!behind)
            applyOne(m_scenario.events.back());
    }
    if (behind)
        rebuild();
    m_account.eventCount = eventCount();
}

std::pair<std::size_t, std::size_t> AccountLedger::apply(const Event &event, const QByteArray &note)
{
    m_engine->advanceTo(event.at);
    m_entryEvent.resize(m_engine->ledger().size(), -1);
    const std::size_t begin = m_engine->ledger().size();
    m_scenario.events.push_back(event);
    m_notes.push_back(QJsonDocument::fromJson(note).object());
    applyOne(event);
    m_account.eventCount = eventCount();
    return {begin, m_engine->ledger().size()};
}

std::vector<LedgerEntry> AccountLedger::tryApply(const Event &event) const
{
    CreditEngine copy(*m_engine);
    copy.advanceTo(event.at);
    const std::size_t begin = copy.ledger().size();
    copy.apply(event);
    return {copy.ledger().begin() + std::ptrdiff_t(begin), copy.ledger().end()};
}

void AccountLedger::advanceTo(TimePoint t)
{
    m_engine->advanceTo(t);
    m_entryEvent.resize(m_engine->ledger().size(), -1);
}

const QJsonObject &AccountLedger::noteOfEntry(std::size_t entry) const
{
    static const QJsonObject none;
    if (entry >= m_entryEvent.size() || m_entryEvent[entry] < 0)
        return none;
    return m_notes[std::size_t(m_entryEvent[entry])];
}

Credits AccountLedger::chargedFor(const QString &task) const
{
    const int id = m_scenario.names->find(task);
    Credits taken;
    if (id < 0)
        return taken;
    for (const LedgerEntry &e : m_engine->ledger())
        if (e.task == id && e.type == EntryType::Charge)
            taken -= e.amount;
    return taken;
}

bool AccountLedger::refunded(const QString &task) const
{
    const int id = m_scenario.names->find(task);
    if (id < 0)
        return false;
    for (const LedgerEntry &e : m_engine->ledger())
        if (e.task == id && e.type == EntryType::Refund)
            return true;
    return false;
}

QByteArray AccountLedger::exportScenario(TimePoint at) const
{
    Scenario s = m_scenario;
    Query balance;
    balance.at = std::max(at, lastEventAt());
    balance.ask = Query::Ask::Balance;
    s.queries.push_back(balance);
    return ScenarioWriter::write(s);
}

} // namespace creditdesk
