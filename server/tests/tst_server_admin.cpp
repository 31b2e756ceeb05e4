// The operator's commands on a real database (SQLite here; PostgreSQL under
// scripts/test-postgres.sh): --help of every command, tokens that expire, are listed without
// their secrets, revoked and rate limited; events and audit rows the database itself keeps
// append-only; backup; verify naming a counter and an idempotency row corrupted behind the
// server's back; account erase keeping the ledger provable.
#include "ApiClient.h"
#include "ServerProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run server(const QStringList &args, bool withDatabase = true)
{
    QProcess p;
    p.start(ServerProcess::binary(),
            args + (withDatabase ? ServerProcess::databaseArgs() : QStringList()));
    Run r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// A connection to the servers' own database, to change rows behind their back.
class Backdoor
{
public:
    explicit Backdoor(const QString &dataDir)
    {
        const QString spec = ServerProcess::databaseSpec(dataDir);
        postgres = spec.startsWith(u"postgres"_s);
        QSqlDatabase db =
            QSqlDatabase::addDatabase(postgres ? u"QPSQL"_s : u"QSQLITE"_s, u"backdoor"_s);
        if (postgres) {
            const QUrl url(spec);
            db.setHostName(url.host());
            db.setPort(url.port(5432));
            db.setUserName(url.userName());
            db.setPassword(url.password());
            db.setDatabaseName(url.path().mid(1));
        } else {
            db.setDatabaseName(spec);
        }
        if (!db.open())
            qFatal("backdoor: %s", qPrintable(db.lastError().text()));
    }
    ~Backdoor() { QSqlDatabase::removeDatabase(u"backdoor"_s); }
    // True when the statement ran; *error says why not.
    bool exec(const QString &sql, QString *error = nullptr)
    {
        QSqlQuery q(QSqlDatabase::database(u"backdoor"_s));
        const bool ok = q.exec(sql);
        if (error)
            *error = q.lastError().text();
        return ok;
    }
    QVariant value(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(u"backdoor"_s));
        return q.exec(sql) && q.next() ? q.value(0) : QVariant();
    }
    bool postgres = false;
};

} // namespace

class TestServerAdmin : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void helpOfEveryCommand_data();
    void helpOfEveryCommand();
    void misuseSaysWhatIsWrong();
    void expiringTokenIsRefusedAfterItsTime();
    void rateLimitAnswers429WithRetryAfter();
    void eventsAndAuditRowsAreAppendOnly();
    void verifyNamesACorruptedCounterAndIdempotencyRow();
    void backupIsAConsistentCopy();
    void eraseAnonymisesAndKeepsTheLedger();

private:
    QString token(const QStringList &extra);

    QTemporaryDir m_dir;
    QString m_data;
    QString m_member;
    QString m_support;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ApiClient> m_client;
};

QString TestServerAdmin::token(const QStringList &extra)
{
    bool ok = false;
    const QString t = ServerProcess::runAdmin(
        QStringList{u"token"_s, u"add"_s, u"--data"_s, m_data} + extra, &ok);
    return ok ? t : QString();
}

void TestServerAdmin::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_data = m_dir.filePath(u"data"_s);
    bool ok = false;
    ServerProcess::runAdmin({u"account"_s, u"add"_s, u"--data"_s, m_data, u"--name"_s,
                             u"Ada Admin"_s, u"--preset"_s, u"prepaid-tokens"_s, u"--id"_s, u"a1"_s,
                             u"--email"_s, u"ada.admin@example.com"_s},
                            &ok);
    QVERIFY(ok);
    m_member = token({u"--role"_s, u"member"_s, u"--account"_s, u"a1"_s});
    QVERIFY(!m_member.isEmpty());
    m_support = token({u"--role"_s, u"support"_s, u"--label"_s, u"Kim"_s});
    QVERIFY(!m_support.isEmpty());
    m_server = std::make_unique<ServerProcess>(m_data);
    QVERIFY2(m_server->start({u"--payment-delay-ms"_s, u"0"_s, u"--rate-limit"_s, u"20"_s,
                              u"--rate-burst"_s, u"40"_s}),
             qPrintable(m_server->output()));
    m_client = std::make_unique<ApiClient>(m_server->port(), m_server->caPath(), 4);
}

void TestServerAdmin::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

void TestServerAdmin::helpOfEveryCommand_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("server") << QStringList{u"--help"_s} << u"--rate-limit"_s;
    QTest::newRow("server -h") << QStringList{u"-h"_s} << u"--cache-mb"_s;
    QTest::newRow("token") << QStringList{u"token"_s, u"--help"_s} << u"token revoke"_s;
    QTest::newRow("account") << QStringList{u"account"_s, u"--help"_s} << u"account erase"_s;
    QTest::newRow("account add") << QStringList{u"account"_s, u"add"_s, u"--help"_s}
                                 << u"--preset"_s;
    QTest::newRow("account erase")
        << QStringList{u"account"_s, u"erase"_s, u"--help"_s} << u"ACCOUNT_ID"_s;
    QTest::newRow("token add") << QStringList{u"token"_s, u"add"_s, u"--help"_s} << u"--expires"_s;
    QTest::newRow("token list") << QStringList{u"token"_s, u"list"_s, u"--help"_s}
                                << u"--account"_s;
    QTest::newRow("token revoke") << QStringList{u"token"_s, u"revoke"_s, u"--help"_s}
                                  << u"TOKEN_ID"_s;
    QTest::newRow("backup") << QStringList{u"backup"_s, u"--help"_s} << u"--to"_s;
    QTest::newRow("verify") << QStringList{u"verify"_s, u"--help"_s} << u"idempotency"_s;
}

void TestServerAdmin::helpOfEveryCommand()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const Run r = server(args, false);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(mentions), qPrintable(r.out));
}

void TestServerAdmin::misuseSaysWhatIsWrong()
{
    const Run noRole = server({u"token"_s, u"add"_s, u"--data"_s, m_data});
    QCOMPARE(noRole.exitCode, 2);
    QVERIFY2(noRole.err.contains(u"--role member or --role support"_s), qPrintable(noRole.err));
    const Run badDuration = server({u"token"_s, u"add"_s, u"--data"_s, m_data, u"--role"_s,
                                    u"support"_s, u"--expires"_s, u"soon"_s});
    QCOMPARE(badDuration.exitCode, 2);
    QVERIFY2(badDuration.err.contains(u"--expires"_s), qPrintable(badDuration.err));
    const Run unknown = server({u"token"_s, u"frobnicate"_s});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains(u"token revoke"_s), qPrintable(unknown.err));
    const Run badPort = server({u"--data"_s, m_data, u"--dev-tls"_s, u"--port"_s, u"x"_s});
    QCOMPARE(badPort.exitCode, 2);
    QVERIFY2(badPort.err.contains(u"--port takes a whole number from 0 to 65535"_s),
             qPrintable(badPort.err));
    const Run noSuchToken = server({u"token"_s, u"revoke"_s, u"--data"_s, m_data, u"tok_nope"_s});
    QCOMPARE(noSuchToken.exitCode, 1);
}

void TestServerAdmin::expiringTokenIsRefusedAfterItsTime()
{
    const QString shortLived = token({u"--role"_s, u"member"_s, u"--account"_s, u"a1"_s,
                                      u"--expires"_s, u"2s"_s, u"--label"_s, u"short"_s});
    QVERIFY(!shortLived.isEmpty());
    QElapsedTimer since;
    since.start();
    const auto first = m_client->get(u"/v1/me"_s, shortLived);
    QCOMPARE(first.status, 200);
    const QString id = first.json.value(u"token_id"_s).toString();
    int status = 200;
    while (since.elapsed() < 5000 && status == 200) {
        QTest::qWait(100);
        status = m_client->get(u"/v1/me"_s, shortLived).status;
    }
    QCOMPARE(status, 401);
    QVERIFY2(since.elapsed() >= 900, "refused before its time");
    // The list shows it expired, with its last use, and never a secret.
    bool ok = false;
    const QString list = ServerProcess::runAdmin(
        {u"token"_s, u"list"_s, u"--data"_s, m_data, u"--account"_s, u"a1"_s}, &ok);
    QVERIFY(ok);
    QVERIFY(list.startsWith(u"id\trole\taccount\tlabel\tcreated\tlast_used\texpires\tstate"_s));
    const QString line = list.section(u'\n', 0, -1).split(u'\n').filter(id).value(0);
    QVERIFY2(line.contains(u"\tshort\t"_s) && line.endsWith(u"expired"_s), qPrintable(list));
    QVERIFY2(line.split(u'\t').value(5) != u"-"_s, qPrintable(line)); // last used recorded
    QVERIFY(!list.contains(shortLived));
    QVERIFY(!list.contains(m_member));
}

void TestServerAdmin::rateLimitAnswers429WithRetryAfter()
{
    // --rate-limit 20 --rate-burst 40: 100 requests at once from one token, some refused.
    const QString own = token({u"--role"_s, u"member"_s, u"--account"_s, u"a1"_s});
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 100; ++i)
        replies << m_client->send("GET", u"/v1/accounts/a1/summary"_s, own, {}, {}, i % 4);
    int ok = 0, limited = 0;
    for (const auto &r : ApiClient::waitAll(replies)) {
        if (r.status == 200) {
            ++ok;
        } else {
            QCOMPARE(r.status, 429);
            QCOMPARE(r.errorCode(), u"rate_limited"_s);
            QVERIFY(r.header("Retry-After").toInt() >= 1);
            ++limited;
        }
    }
    qInfo("admitted %d, limited %d", ok, limited);
    QVERIFY(ok >= 40);
    QVERIFY(limited > 0);
    // Another token is not affected.
    QCOMPARE(m_client->get(u"/v1/me"_s, m_member).status, 200);
    QTest::qWait(1100);
    QCOMPARE(m_client->get(u"/v1/me"_s, own).status, 200);
}

void TestServerAdmin::eventsAndAuditRowsAreAppendOnly()
{
    const auto bought = m_client->post(u"/v1/accounts/a1/purchases"_s, m_member,
                                       ApiClient::json({{u"pack"_s, u"tokens_100"_s}}),
                                       {{"Idempotency-Key", "append-only"}});
    QCOMPARE(bought.status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(
        m_client
            ->get(u"/v1/accounts/a1/purchases/%1"_s.arg(bought.json.value(u"id"_s).toString()),
                  m_member)
            .json.value(u"status"_s)
            .toString(),
        u"completed"_s, 20000);
    Backdoor db(m_data);
    QString error;
    QVERIFY(!db.exec(u"UPDATE events SET body = '{}' WHERE account_id = 'a1'"_s, &error));
    QVERIFY2(error.contains(u"append-only"_s), qPrintable(error));
    QVERIFY(!db.exec(u"DELETE FROM events WHERE account_id = 'a1'"_s, &error));
    QVERIFY2(error.contains(u"append-only"_s), qPrintable(error));
    QVERIFY(!db.exec(u"UPDATE audit_log SET actor = 'someone'"_s, &error));
    QVERIFY2(error.contains(u"append-only"_s), qPrintable(error));
    QVERIFY(!db.exec(u"DELETE FROM audit_log"_s, &error));
    QVERIFY2(error.contains(u"append-only"_s), qPrintable(error));
    QVERIFY(db.value(u"SELECT COUNT(*) FROM events WHERE account_id = 'a1'"_s).toInt() >= 1);
}

void TestServerAdmin::verifyNamesACorruptedCounterAndIdempotencyRow()
{
    // A second account, so the corruption is named where it is.
    bool ok = false;
    ServerProcess::runAdmin({u"account"_s, u"add"_s, u"--data"_s, m_data, u"--name"_s, u"Victim"_s,
                             u"--preset"_s, u"prepaid-tokens"_s, u"--id"_s, u"v1"_s},
                            &ok);
    QVERIFY(ok);
    const QString victim = token({u"--role"_s, u"member"_s, u"--account"_s, u"v1"_s});
    for (const char *key : {"v-1", "v-2"}) {
        const auto r = m_client->post(u"/v1/accounts/v1/purchases"_s, victim,
                                      ApiClient::json({{u"pack"_s, u"tokens_100"_s}}),
                                      {{"Idempotency-Key", key}});
        QCOMPARE(r.status, 202);
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_client->get(u"/v1/accounts/v1/summary"_s, victim)
                                  .json.value(u"balance"_s)
                                  .toObject()
                                  .value(u"total"_s)
                                  .toDouble(),
                              200.0, 20000);

    const Run clean = server({u"verify"_s, u"--data"_s, m_data});
    QVERIFY2(clean.exitCode == 0, qPrintable(clean.out + clean.err));
    QVERIFY2(clean.out.contains(u" 0 inconsistencies"_s), qPrintable(clean.out));

    Backdoor db(m_data);
    QString error;
    const qint64 stored =
        db.value(u"SELECT event_count FROM accounts WHERE id = 'v1'"_s).toLongLong();
    QVERIFY(stored >= 2);
    QVERIFY2(
        db.exec(u"UPDATE accounts SET event_count = event_count + 5 WHERE id = 'v1'"_s, &error),
        qPrintable(error));
    QVERIFY2(db.exec(u"UPDATE idempotency_keys SET response = REPLACE(response, 'pur_', 'pux_')"
                     " WHERE account_id = 'v1' AND idem_key = 'v-2'"_s,
                     &error),
             qPrintable(error));
    const Run dirty = server({u"verify"_s, u"--data"_s, m_data});
    QCOMPARE(dirty.exitCode, 1);
    const QStringList lines = dirty.out.split(u'\n', Qt::SkipEmptyParts);
    // Put it back whatever the checks say, so the other checks see a sound database.
    const auto repair = qScopeGuard([&] {
        db.exec(u"UPDATE accounts SET event_count = event_count - 5 WHERE id = 'v1'"_s);
        db.exec(u"UPDATE idempotency_keys SET response = REPLACE(response, 'pux_', 'pur_')"
                " WHERE account_id = 'v1' AND idem_key = 'v-2'"_s);
    });
    QVERIFY2(!lines.filter(u"account v1: stored event_count is %1,"_s.arg(stored + 5)).isEmpty(),
             qPrintable(dirty.out));
    QVERIFY2(!lines.filter(u"account v1: idempotency key v-2"_s).isEmpty(), qPrintable(dirty.out));
    QVERIFY2(lines.filter(u"account a1"_s).isEmpty(), qPrintable(dirty.out));
}

void TestServerAdmin::backupIsAConsistentCopy()
{
    QCOMPARE(server({u"verify"_s, u"--data"_s, m_data}).exitCode, 0); // repaired above
    const QString copy = m_dir.filePath(u"backup.sqlite"_s);
    const Run r = server({u"backup"_s, u"--data"_s, m_data, u"--to"_s, copy});
    if (!ServerProcess::databaseArgs().isEmpty()) {
        // PostgreSQL: the command says to use pg_dump (docs/deploy.md).
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"pg_dump"_s), qPrintable(r.err));
        return;
    }
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    // The copy is a database a server runs on, and verify finds it sound.
    const Run verified = server({u"verify"_s, u"--database"_s, copy}, false);
    QVERIFY2(verified.exitCode == 0, qPrintable(verified.out + verified.err));
    QVERIFY2(verified.out.contains(u"verify: 2 account(s)"_s), qPrintable(verified.out));
    // A second backup to the same file is refused rather than overwriting it.
    QCOMPARE(server({u"backup"_s, u"--data"_s, m_data, u"--to"_s, copy}).exitCode, 1);
}

void TestServerAdmin::eraseAnonymisesAndKeepsTheLedger()
{
    // The support console's search finds the member by email or name until the erase.
    const auto found = [this](const QString &query) {
        const auto r = m_client->get(
            u"/v1/accounts?q="_s + QString::fromLatin1(QUrl::toPercentEncoding(query)), m_support);
        return r.status == 200 ? r.json.value(u"accounts"_s).toArray().size() : -1;
    };
    QCOMPARE(found(u"ada.admin@example.com"_s), 1);
    QCOMPARE(found(u"Ada Admin"_s), 1);
    const auto before = m_client->get(u"/v1/accounts/a1/summary"_s, m_member);
    QCOMPARE(before.status, 200);
    const Run r = server({u"account"_s, u"erase"_s, u"--data"_s, m_data, u"a1"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    Backdoor db(m_data);
    QCOMPARE(db.value(u"SELECT display_name FROM accounts WHERE id = 'a1'"_s).toString(),
             u"(erased)"_s);
    QVERIFY(db.value(u"SELECT COUNT(*) FROM accounts WHERE display_name = 'Ada Admin'"_s).toInt() ==
            0);
    const auto after = m_client->get(u"/v1/accounts/a1/summary"_s, m_member);
    QCOMPARE(after.json.value(u"balance"_s), before.json.value(u"balance"_s));
    QCOMPARE(db.value(u"SELECT COUNT(*) FROM accounts WHERE email IS NOT NULL"
                      " OR email_key IS NOT NULL"_s)
                 .toInt(),
             0);
    QCOMPARE(found(u"ada.admin@example.com"_s), 0);
    QCOMPARE(found(u"example.com"_s), 0);
    QCOMPARE(found(u"Ada Admin"_s), 0);
    QCOMPARE(found(u"ad"_s), 0);
    QCOMPARE(server({u"verify"_s, u"--data"_s, m_data}).exitCode, 0);
    QCOMPARE(server({u"account"_s, u"erase"_s, u"--data"_s, m_data, u"nobody"_s}).exitCode, 1);
}

QTEST_GUILESS_MAIN(TestServerAdmin)
#include "tst_server_admin.moc"
