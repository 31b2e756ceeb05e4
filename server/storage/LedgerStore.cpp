#include "LedgerStore.h"

#include "StoreError.h"

#include <QDateTime>
#include <QMap>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QStringList>
#include <QUrl>
#include <QUuid>

#include <stdexcept>

namespace creditdesk {

namespace {

// Numbered migrations: entry N-1 brings the schema to version N. Applied once each, in
// order, at start; never edit one that has shipped, add the next. Types are those both
// SQLite and PostgreSQL read the same way (BIGINT, TEXT).
const QList<QStringList> &migrations()
{
    static const QList<QStringList> all = {
        // 1: accounts, events, tokens, idempotency keys, purchases, tasks, refunds, audit.
        {
            QStringLiteral("CREATE TABLE accounts ("
                           " id TEXT PRIMARY KEY,"
                           " display_name TEXT NOT NULL,"
                           " preset TEXT NOT NULL,"
                           " timezone TEXT NOT NULL,"
                           " created_at BIGINT NOT NULL,"
                           " event_count BIGINT NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE TABLE events ("
                           " account_id TEXT NOT NULL REFERENCES accounts(id),"
                           " seq BIGINT NOT NULL,"
                           " at BIGINT NOT NULL,"
                           " body TEXT NOT NULL,"
                           " note TEXT,"
                           " PRIMARY KEY (account_id, seq))"),
            QStringLiteral("CREATE TABLE tokens ("
                           " id TEXT PRIMARY KEY,"
                           " token_hash TEXT NOT NULL UNIQUE,"
                           " role TEXT NOT NULL CHECK (role IN ('member', 'support')),"
                           " account_id TEXT REFERENCES accounts(id),"
                           " label TEXT NOT NULL DEFAULT '',"
                           " created_at BIGINT NOT NULL,"
                           " CHECK ((role = 'member') = (account_id IS NOT NULL)))"),
            QStringLiteral("CREATE TABLE idempotency_keys ("
                           " account_id TEXT NOT NULL REFERENCES accounts(id),"
                           " idem_key TEXT NOT NULL,"
                           " request_hash TEXT NOT NULL,"
                           " status BIGINT NOT NULL,"
                           " response TEXT NOT NULL,"
                           " created_at BIGINT NOT NULL,"
                           " PRIMARY KEY (account_id, idem_key))"),
            QStringLiteral("CREATE TABLE purchases ("
                           " id TEXT PRIMARY KEY,"
                           " account_id TEXT NOT NULL REFERENCES accounts(id),"
                           " pack TEXT,"
                           " amount_milli BIGINT NOT NULL,"
                           " status TEXT NOT NULL"
                           "  CHECK (status IN ('pending', 'completed', 'failed')),"
                           " failure_reason TEXT,"
                           " payment_method TEXT NOT NULL,"
                           " idempotency_key TEXT,"
                           " created_at BIGINT NOT NULL,"
                           " settled_at BIGINT,"
                           " event_seq BIGINT)"),
            QStringLiteral(
                "CREATE INDEX purchases_by_account ON purchases (account_id, created_at)"),
            QStringLiteral("CREATE INDEX purchases_by_status ON purchases (status)"),
            QStringLiteral("CREATE TABLE tasks ("
                           " account_id TEXT NOT NULL REFERENCES accounts(id),"
                           " task_id TEXT NOT NULL,"
                           " state TEXT NOT NULL CHECK (state IN ('open', 'rejected', 'ended')),"
                           " feature TEXT NOT NULL,"
                           " started_at BIGINT NOT NULL,"
                           " ended_at BIGINT,"
                           " outcome TEXT,"
                           " PRIMARY KEY (account_id, task_id))"),
            QStringLiteral("CREATE TABLE refund_requests ("
                           " id TEXT PRIMARY KEY,"
                           " account_id TEXT NOT NULL REFERENCES accounts(id),"
                           " task_id TEXT NOT NULL,"
                           " reason TEXT NOT NULL,"
                           " status TEXT NOT NULL"
                           "  CHECK (status IN ('open', 'approved', 'declined')),"
                           " created_at BIGINT NOT NULL,"
                           " created_by TEXT NOT NULL,"
                           " decided_at BIGINT,"
                           " decided_by TEXT,"
                           " decision TEXT,"
                           " event_seq BIGINT)"),
            QStringLiteral("CREATE INDEX refund_requests_by_account"
                           " ON refund_requests (account_id, created_at)"),
            QStringLiteral("CREATE INDEX refund_requests_by_status"
                           " ON refund_requests (status, created_at)"),
            QStringLiteral("CREATE TABLE audit_log ("
                           " id TEXT PRIMARY KEY,"
                           " at BIGINT NOT NULL,"
                           " actor TEXT NOT NULL,"
                           " role TEXT NOT NULL,"
                           " action TEXT NOT NULL,"
                           " account_id TEXT,"
                           " detail TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX audit_log_by_account ON audit_log (account_id, at)"),
        },
        // 2: the summary counts an account's pending purchases on every read.
        {
            QStringLiteral("CREATE INDEX purchases_by_account_status"
                           " ON purchases (account_id, status)"),
        },
        // 3: a purchase records the price it was made at (NULL: bought by amount, or unpriced).
        {
            QStringLiteral("ALTER TABLE purchases ADD COLUMN price_milli BIGINT"),
            QStringLiteral("ALTER TABLE purchases ADD COLUMN price_currency TEXT"),
        },
        // Support console (issue 9): accounts have an email; search by email, name or id
        // through a trigram index (SQLite FTS5 `trigram`, PostgreSQL pg_trgm) over a
        // lower-cased search_key the store writes (name, email, id, one per line), and
        // prefix ranges on name_key / email_key for 1–2 character queries; tokens can be
        // revoked; the audit trail names the actor's label (append-only: see the triggers two
        // migrations on, which cover events and audit_log on both backends).
        // "sqlite: " / "postgres: " statements run on that backend only.
        {
            QStringLiteral("ALTER TABLE accounts ADD COLUMN email TEXT"),
            QStringLiteral("ALTER TABLE accounts ADD COLUMN name_key TEXT"),
            QStringLiteral("ALTER TABLE accounts ADD COLUMN email_key TEXT"),
            QStringLiteral("ALTER TABLE accounts ADD COLUMN search_key TEXT"),
            QStringLiteral("CREATE UNIQUE INDEX accounts_by_email ON accounts (email_key)"),
            QStringLiteral("sqlite: CREATE INDEX accounts_by_name_key"
                           " ON accounts (name_key, id, search_key)"),
            QStringLiteral("postgres: CREATE INDEX accounts_by_name_key"
                           " ON accounts (name_key COLLATE \"C\", id COLLATE \"C\")"
                           " INCLUDE (search_key)"),
            QStringLiteral("postgres: CREATE INDEX accounts_by_email_prefix"
                           " ON accounts (email_key COLLATE \"C\")"),
            QStringLiteral("sqlite: CREATE VIRTUAL TABLE account_search USING fts5("
                           "search_key, content='accounts', content_rowid='rowid',"
                           " tokenize='trigram')"),
            QStringLiteral("sqlite: CREATE TRIGGER account_search_insert AFTER INSERT ON accounts"
                           " BEGIN INSERT INTO account_search (rowid, search_key)"
                           " VALUES (new.rowid, new.search_key); END"),
            QStringLiteral("sqlite: CREATE TRIGGER account_search_update"
                           " AFTER UPDATE OF search_key ON accounts BEGIN"
                           " INSERT INTO account_search (account_search, rowid, search_key)"
                           " VALUES ('delete', old.rowid, old.search_key);"
                           " INSERT INTO account_search (rowid, search_key)"
                           " VALUES (new.rowid, new.search_key); END"),
            QStringLiteral("sqlite: CREATE TRIGGER account_search_delete AFTER DELETE ON accounts"
                           " BEGIN INSERT INTO account_search (account_search, rowid, search_key)"
                           " VALUES ('delete', old.rowid, old.search_key); END"),
            QStringLiteral("postgres: CREATE EXTENSION IF NOT EXISTS pg_trgm"),
            QStringLiteral("postgres: CREATE INDEX accounts_search_trgm"
                           " ON accounts USING gin (search_key gin_trgm_ops)"),
            QStringLiteral("ALTER TABLE tokens ADD COLUMN revoked_at BIGINT"),
            QStringLiteral("ALTER TABLE audit_log ADD COLUMN actor_label TEXT"),
            QStringLiteral("CREATE INDEX audit_log_by_time ON audit_log (at, id)"),
            QStringLiteral("CREATE INDEX refund_requests_by_time ON refund_requests"
                           " (created_at, id)"),
        },
        // Tokens an operator controls: expiry, last use (revoked_at comes with the support
        // migration above).
        {
            QStringLiteral("ALTER TABLE tokens ADD COLUMN expires_at BIGINT"),
            QStringLiteral("ALTER TABLE tokens ADD COLUMN last_used_at BIGINT"),
            QStringLiteral("CREATE INDEX tokens_by_account ON tokens (account_id)"),
        },
        // Nothing lost: events and audit rows are append-only in the database itself.
        {
            QStringLiteral("sqlite: CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
                           " BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"),
            QStringLiteral("sqlite: CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
                           " BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"),
            QStringLiteral("sqlite: CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON"
                           " audit_log BEGIN SELECT RAISE(ABORT, 'audit rows are append-only');"
                           " END"),
            QStringLiteral("sqlite: CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON"
                           " audit_log BEGIN SELECT RAISE(ABORT, 'audit rows are append-only');"
                           " END"),
            QStringLiteral("postgres: CREATE FUNCTION creditdesk_append_only() RETURNS trigger"
                           " LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% rows are"
                           " append-only', TG_TABLE_NAME; END $$"),
            QStringLiteral("postgres: CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE"
                           " ON events FOR EACH ROW EXECUTE FUNCTION creditdesk_append_only()"),
            QStringLiteral("postgres: CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR"
                           " DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION"
                           " creditdesk_append_only()"),
            QStringLiteral("postgres: CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events"
                           " FOR EACH STATEMENT EXECUTE FUNCTION creditdesk_append_only()"),
            QStringLiteral("postgres: CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON"
                           " audit_log FOR EACH STATEMENT EXECUTE FUNCTION"
                           " creditdesk_append_only()"),
        },
        // Engine snapshots (issue 10): an account's engine after its first event_count events,
        // so a cold account resumes from it plus the newer events. One row per account,
        // replaced by newer ones; a cache, never a proof (verify replays the events).
        {
            QStringLiteral("CREATE TABLE engine_snapshots ("
                           " account_id TEXT PRIMARY KEY REFERENCES accounts(id),"
                           " event_count BIGINT NOT NULL,"
                           " last_event_at BIGINT NOT NULL,"
                           " format BIGINT NOT NULL,"
                           " policy_hash TEXT NOT NULL,"
                           " taken_at BIGINT NOT NULL,"
                           " body TEXT NOT NULL)"),
        },
        // Support search, 1-2 characters on PostgreSQL: the accounts whose email starts with
        // them are sorted by name from the index alone (an index-only scan), not by a visit to
        // the table for each (at 100,000 accounts, "ma": 6,250 rows, 3,000 pages to 76).
        {
            QStringLiteral("postgres: CREATE INDEX accounts_by_email_prefix_name"
                           " ON accounts (email_key COLLATE \"C\") INCLUDE (name_key, id)"),
            QStringLiteral("postgres: DROP INDEX accounts_by_email_prefix"),
        },
    };
    return all;
}

QVariant nullable(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

// A text for a NOT NULL column: drivers bind a null QString as NULL, so "" must be explicit.
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

QVariant nullableTime(qint64 value)
{
    return value == 0 ? QVariant(QMetaType::fromType<qlonglong>()) : QVariant(qlonglong(value));
}

// The account columns (id, name, preset, zone, created, event count, email) from `first` on:
// queries that read the account beside other rows (the token check) put them further right.
AccountRecord readAccount(const QSqlQuery &q, int first = 0)
{
    AccountRecord a;
    a.id = q.value(first).toString();
    a.displayName = q.value(first + 1).toString();
    a.preset = q.value(first + 2).toString();
    a.timezone = q.value(first + 3).toString();
    a.createdAt = q.value(first + 4).toLongLong();
    a.eventCount = q.value(first + 5).toLongLong();
    a.email = q.value(first + 6).toString();
    return a;
}

// The lower-cased keys search reads: the name, the email, and all three with the id (one
// per line: a query has no control characters, so no match spans two of them).
struct SearchKeys
{
    QString name;
    QVariant email;
    QString all;
};

SearchKeys searchKeysOf(const QString &name, const QString &email, const QString &id)
{
    SearchKeys k;
    k.name = name.toLower();
    k.email =
        email.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(email.toLower());
    k.all = k.name + u'\n' + email.toLower() + u'\n' + id.toLower();
    return k;
}

// A search cursor: the last row's (name_key, id), opaque to clients.
QString encodeCursor(const QString &nameKey, const QString &id)
{
    return QString::fromLatin1(
        (nameKey + u'\n' + id)
            .toUtf8()
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<std::pair<QString, QString>> decodeCursor(const QString &cursor)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QString text = QString::fromUtf8(decoded.decoded);
    const qsizetype nl = text.lastIndexOf(u'\n');
    if (nl < 0)
        return std::nullopt;
    // Keys and ids have no control characters (and a NUL cannot reach SQL as text).
    for (qsizetype i = 0; i < text.size(); ++i)
        if (i != nl && (text.at(i).category() == QChar::Other_Control ||
                        text.at(i) == QChar::ReplacementCharacter))
            return std::nullopt;
    return std::pair{text.left(nl), text.mid(nl + 1)};
}

// A page of search rows (AccountColumns, then name_key) from q's current row on, at most
// `limit` of them; a row beyond them makes the cursor of the next page. `marksCursor`:
// column 9 says whether a row comes after the cursor, and the page ends at one that does not.
AccountSearchResult readSearchPage(QSqlQuery &q, int limit, bool marksCursor = false)
{
    AccountSearchResult out;
    QString lastKey;
    do {
        if (marksCursor && q.value(9).toInt() == 0)
            break; // the rows before the cursor follow the page's (trigramPage)
        if (out.accounts.size() == limit) {
            out.nextCursor = encodeCursor(lastKey, out.accounts.constLast().id);
            break;
        }
        out.accounts << readAccount(q);
        lastKey = q.value(7).toString();
    } while (q.next());
    return out;
}

const QString AccountColumns =
    QStringLiteral("id, display_name, preset, timezone, created_at, event_count, email");
const QString PurchaseColumns =
    QStringLiteral("id, account_id, pack, amount_milli, status, failure_reason, payment_method,"
                   " idempotency_key, created_at, settled_at, event_seq, price_milli,"
                   " price_currency");
const QString RefundColumns = QStringLiteral(
    "id, account_id, task_id, reason, status, created_at, created_by, decided_at, decided_by,"
    " decision, event_seq");

const QString TokenColumns =
    QStringLiteral("id, role, account_id, label, created_at, expires_at, revoked_at, last_used_at");

TokenRecord readToken(const QSqlQuery &q)
{
    TokenRecord t;
    t.id = q.value(0).toString();
    t.role = q.value(1).toString();
    t.accountId = q.value(2).toString();
    t.label = q.value(3).toString();
    t.createdAt = q.value(4).toLongLong();
    t.expiresAt = q.value(5).toLongLong();
    t.revokedAt = q.value(6).toLongLong();
    t.lastUsedAt = q.value(7).toLongLong();
    return t;
}

// The columns of a token check that reads an account's counts and what its kept engine lacks:
// the token (0-7), the account's event count and pending purchases (8, 9), the account row
// (10-16), one newer event (17-20). `account` is where the account id comes from (a bound
// value, or the batch's table of requests).
QString tokenAndCountsColumns(const QString &account)
{
    return QStringLiteral("t.id, t.role, t.account_id, t.label, t.created_at, t.expires_at,"
                          " t.revoked_at, t.last_used_at, a.event_count,"
                          " (SELECT COUNT(*) FROM purchases WHERE account_id = %1 AND"
                          " status = 'pending'),"
                          " a.id, a.display_name, a.preset, a.timezone, a.created_at,"
                          " a.event_count, a.email, e.seq, e.at, e.body, e.note")
        .arg(account);
}
// Where a batch puts the request's index: after the columns above.
constexpr int TokenAndCountsGroupColumn = 21;

// The events are joined only for a token that may read the account (its member, or support)
// and is not revoked, and never beyond the account's count.
QString eventsReadable()
{
    return QStringLiteral("(t.role = 'support' OR t.account_id = a.id)"
                          " AND COALESCE(t.revoked_at, 0) = 0 AND e.seq <= a.event_count");
}

// Reads one token check from `q` (on its first row): the token, the counts, and the account
// row and newer events when asked for (keptEvents < 0: the row; events only when all of
// them, at most maxEvents, came). With `group` >= 0 the rows are those with the same value in
// that column; else all. Returns whether `q` stands on a row of the next group.
bool readTokenAndCounts(QSqlQuery &q, const QString &accountId, qint64 keptEvents, qint64 maxEvents,
                        int group, LedgerStore::TokenAndCounts &out)
{
    const qlonglong groupValue = group >= 0 ? q.value(group).toLongLong() : 0;
    const auto sameGroup = [&] { return group < 0 || q.value(group).toLongLong() == groupValue; };
    out.token = readToken(q);
    out.eventCount = q.value(8).isNull() ? -1 : q.value(8).toLongLong();
    out.pending = q.value(9).toLongLong();
    auto ahead = std::make_shared<AccountReadAhead>();
    if (keptEvents < 0 && !q.value(10).isNull())
        ahead->account = readAccount(q, 10);
    const TokenRecord &t = *out.token;
    const bool mayRead = (t.role == u"support" || t.accountId == accountId) && t.revokedAt == 0;
    const qint64 after = std::max<qint64>(0, keptEvents);
    ahead->eventsAfter = after;
    const qint64 missing = out.eventCount - after;
    const bool wanted = mayRead && missing >= 0 && missing <= maxEvents;
    if (wanted)
        ahead->events.reserve(qsizetype(missing));
    bool more = false;
    do {
        if (wanted && !q.value(17).isNull()) {
            StoredEvent e;
            e.seq = q.value(17).toLongLong();
            e.at = q.value(18).toLongLong();
            e.body = q.value(19).toString().toUtf8();
            e.note = q.value(20).toString().toUtf8();
            ahead->events.append(std::move(e));
        }
        more = q.next();
    } while (more && sameGroup());
    // All of them, in order, or none used (the cache then reads them itself).
    ahead->eventsRead = wanted && ahead->events.size() == missing &&
                        (missing == 0 || ahead->events.constLast().seq == out.eventCount);
    if (!ahead->eventsRead)
        ahead->events.clear();
    out.readAhead = std::move(ahead);
    return more;
}

PurchaseRecord readPurchase(const QSqlQuery &q)
{
    PurchaseRecord p;
    p.id = q.value(0).toString();
    p.accountId = q.value(1).toString();
    p.pack = q.value(2).toString();
    p.amountMilli = q.value(3).toLongLong();
    p.status = q.value(4).toString();
    p.failureReason = q.value(5).toString();
    p.paymentMethod = q.value(6).toString();
    p.idempotencyKey = q.value(7).toString();
    p.createdAt = q.value(8).toLongLong();
    p.settledAt = q.value(9).toLongLong();
    p.eventSeq = q.value(10).toLongLong();
    if (!q.value(11).isNull() && !q.value(12).toString().isEmpty())
        p.price = Price{Credits::fromMilli(q.value(11).toLongLong()), q.value(12).toString()};
    return p;
}

RefundRequestRecord readRefund(const QSqlQuery &q)
{
    RefundRequestRecord r;
    r.id = q.value(0).toString();
    r.accountId = q.value(1).toString();
    r.taskId = q.value(2).toString();
    r.reason = q.value(3).toString();
    r.status = q.value(4).toString();
    r.createdAt = q.value(5).toLongLong();
    r.createdBy = q.value(6).toString();
    r.decidedAt = q.value(7).toLongLong();
    r.decidedBy = q.value(8).toString();
    r.decision = q.value(9).toString();
    r.eventSeq = q.value(10).toLongLong();
    return r;
}

} // namespace

LedgerStore::LedgerStore(const QString &database)
    : m_connection(QStringLiteral("creditdesk-") +
                   QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    if (database.startsWith(QStringLiteral("postgres://")) ||
        database.startsWith(QStringLiteral("postgresql://"))) {
        m_backend = Backend::Postgres;
        const QUrl url(database);
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connection);
        m_db.setHostName(url.host().isEmpty() ? QStringLiteral("localhost") : url.host());
        m_db.setPort(url.port(5432));
        m_db.setUserName(url.userName());
        m_db.setPassword(url.password());
        QString name = url.path();
        if (name.startsWith(u'/'))
            name.remove(0, 1);
        m_db.setDatabaseName(name);
    } else {
        m_backend = Backend::Sqlite;
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        m_db.setDatabaseName(database);
        // Writers wait for each other (BEGIN IMMEDIATE) up to this long before failing busy.
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=60000"));
    }
    if (!m_db.isValid())
        throw StoreError(QStringLiteral("the Qt SQL driver for %1 is not installed")
                             .arg(m_backend == Backend::Sqlite ? QStringLiteral("SQLite")
                                                               : QStringLiteral("PostgreSQL")));
    if (!m_db.open())
        throw StoreError(
            QStringLiteral("cannot open the database: %1").arg(m_db.lastError().text()));
    if (m_backend == Backend::Postgres)
        exec(QStringLiteral("SET client_min_messages = warning"));
    if (m_backend == Backend::Sqlite) {
        // WAL: readers never block the writer; NORMAL is durable against a killed process
        // (what a crash of the server is), not against a power cut of the machine.
        exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    }
}

LedgerStore::~LedgerStore()
{
    m_prepared.clear();
    m_planned.reset();
    if (m_inTransaction)
        m_db.rollback();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

void LedgerStore::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        fail(q, sql);
}

void LedgerStore::fail(const QSqlQuery &query, const QString &sql) const
{
    const QSqlError error = query.lastError();
    // SQLITE_BUSY (5) / SQLITE_LOCKED (6); PostgreSQL: serialization failure or deadlock.
    const QString code = error.nativeErrorCode();
    const bool busy =
        code == u"5" || code == u"6" || code == u"40001" || code == u"40P01" || code == u"55P03";
    throw StoreError(QStringLiteral("%1 (in: %2)").arg(error.text(), sql.left(80)), busy);
}

QSqlQuery &LedgerStore::run(const QString &sql, const QVariantList &binds)
{
    auto it = m_prepared.find(sql);
    if (it == m_prepared.end()) {
        auto query = std::make_shared<QSqlQuery>(m_db);
        query->setForwardOnly(true);
        if (!query->prepare(sql))
            fail(*query, sql);
        it = m_prepared.insert(sql, query);
    }
    QSqlQuery &q = **it;
    q.finish();
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds[i]);
    if (!q.exec())
        fail(q, sql);
    return q;
}

int LedgerStore::latestSchemaVersion()
{
    return int(migrations().size());
}

int LedgerStore::migrate()
{
    exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                        " version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)"));
    beginWrite();
    try {
        if (m_backend == Backend::Postgres)
            exec(QStringLiteral("SELECT pg_advisory_xact_lock(7734001)"));
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")))
            fail(q, QStringLiteral("schema_migrations"));
        int version = q.next() ? q.value(0).toInt() : 0;
        q.finish();
        const auto &all = migrations();
        for (int v = version; v < int(all.size()); ++v) {
            for (const QString &statement : all[v]) {
                // "sqlite: ..." and "postgres: ..." run on that backend only (triggers).
                static const QString sqliteOnly = QStringLiteral("sqlite: ");
                static const QString postgresOnly = QStringLiteral("postgres: ");
                if (statement.startsWith(sqliteOnly)) {
                    if (m_backend == Backend::Sqlite)
                        exec(statement.mid(sqliteOnly.size()));
                } else if (statement.startsWith(postgresOnly)) {
                    if (m_backend == Backend::Postgres)
                        exec(statement.mid(postgresOnly.size()));
                } else {
                    exec(statement);
                }
            }
            QSqlQuery mark(m_db);
            mark.prepare(QStringLiteral(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"));
            mark.addBindValue(v + 1);
            mark.addBindValue(QDateTime::currentSecsSinceEpoch());
            if (!mark.exec())
                fail(mark, QStringLiteral("schema_migrations"));
            version = v + 1;
        }
        fillSearchKeys();
        commit();
        return version;
    } catch (...) {
        rollback();
        throw;
    }
}

void LedgerStore::beginWrite()
{
    if (m_inTransaction)
        throw StoreError(QStringLiteral("nested write transaction"));
    exec(m_backend == Backend::Sqlite ? QStringLiteral("BEGIN IMMEDIATE")
                                      : QStringLiteral("BEGIN"));
    m_inTransaction = true;
}

void LedgerStore::commit()
{
    for (auto &q : m_prepared)
        q->finish();
    if (m_planned)
        m_planned->finish();
    m_inTransaction = false;
    exec(QStringLiteral("COMMIT"));
}

void LedgerStore::rollback()
{
    if (!m_inTransaction)
        return;
    for (auto &q : m_prepared)
        q->finish();
    if (m_planned)
        m_planned->finish();
    m_inTransaction = false;
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
}

void LedgerStore::lockAccount(const QString &accountId)
{
    if (m_backend == Backend::Postgres)
        run(QStringLiteral("SELECT id FROM accounts WHERE id = ? FOR UPDATE"), {accountId});
}

void LedgerStore::insertAccount(const AccountRecord &a)
{
    const SearchKeys keys = searchKeysOf(a.displayName, a.email, a.id);
    run(QStringLiteral("INSERT INTO accounts (id, display_name, preset, timezone, created_at,"
                       " event_count, email, name_key, email_key, search_key)"
                       " VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)"),
        {a.id, a.displayName, a.preset, a.timezone, qlonglong(a.createdAt), nullable(a.email),
         keys.name, keys.email, keys.all});
}

std::optional<AccountRecord> LedgerStore::account(const QString &id)
{
    QSqlQuery &q = run(QStringLiteral("SELECT ") + AccountColumns +
                           QStringLiteral(" FROM accounts WHERE id = ?"),
                       {id});
    if (!q.next())
        return std::nullopt;
    AccountRecord a = readAccount(q);
    q.finish();
    return a;
}

AccountSearchResult LedgerStore::searchAccounts(const QString &text, int limit,
                                                const QString &cursor)
{
    const QString collate = byteOrder();
    const QString key = text.toLower();
    QString where;
    QVariantList binds;
    // The keyset: a range on name_key first, so an index walk starts at the cursor.
    QString keyset;
    QVariantList keysetBinds;
    if (!cursor.isEmpty()) {
        const auto after = decodeCursor(cursor);
        if (!after)
            throw std::invalid_argument("not a search cursor");
        keyset = QStringLiteral("name_key%1 >= ? AND (name_key%1 > ? OR id%1 > ?)").arg(collate);
        keysetBinds << after->first << after->first << after->second;
    }
    if (key.size() >= 3) {
        // One pass over the trigram index, bounded: the matches after the cursor, at most
        // BroadMatches of them, sorted by name, with their number. Fewer than that: they are
        // all the matches, and the page is among them. That many (a text most accounts
        // share): walk the name index in order instead, testing each row, which stops at the
        // page's end (the covering index holds search_key).
        if (auto page = trigramPage(key, keyset, keysetBinds, limit))
            return *page;
        if (m_backend == Backend::Sqlite) {
            where = QStringLiteral("instr(search_key, ?) > 0");
            binds << key;
        } else {
            // The walk reads the covering name index alone (an index-only scan: the test is
            // on its search_key), then the page's rows: a third of the CPU of visiting the
            // table for every row walked past. A LIKE, not strpos(): PostgreSQL estimates a
            // LIKE from the column's statistics (most rows match, so walking is cheapest)
            // and has no estimate for strpos(), for which it scanned and sorted all rows.
            QVariantList walkBinds{likePattern(key)};
            walkBinds << keysetBinds << limit + 1;
            QSqlQuery &q = runPlanned(
                QStringLiteral("SELECT a.id, a.display_name, a.preset, a.timezone, a.created_at,"
                               " a.event_count, a.email, a.name_key FROM (SELECT id, name_key"
                               " FROM accounts WHERE search_key LIKE ? ESCAPE '\\'%2"
                               " ORDER BY name_key%1, id%1 LIMIT ?) AS w JOIN accounts AS a"
                               " ON a.id = w.id ORDER BY w.name_key%1, w.id%1")
                    .arg(collate, keyset.isEmpty() ? QString() : QStringLiteral(" AND ") + keyset),
                walkBinds);
            AccountSearchResult out;
            if (q.next())
                out = readSearchPage(q, limit);
            q.finish();
            return out;
        }
    }
    if (key.size() < 3 && !key.isEmpty() && m_backend == Backend::Sqlite) {
        // Too short for trigrams: the start of the name or the email (b-tree ranges in byte
        // order, up to the last code point), or the id itself. SQLite answers the OR with its
        // three indexes (MULTI-INDEX OR) and sorts the matches.
        const QString upper = key + QChar(0xDBFF) + QChar(0xDFFF);
        where = QStringLiteral("((name_key >= ? AND name_key < ?) OR"
                               " (email_key >= ? AND email_key < ?) OR id = ?)");
        binds << key << upper << key << upper << text;
        if (!keyset.isEmpty()) {
            where += QStringLiteral(" AND ") + keyset;
            binds << keysetBinds;
        }
    } else if (key.size() < 3 && !key.isEmpty()) {
        // The same on PostgreSQL as three index searches, each
        // one page long at most, merged: an OR of them would walk the whole name index for a
        // prefix few names have. The email search sorts its matches by name (`|| ''`
        // keeps the planner off the name index, which it would walk filtering by email).
        const QString upper = key + QChar(0xDBFF) + QChar(0xDFFF);
        const QString and_ = keyset.isEmpty() ? QString() : QStringLiteral(" AND ") + keyset;
        where = QStringLiteral(
                    "id IN (SELECT id FROM (SELECT id FROM accounts WHERE name_key%1 >= ? AND"
                    " name_key%1 < ?%2 ORDER BY name_key%1, id%1 LIMIT ?) AS by_name"
                    " UNION SELECT id FROM (SELECT id FROM accounts WHERE email_key%1 >= ? AND"
                    " email_key%1 < ?%2 ORDER BY (name_key || '')%1, id%1 LIMIT ?) AS by_email"
                    " UNION SELECT id FROM accounts WHERE id = ?%2)")
                    .arg(collate, and_);
        binds << key << upper << keysetBinds << limit + 1 << key << upper << keysetBinds
              << limit + 1 << text << keysetBinds;
    } else if (!keyset.isEmpty()) {
        where += (where.isEmpty() ? QString() : QStringLiteral(" AND ")) + keyset;
        binds << keysetBinds;
    }
    binds << limit + 1;
    QSqlQuery &q = runPlanned(
        QStringLiteral("SELECT ") + AccountColumns + QStringLiteral(", name_key FROM accounts") +
            (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where) +
            QStringLiteral(" ORDER BY name_key%1, id%1 LIMIT ?").arg(collate),
        binds);
    AccountSearchResult out;
    if (q.next())
        out = readSearchPage(q, limit);
    q.finish();
    return out;
}

std::optional<AccountSearchResult> LedgerStore::trigramPage(const QString &key,
                                                            const QString &keyset,
                                                            const QVariantList &keysetBinds,
                                                            int limit)
{
    // An email's domain is one many accounts share ("@gmail.com"): its trigrams are in
    // nearly every row, and intersecting them costs most of the index search (at 100,000
    // accounts, 7 of 7.5 ms of CPU on PostgreSQL). So the index is asked for the part up to
    // the first '@' alone, which every match contains, and each row it returns is checked
    // for the whole text.
    const qsizetype at = key.indexOf(u'@');
    const QString indexed = at >= 3 ? key.left(at + 1) : key;
    QVariant match;
    if (m_backend == Backend::Sqlite) {
        // One FTS5 phrase: with the trigram tokenizer, a substring match.
        QString phrase = indexed;
        phrase.replace(u'"', QStringLiteral("\"\""));
        match = u'"' + phrase + u'"';
    } else {
        match = likePattern(indexed);
    }
    // The bounded set is the trigram test alone, so that its plan is the index's (the
    // keyset in there would let PostgreSQL walk the rest of the name index instead). The
    // cursor is a column: the rows after it sort first, and a row before it still says how
    // many matched (none after the cursor is not "too many to tell").
    const QString inner =
        m_backend == Backend::Sqlite
            ? QStringLiteral("SELECT a.id, a.display_name, a.preset, a.timezone, a.created_at,"
                             " a.event_count, a.email, a.name_key FROM account_search JOIN"
                             " accounts AS a ON a.rowid = account_search.rowid WHERE"
                             " account_search MATCH ? AND instr(a.search_key, ?) > 0 LIMIT ?")
            : QStringLiteral("SELECT ") + AccountColumns +
                  QStringLiteral(", name_key FROM accounts WHERE search_key LIKE ? ESCAPE '\\'"
                                 " AND strpos(search_key, ?) > 0 LIMIT ?");
    QVariantList binds;
    QString after = QStringLiteral("1");
    if (!keyset.isEmpty()) {
        after = QStringLiteral("CASE WHEN ") + keyset + QStringLiteral(" THEN 1 ELSE 0 END");
        binds << keysetBinds;
    }
    binds << match << key << BroadMatches << limit + 1;
    QSqlQuery &q = runPlanned(QStringLiteral("SELECT m.*, COUNT(*) OVER (), ") + after +
                                  QStringLiteral(" AS after_cursor FROM (") + inner +
                                  QStringLiteral(") AS m ORDER BY after_cursor DESC, name_key%1,"
                                                 " id%1 LIMIT ?")
                                      .arg(byteOrder()),
                              binds);
    AccountSearchResult out;
    if (q.next()) {
        if (q.value(8).toInt() >= BroadMatches) {
            q.finish();
            return std::nullopt;
        }
        out = readSearchPage(q, limit, true);
    }
    q.finish();
    return out;
}

QString LedgerStore::likePattern(const QString &text)
{
    QString pattern = text;
    pattern.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'%', QStringLiteral("\\%"))
        .replace(u'_', QStringLiteral("\\_"));
    return u'%' + pattern + u'%';
}

QSqlQuery &LedgerStore::runPlanned(const QString &sql, const QVariantList &binds)
{
    if (m_backend == Backend::Sqlite)
        return run(sql, binds);
    // The values written into the statement (each escaped by the driver), so PostgreSQL
    // plans it for them: a prepared statement's cached generic plan knows neither how many
    // rows a LIKE pattern nor a name range holds, and picked a scan and sort of the whole
    // table, or a sort of a whole prefix, for some of them (60-160 ms at 100,000 accounts).
    QString text;
    text.reserve(sql.size() + 64 * binds.size());
    qsizetype next = 0;
    bool quoted = false;
    for (const QChar c : sql) {
        if (c == u'\'')
            quoted = !quoted;
        if (c != u'?' || quoted) {
            text += c;
            continue;
        }
        if (next >= binds.size())
            throw StoreError(QStringLiteral("too few values for: %1").arg(sql));
        const QVariant &v = binds.at(next++);
        QSqlField field(QString(), v.metaType());
        field.setValue(v);
        text += m_db.driver()->formatValue(field);
    }
    if (next != binds.size())
        throw StoreError(QStringLiteral("too many values for: %1").arg(sql));
    if (!m_planned)
        m_planned = std::make_unique<QSqlQuery>(m_db);
    QSqlQuery &q = *m_planned;
    q.finish();
    q.setForwardOnly(true);
    if (!q.exec(text))
        fail(q, sql);
    return q;
}

void LedgerStore::setEmail(const QString &accountId, const QString &email)
{
    const auto a = account(accountId);
    if (!a)
        throw StoreError(QStringLiteral("no account %1").arg(accountId));
    const SearchKeys keys = searchKeysOf(a->displayName, email, a->id);
    run(QStringLiteral("UPDATE accounts SET email = ?, email_key = ?, search_key = ? WHERE id = ?"),
        {nullable(email), keys.email, keys.all, accountId});
}

std::optional<AccountRecord> LedgerStore::accountByEmail(const QString &email)
{
    QSqlQuery &q = run(QStringLiteral("SELECT ") + AccountColumns +
                           QStringLiteral(" FROM accounts WHERE email_key = ?"),
                       {email.toLower()});
    if (!q.next())
        return std::nullopt;
    AccountRecord a = readAccount(q);
    q.finish();
    return a;
}

QString LedgerStore::byteOrder() const
{
    return m_backend == Backend::Postgres ? QStringLiteral(" COLLATE \"C\"") : QString();
}

void LedgerStore::fillSearchKeys()
{
    QList<std::pair<QString, SearchKeys>> missing;
    {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT id, display_name, email FROM accounts"
                                   " WHERE search_key IS NULL")))
            fail(q, QStringLiteral("search keys"));
        while (q.next())
            missing.append(
                {q.value(0).toString(), searchKeysOf(q.value(1).toString(), q.value(2).toString(),
                                                     q.value(0).toString())});
    }
    for (const auto &[id, keys] : missing)
        run(QStringLiteral("UPDATE accounts SET name_key = ?, email_key = ?, search_key = ?"
                           " WHERE id = ?"),
            {keys.name, keys.email, keys.all, id});
}

QList<AccountRecord> LedgerStore::accounts()
{
    QSqlQuery &q = run(QStringLiteral("SELECT ") + AccountColumns +
                       QStringLiteral(" FROM accounts ORDER BY id"));
    QList<AccountRecord> out;
    while (q.next())
        out << readAccount(q);
    q.finish();
    return out;
}

qint64 LedgerStore::eventCount(const QString &accountId)
{
    QSqlQuery &q =
        run(QStringLiteral("SELECT event_count FROM accounts WHERE id = ?"), {accountId});
    const qint64 n = q.next() ? q.value(0).toLongLong() : -1;
    q.finish();
    return n;
}

std::pair<qint64, qint64> LedgerStore::eventAndPendingCounts(const QString &accountId)
{
    QSqlQuery &q = run(QStringLiteral("SELECT event_count, (SELECT COUNT(*) FROM purchases"
                                      " WHERE account_id = ? AND status = 'pending')"
                                      " FROM accounts WHERE id = ?"),
                       {accountId, accountId});
    std::pair<qint64, qint64> out{-1, 0};
    if (q.next())
        out = {q.value(0).toLongLong(), q.value(1).toLongLong()};
    q.finish();
    return out;
}

LedgerStore::TokenAndCounts LedgerStore::tokenWithCounts(const QByteArray &hashHex,
                                                         const QString &accountId,
                                                         qint64 keptEvents, qint64 maxEvents)
{
    // One row per newer event (the token's columns repeated), or one row with no event. The
    // events are read only for a token that may read the account (its member, or support) and
    // not revoked, and only when at most maxEvents are missing (more: the engine resumes from a
    // snapshot or pages through them on its own).
    const qint64 after = std::max<qint64>(0, keptEvents);
    QSqlQuery &q = run(QStringLiteral("SELECT %1 FROM tokens t LEFT JOIN accounts a ON a.id = ?"
                                      " LEFT JOIN events e ON e.account_id = a.id AND %2"
                                      " AND e.seq > ? AND a.event_count - ? <= ?"
                                      " WHERE t.token_hash = ? ORDER BY e.seq")
                           .arg(tokenAndCountsColumns(QStringLiteral("?")), eventsReadable()),
                       {accountId, accountId, qlonglong(after), qlonglong(after),
                        qlonglong(maxEvents), QString::fromLatin1(hashHex)});
    TokenAndCounts out;
    if (q.next())
        readTokenAndCounts(q, accountId, keptEvents, maxEvents, -1, out);
    q.finish();
    return out;
}

QList<LedgerStore::TokenAndCounts> LedgerStore::tokensWithCounts(const QList<TokenRead> &reads,
                                                                 qint64 maxEvents)
{
    // The requests as a table of values joined to tokens, accounts and events: the same rows
    // as tokenWithCounts' for each, told apart by the request's index (the last column). Up
    // to 64 requests a statement; the table is padded (with rows that match no token) to 4,
    // 16 or 64 rows, so three prepared statements serve any batch.
    QList<TokenAndCounts> out(reads.size());
    for (qsizetype from = 0; from < reads.size(); from += 64) {
        const qsizetype n = std::min<qsizetype>(64, reads.size() - from);
        if (n == 1) {
            const TokenRead &r = reads[from];
            out[from] = tokenWithCounts(r.hashHex, r.accountId, r.keptEvents, maxEvents);
            continue;
        }
        qsizetype width = 4;
        while (width < n)
            width *= 4;
        QString rows;
        QVariantList binds;
        binds.reserve(4 * width + 1);
        for (qsizetype i = 0; i < width; ++i) {
            rows += i == 0 ? QStringLiteral("(CAST(? AS INTEGER), ?, ?, CAST(? AS BIGINT))")
                           : QStringLiteral(", (CAST(? AS INTEGER), ?, ?, CAST(? AS BIGINT))");
            if (i < n) {
                const TokenRead &r = reads[from + i];
                binds << qlonglong(i) << QString::fromLatin1(r.hashHex) << r.accountId
                      << qlonglong(std::max<qint64>(0, r.keptEvents));
            } else {
                binds << qlonglong(-1) << QStringLiteral("") << QStringLiteral("") << qlonglong(0);
            }
        }
        binds << qlonglong(maxEvents);
        // PostgreSQL joins a table of 64 values to 10,000 tokens and accounts by hashing whole
        // tables (25 ms, not 5), unless each join is a lateral look-up that it cannot flatten
        // (OFFSET 0): then it is an index probe a request, as one request's query is. SQLite
        // joins in the order written, probing the indexes.
        const QString joins =
            m_backend == Backend::Postgres
                ? QStringLiteral(
                      " JOIN LATERAL (SELECT * FROM tokens WHERE token_hash = r.h OFFSET 0) t"
                      " ON TRUE LEFT JOIN LATERAL (SELECT * FROM accounts WHERE id = r.acc"
                      " OFFSET 0) a ON TRUE LEFT JOIN LATERAL (SELECT e.seq, e.at, e.body, e.note"
                      " FROM events e WHERE e.account_id = a.id AND %1 AND e.seq > r.since"
                      " AND a.event_count - r.since <= ? OFFSET 0) e ON TRUE")
                : QStringLiteral(" JOIN tokens t ON t.token_hash = r.h"
                                 " LEFT JOIN accounts a ON a.id = r.acc"
                                 " LEFT JOIN events e ON e.account_id = a.id AND %1"
                                 " AND e.seq > r.since AND a.event_count - r.since <= ?");
        QSqlQuery &q = run(QStringLiteral("WITH r (i, h, acc, since) AS (VALUES %1)"
                                          " SELECT %2, r.i FROM r%3 ORDER BY r.i, e.seq")
                               .arg(rows, tokenAndCountsColumns(QStringLiteral("r.acc")),
                                    joins.arg(eventsReadable())),
                           binds);
        bool more = q.next();
        while (more) {
            const qsizetype i = q.value(TokenAndCountsGroupColumn).toLongLong();
            if (i < 0 || i >= n) {
                more = q.next();
                continue;
            }
            const TokenRead &r = reads[from + i];
            more = readTokenAndCounts(q, r.accountId, r.keptEvents, maxEvents,
                                      TokenAndCountsGroupColumn, out[from + i]);
        }
        q.finish();
    }
    return out;
}

std::optional<StoredSnapshot> LedgerStore::snapshot(const QString &accountId, bool withBody)
{
    QSqlQuery &q = run(withBody ? QStringLiteral("SELECT event_count, last_event_at, format,"
                                                 " policy_hash, taken_at, body FROM"
                                                 " engine_snapshots WHERE account_id = ?")
                                : QStringLiteral("SELECT event_count, last_event_at, format,"
                                                 " policy_hash, taken_at, '' FROM"
                                                 " engine_snapshots WHERE account_id = ?"),
                       {accountId});
    if (!q.next())
        return std::nullopt;
    StoredSnapshot s;
    s.eventCount = q.value(0).toLongLong();
    s.lastEventAt = q.value(1).toLongLong();
    s.format = q.value(2).toLongLong();
    s.policyHash = q.value(3).toString();
    s.takenAt = q.value(4).toLongLong();
    s.body = q.value(5).toString().toUtf8();
    q.finish();
    return s;
}

void LedgerStore::saveSnapshot(const QString &accountId, const StoredSnapshot &s)
{
    // Never backward: a process with an older engine never replaces a newer snapshot (one of
    // another format or policy is replaced by any, so a stale row is rebuilt by the next
    // reader; one of the same count too, so a row that did not read back is).
    run(QStringLiteral("INSERT INTO engine_snapshots (account_id, event_count, last_event_at,"
                       " format, policy_hash, taken_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (account_id) DO UPDATE SET event_count = excluded.event_count,"
                       " last_event_at = excluded.last_event_at, format = excluded.format,"
                       " policy_hash = excluded.policy_hash, taken_at = excluded.taken_at,"
                       " body = excluded.body"
                       " WHERE excluded.event_count >= engine_snapshots.event_count"
                       " OR excluded.format <> engine_snapshots.format"
                       " OR excluded.policy_hash <> engine_snapshots.policy_hash"),
        {accountId, qlonglong(s.eventCount), qlonglong(s.lastEventAt), qlonglong(s.format),
         s.policyHash, qlonglong(s.takenAt), QString::fromUtf8(s.body)});
}

QList<StoredEvent> LedgerStore::events(const QString &accountId, qint64 afterSeq)
{
    QSqlQuery &q = run(QStringLiteral("SELECT seq, at, body, note FROM events"
                                      " WHERE account_id = ? AND seq > ? ORDER BY seq"),
                       {accountId, qlonglong(afterSeq)});
    QList<StoredEvent> out;
    while (q.next()) {
        StoredEvent e;
        e.seq = q.value(0).toLongLong();
        e.at = q.value(1).toLongLong();
        e.body = q.value(2).toString().toUtf8();
        e.note = q.value(3).toString().toUtf8();
        out << e;
    }
    q.finish();
    return out;
}

QList<StoredEvent> LedgerStore::events(const QString &accountId, qint64 afterSeq, qint64 lastSeq,
                                       qint64 limit)
{
    QSqlQuery &q = run(QStringLiteral("SELECT seq, at, body, note FROM events"
                                      " WHERE account_id = ? AND seq > ? AND seq <= ?"
                                      " ORDER BY seq LIMIT ?"),
                       {accountId, qlonglong(afterSeq), qlonglong(lastSeq), qlonglong(limit)});
    QList<StoredEvent> out;
    out.reserve(qsizetype(std::max<qint64>(0, std::min(limit, lastSeq - afterSeq))));
    while (q.next()) {
        StoredEvent e;
        e.seq = q.value(0).toLongLong();
        e.at = q.value(1).toLongLong();
        e.body = q.value(2).toString().toUtf8();
        e.note = q.value(3).toString().toUtf8();
        out << e;
    }
    q.finish();
    return out;
}

void LedgerStore::appendEvent(const QString &accountId, const StoredEvent &e)
{
    run(QStringLiteral(
            "INSERT INTO events (account_id, seq, at, body, note) VALUES (?, ?, ?, ?, ?)"),
        {accountId, qlonglong(e.seq), qlonglong(e.at), QString::fromUtf8(e.body),
         nullable(QString::fromUtf8(e.note))});
    // The count moves with the event in the same transaction: readers that see the count see
    // every event up to it.
    QSqlQuery &q = run(QStringLiteral("UPDATE accounts SET event_count = ? WHERE id = ? AND"
                                      " event_count = ?"),
                       {qlonglong(e.seq), accountId, qlonglong(e.seq - 1)});
    if (q.numRowsAffected() != 1)
        throw StoreError(
            QStringLiteral("event %1 of %2 is out of sequence").arg(e.seq).arg(accountId));
}

void LedgerStore::insertToken(const TokenRecord &t, const QByteArray &hashHex)
{
    run(QStringLiteral("INSERT INTO tokens (id, token_hash, role, account_id, label, created_at,"
                       " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        {t.id, QString::fromLatin1(hashHex), t.role, nullable(t.accountId), text(t.label),
         qlonglong(t.createdAt), nullableTime(t.expiresAt)});
}

std::optional<TokenRecord> LedgerStore::tokenByHash(const QByteArray &hashHex)
{
    QSqlQuery &q = run(QStringLiteral("SELECT ") + TokenColumns +
                           QStringLiteral(" FROM tokens WHERE token_hash = ?"),
                       {QString::fromLatin1(hashHex)});
    if (!q.next())
        return std::nullopt;
    TokenRecord t = readToken(q);
    q.finish();
    return t;
}

std::optional<TokenRecord> LedgerStore::tokenById(const QString &id)
{
    QSqlQuery &q =
        run(QStringLiteral("SELECT ") + TokenColumns + QStringLiteral(" FROM tokens WHERE id = ?"),
            {id});
    if (!q.next())
        return std::nullopt;
    TokenRecord t = readToken(q);
    q.finish();
    return t;
}

std::optional<IdempotencyRecord> LedgerStore::idempotency(const QString &accountId,
                                                          const QString &key)
{
    QSqlQuery &q = run(QStringLiteral("SELECT request_hash, status, response FROM idempotency_keys"
                                      " WHERE account_id = ? AND idem_key = ?"),
                       {accountId, key});
    if (!q.next())
        return std::nullopt;
    IdempotencyRecord r;
    r.requestHash = q.value(0).toString().toLatin1();
    r.status = q.value(1).toInt();
    r.response = q.value(2).toString().toUtf8();
    q.finish();
    return r;
}

void LedgerStore::insertIdempotency(const QString &accountId, const QString &key,
                                    const IdempotencyRecord &r, TimePoint at)
{
    run(QStringLiteral("INSERT INTO idempotency_keys (account_id, idem_key, request_hash, status,"
                       " response, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
        {accountId, key, QString::fromLatin1(r.requestHash), r.status,
         QString::fromUtf8(r.response), qlonglong(at)});
}

void LedgerStore::insertPurchase(const PurchaseRecord &p)
{
    run(QStringLiteral("INSERT INTO purchases (") + PurchaseColumns +
            QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {p.id, p.accountId, nullable(p.pack), qlonglong(p.amountMilli), p.status,
         nullable(p.failureReason), p.paymentMethod, nullable(p.idempotencyKey),
         qlonglong(p.createdAt), nullableTime(p.settledAt), nullableTime(p.eventSeq),
         p.price ? QVariant(qlonglong(p.price->amount.milli()))
                 : QVariant(QMetaType::fromType<qlonglong>()),
         nullable(p.price ? p.price->currency : QString())});
}

void LedgerStore::updatePurchase(const PurchaseRecord &p)
{
    run(QStringLiteral("UPDATE purchases SET status = ?, failure_reason = ?, settled_at = ?,"
                       " event_seq = ? WHERE id = ?"),
        {p.status, nullable(p.failureReason), nullableTime(p.settledAt), nullableTime(p.eventSeq),
         p.id});
}

std::optional<PurchaseRecord> LedgerStore::purchase(const QString &id)
{
    QSqlQuery &q = run(QStringLiteral("SELECT ") + PurchaseColumns +
                           QStringLiteral(" FROM purchases WHERE id = ?"),
                       {id});
    if (!q.next())
        return std::nullopt;
    PurchaseRecord p = readPurchase(q);
    q.finish();
    return p;
}

QList<PurchaseRecord> LedgerStore::purchases(const QString &accountId, int limit)
{
    QSqlQuery &q = run(QStringLiteral("SELECT ") + PurchaseColumns +
                           QStringLiteral(" FROM purchases WHERE account_id = ?"
                                          " ORDER BY created_at DESC, id DESC LIMIT ?"),
                       {accountId, limit});
    QList<PurchaseRecord> out;
    while (q.next())
        out << readPurchase(q);
    q.finish();
    return out;
}

QList<PurchaseRecord> LedgerStore::pendingPurchases()
{
    QSqlQuery &q = run(QStringLiteral("SELECT ") + PurchaseColumns +
                       QStringLiteral(" FROM purchases WHERE status = 'pending'"
                                      " ORDER BY created_at, id"));
    QList<PurchaseRecord> out;
    while (q.next())
        out << readPurchase(q);
    q.finish();
    return out;
}

QList<PurchaseRecord> LedgerStore::pendingPurchases(const QString &accountId)
{
    QSqlQuery &q = run(QStringLiteral("SELECT ") + PurchaseColumns +
                           QStringLiteral(" FROM purchases WHERE account_id = ? AND"
                                          " status = 'pending' ORDER BY created_at, id"),
                       {accountId});
    QList<PurchaseRecord> out;
    while (q.next())
        out << readPurchase(q);
    q.finish();
    return out;
}

std::optional<TaskRecord> LedgerStore::task(const QString &accountId, const QString &taskId)
{
    QSqlQuery &q = run(QStringLiteral("SELECT state, feature, started_at, ended_at, outcome"
                                      " FROM tasks WHERE account_id = ? AND task_id = ?"),
                       {accountId, taskId});
    if (!q.next())
        return std::nullopt;
    TaskRecord t;
    t.accountId = accountId;
    t.taskId = taskId;
    t.state = q.value(0).toString();
    t.feature = q.value(1).toString();
    t.startedAt = q.value(2).toLongLong();
    t.endedAt = q.value(3).toLongLong();
    t.outcome = q.value(4).toString();
    q.finish();
    return t;
}

void LedgerStore::saveTask(const TaskRecord &t)
{
    run(QStringLiteral("INSERT INTO tasks (account_id, task_id, state, feature, started_at,"
                       " ended_at, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (account_id, task_id) DO UPDATE SET state = excluded.state,"
                       " feature = excluded.feature, started_at = excluded.started_at,"
                       " ended_at = excluded.ended_at, outcome = excluded.outcome"),
        {t.accountId, t.taskId, t.state, t.feature, qlonglong(t.startedAt), nullableTime(t.endedAt),
         nullable(t.outcome)});
}

void LedgerStore::insertRefundRequest(const RefundRequestRecord &r)
{
    run(QStringLiteral("INSERT INTO refund_requests (") + RefundColumns +
            QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {r.id, r.accountId, r.taskId, text(r.reason), r.status, qlonglong(r.createdAt),
         text(r.createdBy), nullableTime(r.decidedAt), nullable(r.decidedBy), nullable(r.decision),
         nullableTime(r.eventSeq)});
}

void LedgerStore::updateRefundRequest(const RefundRequestRecord &r)
{
    run(QStringLiteral("UPDATE refund_requests SET status = ?, decided_at = ?, decided_by = ?,"
                       " decision = ?, event_seq = ? WHERE id = ?"),
        {r.status, nullableTime(r.decidedAt), nullable(r.decidedBy), nullable(r.decision),
         nullableTime(r.eventSeq), r.id});
}

std::optional<RefundRequestRecord> LedgerStore::refundRequest(const QString &id)
{
    QSqlQuery &q = run(QStringLiteral("SELECT ") + RefundColumns +
                           QStringLiteral(" FROM refund_requests WHERE id = ?"),
                       {id});
    if (!q.next())
        return std::nullopt;
    RefundRequestRecord r = readRefund(q);
    q.finish();
    return r;
}

QList<RefundRequestRecord> LedgerStore::refundRequests(const QString &accountId,
                                                       const QString &status, int limit)
{
    QString sql = QStringLiteral("SELECT ") + RefundColumns +
                  QStringLiteral(" FROM refund_requests WHERE (? = '' OR account_id = ?)"
                                 " AND (? = '' OR status = ?) ORDER BY created_at DESC, id DESC"
                                 " LIMIT ?");
    QSqlQuery &q = run(sql, {text(accountId), text(accountId), text(status), text(status), limit});
    QList<RefundRequestRecord> out;
    while (q.next())
        out << readRefund(q);
    q.finish();
    return out;
}

QList<RefundRequestRecord> LedgerStore::refundRequestsBefore(const QString &accountId,
                                                             const QString &status, int limit,
                                                             TimePoint beforeAt,
                                                             const QString &beforeId)
{
    QString sql = QStringLiteral("SELECT ") + RefundColumns +
                  QStringLiteral(" FROM refund_requests WHERE (? = '' OR account_id = ?)"
                                 " AND (? = '' OR status = ?)");
    QVariantList binds{text(accountId), text(accountId), text(status), text(status)};
    if (beforeAt > 0) {
        sql += QStringLiteral(" AND (created_at < ? OR (created_at = ? AND id%1 < ?))")
                   .arg(byteOrder());
        binds << qlonglong(beforeAt) << qlonglong(beforeAt) << beforeId;
    }
    sql += QStringLiteral(" ORDER BY created_at DESC, id%1 DESC LIMIT ?").arg(byteOrder());
    binds << limit;
    QSqlQuery &q = run(sql, binds);
    QList<RefundRequestRecord> out;
    while (q.next())
        out << readRefund(q);
    q.finish();
    return out;
}

std::optional<RefundRequestRecord> LedgerStore::activeRefundRequest(const QString &accountId,
                                                                    const QString &taskId)
{
    QSqlQuery &q = run(QStringLiteral("SELECT ") + RefundColumns +
                           QStringLiteral(" FROM refund_requests WHERE account_id = ? AND"
                                          " task_id = ? AND status IN ('open', 'approved')"),
                       {accountId, taskId});
    if (!q.next())
        return std::nullopt;
    RefundRequestRecord r = readRefund(q);
    q.finish();
    return r;
}

void LedgerStore::audit(const AuditRecord &r)
{
    run(QStringLiteral("INSERT INTO audit_log (id, at, actor, role, action, account_id, detail,"
                       " actor_label) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {r.id, qlonglong(r.at), text(r.actor), r.role, r.action, nullable(r.accountId),
         QString::fromUtf8(r.detail), text(r.actorLabel)});
}

QList<AuditRecord> LedgerStore::auditLog(const QString &accountId, int limit)
{
    return auditLogBefore(accountId, QString(), limit, 0, QString());
}

QList<AuditRecord> LedgerStore::auditLogBefore(const QString &accountId, const QString &action,
                                               int limit, TimePoint beforeAt,
                                               const QString &beforeId)
{
    QString sql = QStringLiteral("SELECT id, at, actor, role, action, account_id, detail,"
                                 " actor_label FROM audit_log WHERE (? = '' OR account_id = ?)"
                                 " AND (? = '' OR action = ?)");
    QVariantList binds{text(accountId), text(accountId), text(action), text(action)};
    if (beforeAt > 0) {
        sql += QStringLiteral(" AND (at < ? OR (at = ? AND id%1 < ?))").arg(byteOrder());
        binds << qlonglong(beforeAt) << qlonglong(beforeAt) << beforeId;
    }
    sql += QStringLiteral(" ORDER BY at DESC, id%1 DESC LIMIT ?").arg(byteOrder());
    binds << limit;
    QSqlQuery &q = run(sql, binds);
    QList<AuditRecord> out;
    while (q.next()) {
        AuditRecord r;
        r.id = q.value(0).toString();
        r.at = q.value(1).toLongLong();
        r.actor = q.value(2).toString();
        r.role = q.value(3).toString();
        r.action = q.value(4).toString();
        r.accountId = q.value(5).toString();
        r.detail = q.value(6).toString().toUtf8();
        r.actorLabel = q.value(7).toString();
        if (r.actorLabel.isEmpty())
            r.actorLabel = r.actor;
        out << r;
    }
    q.finish();
    return out;
}

QString LedgerStore::integrityCheck()
{
    if (m_backend != Backend::Sqlite)
        return QStringLiteral("ok");
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")) || !q.next())
        return q.lastError().text();
    return q.value(0).toString();
}

QList<TokenRecord> LedgerStore::tokens(const QString &accountId)
{
    QSqlQuery &q = run(QStringLiteral("SELECT ") + TokenColumns +
                           QStringLiteral(" FROM tokens WHERE (? = '' OR account_id = ?)"
                                          " ORDER BY created_at, id"),
                       {text(accountId), text(accountId)});
    QList<TokenRecord> out;
    while (q.next())
        out << readToken(q);
    q.finish();
    return out;
}

bool LedgerStore::revokeToken(const QString &tokenId, TimePoint at)
{
    QSqlQuery &q = run(QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE id = ? AND"
                                      " revoked_at IS NULL"),
                       {qlonglong(at), tokenId});
    return q.numRowsAffected() == 1;
}

void LedgerStore::touchToken(const QString &tokenId, TimePoint at)
{
    run(QStringLiteral("UPDATE tokens SET last_used_at = ? WHERE id = ? AND"
                       " (last_used_at IS NULL OR last_used_at <= ?)"),
        {qlonglong(at), tokenId, qlonglong(at - 60)});
}

void LedgerStore::touchTokens(const QList<std::pair<QString, TimePoint>> &uses)
{
    if (uses.isEmpty())
        return;
    // One statement for many tokens used in the same second (a flush holds a second or so of
    // them: one or two distinct times), not one round trip per token: with 10,000 tokens the
    // per-token updates were 11 % of the server's CPU on PostgreSQL and held every request up
    // while they ran. Id lists are padded (the last id repeated) to a few fixed lengths, so a
    // handful of prepared statements serve any batch.
    QMap<TimePoint, QStringList> byTime;
    for (const auto &[id, at] : uses)
        byTime[at] << id;
    QList<std::pair<TimePoint, QStringList>> statements;
    for (auto it = byTime.cbegin(); it != byTime.cend(); ++it)
        for (qsizetype from = 0; from < it.value().size(); from += 64)
            statements.append({it.key(), it.value().mid(from, 64)});
    const auto touch = [this](TimePoint at, QStringList ids) {
        qsizetype width = 1;
        while (width < ids.size())
            width *= 4; // 1, 4, 16 or 64
        while (ids.size() < width)
            ids << ids.constLast();
        QString marks = QStringLiteral("?");
        marks.reserve(2 * width);
        for (qsizetype i = 1; i < width; ++i)
            marks += QStringLiteral(",?");
        QVariantList binds;
        binds.reserve(width + 2);
        binds << qlonglong(at);
        for (const QString &id : ids)
            binds << id;
        binds << qlonglong(at - 60);
        // PostgreSQL: a row another process is writing (its own last use of the same token,
        // about now) is skipped, not waited for. Two processes flushing overlapping tokens
        // locked them in different orders and deadlocked: both event loops stood still for
        // the deadlock timeout (a second: the bench's p99) before one flush was thrown away.
        // The skipped token keeps the other process's time, a second or so apart. SQLite
        // locks the whole database for a write: the flush waits its turn.
        run((m_backend == Backend::Postgres
                 ? QStringLiteral("UPDATE tokens SET last_used_at = ? WHERE id IN (SELECT id FROM"
                                  " tokens WHERE id IN (%1) AND (last_used_at IS NULL OR"
                                  " last_used_at <= ?) FOR UPDATE SKIP LOCKED)")
                 : QStringLiteral("UPDATE tokens SET last_used_at = ? WHERE id IN (%1) AND"
                                  " (last_used_at IS NULL OR last_used_at <= ?)"))
                .arg(marks),
            binds);
    };
    if (statements.size() == 1) {
        touch(statements[0].first, statements[0].second);
        return;
    }
    // One transaction: one commit (one WAL flush) for all of them.
    beginWrite();
    try {
        for (const auto &[at, ids] : statements)
            touch(at, ids);
        commit();
    } catch (...) {
        rollback();
        throw;
    }
}

bool LedgerStore::erasePersonalFields(const QString &accountId, const QString &replacementName)
{
    // The display name and email go; the search keys derived from them are rebuilt from what
    // is left (the replacement name and the id), so search and the email index find the
    // member by neither any more, while the account keeps its place in the name order.
    const SearchKeys keys = searchKeysOf(replacementName, QString(), accountId);
    QSqlQuery &q = run(QStringLiteral("UPDATE accounts SET display_name = ?, email = NULL,"
                                      " name_key = ?, email_key = ?, search_key = ? WHERE id = ?"),
                       {replacementName, keys.name, keys.email, keys.all, accountId});
    return q.numRowsAffected() == 1;
}

std::pair<qint64, qint64> LedgerStore::storedEventRows(const QString &accountId)
{
    QSqlQuery &q = run(QStringLiteral("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM events"
                                      " WHERE account_id = ?"),
                       {accountId});
    std::pair<qint64, qint64> out{0, 0};
    if (q.next())
        out = {q.value(0).toLongLong(), q.value(1).toLongLong()};
    q.finish();
    return out;
}

QList<StoredIdempotency> LedgerStore::idempotencyRows(const QString &accountId)
{
    QSqlQuery &q = run(QStringLiteral("SELECT idem_key, request_hash, status, response FROM"
                                      " idempotency_keys WHERE account_id = ? ORDER BY idem_key"),
                       {accountId});
    QList<StoredIdempotency> out;
    while (q.next()) {
        StoredIdempotency r;
        r.key = q.value(0).toString();
        r.record.requestHash = q.value(1).toString().toLatin1();
        r.record.status = q.value(2).toInt();
        r.record.response = q.value(3).toString().toUtf8();
        out << r;
    }
    q.finish();
    return out;
}

void LedgerStore::backupTo(const QString &file)
{
    if (m_backend != Backend::Sqlite)
        throw StoreError(QStringLiteral("backup copies SQLite databases; for PostgreSQL use "
                                        "pg_dump (docs/deploy.md)"));
    // VACUUM INTO reads the database in one read transaction (WAL: writers go on meanwhile)
    // and writes a compact, consistent copy that is a database of its own.
    QString quoted = file;
    quoted.replace(u'\'', QStringLiteral("''"));
    exec(QStringLiteral("VACUUM INTO '%1'").arg(quoted));
}

} // namespace creditdesk
