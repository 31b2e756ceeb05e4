#pragma once

#include "StoreRecords.h"

#include <QString>
#include <QStringList>

namespace creditdesk {

class LedgerStore;
class PresetCatalog;

// `creditdesk-server verify`: proves the stored rows agree with the events, account by
// account. It replays each account's events through the same engine the server uses (so an
// event that no longer reads back is found), and checks the stored event counter against the
// events table, every purchase against the purchase event it points to (and every purchase
// event against its purchase: none missing, none twice), every idempotency row against the
// purchase its answer names, and every refund request against its refund event, and the stored
// engine snapshot (never trusted) against a replay of the events it stands for. It reads
// only, one account at a time, so it runs beside live servers with bounded memory.
class LedgerVerifier
{
public:
    LedgerVerifier(LedgerStore &store, const PresetCatalog &presets)
        : m_store(store)
        , m_presets(presets)
    {}

    // Checks every account; returns the inconsistencies found, one line each, naming the
    // account and the row ("account A: idempotency key K: ...").
    QStringList verifyAll();
    // One account's inconsistencies.
    QStringList verifyAccount(const QString &accountId);

    qint64 accountsChecked() const { return m_accounts; }
    qint64 eventsReplayed() const { return m_events; }
    // Stored engine snapshots of the current format and policy that were checked.
    qint64 snapshotsChecked() const { return m_snapshots; }

private:
    // Why the stored snapshot disagrees with the events (empty: it agrees, or it is of another
    // format or policy, which readers ignore).
    QString checkSnapshot(const AccountRecord &account, const StoredSnapshot &stored,
                          const QList<StoredEvent> &events);

    LedgerStore &m_store;
    const PresetCatalog &m_presets;
    qint64 m_accounts = 0;
    qint64 m_events = 0;
    qint64 m_snapshots = 0;
};

} // namespace creditdesk
