// The support console's server side (issue 9) against a real creditdesk-server over HTTPS:
// role separation both ways, search by email, name and id with cursor paging, purchases with
// payment states and receipts, the refund queue, two agents approving one request at once
// (paid once, the second told who and when), adjustment validation and insufficient_credits,
// the audit trail (append-only, with balances before and after), a revoked support token.
// Runs on PostgreSQL too (CREDITDESK_TEST_POSTGRES, scripts/test-postgres.sh).
#include "ApiClient.h"
#include "ServerProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

class TestServerSupport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void me_tellsTheRole();
    void roles_supportEndpointsRefuseMembers();
    void roles_membersActionsRefuseSupport();
    void roles_supportReadsAMembersFeeds();
    void search_byEmailNameAndId();
    void search_pagesWithACursor();
    void search_badInput();
    void accountAdd_email();
    void purchases_stateAndReceipt();
    void refundQueue_newestFirstWithTaskDetail();
    void refundQueue_pages();
    void refund_twoAgentsApproveAtOnce_paidOnce();
    void adjustment_badInput_data();
    void adjustment_badInput();
    void adjustment_insufficientCredits();
    void adjustment_dryRunThenApplied();
    void audit_listsDecisionsAndIsAppendOnly();
    void revokedSupportToken_nothingDone();

private:
    ApiClient::Reply get(const QString &path, const QString &token)
    {
        return m_client->get(path, token);
    }
    ApiClient::Reply post(const QString &path, const QString &token, const QByteArray &body)
    {
        return m_client->post(path, token, body);
    }
    QString admin(QStringList args, bool *ok)
    {
        args.insert(2, QStringLiteral("--data"));
        args.insert(3, m_data);
        return ServerProcess::runAdmin(args, ok);
    }
    QJsonObject balance(const QString &account)
    {
        return get(QStringLiteral("/v1/accounts/%1/summary").arg(account), m_sam)
            .json.value(QStringLiteral("balance"))
            .toObject();
    }
    QString ledgerCursor(const QString &account)
    {
        return get(QStringLiteral("/v1/accounts/%1/ledger?limit=1").arg(account), m_sam)
            .json.value(QStringLiteral("latest_cursor"))
            .toString();
    }
    int auditCount(const QString &account)
    {
        return get(QStringLiteral("/v1/accounts/%1/audit?limit=500").arg(account), m_sam)
            .json.value(QStringLiteral("entries"))
            .toArray()
            .size();
    }
    QStringList searchIds(const QString &q)
    {
        const auto r = get(QStringLiteral("/v1/accounts?limit=200&q=") +
                               QString::fromLatin1(QUrl::toPercentEncoding(q)),
                           m_sam);
        QStringList ids;
        for (const auto &v : r.json.value(QStringLiteral("accounts")).toArray())
            ids << v.toObject().value(QStringLiteral("id")).toString();
        return ids;
    }

    QTemporaryDir m_dir;
    QString m_data;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ApiClient> m_client;
    QMap<QString, QString> m_members; // account id -> member token
    QString m_sam;                    // the demo's support agent ("demo support")
    QString m_kim;                    // a second agent, labelled "Kim"
    const QString m_ada = QStringLiteral("demo-coding-weekly");
};

void TestServerSupport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_data = m_dir.filePath(QStringLiteral("data"));
    m_server = std::make_unique<ServerProcess>(m_data);
    QVERIFY2(m_server->start({QStringLiteral("--seed-demo"), QStringLiteral("--seed-accounts"),
                              QStringLiteral("30"), QStringLiteral("--payment-delay-ms"),
                              QStringLiteral("0")}),
             qPrintable(m_server->output()));
    const QString out = m_server->output();
    static const QRegularExpression member(
        QStringLiteral("member (\\S+) \\(([^,]+), ([a-z-]+)\\): token (cdt_\\S+)"));
    for (auto it = member.globalMatch(out); it.hasNext();) {
        const auto m = it.next();
        m_members.insert(m.captured(1), m.captured(4));
    }
    m_sam = QRegularExpression(QStringLiteral("support agent: token (cdt_\\S+)"))
                .match(out)
                .captured(1);
    QVERIFY2(!m_sam.isEmpty() && m_members.contains(m_ada), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("seeded 30 account(s)")), qPrintable(out));
    bool ok = false;
    m_kim = admin({QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--role"),
                   QStringLiteral("support"), QStringLiteral("--label"), QStringLiteral("Kim")},
                  &ok);
    QVERIFY(ok && m_kim.startsWith(QStringLiteral("cdt_")));
    // A two-character id, found exactly by a two-character query.
    admin({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
           QStringLiteral("Zoë Zhou"), QStringLiteral("--preset"), QStringLiteral("prepaid-tokens"),
           QStringLiteral("--id"), QStringLiteral("qx"), QStringLiteral("--email"),
           QStringLiteral("Zed+Support@Example.NET")},
          &ok);
    QVERIFY(ok);
    m_client = std::make_unique<ApiClient>(m_server->port(), m_server->caPath(), 2);
}

void TestServerSupport::me_tellsTheRole()
{
    auto r = get(QStringLiteral("/v1/me"), m_kim);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("role")).toString(), QStringLiteral("support"));
    QCOMPARE(r.json.value(QStringLiteral("label")).toString(), QStringLiteral("Kim"));
    QVERIFY(r.json.value(QStringLiteral("account")).isNull());
    r = get(QStringLiteral("/v1/me"), m_members.value(m_ada));
    QCOMPARE(r.json.value(QStringLiteral("role")).toString(), QStringLiteral("member"));
    QCOMPARE(r.json.value(QStringLiteral("account")).toObject().value(QStringLiteral("id")), m_ada);
}

void TestServerSupport::roles_supportEndpointsRefuseMembers()
{
    const QString member = m_members.value(m_ada);
    const QString other = QStringLiteral("demo-prepaid-tokens");
    for (const QString &path :
         {QStringLiteral("/v1/accounts?q=ada"), QStringLiteral("/v1/refund-requests"),
          QStringLiteral("/v1/audit"), QStringLiteral("/v1/accounts/%1/audit").arg(m_ada),
          QStringLiteral("/v1/accounts/%1").arg(other),
          QStringLiteral("/v1/accounts/%1/events").arg(other),
          QStringLiteral("/v1/accounts/%1/purchases").arg(other)}) {
        const auto r = get(path, member);
        QVERIFY2(r.status == 403, qPrintable(path));
        QCOMPARE(r.errorCode(), QStringLiteral("forbidden"));
    }
    const QByteArray grant =
        ApiClient::json({{QStringLiteral("type"), QStringLiteral("grant")},
                         {QStringLiteral("amount"), 5},
                         {QStringLiteral("reason"), QStringLiteral("self-service")}});
    QCOMPARE(post(QStringLiteral("/v1/accounts/%1/adjustments").arg(m_ada), member, grant).status,
             403);
    QCOMPARE(post(QStringLiteral("/v1/refund-requests/any/approve"), member, {}).status, 403);
    QCOMPARE(post(QStringLiteral("/v1/refund-requests/any/decline"), member,
                  ApiClient::json({{QStringLiteral("reason"), QStringLiteral("no")}}))
                 .status,
             403);
    // The member's own endpoints behave as before, its own profile included.
    QCOMPARE(get(QStringLiteral("/v1/accounts/%1/summary").arg(m_ada), member).status, 200);
    QCOMPARE(get(QStringLiteral("/v1/accounts/%1/events?limit=1").arg(m_ada), member).status, 200);
    const auto profile = get(QStringLiteral("/v1/accounts/%1").arg(m_ada), member);
    QCOMPARE(profile.status, 200);
    QCOMPARE(profile.json.value(QStringLiteral("email")).toString(),
             QStringLiteral("ada.lovelace@example.com"));
}

void TestServerSupport::roles_membersActionsRefuseSupport()
{
    QCOMPARE(m_client
                 ->post(QStringLiteral("/v1/accounts/%1/purchases").arg(m_ada), m_sam,
                        ApiClient::json({{QStringLiteral("pack"), QStringLiteral("small")}}),
                        {{"Idempotency-Key", "support-buys"}})
                 .status,
             403);
    QCOMPARE(post(QStringLiteral("/v1/accounts/%1/tasks").arg(m_ada), m_sam,
                  ApiClient::json({{QStringLiteral("feature"), QStringLiteral("chat")}}))
                 .status,
             403);
    QCOMPARE(post(QStringLiteral("/v1/accounts/%1/refund-requests").arg(m_ada), m_sam,
                  ApiClient::json({{QStringLiteral("task"), QStringLiteral("t1")}}))
                 .status,
             403);
}

void TestServerSupport::roles_supportReadsAMembersFeeds()
{
    // The same events feed the member's client syncs, read with a support token.
    const auto asMember = get(QStringLiteral("/v1/accounts/%1/events?limit=10000").arg(m_ada),
                              m_members.value(m_ada));
    const auto asSupport =
        get(QStringLiteral("/v1/accounts/%1/events?limit=10000").arg(m_ada), m_kim);
    QCOMPARE(asSupport.status, 200);
    QCOMPARE(asSupport.json.value(QStringLiteral("events")),
             asMember.json.value(QStringLiteral("events")));
    QCOMPARE(asSupport.json.value(QStringLiteral("last_seq")),
             asMember.json.value(QStringLiteral("last_seq")));
    for (const QString &what : {QStringLiteral("summary"), QStringLiteral("ledger"),
                                QStringLiteral("export"), QStringLiteral("refund-requests")})
        QCOMPARE(get(QStringLiteral("/v1/accounts/%1/%2").arg(m_ada, what), m_kim).status, 200);
    const auto profile = get(QStringLiteral("/v1/accounts/%1").arg(m_ada), m_kim);
    QCOMPARE(profile.status, 200);
    QCOMPARE(profile.json.value(QStringLiteral("name")).toString(), QStringLiteral("Ada Lovelace"));
    QCOMPARE(profile.json.value(QStringLiteral("timezone")).toString(),
             QStringLiteral("Asia/Shanghai"));
    QCOMPARE(get(QStringLiteral("/v1/accounts/nobody-here"), m_kim).status, 404);
}

void TestServerSupport::search_byEmailNameAndId()
{
    // By email (any part, any case), by name (any part, any case), by id (any part).
    QCOMPARE(searchIds(QStringLiteral("ADA.LOVELACE@example")), QStringList{m_ada});
    QCOMPARE(searchIds(QStringLiteral("grace hop")),
             QStringList{QStringLiteral("demo-daily-free-images")});
    QCOMPARE(searchIds(QStringLiteral("emo-coding-wee")), QStringList{m_ada});
    QCOMPARE(searchIds(QStringLiteral("zed+support@")), QStringList{QStringLiteral("qx")});
    // Two characters: the start of a name or an email, or the id itself.
    QCOMPARE(searchIds(QStringLiteral("qx")), QStringList{QStringLiteral("qx")});
    QVERIFY(searchIds(QStringLiteral("zo")).contains(QStringLiteral("qx")));
    QVERIFY(!searchIds(QStringLiteral("ou")).contains(QStringLiteral("qx"))); // not "Zhou"'s end
    // Non-ASCII names fold case too; nothing matches a text nobody has.
    QCOMPARE(searchIds(QStringLiteral("ZOË Z")), QStringList{QStringLiteral("qx")});
    QVERIFY(searchIds(QStringLiteral("no such person")).isEmpty());
    // The hit carries what the console lists.
    const auto r = get(QStringLiteral("/v1/accounts?q=lovelace%40"), m_sam);
    const QJsonObject hit = r.json.value(QStringLiteral("accounts")).toArray()[0].toObject();
    QCOMPARE(hit.value(QStringLiteral("email")).toString(),
             QStringLiteral("ada.lovelace@example.com"));
    QCOMPARE(hit.value(QStringLiteral("preset")).toString(), QStringLiteral("coding-weekly"));
    QVERIFY(r.json.value(QStringLiteral("next_cursor")).isNull());
}

void TestServerSupport::search_pagesWithACursor()
{
    // The 30 seeded accounts (ids seed-000001…30), 7 a page: every one once, in name order.
    QStringList seen;
    QStringList names;
    QString cursor;
    int pages = 0;
    do {
        QString path = QStringLiteral("/v1/accounts?q=seed-0000&limit=7");
        if (!cursor.isEmpty())
            path += QStringLiteral("&cursor=") + cursor;
        const auto r = get(path, m_sam);
        QCOMPARE(r.status, 200);
        for (const auto &v : r.json.value(QStringLiteral("accounts")).toArray()) {
            seen << v.toObject().value(QStringLiteral("id")).toString();
            names << v.toObject().value(QStringLiteral("name")).toString().toLower();
        }
        cursor = r.json.value(QStringLiteral("next_cursor")).toString();
        ++pages;
    } while (!cursor.isEmpty() && pages < 20);
    QCOMPARE(pages, 5);
    QCOMPARE(seen.size(), 30);
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), 30);
    for (qsizetype i = 1; i < names.size(); ++i)
        QVERIFY2(names[i - 1] <= names[i] || names[i - 1].toUtf8() <= names[i].toUtf8(),
                 qPrintable(names[i - 1] + QStringLiteral(" > ") + names[i]));
    // No q: every account, paged the same way.
    const auto all = get(QStringLiteral("/v1/accounts?limit=200"), m_sam);
    QVERIFY(all.json.value(QStringLiteral("accounts")).toArray().size() >= 36);
}

void TestServerSupport::search_badInput()
{
    auto r = get(QStringLiteral("/v1/accounts?q=ada&cursor=not-a-cursor"), m_sam);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("cursor"));
    r = get(QStringLiteral("/v1/accounts?q=%22%22%22"), m_sam); // FTS syntax is literal text
    QCOMPARE(r.status, 200);
    r = get(QStringLiteral("/v1/accounts?q=%25%25%25"), m_sam);
    QCOMPARE(r.status, 200);
    QVERIFY(r.json.value(QStringLiteral("accounts")).toArray().isEmpty());
    QCOMPARE(get(QStringLiteral("/v1/accounts?limit=0"), m_sam).status, 400);
}

void TestServerSupport::accountAdd_email()
{
    bool ok = true;
    admin({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
           QStringLiteral("Dup"), QStringLiteral("--preset"), QStringLiteral("prepaid-tokens"),
           QStringLiteral("--email"), QStringLiteral("ZED+support@example.net")},
          &ok);
    QVERIFY(!ok); // the same address in another case is taken
    admin({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
           QStringLiteral("Bad"), QStringLiteral("--preset"), QStringLiteral("prepaid-tokens"),
           QStringLiteral("--email"), QStringLiteral("not an email")},
          &ok);
    QVERIFY(!ok);
    QVERIFY(searchIds(QStringLiteral("Dup")).isEmpty());
}

void TestServerSupport::purchases_stateAndReceipt()
{
    int completed = 0, failed = 0;
    for (const QString &account : m_members.keys()) {
        const auto r = get(QStringLiteral("/v1/accounts/%1/purchases").arg(account), m_sam);
        QCOMPARE(r.status, 200);
        for (const auto &v : r.json.value(QStringLiteral("purchases")).toArray()) {
            const QJsonObject p = v.toObject();
            const QString status = p.value(QStringLiteral("status")).toString();
            const QJsonValue receipt = p.value(QStringLiteral("receipt"));
            if (status == u"completed") {
                ++completed;
                QVERIFY(!p.value(QStringLiteral("settled_at")).isNull());
                const QJsonObject rc = receipt.toObject();
                QCOMPARE(rc.value(QStringLiteral("number")).toString(),
                         QStringLiteral("R-") + p.value(QStringLiteral("id")).toString());
                QCOMPARE(rc.value(QStringLiteral("issued_at")),
                         p.value(QStringLiteral("settled_at")));
                QCOMPARE(rc.value(QStringLiteral("amount")), p.value(QStringLiteral("amount")));
                QVERIFY(rc.value(QStringLiteral("event_seq")).toInt() >= 1);
            } else if (status == u"failed") {
                ++failed;
                QVERIFY(receipt.isNull());
                QVERIFY(!p.value(QStringLiteral("failure_reason")).toString().isEmpty());
                QVERIFY(!p.value(QStringLiteral("settled_at")).isNull());
            }
        }
    }
    QVERIFY(completed > 0);
    QVERIFY(failed > 0); // the demo's declined purchase: "failed why"
}

void TestServerSupport::refundQueue_newestFirstWithTaskDetail()
{
    const auto r = get(QStringLiteral("/v1/refund-requests?limit=500"), m_sam);
    QCOMPARE(r.status, 200);
    const QJsonArray all = r.json.value(QStringLiteral("refund_requests")).toArray();
    QVERIFY(all.size() >= 3);
    QSet<QString> states;
    QString previous;
    for (const auto &v : all) {
        const QJsonObject q = v.toObject();
        states << q.value(QStringLiteral("status")).toString();
        const QJsonObject detail = q.value(QStringLiteral("task_detail")).toObject();
        QVERIFY(detail.value(QStringLiteral("charged")).toDouble() > 0);
        const QJsonArray entries = detail.value(QStringLiteral("entries")).toArray();
        QVERIFY(!entries.isEmpty());
        for (const auto &e : entries)
            QCOMPARE(e.toObject().value(QStringLiteral("task")), q.value(QStringLiteral("task")));
        QVERIFY(!q.value(QStringLiteral("account_name")).toString().isEmpty());
        if (q.value(QStringLiteral("status")).toString() != u"open") {
            QCOMPARE(q.value(QStringLiteral("decided_by"))
                         .toObject()
                         .value(QStringLiteral("label"))
                         .toString(),
                     QStringLiteral("demo support"));
            QVERIFY(!q.value(QStringLiteral("decided_at")).isNull());
        }
    }
    QVERIFY(states.contains(QStringLiteral("open")) &&
            states.contains(QStringLiteral("approved")) &&
            states.contains(QStringLiteral("declined")));
    // Filtered by state and by account.
    const auto open = get(QStringLiteral("/v1/refund-requests?status=open"), m_sam);
    for (const auto &v : open.json.value(QStringLiteral("refund_requests")).toArray())
        QCOMPARE(v.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("open"));
    const auto mine = get(QStringLiteral("/v1/refund-requests?account=%1").arg(m_ada), m_sam);
    for (const auto &v : mine.json.value(QStringLiteral("refund_requests")).toArray())
        QCOMPARE(v.toObject().value(QStringLiteral("account")).toString(), m_ada);
    QCOMPARE(get(QStringLiteral("/v1/refund-requests?status=maybe"), m_sam).status, 400);
    QCOMPARE(get(QStringLiteral("/v1/refund-requests?account=nobody"), m_sam).status, 404);
}

void TestServerSupport::refundQueue_pages()
{
    const auto whole = get(QStringLiteral("/v1/refund-requests?limit=500"), m_sam);
    QStringList expected;
    for (const auto &v : whole.json.value(QStringLiteral("refund_requests")).toArray())
        expected << v.toObject().value(QStringLiteral("id")).toString();
    QStringList paged;
    QString cursor;
    int pages = 0;
    do {
        QString path = QStringLiteral("/v1/refund-requests?limit=2");
        if (!cursor.isEmpty())
            path += QStringLiteral("&cursor=") + cursor;
        const auto r = get(path, m_sam);
        QCOMPARE(r.status, 200);
        for (const auto &v : r.json.value(QStringLiteral("refund_requests")).toArray())
            paged << v.toObject().value(QStringLiteral("id")).toString();
        cursor = r.json.value(QStringLiteral("next_cursor")).toString();
    } while (!cursor.isEmpty() && ++pages < 100);
    QCOMPARE(paged, expected);
    QCOMPARE(get(QStringLiteral("/v1/refund-requests?cursor=%25%25"), m_sam).status, 400);
}

void TestServerSupport::refund_twoAgentsApproveAtOnce_paidOnce()
{
    const auto open = get(QStringLiteral("/v1/refund-requests?status=open&limit=500"), m_sam);
    const QJsonArray requests = open.json.value(QStringLiteral("refund_requests")).toArray();
    QVERIFY(!requests.isEmpty());
    const QJsonObject request = requests[0].toObject();
    const QString id = request.value(QStringLiteral("id")).toString();
    const QString account = request.value(QStringLiteral("account")).toString();
    const QString task = request.value(QStringLiteral("task")).toString();
    const double charged = request.value(QStringLiteral("task_detail"))
                               .toObject()
                               .value(QStringLiteral("charged"))
                               .toDouble();
    const double before = balance(account).value(QStringLiteral("total")).toDouble();

    // Two agents, two connections, at once.
    ApiClient second(m_server->port(), m_server->caPath());
    const QString path = QStringLiteral("/v1/refund-requests/%1/approve").arg(id);
    QNetworkReply *a =
        m_client->send("POST", path, m_sam,
                       ApiClient::json({{QStringLiteral("note"), QStringLiteral("Sam: ok")}}));
    QNetworkReply *b =
        second.send("POST", path, m_kim,
                    ApiClient::json({{QStringLiteral("note"), QStringLiteral("Kim: ok")}}));
    const auto replies = ApiClient::waitAll({a, b});
    QList<int> statuses{replies[0].status, replies[1].status};
    std::sort(statuses.begin(), statuses.end());
    QCOMPARE(statuses, (QList<int>{200, 409}));
    const auto &won = replies[0].status == 200 ? replies[0] : replies[1];
    const auto &lost = replies[0].status == 200 ? replies[1] : replies[0];
    const QString winner =
        replies[0].status == 200 ? QStringLiteral("demo support") : QStringLiteral("Kim");
    const QJsonObject decided = won.json.value(QStringLiteral("refund_request")).toObject();
    QCOMPARE(decided.value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
    QCOMPARE(decided.value(QStringLiteral("decided_by")).toObject().value(QStringLiteral("label")),
             winner);
    QCOMPARE(decided.value(QStringLiteral("refunded")).toDouble(), charged);
    QCOMPARE(won.json.value(QStringLiteral("balance_after"))
                     .toObject()
                     .value(QStringLiteral("total"))
                     .toDouble() -
                 won.json.value(QStringLiteral("balance_before"))
                     .toObject()
                     .value(QStringLiteral("total"))
                     .toDouble(),
             charged);

    // The second is told who decided and when.
    QCOMPARE(lost.errorCode(), QStringLiteral("refund_request_closed"));
    const QJsonObject error = lost.json.value(QStringLiteral("error")).toObject();
    const QJsonObject seen = error.value(QStringLiteral("details"))
                                 .toObject()
                                 .value(QStringLiteral("refund_request"))
                                 .toObject();
    QCOMPARE(seen.value(QStringLiteral("decided_by")).toObject().value(QStringLiteral("label")),
             winner);
    QCOMPARE(seen.value(QStringLiteral("decided_at")), decided.value(QStringLiteral("decided_at")));
    const QString message = error.value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(winner) &&
                 message.contains(decided.value(QStringLiteral("decided_at")).toString()),
             qPrintable(message));

    // Paid once: one refund entry for the task, the balance up by the charge once.
    const auto ledger = get(QStringLiteral("/v1/accounts/%1/ledger?limit=500").arg(account), m_sam);
    int refunds = 0;
    for (const auto &v : ledger.json.value(QStringLiteral("entries")).toArray())
        refunds += v.toObject().value(QStringLiteral("type")) == QStringLiteral("refund") &&
                   v.toObject().value(QStringLiteral("task")).toString() == task;
    QCOMPARE(refunds, 1);
    QCOMPARE(balance(account).value(QStringLiteral("total")).toDouble(), before + charged);
    // A decline after it is refused the same way.
    const auto late =
        post(QStringLiteral("/v1/refund-requests/%1/decline").arg(id), m_kim,
             ApiClient::json({{QStringLiteral("reason"), QStringLiteral("too late")}}));
    QCOMPARE(late.status, 409);
}

void TestServerSupport::adjustment_badInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");
    const auto row = [](const char *name, const char *body, int status, const char *code,
                        const char *field) {
        QTest::newRow(name) << QByteArray(body) << status << QString::fromLatin1(code)
                            << QString::fromLatin1(field);
    };
    row("no reason", R"({"type":"grant","amount":5})", 400, "missing_field", "reason");
    row("blank reason", R"({"type":"grant","amount":5,"reason":"   "})", 400, "invalid_field",
        "reason");
    row("no amount", R"({"type":"grant","reason":"r"})", 400, "missing_field", "amount");
    row("amount not a number", R"({"type":"grant","amount":"5","reason":"r"})", 400,
        "invalid_field", "amount");
    row("amount null", R"({"type":"grant","amount":null,"reason":"r"})", 400, "invalid_field",
        "amount");
    row("four decimals", R"({"type":"grant","amount":1.2345,"reason":"r"})", 400, "invalid_field",
        "amount");
    row("zero", R"({"type":"grant","amount":0,"reason":"r"})", 400, "invalid_field", "amount");
    row("negative", R"({"type":"debit","amount":-3,"reason":"r"})", 400, "invalid_field", "amount");
    row("above max_amount", R"({"type":"grant","amount":1000000000000.001,"reason":"r"})", 400,
        "amount_too_large", "amount");
    row("far above max_amount", R"({"type":"grant","amount":1e300,"reason":"r"})", 400,
        "amount_too_large", "amount");
    row("unknown type", R"({"type":"gift","amount":5,"reason":"r"})", 400, "invalid_field", "type");
    row("debit with expiry",
        R"({"type":"debit","amount":1,"reason":"r","expires_at":"2099-01-01T00:00:00Z"})", 400,
        "invalid_field", "expires_at");
    row("expiry in the past",
        R"({"type":"grant","amount":1,"reason":"r","expires_at":"2001-01-01T00:00:00Z"})", 400,
        "invalid_field", "expires_at");
    row("dry_run not a boolean", R"({"type":"grant","amount":1,"reason":"r","dry_run":"yes"})", 400,
        "invalid_field", "dry_run");
    row("not JSON", "{", 400, "invalid_json", "");
}

void TestServerSupport::adjustment_badInput()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, field);
    const QString cursor = ledgerCursor(m_ada);
    const int audited = auditCount(m_ada);
    const auto r = post(QStringLiteral("/v1/accounts/%1/adjustments").arg(m_ada), m_sam, body);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorCode(), code);
    if (!field.isEmpty()) {
        QCOMPARE(r.errorField(), field);
        QVERIFY2(r.json.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("message"))
                     .toString()
                     .contains(field),
                 r.body.constData());
    }
    // Refused: nothing written, nothing audited.
    QCOMPARE(ledgerCursor(m_ada), cursor);
    QCOMPARE(auditCount(m_ada), audited);
}

void TestServerSupport::adjustment_insufficientCredits()
{
    const QString account = QStringLiteral("demo-prepaid-tokens");
    const double available = balance(account).value(QStringLiteral("available")).toDouble();
    const QString cursor = ledgerCursor(account);
    const auto r =
        post(QStringLiteral("/v1/accounts/%1/adjustments").arg(account), m_sam,
             ApiClient::json({{QStringLiteral("type"), QStringLiteral("debit")},
                              {QStringLiteral("amount"), available + 0.001},
                              {QStringLiteral("reason"), QStringLiteral("chargeback")}}));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("insufficient_credits"));
    QCOMPARE(r.errorField(), QStringLiteral("amount"));
    QCOMPARE(ledgerCursor(account), cursor);
    // Exactly what is available is allowed (as a dry run: nothing taken).
    const auto exact =
        post(QStringLiteral("/v1/accounts/%1/adjustments").arg(account), m_sam,
             ApiClient::json({{QStringLiteral("type"), QStringLiteral("debit")},
                              {QStringLiteral("amount"), available},
                              {QStringLiteral("reason"), QStringLiteral("chargeback")},
                              {QStringLiteral("dry_run"), true}}));
    QCOMPARE(exact.status, 200);
    QCOMPARE(exact.json.value(QStringLiteral("balance_after"))
                 .toObject()
                 .value(QStringLiteral("available"))
                 .toDouble(),
             0.0);
    QCOMPARE(ledgerCursor(account), cursor);
}

void TestServerSupport::adjustment_dryRunThenApplied()
{
    const QString path = QStringLiteral("/v1/accounts/%1/adjustments").arg(m_ada);
    const QString cursor = ledgerCursor(m_ada);
    const double total = balance(m_ada).value(QStringLiteral("total")).toDouble();
    QJsonObject body{{QStringLiteral("type"), QStringLiteral("grant")},
                     {QStringLiteral("amount"), 12.345},
                     {QStringLiteral("reason"), QStringLiteral("Video failed twice")},
                     {QStringLiteral("expires_at"), QStringLiteral("2099-01-01T00:00:00Z")},
                     {QStringLiteral("dry_run"), true}};
    auto r = post(path, m_kim, ApiClient::json(body));
    QCOMPARE(r.status, 200);
    QVERIFY(r.json.value(QStringLiteral("dry_run")).toBool());
    QVERIFY(
        r.json.value(QStringLiteral("adjustment")).toObject().value(QStringLiteral("id")).isNull());
    const double previewBefore = r.json.value(QStringLiteral("balance_before"))
                                     .toObject()
                                     .value(QStringLiteral("total"))
                                     .toDouble();
    const double previewAfter = r.json.value(QStringLiteral("balance_after"))
                                    .toObject()
                                    .value(QStringLiteral("total"))
                                    .toDouble();
    QCOMPARE(previewBefore, total);
    QCOMPARE(previewAfter, total + 12.345);
    QCOMPARE(ledgerCursor(m_ada), cursor); // a dry run writes nothing

    body.remove(QStringLiteral("dry_run"));
    r = post(path, m_kim, ApiClient::json(body));
    QCOMPARE(r.status, 201);
    const QJsonObject adj = r.json.value(QStringLiteral("adjustment")).toObject();
    QVERIFY(adj.value(QStringLiteral("id")).toString().startsWith(QStringLiteral("adj_")));
    QCOMPARE(adj.value(QStringLiteral("decided_by")).toObject().value(QStringLiteral("label")),
             QStringLiteral("Kim"));
    QVERIFY(!adj.value(QStringLiteral("expires_at")).isNull());
    QCOMPARE(r.json.value(QStringLiteral("balance_before"))
                 .toObject()
                 .value(QStringLiteral("total"))
                 .toDouble(),
             total);
    QCOMPARE(r.json.value(QStringLiteral("balance_after"))
                 .toObject()
                 .value(QStringLiteral("total"))
                 .toDouble(),
             total + 12.345);
    QCOMPARE(balance(m_ada).value(QStringLiteral("total")).toDouble(), total + 12.345);
}

void TestServerSupport::audit_listsDecisionsAndIsAppendOnly()
{
    const auto r =
        get(QStringLiteral("/v1/accounts/%1/audit?action=adjustment.grant").arg(m_ada), m_sam);
    QCOMPARE(r.status, 200);
    const QJsonArray rows = r.json.value(QStringLiteral("entries")).toArray();
    QVERIFY(!rows.isEmpty());
    // Newest first: the grant Kim just made, with who, when, why and the balances.
    const QJsonObject newest = rows[0].toObject();
    QCOMPARE(newest.value(QStringLiteral("action")).toString(), QStringLiteral("adjustment.grant"));
    QCOMPARE(newest.value(QStringLiteral("actor_label")).toString(), QStringLiteral("Kim"));
    QCOMPARE(newest.value(QStringLiteral("role")).toString(), QStringLiteral("support"));
    QCOMPARE(newest.value(QStringLiteral("reason")).toString(),
             QStringLiteral("Video failed twice"));
    const double before = newest.value(QStringLiteral("balance_before"))
                              .toObject()
                              .value(QStringLiteral("total"))
                              .toDouble();
    const double after = newest.value(QStringLiteral("balance_after"))
                             .toObject()
                             .value(QStringLiteral("total"))
                             .toDouble();
    QCOMPARE(after - before, 12.345);

    // Across accounts: refund decisions with who decided, paged.
    const auto trail =
        get(QStringLiteral("/v1/audit?action=refund_request.approve&limit=1"), m_sam);
    QCOMPARE(trail.status, 200);
    const QJsonObject approval =
        trail.json.value(QStringLiteral("entries")).toArray()[0].toObject();
    QVERIFY(!approval.value(QStringLiteral("actor_label")).toString().isEmpty());
    QVERIFY(approval.value(QStringLiteral("balance_after")).isObject());
    QVERIFY(!trail.json.value(QStringLiteral("next_cursor")).isNull());
    const auto next =
        get(QStringLiteral("/v1/audit?action=refund_request.approve&limit=1&cursor=") +
                trail.json.value(QStringLiteral("next_cursor")).toString(),
            m_sam);
    QCOMPARE(next.status, 200);
    QVERIFY(next.json.value(QStringLiteral("entries"))
                .toArray()[0]
                .toObject()
                .value(QStringLiteral("id")) != approval.value(QStringLiteral("id")));

    // No endpoint edits it...
    const QString path = QStringLiteral("/v1/accounts/%1/audit").arg(m_ada);
    for (const QByteArray &method : {QByteArrayLiteral("PUT"), QByteArrayLiteral("PATCH"),
                                     QByteArrayLiteral("DELETE"), QByteArrayLiteral("POST")}) {
        const auto replies =
            ApiClient::waitAll({m_client->send(method, path, m_sam, QByteArrayLiteral("{}"))});
        QVERIFY2(replies[0].status == 405, method.constData());
    }
    // ...and the database refuses to.
    const QString spec = ServerProcess::databaseSpec(m_data);
    {
        QSqlDatabase db;
        if (spec.startsWith(QStringLiteral("postgres"))) {
            const QUrl url(spec);
            db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("tamper"));
            db.setHostName(url.host());
            db.setPort(url.port(5432));
            db.setUserName(url.userName());
            db.setPassword(url.password());
            db.setDatabaseName(url.path().mid(1));
        } else {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
            db.setDatabaseName(spec);
        }
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        QVERIFY(!q.exec(QStringLiteral("UPDATE audit_log SET detail = '{}'")));
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM audit_log")));
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM audit_log")) && q.next() &&
                q.value(0).toInt() > 0);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
}

void TestServerSupport::revokedSupportToken_nothingDone()
{
    bool ok = false;
    const QString token =
        admin({QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--role"),
               QStringLiteral("support"), QStringLiteral("--label"), QStringLiteral("Temp")},
              &ok);
    QVERIFY(ok);
    const auto me = get(QStringLiteral("/v1/me"), token);
    QCOMPARE(me.status, 200);
    const QString tokenId = me.json.value(QStringLiteral("token_id")).toString();
    const QString path = QStringLiteral("/v1/accounts/%1/adjustments").arg(m_ada);
    const QByteArray grant =
        ApiClient::json({{QStringLiteral("type"), QStringLiteral("grant")},
                         {QStringLiteral("amount"), 1},
                         {QStringLiteral("reason"), QStringLiteral("goodwill")}});
    QCOMPARE(post(path, token, grant).status, 201); // valid while the console is open...

    QCOMPARE(
        admin({QStringLiteral("token"), QStringLiteral("revoke"), QStringLiteral("--id"), tokenId},
              &ok),
        QStringLiteral("revoked ") + tokenId);
    QVERIFY(ok);
    // ...revoked in another process: the next action is refused and changes nothing.
    const QString cursor = ledgerCursor(m_ada);
    const int audited = auditCount(m_ada);
    const auto refused = post(path, token, grant);
    QCOMPARE(refused.status, 401);
    QCOMPARE(refused.errorCode(), QStringLiteral("token_revoked"));
    QCOMPARE(get(QStringLiteral("/v1/accounts?q=ada"), token).status, 401);
    QCOMPARE(ledgerCursor(m_ada), cursor);
    QCOMPARE(auditCount(m_ada), audited);
    admin({QStringLiteral("token"), QStringLiteral("revoke"), QStringLiteral("--id"),
           QStringLiteral("tok_nope")},
          &ok);
    QVERIFY(!ok);
}

QTEST_GUILESS_MAIN(TestServerSupport)
#include "tst_server_support.moc"
