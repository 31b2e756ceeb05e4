#include "LedgerVerifier.h"

#include "AccountLedger.h"
#include "LedgerStore.h"
#include "ScenarioReplay.h"
#include "StoreError.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace creditdesk {

namespace {

QJsonObject objectOf(const QByteArray &json)
{
    return json.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(json).object();
}

} // namespace

QString LedgerVerifier::checkSnapshot(const AccountRecord &account, const StoredSnapshot &stored,
                                      const QList<StoredEvent> &events)
{
    // One of another format or policy is ignored by every reader (and rebuilt): not a fault.
    try {
        AccountLedger replay(account, m_presets);
        if (stored.format != AccountLedger::SnapshotFormat ||
            stored.policyHash != AccountLedger::policyHash(replay.policy(), replay.zone()))
            return {};
        ++m_snapshots;
        if (stored.eventCount > events.size())
            return QStringLiteral("it stands for more events than the account has (%1)")
                .arg(events.size());
        const auto head = AccountLedger::resumeHead(account, m_presets, stored);
        if (!head)
            return QStringLiteral("it does not read back (readers ignore it and rebuild it)");
        replay.applyStored(events.mid(0, stored.eventCount));
        const TimePoint at = std::max(stored.takenAt, replay.lastEventAt());
        if (head->engine().now() != at)
            return QStringLiteral("its time is not the time it was taken at");
        replay.advanceTo(at);
        for (const Query::Ask ask :
             {Query::Ask::Balance, Query::Ask::NextRefresh, Query::Ask::Limits,
              Query::Ask::Projection, Query::Ask::Ledger}) {
            Query q;
            q.ask = ask;
            q.at = at;
            if (ScenarioReplay::answerJson(head->engine(), q) !=
                ScenarioReplay::answerJson(replay.engine(), q))
                return QStringLiteral("its answers differ from a replay of the events (readers "
                                      "would resume a wrong engine)");
        }
    } catch (const StoreError &e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

QStringList LedgerVerifier::verifyAll()
{
    QStringList problems;
    for (const AccountRecord &a : m_store.accounts())
        problems << verifyAccount(a.id);
    return problems;
}

QStringList LedgerVerifier::verifyAccount(const QString &accountId)
{
    QStringList problems;
    const auto say = [&](const QString &what) {
        problems << QStringLiteral("account %1: %2").arg(accountId, what);
    };
    const auto record = m_store.account(accountId);
    if (!record) {
        say(QStringLiteral("no such account"));
        return problems;
    }
    ++m_accounts;

    // The stored counter against the events table itself.
    const auto [rows, lastSeq] = m_store.storedEventRows(accountId);
    if (record->eventCount != rows || rows != lastSeq)
        say(QStringLiteral("stored event_count is %1, but the events table holds %2 event(s) "
                           "with last seq %3")
                .arg(record->eventCount)
                .arg(rows)
                .arg(lastSeq));

    // Replay every event through the engine.
    const QList<StoredEvent> events = m_store.events(accountId, 0);
    m_events += events.size();
    try {
        AccountLedger ledger(*record, m_presets);
        ledger.applyStored(events);
    } catch (const StoreError &e) {
        say(QStringLiteral("replay fails: %1").arg(QString::fromUtf8(e.what())));
    }

    // The stored engine snapshot against a replay of the events it stands for: a cold read
    // resumes from it, so it must say what the events say.
    if (const auto stored = m_store.snapshot(accountId)) {
        const QString why = checkSnapshot(*record, *stored, events);
        if (!why.isEmpty())
            say(QStringLiteral("stored engine snapshot at event %1: %2")
                    .arg(stored->eventCount)
                    .arg(why));
    }

    // Which event each purchase and refund request was written as.
    QHash<QString, qint64> purchaseEvents, refundEvents;
    for (const StoredEvent &e : events) {
        const QJsonObject note = objectOf(e.note);
        const QString type = objectOf(e.body).value(QStringLiteral("type")).toString();
        const QString purchase = note.value(QStringLiteral("purchase")).toString();
        if (!purchase.isEmpty()) {
            if (type != u"purchase")
                say(QStringLiteral("event %1 names purchase %2 but is a %3 event")
                        .arg(e.seq)
                        .arg(purchase, type));
            if (purchaseEvents.contains(purchase))
                say(QStringLiteral("purchase %1 was credited twice (events %2 and %3)")
                        .arg(purchase)
                        .arg(purchaseEvents.value(purchase))
                        .arg(e.seq));
            purchaseEvents.insert(purchase, e.seq);
        }
        const QString refund = note.value(QStringLiteral("refund_request")).toString();
        if (!refund.isEmpty()) {
            if (refundEvents.contains(refund))
                say(QStringLiteral("refund request %1 was refunded twice (events %2 and %3)")
                        .arg(refund)
                        .arg(refundEvents.value(refund))
                        .arg(e.seq));
            refundEvents.insert(refund, e.seq);
        }
    }

    // Purchases against their events.
    QHash<QString, PurchaseRecord> purchases;
    for (const PurchaseRecord &p : m_store.purchases(accountId, 1 << 30)) {
        purchases.insert(p.id, p);
        const qint64 seq = purchaseEvents.value(p.id, 0);
        if (p.status == u"completed") {
            if (seq == 0)
                say(QStringLiteral("purchase %1 is completed but no event credits it").arg(p.id));
            else if (p.eventSeq != seq)
                say(QStringLiteral("purchase %1 points at event %2, but event %3 credits it")
                        .arg(p.id)
                        .arg(p.eventSeq)
                        .arg(seq));
        } else if (seq != 0 || p.eventSeq != 0) {
            say(QStringLiteral("purchase %1 is %2 but event %3 credits it")
                    .arg(p.id, p.status)
                    .arg(std::max(seq, p.eventSeq)));
        }
    }
    for (auto it = purchaseEvents.cbegin(); it != purchaseEvents.cend(); ++it)
        if (!purchases.contains(it.key()))
            say(QStringLiteral("event %1 credits purchase %2, which is not stored")
                    .arg(it.value())
                    .arg(it.key()));

    // Idempotency rows against the purchases their answers name, and back.
    QHash<QString, QString> purchaseOfKey;
    for (const StoredIdempotency &row : m_store.idempotencyRows(accountId)) {
        const QJsonObject answer = objectOf(row.record.response);
        const QString id = answer.value(QStringLiteral("id")).toString();
        const bool success = row.record.status >= 200 && row.record.status < 300;
        if (!success)
            continue; // refusals are stored as given; they name no purchase
        const auto p = purchases.constFind(id);
        if (id.isEmpty() || p == purchases.cend())
            say(QStringLiteral("idempotency key %1 answers purchase \"%2\", which is not one of "
                               "the account's purchases")
                    .arg(row.key, id));
        else if (p->idempotencyKey != row.key)
            say(QStringLiteral("idempotency key %1 answers purchase %2, which was made with key "
                               "%3")
                    .arg(row.key, id, p->idempotencyKey));
        purchaseOfKey.insert(row.key, id);
    }
    for (const PurchaseRecord &p : std::as_const(purchases))
        if (!p.idempotencyKey.isEmpty() && purchaseOfKey.value(p.idempotencyKey) != p.id &&
            !purchaseOfKey.contains(p.idempotencyKey))
            say(QStringLiteral("purchase %1 has no idempotency row for its key %2")
                    .arg(p.id, p.idempotencyKey));

    // Refund requests against their refund events.
    for (const RefundRequestRecord &r : m_store.refundRequests(accountId, QString(), 1 << 30)) {
        const qint64 seq = refundEvents.value(r.id, 0);
        if (r.status == u"approved") {
            if (seq == 0 || r.eventSeq != seq)
                say(QStringLiteral("refund request %1 is approved with event %2, but its refund "
                                   "event is %3")
                        .arg(r.id)
                        .arg(r.eventSeq)
                        .arg(seq));
        } else if (seq != 0 || r.eventSeq != 0) {
            say(QStringLiteral("refund request %1 is %2 but event %3 refunds it")
                    .arg(r.id, r.status)
                    .arg(std::max(seq, r.eventSeq)));
        }
        refundEvents.remove(r.id);
    }
    for (auto it = refundEvents.cbegin(); it != refundEvents.cend(); ++it)
        say(QStringLiteral("event %1 refunds request %2, which is not stored")
                .arg(it.value())
                .arg(it.key()));
    return problems;
}

} // namespace creditdesk
