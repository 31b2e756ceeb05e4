// The events feed (GET /v1/accounts/{id}/events, docs/client.md): a client pages through an
// account's whole history, replays it under the policy the feed sends, and gets the balance
// the server reports; an unchanged account answers 304; a server started with --presets DIR
// sends its own prices, in /v1/packs, in the feed's policy and on purchases.
#include "ApiClient.h"
#include "ServerProcess.h"

#include "ScenarioReader.h"
#include "ScenarioReplay.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

struct Seeded
{
    QMap<QString, QString> members; // account -> member token
    QString support;
};

Seeded tokensFrom(const QString &out)
{
    static const QRegularExpression member(
        u"demo: member (\\S+) \\(([^,]+), ([a-z-]+)\\): token (cdt_\\S+)"_s);
    static const QRegularExpression support(u"demo: support agent: token (cdt_\\S+)"_s);
    Seeded s;
    for (auto it = member.globalMatch(out); it.hasNext();) {
        const auto m = it.next();
        s.members.insert(m.captured(1), m.captured(4));
    }
    s.support = support.match(out).captured(1);
    return s;
}

// The whole feed of an account, page by page; every page checked for what does not vary.
struct Feed
{
    QJsonArray events;
    QJsonObject last; // the last page
    int pages = 0;
};

} // namespace

class TestServerEvents : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pagesCoverTheHistoryInOrder();
    void replayOfTheFeedGivesTheServersBalance();
    void policyHashIsTheSha256OfThePolicy();
    void unchangedAccountAnswers304();
    void pendingPurchasesAndRefundRequests();
    void accessAndParameters();
    void presetsFromADirectory();
    void cleanupTestCase();

private:
    Feed fetchAll(const QString &account, const QString &token, int limit);

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ApiClient> m_client;
    Seeded m_tokens;
};

void TestServerEvents::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<ServerProcess>(m_dir.filePath(u"data"_s));
    // Five demo members, and demo-heavy with a synthetic history of exactly 2,000 events.
    QVERIFY2(m_server->start({u"--seed-demo"_s, u"--seed-demo-events"_s, u"2000"_s,
                              u"--payment-delay-ms"_s, u"0"_s}),
             qPrintable(m_server->output()));
    QVERIFY(m_server->output().contains(u"demo-heavy: 2000 events written in"_s));
    m_tokens = tokensFrom(m_server->output());
    QCOMPARE(m_tokens.members.size(), 6);
    QVERIFY(m_tokens.members.contains(u"demo-heavy"_s));
    QVERIFY(!m_tokens.support.isEmpty());
    m_client = std::make_unique<ApiClient>(m_server->port(), m_server->caPath());
}

void TestServerEvents::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

Feed TestServerEvents::fetchAll(const QString &account, const QString &token, int limit)
{
    Feed feed;
    qint64 after = 0;
    for (;;) {
        const auto r = m_client->get(
            u"/v1/accounts/%1/events?after=%2&limit=%3"_s.arg(account).arg(after).arg(limit),
            token);
        if (r.status != 200) {
            qWarning("events: %d %s", r.status, r.body.constData());
            return {};
        }
        ++feed.pages;
        const QJsonArray page = r.json.value(u"events").toArray();
        for (const auto &e : page)
            feed.events << e;
        feed.last = r.json;
        if (!r.json.value(u"has_more").toBool())
            break;
        if (page.isEmpty())
            return {}; // has_more with nothing in the page: a broken feed
        after = page.last().toObject().value(u"seq").toInteger();
    }
    return feed;
}

void TestServerEvents::pagesCoverTheHistoryInOrder()
{
    for (auto it = m_tokens.members.cbegin(); it != m_tokens.members.cend(); ++it) {
        const QString account = it.key();
        const Feed whole = fetchAll(account, it.value(), 10000);
        QCOMPARE(whole.pages, 1);
        const qint64 lastSeq = whole.last.value(u"last_seq").toInteger();
        QVERIFY2(lastSeq > 200, qPrintable(account));
        if (account == u"demo-heavy")
            QCOMPARE(lastSeq, qint64(2000));
        QCOMPARE(qint64(whole.events.size()), lastSeq);

        const int limit = 97;
        const Feed paged = fetchAll(account, it.value(), limit);
        QCOMPARE(paged.pages, int((lastSeq + limit - 1) / limit));
        QCOMPARE(paged.events, whole.events);
        for (qsizetype i = 0; i < paged.events.size(); ++i) {
            const QJsonObject e = paged.events[i].toObject();
            QCOMPARE(e.value(u"seq").toInteger(), qint64(i + 1));
            QVERIFY(e.value(u"event").isObject());
            QVERIFY(e.value(u"details").isObject());
            QVERIFY(!e.value(u"event").toObject().value(u"type").toString().isEmpty());
        }
        QCOMPARE(paged.events.first().toObject().value(u"event").toObject().value(u"type"),
                 QJsonValue(u"signup"_s));
        QCOMPARE(paged.last.value(u"account").toObject().value(u"id").toString(), account);
        QCOMPARE(paged.last.value(u"timezone"),
                 paged.last.value(u"account").toObject().value(u"timezone"));
        QCOMPARE(paged.last.value(u"unit"), paged.last.value(u"policy").toObject().value(u"unit"));

        // After the end: nothing, nothing more.
        const auto past = m_client->get(
            u"/v1/accounts/%1/events?after=%2"_s.arg(account).arg(lastSeq + 5), it.value());
        QCOMPARE(past.status, 200);
        QVERIFY(past.json.value(u"events").toArray().isEmpty());
        QCOMPARE(past.json.value(u"has_more").toBool(), false);
        QCOMPARE(past.json.value(u"last_seq").toInteger(), lastSeq);
    }
}

void TestServerEvents::replayOfTheFeedGivesTheServersBalance()
{
    for (auto it = m_tokens.members.cbegin(); it != m_tokens.members.cend(); ++it) {
        const QString account = it.key();
        const Feed feed = fetchAll(account, it.value(), 500);
        QVERIFY(!feed.events.isEmpty());
        // A scenario file from the feed alone: the policy as sent, the events as stored.
        QJsonArray events;
        for (const auto &e : feed.events)
            events << e.toObject().value(u"event");
        const QString asOf = feed.last.value(u"as_of").toString();
        const QJsonObject scenario{
            {u"format"_s, 1},
            {u"policy"_s, feed.last.value(u"policy")},
            {u"timezone"_s, feed.last.value(u"timezone")},
            {u"events"_s, events},
            {u"queries"_s, QJsonArray{QJsonObject{{u"at"_s, asOf}, {u"ask"_s, u"balance"_s}}}}};
        auto read = creditdesk::ScenarioReader::read(QJsonDocument(scenario).toJson());
        if (auto *e = std::get_if<creditdesk::ParseError>(&read))
            QFAIL(qPrintable(account + u": "_s + e->toString()));
        const QJsonObject answers =
            QJsonDocument::fromJson(
                creditdesk::ScenarioReplay::answersJson(std::get<creditdesk::Scenario>(read)))
                .object();
        QCOMPARE(answers.value(u"answers").toArray().first().toObject(),
                 feed.last.value(u"balance").toObject());

        // /summary at the same moment says the same (retried until both fall in one second).
        bool compared = false;
        for (int attempt = 0; attempt < 5 && !compared; ++attempt) {
            const auto page =
                m_client->get(u"/v1/accounts/%1/events?after=100000"_s.arg(account), it.value());
            const auto summary =
                m_client->get(u"/v1/accounts/%1/summary"_s.arg(account), it.value());
            QCOMPARE(page.status, 200);
            QCOMPARE(summary.status, 200);
            if (page.json.value(u"as_of") != summary.json.value(u"as_of"))
                continue;
            QCOMPARE(page.json.value(u"balance"), summary.json.value(u"balance"));
            QCOMPARE(page.json.value(u"unit"), summary.json.value(u"unit"));
            compared = true;
        }
        QVERIFY(compared);
    }
}

void TestServerEvents::policyHashIsTheSha256OfThePolicy()
{
    const QString account = u"demo-tiered-tasks"_s;
    const auto r = m_client->get(u"/v1/accounts/%1/events?limit=1"_s.arg(account),
                                 m_tokens.members.value(account));
    QCOMPARE(r.status, 200);
    // The policy as sent: its compact text, cut from the body itself.
    const QByteArray open = "\"policy\": ";
    const qsizetype at = r.body.indexOf(open);
    QVERIFY(at > 0);
    const qsizetype begin = at + open.size();
    const qsizetype end = r.body.indexOf(", \"policy_hash\": ", begin);
    QVERIFY(end > begin);
    const QByteArray policyText = r.body.mid(begin, end - begin);
    const QByteArray hash =
        "sha256:" + QCryptographicHash::hash(policyText, QCryptographicHash::Sha256).toHex();
    QCOMPARE(r.json.value(u"policy_hash").toString().toLatin1(), hash);
    // The same text the client gets by writing the object it read compactly.
    QCOMPARE(QJsonDocument(r.json.value(u"policy").toObject()).toJson(QJsonDocument::Compact),
             policyText);
    // The built-in preset's own JSON: prices and quantity words included.
    const QJsonObject policy = r.json.value(u"policy").toObject();
    QCOMPARE(policy.value(u"name").toString(), u"tiered-tasks"_s);
    const QJsonObject pack = policy.value(u"packs").toArray().at(1).toObject();
    QCOMPARE(pack.value(u"price").toObject().value(u"amount").toDouble(), 25.0);
    QCOMPARE(pack.value(u"price").toObject().value(u"currency").toString(), u"USD"_s);
}

void TestServerEvents::unchangedAccountAnswers304()
{
    const QString account = u"demo-coding-weekly"_s;
    const QString token = m_tokens.members.value(account);
    const QString path = u"/v1/accounts/%1/events?after=0&limit=100"_s.arg(account);
    const auto first = m_client->get(path, token);
    QCOMPARE(first.status, 200);
    const QByteArray etag = first.header("ETag");
    QVERIFY(!etag.isEmpty());
    const QByteArray cache = first.header("Cache-Control");
    QVERIFY2(cache.contains("private") &&
                 (cache.contains("no-cache") || cache.contains("no-store")),
             cache.constData());

    const auto again = m_client->get(path, token, {{"If-None-Match", etag}});
    QCOMPARE(again.status, 304);
    QVERIFY(again.body.isEmpty());
    QCOMPARE(again.header("ETag"), etag);
    // The ETag describes the account's head, not the page: any page of the unchanged account
    // carries it, and a client at the head polls from its own seq with it and gets 304.
    const QString atHead = u"/v1/accounts/%1/events?after=%2"_s.arg(account).arg(
        first.json.value(u"last_seq").toInteger());
    const auto headPage = m_client->get(atHead, token);
    QCOMPARE(headPage.status, 200);
    QCOMPARE(headPage.header("ETag"), etag);
    QCOMPARE(m_client->get(atHead, token, {{"If-None-Match", etag}}).status, 304);

    // A new event changes it.
    const auto started =
        m_client->post(u"/v1/accounts/%1/tasks"_s.arg(account), token, R"({"feature": "request"})");
    QCOMPARE(started.status, 201);
    const auto changed = m_client->get(path, token, {{"If-None-Match", etag}});
    QCOMPARE(changed.status, 200);
    QVERIFY(changed.header("ETag") != etag);
    QCOMPARE(changed.json.value(u"last_seq").toInteger(),
             first.json.value(u"last_seq").toInteger() + 1);
}

void TestServerEvents::pendingPurchasesAndRefundRequests()
{
    const QString account = u"demo-prepaid-tokens"_s;
    const QString token = m_tokens.members.value(account);
    const auto before = m_client->get(u"/v1/accounts/%1/events?after=0"_s.arg(account), token);
    QCOMPARE(before.status, 200);
    // The seed leaves refund requests in every state; newest first.
    const QJsonArray refunds = before.json.value(u"refund_requests").toArray();
    QVERIFY(refunds.size() >= 2);
    QStringList created;
    for (const auto &r : refunds)
        created << r.toObject().value(u"created_at").toString();
    QStringList sorted = created;
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    QCOMPARE(created, sorted);

    // A purchase: settled at once (no delay), its event carries the purchase id.
    const auto bought =
        m_client->post(u"/v1/accounts/%1/purchases"_s.arg(account), token,
                       R"({"pack": "tokens_100"})", {{"Idempotency-Key", "events-test-1"}});
    QCOMPARE(bought.status, 202);
    const QString id = bought.json.value(u"id").toString();
    QVERIFY(bought.json.contains(u"price"));
    QVERIFY(bought.json.value(u"price").isNull()); // prepaid packs name no price
    const qint64 seq = before.json.value(u"last_seq").toInteger();
    QJsonObject after;
    for (int i = 0; i < 100; ++i) {
        after =
            m_client->get(u"/v1/accounts/%1/events?after=%2"_s.arg(account).arg(seq), token).json;
        if (after.value(u"pending_purchases").toArray().isEmpty() &&
            !after.value(u"events").toArray().isEmpty())
            break;
        QTest::qWait(50);
    }
    const QJsonArray fresh = after.value(u"events").toArray();
    QCOMPARE(fresh.size(), 1);
    const QJsonObject e = fresh.first().toObject();
    QCOMPARE(e.value(u"event").toObject().value(u"type").toString(), u"purchase"_s);
    QCOMPARE(e.value(u"event").toObject().value(u"pack").toString(), u"tokens_100"_s);
    QCOMPARE(e.value(u"details").toObject().value(u"purchase").toString(), id);
}

void TestServerEvents::accessAndParameters()
{
    const QString um = u"demo-unified-monthly"_s;
    const QString other = m_tokens.members.value(u"demo-tiered-tasks"_s);
    QCOMPARE(m_client->get(u"/v1/accounts/%1/events"_s.arg(um), other).status, 403);
    QCOMPARE(m_client->get(u"/v1/accounts/%1/events"_s.arg(um), m_tokens.support).status, 200);
    QCOMPARE(m_client->get(u"/v1/accounts/nobody/events"_s, m_tokens.support).status, 404);
    QCOMPARE(m_client->get(u"/v1/accounts/%1/events"_s.arg(um), QString()).status, 401);
    for (const char *bad : {"limit=0", "limit=10001", "after=-1", "after=x", "limit=1.5"}) {
        const auto r = m_client->get(u"/v1/accounts/%1/events?"_s.arg(um) + QLatin1String(bad),
                                     m_tokens.support);
        QCOMPARE(r.status, 400);
    }
    QCOMPARE(m_client->post(u"/v1/accounts/%1/events"_s.arg(um), m_tokens.support, "{}").status,
             405);
    // Default page: up to 5000.
    const auto r = m_client->get(u"/v1/accounts/%1/events"_s.arg(um), m_tokens.support);
    QCOMPARE(r.status, 200);
    QCOMPARE(qint64(r.json.value(u"events").toArray().size()),
             std::min<qint64>(5000, r.json.value(u"last_seq").toInteger()));
}

void TestServerEvents::presetsFromADirectory()
{
    // The built-in presets, with pack_25 at another price.
    QTemporaryDir presets;
    QVERIFY(presets.isValid());
    const QString source = QStringLiteral(CREDITDESK_SOURCE_DIR "/resources/presets");
    for (const QString &name : QDir(source).entryList({u"*.json"_s}, QDir::Files)) {
        QFile in(QDir(source).filePath(name));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray text = in.readAll();
        if (name == u"tiered-tasks.json") {
            // Another price, and more credits for it: the server credits its own preset's.
            text.replace(R"("amount": 25, "currency": "USD")",
                         R"("amount": 19.99, "currency": "EUR")");
            text.replace(R"({"name": "pack_25", "amount": 2750,)",
                         R"({"name": "pack_25", "amount": 3000,)");
        }
        QFile out(presets.filePath(name));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
    }
    // Its own account (on PostgreSQL the database is shared with the first server's).
    QTemporaryDir data;
    const QString dataDir = data.filePath(u"data"_s);
    const auto admin = [&](QStringList args) {
        bool ok = false;
        args.insert(2, u"--data"_s);
        args.insert(3, dataDir);
        const QString out = ServerProcess::runAdmin(args, &ok);
        return ok ? out : QString();
    };
    const QString account = u"presets-tiered"_s;
    QCOMPARE(admin({u"account"_s, u"add"_s, u"--name"_s, u"Petra Price"_s, u"--preset"_s,
                    u"tiered-tasks"_s, u"--presets"_s, presets.path(), u"--id"_s, account}),
             account);
    const QString token =
        admin({u"token"_s, u"add"_s, u"--role"_s, u"member"_s, u"--account"_s, account});
    const QString support = admin({u"token"_s, u"add"_s, u"--role"_s, u"support"_s});
    QVERIFY(!token.isEmpty() && !support.isEmpty());
    ServerProcess server(dataDir);
    QVERIFY2(server.start({u"--presets"_s, presets.path(), u"--payment-delay-ms"_s, u"0"_s}),
             qPrintable(server.output()));
    ApiClient client(server.port(), server.caPath());

    const auto packs = client.get(u"/v1/packs"_s, token);
    QCOMPARE(packs.status, 200);
    const QJsonObject entry = packs.json.value(u"catalogue").toArray().first().toObject();
    QCOMPARE(entry.value(u"preset").toString(), u"tiered-tasks"_s);
    const QJsonObject price =
        entry.value(u"packs").toArray().at(1).toObject().value(u"price").toObject();
    QCOMPARE(price.value(u"amount").toDouble(), 19.99);
    QCOMPARE(price.value(u"currency").toString(), u"EUR"_s);
    QCOMPARE(entry.value(u"packs")
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"price")
                 .toObject()
                 .value(u"currency")
                 .toString(),
             u"USD"_s);

    const auto feed = client.get(u"/v1/accounts/%1/events?limit=1"_s.arg(account), token);
    QCOMPARE(feed.status, 200);
    const QJsonObject sent = feed.json.value(u"policy")
                                 .toObject()
                                 .value(u"packs")
                                 .toArray()
                                 .at(1)
                                 .toObject()
                                 .value(u"price")
                                 .toObject();
    QCOMPARE(sent.value(u"amount").toDouble(), 19.99);
    QCOMPARE(sent.value(u"currency").toString(), u"EUR"_s);
    // Another policy, another hash than the built-in server's.
    const auto builtIn = m_client->get(u"/v1/accounts/demo-tiered-tasks/events?limit=1"_s,
                                       m_tokens.members.value(u"demo-tiered-tasks"_s));
    QVERIFY(feed.json.value(u"policy_hash") != builtIn.json.value(u"policy_hash"));

    // A purchase records the price it was made at.
    const auto bought = client.post(u"/v1/accounts/%1/purchases"_s.arg(account), token,
                                    R"({"pack": "pack_25"})", {{"Idempotency-Key", "p25"}});
    QCOMPARE(bought.status, 202);
    QCOMPARE(bought.json.value(u"price").toObject().value(u"amount").toDouble(), 19.99);
    const auto got = client.get(
        u"/v1/accounts/%1/purchases/%2"_s.arg(account, bought.json.value(u"id").toString()), token);
    QCOMPARE(got.json.value(u"price").toObject().value(u"currency").toString(), u"EUR"_s);
    // Settled (no delay) with the amount of this server's pack_25: 100 at signup + 3000.
    QJsonObject summary;
    for (int i = 0; i < 100; ++i) {
        summary = client.get(u"/v1/accounts/%1/summary"_s.arg(account), token).json;
        if (summary.value(u"pending_purchases").toInteger() == 0)
            break;
        QTest::qWait(50);
    }
    QCOMPARE(summary.value(u"balance").toObject().value(u"total").toDouble(), 3100.0);

    // The export carries the policy inline, so the CLI replays what this server ran.
    const auto exported = client.get(u"/v1/accounts/%1/export"_s.arg(account), support);
    QCOMPARE(exported.status, 200);
    const QJsonObject doc = QJsonDocument::fromJson(exported.body).object();
    QVERIFY(!doc.contains(u"preset"));
    QCOMPARE(doc.value(u"policy").toObject().value(u"name").toString(), u"tiered-tasks"_s);
}

QTEST_MAIN(TestServerEvents)
#include "tst_server_events.moc"
