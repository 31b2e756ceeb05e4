#include "AccountWriter.h"

#include "EventCodec.h"
#include "RandomIds.h"

#include <QJsonDocument>

#include <csignal>

namespace creditdesk {

void AccountWriter::beforeCommit()
{
    static const int killAt = qEnvironmentVariableIntValue("CREDITDESK_TEST_KILL_BEFORE_COMMIT");
    static int writes = 0;
    if (killAt > 0 && ++writes == killAt)
        std::raise(SIGKILL);
}

Event AccountWriter::validate(const AccountLedger &ledger, const QJsonObject &event)
{
    auto decoded = EventCodec::decodeOne(ledger.scenario(), event);
    if (auto *error = std::get_if<ParseError>(&decoded))
        throw ApiError::badRequest(QStringLiteral("invalid_field"), error->message,
                                   EventCodec::fieldOf(*error));
    return std::get<Event>(decoded);
}

std::vector<LedgerEntry> AccountWriter::Transaction::append(QJsonObject event,
                                                            const QJsonObject &note)
{
    event.insert(QStringLiteral("at"), m_ledger.zone().format(m_now));
    const Event e = validate(m_ledger, event);
    StoredEvent stored;
    stored.seq = m_ledger.eventCount() + 1;
    stored.at = e.at;
    stored.body = EventCodec::encode(m_ledger.scenario(), e);
    if (!note.isEmpty())
        stored.note = QJsonDocument(note).toJson(QJsonDocument::Compact);
    m_store.appendEvent(m_ledger.account().id, stored);
    const auto [begin, end] = m_ledger.apply(e, stored.note);
    const auto &ledger = m_ledger.engine().ledger();
    return {ledger.begin() + std::ptrdiff_t(begin), ledger.begin() + std::ptrdiff_t(end)};
}

void AccountWriter::Transaction::audit(const Caller &caller, const QString &action,
                                       const QJsonObject &detail)
{
    AuditRecord r;
    r.id = RandomIds::make("aud");
    r.at = m_now;
    // Without a token the actor is the server itself: the command line, the payment provider.
    if (caller.tokenId.isEmpty()) {
        r.actor = caller.label.isEmpty() ? QStringLiteral("admin") : caller.label;
        r.actorLabel = r.actor;
        r.role = QStringLiteral("system");
    } else {
        r.actor = caller.tokenId;
        r.actorLabel = caller.label;
        r.role = caller.roleName();
    }
    r.action = action;
    r.accountId = m_ledger.account().id;
    r.detail = QJsonDocument(detail).toJson(QJsonDocument::Compact);
    m_store.audit(r);
}

} // namespace creditdesk
