#pragma once

#include "StoreRecords.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <memory>
#include <optional>

class QSqlQuery;

namespace creditdesk {

// The server's database: accounts and their append-only event histories, tokens (hashes
// only), idempotency keys, purchases, tasks, refund requests and the audit log. SQLite (WAL,
// writes under BEGIN IMMEDIATE) or PostgreSQL (writes lock the account's row), one connection
// per store, used from one thread. Every method throws StoreError on a database failure.
// It stores and fetches; it knows no credit rule.
class LedgerStore
{
public:
    enum class Backend { Sqlite, Postgres };

    // `database` is a SQLite file path, or a postgres://user:pass@host:port/dbname URL.
    explicit LedgerStore(const QString &database);
    ~LedgerStore();
    LedgerStore(const LedgerStore &) = delete;
    LedgerStore &operator=(const LedgerStore &) = delete;

    Backend backend() const { return m_backend; }
    // Applies the numbered migrations not applied yet; returns the schema version.
    int migrate();
    static int latestSchemaVersion();

    // One write transaction at a time per database: SQLite takes the write lock at once
    // (BEGIN IMMEDIATE), PostgreSQL locks rows as they are named (lockAccount).
    void beginWrite();
    void commit();
    void rollback();
    bool inTransaction() const { return m_inTransaction; }
    // Serialises writers of one account (PostgreSQL: SELECT ... FOR UPDATE; SQLite: already).
    void lockAccount(const QString &accountId);

    // Accounts and events.
    void insertAccount(const AccountRecord &account);
    std::optional<AccountRecord> account(const QString &id);
    // Accounts whose email, name or id contain `text` (3+ characters; case-insensitive, by
    // the trigram index), or (1–2 characters) whose name or email start with it or whose id
    // it is; all accounts for an empty text. Ordered by lower-cased name, then id; `cursor`
    // is a previous page's nextCursor; std::invalid_argument for a cursor it did not write.
    AccountSearchResult searchAccounts(const QString &text, int limit, const QString &cursor = {});
    // From this many trigram matches on, search walks the name index instead of sorting them.
    static constexpr int BroadMatches = 1000;
    // Sets an account's email (empty: none); keeps the search keys.
    void setEmail(const QString &accountId, const QString &email);
    std::optional<AccountRecord> accountByEmail(const QString &email);
    QList<AccountRecord> accounts();
    qint64 eventCount(const QString &accountId);
    // The event count and the number of pending purchases in one round trip (-1: no account).
    std::pair<qint64, qint64> eventAndPendingCounts(const QString &accountId);
    QList<StoredEvent> events(const QString &accountId, qint64 afterSeq);
    // Events with seq in (afterSeq, lastSeq], at most `limit` of them, in one query.
    QList<StoredEvent> events(const QString &accountId, qint64 afterSeq, qint64 lastSeq,
                              qint64 limit);
    void appendEvent(const QString &accountId, const StoredEvent &event);

    // Engine snapshots: the account's stored one (any format: the reader judges it), and a
    // newer one replacing it (an older one never replaces a newer of the same format/policy).
    // Without `withBody`, all but the body (what a full replay needs to know of it).
    std::optional<StoredSnapshot> snapshot(const QString &accountId, bool withBody = true);
    void saveSnapshot(const QString &accountId, const StoredSnapshot &snapshot);

    // Tokens.
    void insertToken(const TokenRecord &token, const QByteArray &hashHex);
    // A request about one account reads the caller's token and that account's event count and
    // pending purchases in one round trip (eventCount -1: no such account; no token: unknown).
    // With `keptEvents` (the events an engine kept in memory has applied; -1: none kept), the
    // same round trip reads what that engine lacks: the account row when none is kept, and the
    // events after it when at most `maxEvents` are missing and the token may read the account.
    struct TokenAndCounts
    {
        std::optional<TokenRecord> token;
        qint64 eventCount = -1;
        qint64 pending = 0;
        std::shared_ptr<AccountReadAhead> readAhead; // null when not asked for
    };
    TokenAndCounts tokenWithCounts(const QByteArray &hashHex, const QString &accountId,
                                   qint64 keptEvents, qint64 maxEvents);
    // The same for several requests at once (those that arrived together), in one round trip
    // for up to 64 of them: the answers in the order of `reads`.
    struct TokenRead
    {
        QByteArray hashHex;
        QString accountId;
        qint64 keptEvents = -1;
    };
    QList<TokenAndCounts> tokensWithCounts(const QList<TokenRead> &reads, qint64 maxEvents);
    std::optional<TokenRecord> tokenByHash(const QByteArray &hashHex);
    std::optional<TokenRecord> tokenById(const QString &id);

    // Idempotency keys (per account).
    std::optional<IdempotencyRecord> idempotency(const QString &accountId, const QString &key);
    void insertIdempotency(const QString &accountId, const QString &key,
                           const IdempotencyRecord &record, TimePoint at);

    // Purchases.
    void insertPurchase(const PurchaseRecord &purchase);
    void updatePurchase(const PurchaseRecord &purchase);
    std::optional<PurchaseRecord> purchase(const QString &id);
    QList<PurchaseRecord> purchases(const QString &accountId, int limit);
    QList<PurchaseRecord> pendingPurchases();
    QList<PurchaseRecord> pendingPurchases(const QString &accountId);

    // Tasks.
    std::optional<TaskRecord> task(const QString &accountId, const QString &taskId);
    void saveTask(const TaskRecord &task);

    // Refund requests.
    void insertRefundRequest(const RefundRequestRecord &request);
    void updateRefundRequest(const RefundRequestRecord &request);
    std::optional<RefundRequestRecord> refundRequest(const QString &id);
    QList<RefundRequestRecord> refundRequests(const QString &accountId, const QString &status,
                                              int limit);
    // Newest first from before (createdAt, id) — both empty/0: from the newest.
    QList<RefundRequestRecord> refundRequestsBefore(const QString &accountId, const QString &status,
                                                    int limit, TimePoint beforeAt,
                                                    const QString &beforeId);
    std::optional<RefundRequestRecord> activeRefundRequest(const QString &accountId,
                                                           const QString &taskId);

    // Audit log.
    void audit(const AuditRecord &record);
    QList<AuditRecord> auditLog(const QString &accountId, int limit);
    // Newest first from before (at, id) (0 / empty: from the newest); `accountId` and
    // `action` empty: any.
    QList<AuditRecord> auditLogBefore(const QString &accountId, const QString &action, int limit,
                                      TimePoint beforeAt, const QString &beforeId);

    // Checks: SQLite's integrity_check ("ok" when sound).
    QString integrityCheck();

    // Operator's tokens: all of them (or one account's), oldest first; revoke (false when
    // there is no such token or it was revoked already); last-used time, written only when
    // the stored one is at least a minute older (so at most once a minute per token).
    QList<TokenRecord> tokens(const QString &accountId);
    bool revokeToken(const QString &tokenId, TimePoint at);
    void touchToken(const QString &tokenId, TimePoint at);
    // Many tokens' last use at once, in one transaction (outside any other). On PostgreSQL a
    // token whose row another connection is writing is skipped, never waited for.
    void touchTokens(const QList<std::pair<QString, TimePoint>> &uses);

    // Erasure: the account's personal fields (display name; email where the schema has it)
    // are replaced, its events stay. False when there is no such account.
    bool erasePersonalFields(const QString &accountId, const QString &replacementName);

    // Verification reads: the events table's own count and highest seq for an account, and
    // every idempotency row of it.
    std::pair<qint64, qint64> storedEventRows(const QString &accountId);
    QList<StoredIdempotency> idempotencyRows(const QString &accountId);

    // A consistent copy of a SQLite database while others read and write it (VACUUM INTO,
    // one read transaction). Throws StoreError on PostgreSQL (use pg_dump) or a failure.
    void backupTo(const QString &file);

private:
    QSqlQuery &run(const QString &sql, const QVariantList &binds = {});
    [[noreturn]] void fail(const QSqlQuery &query, const QString &sql) const;
    void exec(const QString &sql);
    // Writes name_key / email_key / search_key where a migration left them NULL (accounts
    // made before the support console), lower-cased by Qt (Unicode), not by SQL.
    void fillSearchKeys();
    // ` COLLATE "C"` on PostgreSQL (byte order, as SQLite compares): name ranges and keyset
    // cursors compare the same way on both.
    QString byteOrder() const;
    // Search's trigram pass (`key` lower-cased, 3+ characters): the page after the keyset,
    // or nothing when BroadMatches or more accounts match (the caller walks the name index).
    std::optional<AccountSearchResult> trigramPage(const QString &key, const QString &keyset,
                                                   const QVariantList &keysetBinds, int limit);
    // `%text%` for LIKE ... ESCAPE '\\', the wildcards in `text` escaped.
    static QString likePattern(const QString &text);
    // run(), except that on PostgreSQL the statement is planned for these values each time
    // (not prepared once): for the search, whose best plan depends on them.
    QSqlQuery &runPlanned(const QString &sql, const QVariantList &binds);

    Backend m_backend = Backend::Sqlite;
    QString m_connection;
    QSqlDatabase m_db;
    bool m_inTransaction = false;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_prepared;
    std::unique_ptr<QSqlQuery> m_planned; // runPlanned()'s
};

} // namespace creditdesk
