#include "AccountCache.h"

#include "Clock.h"
#include "EventsPage.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUrl>
#include <QUuid>
#include <QVariant>

#include <algorithm>

namespace creditdesk {

namespace {
// Migration n takes user_version n-1 to n. Never edit one that shipped: add the next.
const char *const Migrations[] = {
    // 1: the first schema.
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID;"
    "CREATE TABLE events (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, body BLOB NOT NULL,"
    " details BLOB);"
    "CREATE TABLE snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), format INTEGER NOT NULL,"
    " core_version TEXT NOT NULL, event_count INTEGER NOT NULL, body BLOB NOT NULL);"
    "CREATE TABLE purchase_intents (key TEXT PRIMARY KEY, body BLOB NOT NULL,"
    " created_at INTEGER NOT NULL, purchase_id TEXT, status TEXT);",
    // 2 (branch tray): the notifications already shown, so none is shown twice across runs.
    "CREATE TABLE notified (key TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;",
};

const QByteArray SqliteMagic("SQLite format 3\0", 16);

QString coreVersion()
{
    return QStringLiteral(CREDITDESK_CORE_VERSION);
}
} // namespace

AccountCache::AccountCache(QString path, const Clock &clock)
    : m_path(std::move(path))
    , m_clock(clock)
    , m_connection(QStringLiteral("creditdesk-cache-") +
                   QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

AccountCache::~AccountCache()
{
    close();
}

QString AccountCache::pathFor(const QString &directory, const QUrl &server, const QString &account)
{
    const QByteArray key =
        server.toString(QUrl::NormalizePathSegments | QUrl::StripTrailingSlash).toUtf8() + '\n' +
        account.toUtf8();
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(24));
    return QDir(directory).filePath(QStringLiteral("account-") + hash + QStringLiteral(".sqlite"));
}

QSqlDatabase AccountCache::db() const
{
    return QSqlDatabase::database(m_connection, false);
}

bool AccountCache::isOpen() const
{
    return m_open;
}

void AccountCache::close()
{
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase d = db();
            d.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
    m_open = false;
}

bool AccountCache::fail(const QString &what, const QString &error)
{
    m_error = what + QStringLiteral(": ") + error;
    qWarning("AccountCache %s: %s", qPrintable(m_path), qPrintable(m_error));
    return false;
}

bool AccountCache::exec(const QString &sql)
{
    QSqlQuery q(db());
    if (!q.exec(sql))
        return fail(sql.left(60), q.lastError().text());
    return true;
}

bool AccountCache::open(Checks checks)
{
    m_setAside.clear();
    m_error.clear();
    m_meta = Meta();
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    bool foreign = false;
    if (openOnce(&foreign, checks))
        return true;
    if (!foreign)
        return false; // cannot even create it (permissions, a full disk): reported
    setAside(m_error);
    return openOnce(&foreign, Checks::Full);
}

bool AccountCache::attach(qint64 pageLimit)
{
    close();
    m_setAside.clear();
    m_error.clear();
    m_meta = Meta();
    QSqlDatabase d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    d.setDatabaseName(m_path);
    // Never creates a file: the instance that open()ed it made and checked it.
    if (!QFile::exists(m_path))
        return fail(QStringLiteral("attach"), QStringLiteral("no such file"));
    if (!d.open())
        return fail(QStringLiteral("attach"), d.lastError().text());
    exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
    exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    if (pageLimit >= 0 && !limitPages(pageLimit))
        return false;
    if (!loadMeta(Checks::Deferred))
        return false;
    m_open = true;
    return true;
}

bool AccountCache::checkpoint()
{
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")))
        return fail(QStringLiteral("checkpoint"), q.lastError().text());
    return true;
}

bool AccountCache::setAsideNow(const QString &why)
{
    setAside(why);
    m_meta = Meta();
    bool foreign = false;
    return openOnce(&foreign, Checks::Full);
}

namespace {
// quick_check and "the events are exactly 1..lastSeq", on any connection: empty when fine.
QString wholeFileChecks(const QSqlDatabase &d, qint64 lastSeq)
{
    QSqlQuery q(d);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next())
        return QStringLiteral("integrity: ") + q.lastError().text();
    if (q.value(0).toString() != u"ok")
        return QStringLiteral("integrity: ") + q.value(0).toString();
    q.finish();
    if (!q.exec(QStringLiteral("SELECT count(*), coalesce(max(seq), 0) FROM events")) || !q.next())
        return QStringLiteral("events: ") + q.lastError().text();
    if (q.value(0).toLongLong() != lastSeq || q.value(1).toLongLong() != lastSeq)
        return QStringLiteral("events: %1 events stored, last_seq %2")
            .arg(q.value(0).toLongLong())
            .arg(lastSeq);
    return {};
}
} // namespace

QString AccountCache::deferredChecks() const
{
    if (!m_open)
        return QStringLiteral("not open");
    return wholeFileChecks(db(), m_meta.lastSeq);
}

bool AccountCache::openOnce(bool *foreign, Checks checks)
{
    close();
    *foreign = false;
    {
        QFile file(m_path);
        if (file.exists() && file.size() > 0) {
            if (!file.open(QIODevice::ReadOnly))
                return fail(QStringLiteral("open"), file.errorString());
            if (file.read(16) != SqliteMagic) {
                *foreign = true;
                return fail(QStringLiteral("open"), QStringLiteral("not a SQLite file"));
            }
        }
    }
    QSqlDatabase d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    d.setDatabaseName(m_path);
    if (!d.open()) {
        *foreign = true;
        return fail(QStringLiteral("open"), d.lastError().text());
    }
    QSqlQuery q(d);
    const auto pragma = [&](const QString &sql) -> QVariant {
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    };
    const QVariant appId = pragma(QStringLiteral("PRAGMA application_id"));
    const QVariant version = pragma(QStringLiteral("PRAGMA user_version"));
    if (!appId.isValid() || !version.isValid()) {
        *foreign = true;
        return fail(QStringLiteral("open"), q.lastError().text());
    }
    const QVariant tables = pragma(QStringLiteral("SELECT count(*) FROM sqlite_master"));
    const bool empty = tables.toInt() == 0;
    if (!empty && appId.toInt() != ApplicationId) {
        *foreign = true;
        return fail(QStringLiteral("open"), QStringLiteral("another application's file"));
    }
    if (version.toInt() > int(std::size(Migrations))) {
        *foreign = true;
        return fail(QStringLiteral("open"),
                    QStringLiteral("written by a newer version (schema %1)").arg(version.toInt()));
    }
    if (!empty && checks == Checks::Full) {
        const QVariant check = pragma(QStringLiteral("PRAGMA quick_check"));
        if (check.toString() != u"ok") {
            *foreign = true;
            return fail(QStringLiteral("integrity"),
                        check.isValid() ? check.toString() : q.lastError().text());
        }
    }
    // Write-ahead log: a commit appends to the -wal file without an fsync (synchronous NORMAL
    // syncs at checkpoints), so a write on the UI thread never waits for the disk, and the
    // sync's writer thread and the UI thread's reads do not block each other. Kept in the file.
    // A file being made holds nothing yet: its creation does not wait for the disk either
    // (a crash meanwhile leaves a file that fails open()'s checks and is made again).
    q.finish(); // no statement open: the mode changes only outside a transaction
    exec(empty ? QStringLiteral("PRAGMA synchronous = OFF")
               : QStringLiteral("PRAGMA synchronous = NORMAL"));
    if (pragma(QStringLiteral("PRAGMA journal_mode = WAL")).toString() != u"wal")
        qWarning("AccountCache %s: not in WAL mode", qPrintable(m_path));
    q.finish();
    exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    if (!migrate())
        return false;
    if (empty)
        exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
    // The WAL is folded into the file by the sync's writer thread (checkpoint() at the end of
    // each sync) or at close, never by a commit of this connection: the UI thread's writes
    // never copy megabytes and wait for the disk.
    exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0"));
    if (!loadMeta(checks)) {
        *foreign = true;
        return false;
    }
    m_open = true;
    return true;
}

void AccountCache::setAside(const QString &why)
{
    close();
    const QString stamp = QDateTime::fromSecsSinceEpoch(m_clock.now(), QTimeZone::utc())
                              .toString(u"yyyyMMdd'T'HHmmss'Z'");
    QString target = m_path + QStringLiteral(".corrupt-") + stamp;
    for (int i = 2; QFile::exists(target); ++i)
        target = m_path + QStringLiteral(".corrupt-") + stamp + u'-' + QString::number(i);
    if (!QFile::rename(m_path, target)) {
        QFile::remove(m_path);
        target.clear();
    }
    for (const char *suffix : {"-journal", "-wal", "-shm"})
        QFile::remove(m_path + QLatin1String(suffix));
    m_setAside = target;
    qWarning("AccountCache: %s set aside as %s (%s)", qPrintable(m_path), qPrintable(target),
             qPrintable(why));
}

bool AccountCache::migrate()
{
    QSqlQuery q(db());
    q.exec(QStringLiteral("PRAGMA user_version"));
    int version = q.next() ? q.value(0).toInt() : 0;
    const int latest = int(std::size(Migrations));
    while (version < latest) {
        QSqlDatabase d = db();
        if (!d.transaction())
            return fail(QStringLiteral("migrate"), d.lastError().text());
        const QStringList statements =
            QString::fromLatin1(Migrations[version]).split(u';', Qt::SkipEmptyParts);
        for (const QString &s : statements) {
            if (!exec(s)) {
                d.rollback();
                return false;
            }
        }
        ++version;
        if (!exec(QStringLiteral("PRAGMA user_version = %1").arg(version)) ||
            !exec(QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId)) || !d.commit()) {
            d.rollback();
            return fail(QStringLiteral("migrate"), d.lastError().text());
        }
    }
    return true;
}

bool AccountCache::loadMeta(Checks checks)
{
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("SELECT key, value FROM meta")))
        return fail(QStringLiteral("meta"), q.lastError().text());
    Meta m;
    while (q.next()) {
        const QString key = q.value(0).toString();
        const QVariant v = q.value(1);
        if (key == u"account_id")
            m.accountId = v.toString();
        else if (key == u"account_name")
            m.accountName = v.toString();
        else if (key == u"preset")
            m.preset = v.toString();
        else if (key == u"unit")
            m.unit = v.toString();
        else if (key == u"timezone")
            m.timezone = v.toString();
        else if (key == u"policy")
            m.policyJson = v.toByteArray();
        else if (key == u"policy_hash")
            m.policyHash = v.toString();
        else if (key == u"last_seq")
            m.lastSeq = v.toLongLong();
        else if (key == u"etag")
            m.etag = v.toByteArray();
        else if (key == u"etag_after")
            m.etagAfter = v.toLongLong();
    }
    // The events must be exactly 1..last_seq: anything else is not what this app wrote. The
    // count reads the whole table; a deferred open checks only the last seq (one lookup).
    QSqlQuery c(db());
    const QString sql =
        checks == Checks::Full
            ? QStringLiteral("SELECT count(*), coalesce(max(seq), 0) FROM events")
            : QStringLiteral("SELECT %1, coalesce(max(seq), 0) FROM events").arg(m.lastSeq);
    if (!c.exec(sql) || !c.next())
        return fail(QStringLiteral("events"), c.lastError().text());
    if (c.value(0).toLongLong() != m.lastSeq || c.value(1).toLongLong() != m.lastSeq)
        return fail(QStringLiteral("events"), QStringLiteral("%1 events stored, last_seq %2")
                                                  .arg(c.value(0).toLongLong())
                                                  .arg(m.lastSeq));
    m_meta = m;
    return true;
}

bool AccountCache::putMeta(const QString &key, const QVariant &value)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"));
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec())
        return fail(QStringLiteral("meta ") + key, q.lastError().text());
    return true;
}

bool AccountCache::writeMeta(const Meta &m)
{
    if (!m_open)
        return fail(QStringLiteral("write"), QStringLiteral("not open"));
    QSqlDatabase d = db();
    if (!d.transaction())
        return fail(QStringLiteral("write"), d.lastError().text());
    const bool ok =
        putMeta(QStringLiteral("account_id"), m.accountId) &&
        putMeta(QStringLiteral("account_name"), m.accountName) &&
        putMeta(QStringLiteral("preset"), m.preset) && putMeta(QStringLiteral("unit"), m.unit) &&
        putMeta(QStringLiteral("timezone"), m.timezone) &&
        putMeta(QStringLiteral("policy"), m.policyJson) &&
        putMeta(QStringLiteral("policy_hash"), m.policyHash) &&
        putMeta(QStringLiteral("last_seq"), m.lastSeq) && putMeta(QStringLiteral("etag"), m.etag) &&
        putMeta(QStringLiteral("etag_after"), m.etagAfter);
    if (!ok || !d.commit()) {
        const QString error = m_error.isEmpty() ? d.lastError().text() : m_error;
        d.rollback();
        return fail(QStringLiteral("write"), error);
    }
    m_meta = m;
    return true;
}

bool AccountCache::appendPage(const std::vector<FeedEvent> &events, const Meta &m)
{
    if (!m_open)
        return fail(QStringLiteral("write"), QStringLiteral("not open"));
    QSqlDatabase d = db();
    if (!d.transaction())
        return fail(QStringLiteral("write"), d.lastError().text());
    bool ok = true;
    // Many rows per statement: one exec per row costs more than SQLite's own work.
    constexpr std::size_t Rows = 200;
    const auto statement = [](std::size_t rows) {
        QString sql = QStringLiteral("INSERT INTO events (seq, at, body, details) VALUES ");
        for (std::size_t i = 0; i < rows; ++i)
            sql += i == 0 ? QStringLiteral("(?,?,?,?)") : QStringLiteral(",(?,?,?,?)");
        return sql;
    };
    QSqlQuery full(d);
    if (events.size() >= Rows)
        full.prepare(statement(Rows));
    for (std::size_t from = 0; ok && from < events.size(); from += Rows) {
        const std::size_t rows = std::min(Rows, events.size() - from);
        QSqlQuery rest(d);
        QSqlQuery &q = rows == Rows ? full : rest;
        if (rows != Rows)
            q.prepare(statement(rows));
        for (std::size_t i = 0; i < rows; ++i) {
            const FeedEvent &e = events[from + i];
            const int at = int(i) * 4;
            q.bindValue(at, e.seq);
            q.bindValue(at + 1, e.at);
            q.bindValue(at + 2, e.body);
            q.bindValue(at + 3, e.details == "{}" ? QVariant() : QVariant(e.details));
        }
        if (!q.exec())
            ok = fail(QStringLiteral("write events"), q.lastError().text());
    }
    ok = ok && putMeta(QStringLiteral("account_id"), m.accountId) &&
         putMeta(QStringLiteral("account_name"), m.accountName) &&
         putMeta(QStringLiteral("preset"), m.preset) && putMeta(QStringLiteral("unit"), m.unit) &&
         putMeta(QStringLiteral("timezone"), m.timezone) &&
         putMeta(QStringLiteral("policy"), m.policyJson) &&
         putMeta(QStringLiteral("policy_hash"), m.policyHash) &&
         putMeta(QStringLiteral("last_seq"), m.lastSeq) &&
         putMeta(QStringLiteral("etag"), m.etag) &&
         putMeta(QStringLiteral("etag_after"), m.etagAfter);
    if (!ok || !d.commit()) {
        const QString error = m_error.isEmpty() ? d.lastError().text() : m_error;
        d.rollback();
        return fail(QStringLiteral("write"), error);
    }
    m_meta = m;
    return true;
}

bool AccountCache::dropEvents()
{
    if (!m_open)
        return fail(QStringLiteral("write"), QStringLiteral("not open"));
    QSqlDatabase d = db();
    if (!d.transaction())
        return fail(QStringLiteral("write"), d.lastError().text());
    const bool ok =
        exec(QStringLiteral("DELETE FROM events")) &&
        exec(QStringLiteral("DELETE FROM snapshot")) && putMeta(QStringLiteral("last_seq"), 0) &&
        putMeta(QStringLiteral("etag"), QByteArray()) && putMeta(QStringLiteral("etag_after"), -1);
    if (!ok || !d.commit()) {
        d.rollback();
        return false;
    }
    m_meta.lastSeq = 0;
    m_meta.etag.clear();
    m_meta.etagAfter = -1;
    return true;
}

namespace {
AccountCache::StoredEvents readEvents(const QSqlDatabase &d, qint64 afterSeq, qint64 lastSeq)
{
    AccountCache::StoredEvents out;
    QSqlQuery q(d);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT seq, at, body, details FROM events WHERE seq > ? ORDER BY seq"));
    q.addBindValue(afterSeq);
    if (!q.exec())
        return out;
    const qint64 expected = std::max<qint64>(0, lastSeq - afterSeq);
    out.bodies.reserve(expected);
    out.details.reserve(std::size_t(expected));
    out.times.reserve(std::size_t(expected));
    out.seqs.reserve(std::size_t(expected));
    while (q.next()) {
        out.seqs.push_back(q.value(0).toLongLong());
        out.times.push_back(q.value(1).toLongLong());
        out.bodies.append(q.value(2).toByteArray());
        const QVariant details = q.value(3);
        out.details.push_back(details.isNull() ? QByteArray() : details.toByteArray());
    }
    return out;
}
} // namespace

AccountCache::StoredEvents AccountCache::loadEvents(qint64 afterSeq) const
{
    if (!m_open)
        return {};
    return readEvents(db(), afterSeq, m_meta.lastSeq);
}

std::variant<AccountCache::StoredEvents, QString>
AccountCache::readCheckedEvents(const QString &path, qint64 lastSeq)
{
    const QString name = QStringLiteral("creditdesk-cache-read-") +
                         QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::variant<StoredEvents, QString> out;
    {
        QSqlDatabase d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        d.setDatabaseName(path);
        d.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!d.open()) {
            out = QStringLiteral("open: ") + d.lastError().text();
        } else if (const QString bad = wholeFileChecks(d, lastSeq); !bad.isEmpty()) {
            out = bad;
        } else {
            out = readEvents(d, 0, lastSeq);
            if (qint64(std::get<StoredEvents>(out).seqs.size()) != lastSeq)
                out = QStringLiteral("events: read %1 of %2")
                          .arg(std::get<StoredEvents>(out).seqs.size())
                          .arg(lastSeq);
        }
        d.close();
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

qint64 AccountCache::eventCount() const
{
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM events")) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

bool AccountCache::writeServerState(const ServerState &s)
{
    if (!m_open)
        return fail(QStringLiteral("write"), QStringLiteral("not open"));
    QSqlDatabase d = db();
    if (!d.transaction())
        return fail(QStringLiteral("write"), d.lastError().text());
    const bool ok = putMeta(QStringLiteral("server_balance"), s.balanceJson) &&
                    putMeta(QStringLiteral("server_pending"), s.pendingJson) &&
                    putMeta(QStringLiteral("server_refunds"), s.refundsJson) &&
                    putMeta(QStringLiteral("server_as_of"), s.asOf) &&
                    putMeta(QStringLiteral("server_clock_offset"), s.clockOffset) &&
                    putMeta(QStringLiteral("verification"),
                            QJsonDocument(s.verification).toJson(QJsonDocument::Compact));
    if (!ok || !d.commit()) {
        const QString error = m_error.isEmpty() ? d.lastError().text() : m_error;
        d.rollback();
        return fail(QStringLiteral("write"), error);
    }
    return true;
}

AccountCache::ServerState AccountCache::serverState() const
{
    ServerState s;
    if (!m_open)
        return s;
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("SELECT key, value FROM meta WHERE key LIKE 'server_%' OR key = "
                               "'verification'")))
        return s;
    while (q.next()) {
        const QString key = q.value(0).toString();
        const QVariant v = q.value(1);
        if (key == u"server_balance")
            s.balanceJson = v.toByteArray();
        else if (key == u"server_pending")
            s.pendingJson = v.toByteArray();
        else if (key == u"server_refunds")
            s.refundsJson = v.toByteArray();
        else if (key == u"server_as_of")
            s.asOf = v.toLongLong();
        else if (key == u"server_clock_offset")
            s.clockOffset = v.toLongLong();
        else if (key == u"verification")
            s.verification = QJsonDocument::fromJson(v.toByteArray()).object();
    }
    return s;
}

bool AccountCache::writeSyncedAt(TimePoint at)
{
    if (!m_open)
        return fail(QStringLiteral("write"), QStringLiteral("not open"));
    return putMeta(QStringLiteral("synced_at"), at);
}

TimePoint AccountCache::syncedAt() const
{
    QSqlQuery q(db());
    if (!m_open || !q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'synced_at'")) ||
        !q.next())
        return NoTime;
    return q.value(0).toLongLong();
}

bool AccountCache::writeSnapshot(const QByteArray &snapshotJson, qint64 eventCount)
{
    if (!m_open)
        return fail(QStringLiteral("write"), QStringLiteral("not open"));
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO snapshot (id, format, core_version, "
                             "event_count, body) VALUES (1, ?, ?, ?, ?)"));
    q.addBindValue(SnapshotFormat);
    q.addBindValue(coreVersion());
    q.addBindValue(eventCount);
    q.addBindValue(snapshotJson);
    if (!q.exec())
        return fail(QStringLiteral("write snapshot"), q.lastError().text());
    return true;
}

std::optional<std::pair<QByteArray, qint64>> AccountCache::loadSnapshot()
{
    if (!m_open)
        return std::nullopt;
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("SELECT format, core_version, event_count, body FROM snapshot")) ||
        !q.next())
        return std::nullopt;
    if (q.value(0).toInt() != SnapshotFormat || q.value(1).toString() != coreVersion() ||
        q.value(2).toLongLong() > m_meta.lastSeq) {
        q.finish();
        exec(QStringLiteral("DELETE FROM snapshot")); // another version: rebuilt by replay
        return std::nullopt;
    }
    return std::make_pair(q.value(3).toByteArray(), q.value(2).toLongLong());
}

qint64 AccountCache::snapshotEventCount() const
{
    QSqlQuery q(db());
    if (!m_open || !q.exec(QStringLiteral("SELECT event_count FROM snapshot")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

bool AccountCache::addIntent(const PurchaseIntent &intent)
{
    if (!m_open)
        return fail(QStringLiteral("write"), QStringLiteral("not open"));
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO purchase_intents (key, body, created_at, purchase_id, "
                             "status) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(QString::fromLatin1(intent.key));
    q.addBindValue(intent.body);
    q.addBindValue(intent.createdAt);
    q.addBindValue(intent.purchaseId);
    q.addBindValue(intent.status);
    if (!q.exec())
        return fail(QStringLiteral("write purchase"), q.lastError().text());
    return true;
}

bool AccountCache::updateIntent(const QByteArray &key, const QString &purchaseId,
                                const QString &status)
{
    if (!m_open)
        return fail(QStringLiteral("write"), QStringLiteral("not open"));
    QSqlQuery q(db());
    q.prepare(
        QStringLiteral("UPDATE purchase_intents SET purchase_id = ?, status = ? WHERE key = ?"));
    q.addBindValue(purchaseId);
    q.addBindValue(status);
    q.addBindValue(QString::fromLatin1(key));
    if (!q.exec())
        return fail(QStringLiteral("write purchase"), q.lastError().text());
    return true;
}

bool AccountCache::removeIntent(const QByteArray &key)
{
    if (!m_open)
        return fail(QStringLiteral("write"), QStringLiteral("not open"));
    QSqlQuery q(db());
    q.prepare(QStringLiteral("DELETE FROM purchase_intents WHERE key = ?"));
    q.addBindValue(QString::fromLatin1(key));
    if (!q.exec())
        return fail(QStringLiteral("write purchase"), q.lastError().text());
    return true;
}

QList<AccountCache::PurchaseIntent> AccountCache::intents() const
{
    QList<PurchaseIntent> out;
    if (!m_open)
        return out;
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("SELECT key, body, created_at, purchase_id, status FROM "
                               "purchase_intents ORDER BY created_at, key")))
        return out;
    while (q.next()) {
        PurchaseIntent i;
        i.key = q.value(0).toString().toLatin1();
        i.body = q.value(1).toByteArray();
        i.createdAt = q.value(2).toLongLong();
        i.purchaseId = q.value(3).toString();
        i.status = q.value(4).toString();
        out << i;
    }
    return out;
}

bool AccountCache::limitPages(qint64 pages)
{
    m_pageLimit = pages;
    return exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages));
}

bool AccountCache::remove()
{
    close();
    bool ok = !QFile::exists(m_path) || QFile::remove(m_path);
    for (const char *suffix : {"-journal", "-wal", "-shm"})
        QFile::remove(m_path + QLatin1String(suffix));
    return ok;
}

} // namespace creditdesk

namespace creditdesk {

QStringList AccountCache::notifiedKeys() const
{
    QStringList keys;
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("SELECT key FROM notified")))
        return keys;
    while (q.next())
        keys << q.value(0).toString();
    return keys;
}

bool AccountCache::addNotified(const QString &key, TimePoint at)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO notified (key, at) VALUES (?, ?)"));
    q.addBindValue(key);
    q.addBindValue(at);
    if (!q.exec())
        return fail(QStringLiteral("notified"), q.lastError().text());
    return true;
}

bool AccountCache::removeNotified(const QString &key)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("DELETE FROM notified WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec())
        return fail(QStringLiteral("notified"), q.lastError().text());
    return true;
}

int AccountCache::schemaVersion() const
{
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return 0;
    return q.value(0).toInt();
}

qint64 AccountCache::fileSize() const
{
    qint64 size = 0;
    for (const char *suffix : {"", "-journal", "-wal", "-shm"})
        size += QFileInfo(m_path + QLatin1String(suffix)).size();
    return size;
}

} // namespace creditdesk
