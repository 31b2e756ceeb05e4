#pragma once

#include "TimePoint.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>
#include <vector>

class QSqlDatabase;
class QUrl;

namespace creditdesk {

class Clock;
struct FeedEvent;

// One account's local copy: a SQLite file of its own (docs/client.md, "The client's cache").
//
// Holds the events as the server sent them (seq, time, body, details), the policy JSON and
// its hash, the account's meta (id, name, preset, unit, zone), the feed's ETag (with the
// `after` it belongs to), the server's last balance and lists (pending purchases, refund
// requests) and the last verification, a versioned engine snapshot, and the purchase intents
// with their idempotency keys (kept until the server gave a final answer). Never a secret.
//
// open() trusts nothing it finds: a file that is not SQLite, that another application wrote
// (application_id), that a newer build migrated (user_version), or that fails SQLite's
// quick_check is renamed `<name>.corrupt-<UTC time>` and a fresh one is made, to be filled
// from the server. Migrations are numbered and run in one transaction each. A cold start may
// defer the checks that read the whole file (quick_check, the events' count) until after the
// first paint: open(Checks::Deferred), then readCheckedEvents() off the UI thread, and
// setAsideNow() when that finds the file corrupt.
//
// Writes report failure (a full disk, a read-only file) through their return value and
// lastError(); they never throw or crash, and a failed page write leaves the file as before
// (one transaction per page). Each instance uses its own QSqlDatabase connection name.
// The file is in WAL mode (commits do not wait for the disk; readers and one writer do not
// block each other): recent commits live in `<name>-wal` until a checkpoint or the last
// connection's close() folds them into the file.
class AccountCache
{
public:
    static constexpr int SchemaVersion = 2; // the newest migration's number
    // 2: the stored snapshot is a HeadSnapshot (the engine at the head, with the history's
    // event count); 3: its engine snapshot is the engine's format 2 (exact thousandths) with
    // rule ids. A snapshot of another format is dropped and rebuilt by replay.
    static constexpr int SnapshotFormat = 3;
    static constexpr qint32 ApplicationId = 0x43444331; // "CDC1"

    AccountCache(QString path, const Clock &clock);
    ~AccountCache();
    AccountCache(const AccountCache &) = delete;
    AccountCache &operator=(const AccountCache &) = delete;

    // The file for one account of one server under `directory`.
    static QString pathFor(const QString &directory, const QUrl &server, const QString &account);

    enum class Checks : quint8 {
        Full,     // every check before open() returns
        Deferred, // the whole-file ones left to deferredChecks() / readCheckedEvents()
    };
    bool open(Checks checks = Checks::Full);
    // A second connection to a file another instance open()ed and checked: for the sync's
    // writer thread (QSqlDatabase connections are per thread). No checks, no migrations, and
    // never sets the file aside; the page limit of limitPages() is applied when given (>= 0).
    bool attach(qint64 pageLimit = -1);
    // Folds the WAL into the file as far as no reader needs it (PASSIVE: never waits). open()
    // turns automatic checkpoints off for its connection; the sync's writer calls this.
    bool checkpoint();
    bool isOpen() const;
    // The checks open(Checks::Deferred) left out; an empty string when the file passes.
    QString deferredChecks() const;
    // Moves the open file aside as corrupt (why) and opens a fresh one in its place.
    bool setAsideNow(const QString &why);
    void close();
    QString path() const { return m_path; }
    // Where a corrupt or foreign file was moved by the last open(), or empty.
    QString setAsidePath() const { return m_setAside; }
    QString lastError() const { return m_error; }
    // Deletes the file (sign out with "forget this account's data").
    bool remove();

    struct Meta
    {
        QString accountId;
        QString accountName;
        QString preset;
        QString unit;
        QString timezone;
        QByteArray policyJson;
        QString policyHash;
        qint64 lastSeq = 0;
        QByteArray etag;
        qint64 etagAfter = -1; // the `after` the ETag was answered for
    };
    Meta meta() const { return m_meta; }
    // The meta another connection to this file committed (the sync's writer thread): what
    // meta() answers from now on. Nothing is written.
    void adoptMeta(const Meta &meta) { m_meta = meta; }

    // One page: its events and the meta after it, in one transaction.
    bool appendPage(const std::vector<FeedEvent> &events, const Meta &meta);
    bool writeMeta(const Meta &meta);
    // Forgets the events, ETag and snapshot (a reset or a re-sync from scratch).
    bool dropEvents();

    struct StoredEvents
    {
        QList<QByteArray> bodies;
        std::vector<QByteArray> details;
        std::vector<TimePoint> times;
        std::vector<qint64> seqs;
    };
    StoredEvents loadEvents(qint64 afterSeq = 0) const;
    // The whole-file checks and all events of the file at `path` on a connection of its own
    // (any thread; the UI thread's connection may stay open): the events 1..lastSeq, or why
    // the file is not to be trusted.
    static std::variant<StoredEvents, QString> readCheckedEvents(const QString &path,
                                                                 qint64 lastSeq);
    qint64 eventCount() const;

    // The server's side of the last sync: balance, pending purchases, refund requests (their
    // JSON texts), its as_of, and the verification the client reached (a JSON object).
    struct ServerState
    {
        QByteArray balanceJson;
        QByteArray pendingJson;
        QByteArray refundsJson;
        TimePoint asOf = NoTime;
        qint64 clockOffset = 0;
        QJsonObject verification;
    };
    bool writeServerState(const ServerState &state);
    // When the server last answered a sync (local clock), for "synced at 14:03" offline.
    bool writeSyncedAt(TimePoint at);
    TimePoint syncedAt() const;
    ServerState serverState() const;

    // The engine's snapshot after `eventCount` events; one of another format or another core
    // version is dropped on load (the caller rebuilds it by replay).
    bool writeSnapshot(const QByteArray &snapshotJson, qint64 eventCount);
    std::optional<std::pair<QByteArray, qint64>> loadSnapshot();
    // The event count of the stored snapshot, -1 when there is none.
    qint64 snapshotEventCount() const;

    // A purchase the member asked for, from before it is sent until the server's final answer.
    struct PurchaseIntent
    {
        QByteArray key;  // Idempotency-Key
        QByteArray body; // the request body, byte for byte
        TimePoint createdAt = NoTime;
        QString purchaseId; // once the server answered
        QString status;     // "", pending, completed, failed
    };
    bool addIntent(const PurchaseIntent &intent);
    bool updateIntent(const QByteArray &key, const QString &purchaseId, const QString &status);
    bool removeIntent(const QByteArray &key);
    QList<PurchaseIntent> intents() const;

    // The keys of the notifications already shown for this account (NotificationMemory), so
    // a restart never shows one again; a threshold key is removed when it re-arms.
    QStringList notifiedKeys() const;
    bool addNotified(const QString &key, TimePoint at);
    bool removeNotified(const QString &key);
    // The file's schema (PRAGMA user_version) and its size on disk with its journals, for
    // "Copy diagnostics".
    int schemaVersion() const;
    qint64 fileSize() const;

    // Lets a test make the disk "full": SQLite refuses to grow the file past `pages`.
    bool limitPages(qint64 pages);
    // The last limitPages() given (-1: none), for a writer's connection to apply too.
    qint64 pageLimit() const { return m_pageLimit; }
    const Clock &clock() const { return m_clock; }

private:
    bool openOnce(bool *foreign, Checks checks);
    void setAside(const QString &why);
    bool migrate();
    bool loadMeta(Checks checks);
    bool exec(const QString &sql);
    bool fail(const QString &what, const QString &error);
    bool putMeta(const QString &key, const QVariant &value);
    QSqlDatabase db() const;

    QString m_path;
    const Clock &m_clock;
    QString m_connection;
    QString m_setAside;
    QString m_error;
    Meta m_meta;
    qint64 m_pageLimit = -1;
    bool m_open = false;
};

} // namespace creditdesk
