// API v1 end to end: a real creditdesk-server on 127.0.0.1 over HTTPS (test CA), every
// endpoint's success and failure paths, roles, idempotency and the scenario export.
#include "ApiClient.h"
#include "ServerProcess.h"

#include "ScenarioReader.h"
#include "ScenarioReplay.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestServerApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void tls_handshakeWithoutTheCaFails();
    void me_identifiesTheCaller();
    void auth_missingOrUnknownTokenIs401();
    void roles_memberReadsOnlyItsAccount();
    void routing_unknownPathsAndMethods();
    void packs_catalogue();
    void summary_answersFromTheEngine();
    void purchase_pendingThenCompletedOnce();
    void purchase_idempotencyKey();
    void purchase_badInputLeavesTheLedger();
    void purchase_declinedCreditsNothing();
    void body_tooLargeIs413();
    void tasks_startAndEnd();
    void tasks_rejectedStartIsRecorded();
    void refunds_fileApproveDecline();
    void adjustments_bySupportWithReason();
    void ledger_pagesCursorsAndEtag();
    void search_and_audit();
    void export_replaysToTheServersBalance();

private:
    ApiClient::Reply get(const QString &path, const QString &token,
                         const ApiClient::Headers &h = {})
    {
        return m_client->get(path, token, h);
    }
    ApiClient::Reply post(const QString &path, const QString &token, const QByteArray &body,
                          const ApiClient::Headers &h = {})
    {
        return m_client->post(path, token, body, h);
    }
    QString ledgerCursor(const QString &account)
    {
        return get(QStringLiteral("/v1/accounts/%1/ledger?limit=1").arg(account), m_support)
            .json.value(QStringLiteral("latest_cursor"))
            .toString();
    }
    double available(const QString &account)
    {
        return get(QStringLiteral("/v1/accounts/%1/summary").arg(account), m_support)
            .json.value(QStringLiteral("balance"))
            .toObject()
            .value(QStringLiteral("available"))
            .toDouble();
    }
    QString waitForPurchase(const QString &account, const QString &id);
    QString buy(const QString &account, const QString &token, const QString &pack,
                const QByteArray &key);

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ApiClient> m_client;
    QString m_pp, m_um; // member tokens: prepaid-tokens, unified-monthly
    QString m_support;
};

QString TestServerApi::waitForPurchase(const QString &account, const QString &id)
{
    const QString path = QStringLiteral("/v1/accounts/%1/purchases/%2").arg(account, id);
    // Polls the API until the server's own timer has settled it (generous limit).
    QElapsedTimer timer;
    timer.start();
    QString status;
    do {
        status = get(path, m_support).json.value(QStringLiteral("status")).toString();
        if (status != QStringLiteral("pending"))
            break;
        QTest::qWait(20);
    } while (timer.elapsed() < 60000);
    return status;
}

QString TestServerApi::buy(const QString &account, const QString &token, const QString &pack,
                           const QByteArray &key)
{
    const auto r =
        post(QStringLiteral("/v1/accounts/%1/purchases").arg(account), token,
             ApiClient::json({{QStringLiteral("pack"), pack}}), {{"Idempotency-Key", key}});
    if (r.status != 202)
        return {};
    return r.json.value(QStringLiteral("id")).toString();
}

void TestServerApi::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString data = m_dir.filePath(QStringLiteral("data"));
    bool ok = false;
    const auto admin = [&](QStringList args) {
        args.insert(2, QStringLiteral("--data"));
        args.insert(3, data);
        return ServerProcess::runAdmin(args, &ok);
    };
    QCOMPARE(admin({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
                    QStringLiteral("Paula Prepaid"), QStringLiteral("--preset"),
                    QStringLiteral("prepaid-tokens"), QStringLiteral("--timezone"),
                    QStringLiteral("Europe/Paris"), QStringLiteral("--id"), QStringLiteral("pp")}),
             QStringLiteral("pp"));
    QVERIFY(ok);
    QCOMPARE(admin({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
                    QStringLiteral("Umar Unified"), QStringLiteral("--preset"),
                    QStringLiteral("unified-monthly"), QStringLiteral("--timezone"),
                    QStringLiteral("Asia/Shanghai"), QStringLiteral("--plan"),
                    QStringLiteral("plus"), QStringLiteral("--id"), QStringLiteral("um")}),
             QStringLiteral("um"));
    QVERIFY(ok);
    // Bad admin input fails with a message, and creates nothing.
    admin({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
           QStringLiteral("X"), QStringLiteral("--preset"), QStringLiteral("no-such-preset")});
    QVERIFY(!ok);
    admin({QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--role"),
           QStringLiteral("member"), QStringLiteral("--account"), QStringLiteral("nobody")});
    QVERIFY(!ok);

    m_pp = admin({QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--role"),
                  QStringLiteral("member"), QStringLiteral("--account"), QStringLiteral("pp")});
    QVERIFY(ok);
    QVERIFY(m_pp.startsWith(QStringLiteral("cdt_")));
    m_um = admin({QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--role"),
                  QStringLiteral("member"), QStringLiteral("--account"), QStringLiteral("um")});
    QVERIFY(ok);
    m_support = admin({QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--role"),
                       QStringLiteral("support"), QStringLiteral("--label"),
                       QStringLiteral("Sam Support")});
    QVERIFY(ok);

    m_server = std::make_unique<ServerProcess>(data);
    // Payments settle on whole seconds of the server's clock (created_at + ceil(delay)): with
    // 2 s a purchase stays pending at least 1 s, long enough to see it pending under load.
    QVERIFY2(m_server->start({QStringLiteral("--payment-delay-ms"), QStringLiteral("2000")}),
             qPrintable(m_server->output()));
    QVERIFY(m_server->output().contains(QStringLiteral("CA certificate: ")));
    QVERIFY(QFile::exists(m_server->caPath()));
    m_client = std::make_unique<ApiClient>(m_server->port(), m_server->caPath());
}

void TestServerApi::cleanupTestCase()
{
    m_client.reset();
    if (m_server)
        m_server->stop();
}

void TestServerApi::tls_handshakeWithoutTheCaFails()
{
    // Without the test CA the handshake must fail: the certificate is not trusted. (Its own
    // manager: Qt keeps connections per manager, and this one must not be reused.)
    QNetworkAccessManager other;
    QNetworkReply *untrusted =
        other.get(m_client->request(QStringLiteral("/v1/me"), m_pp, {}, /*trustCa=*/false));
    const auto r = ApiClient::waitAll({untrusted}).front();
    QCOMPARE(r.error, QNetworkReply::SslHandshakeFailedError);
    QCOMPARE(r.status, 0);

    const auto ok = get(QStringLiteral("/v1/me"), m_pp);
    QCOMPARE(ok.error, QNetworkReply::NoError);
    QCOMPARE(ok.status, 200);

    // No plain-HTTP listener: http:// on the same port gets no HTTP answer.
    QNetworkAccessManager plain;
    QNetworkReply *http = plain.get(
        QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/me").arg(m_server->port()))));
    const auto p = ApiClient::waitAll({http}).front();
    QVERIFY(p.status == 0 || p.status >= 400);
    QVERIFY(!p.body.contains("token_id"));
}

void TestServerApi::me_identifiesTheCaller()
{
    auto r = get(QStringLiteral("/v1/me"), m_pp);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("role")).toString(), QStringLiteral("member"));
    const QJsonObject account = r.json.value(QStringLiteral("account")).toObject();
    QCOMPARE(account.value(QStringLiteral("id")).toString(), QStringLiteral("pp"));
    QCOMPARE(account.value(QStringLiteral("preset")).toString(), QStringLiteral("prepaid-tokens"));
    QCOMPARE(account.value(QStringLiteral("timezone")).toString(), QStringLiteral("Europe/Paris"));

    r = get(QStringLiteral("/v1/me"), m_support);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("role")).toString(), QStringLiteral("support"));
    QVERIFY(r.json.value(QStringLiteral("account")).isNull());
    QCOMPARE(r.json.value(QStringLiteral("label")).toString(), QStringLiteral("Sam Support"));
}

void TestServerApi::auth_missingOrUnknownTokenIs401()
{
    auto r = get(QStringLiteral("/v1/me"), QString());
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), QStringLiteral("unauthorized"));
    QCOMPARE(r.errorField(), QStringLiteral("Authorization"));
    QVERIFY(r.header("WWW-Authenticate").startsWith("Bearer"));

    r = get(QStringLiteral("/v1/accounts/pp/summary"), QStringLiteral("cdt_not-a-real-token"));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), QStringLiteral("invalid_token"));

    r = get(QStringLiteral("/v1/me"), QString(), {{"Authorization", "Basic dXNlcjpwYXNz"}});
    QCOMPARE(r.status, 401);
    // A write without a token changes nothing.
    const QString before = ledgerCursor(QStringLiteral("pp"));
    r = post(QStringLiteral("/v1/accounts/pp/tasks"), QString(),
             ApiClient::json({{QStringLiteral("feature"), QStringLiteral("image")}}));
    QCOMPARE(r.status, 401);
    QCOMPARE(ledgerCursor(QStringLiteral("pp")), before);
}

void TestServerApi::roles_memberReadsOnlyItsAccount()
{
    for (const char *what : {"summary", "ledger", "export", "purchases", "refund-requests"}) {
        const QString path = QStringLiteral("/v1/accounts/um/%1").arg(QLatin1String(what));
        auto r = get(path, m_pp);
        QVERIFY2(r.status == 403, qPrintable(path));
        QCOMPARE(r.errorCode(), QStringLiteral("forbidden"));
        QCOMPARE(get(path, m_um).status, 200);
        QCOMPARE(get(path, m_support).status, 200);
    }
    // A member naming an account that does not exist learns nothing either: 403.
    QCOMPARE(get(QStringLiteral("/v1/accounts/nobody/summary"), m_pp).status, 403);
    // Support gets a 404 for it.
    auto r = get(QStringLiteral("/v1/accounts/nobody/summary"), m_support);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), QStringLiteral("not_found"));
    // Support-only endpoints.
    QCOMPARE(get(QStringLiteral("/v1/accounts?q=a"), m_pp).status, 403);
    QCOMPARE(get(QStringLiteral("/v1/refund-requests"), m_pp).status, 403);
    QCOMPARE(get(QStringLiteral("/v1/accounts/pp/audit"), m_pp).status, 403);
    // Writes into another member's account, and member-only writes by support.
    QCOMPARE(post(QStringLiteral("/v1/accounts/um/tasks"), m_pp,
                  ApiClient::json({{QStringLiteral("feature"), QStringLiteral("chat")}}))
                 .status,
             403);
    QCOMPARE(post(QStringLiteral("/v1/accounts/pp/tasks"), m_support,
                  ApiClient::json({{QStringLiteral("feature"), QStringLiteral("image")}}))
                 .status,
             403);
    QCOMPARE(post(QStringLiteral("/v1/accounts/pp/purchases"), m_support,
                  ApiClient::json({{QStringLiteral("pack"), QStringLiteral("tokens_100")}}),
                  {{"Idempotency-Key", "support-buys"}})
                 .status,
             403);
}

void TestServerApi::routing_unknownPathsAndMethods()
{
    auto r = get(QStringLiteral("/v1/nothing-here"), m_pp);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), QStringLiteral("not_found"));
    QCOMPARE(get(QStringLiteral("/"), m_pp).status, 404);
    r = post(QStringLiteral("/v1/me"), m_pp, "{}");
    QCOMPARE(r.status, 405);
    QCOMPARE(r.errorCode(), QStringLiteral("method_not_allowed"));
    QNetworkReply *del =
        m_client->send("DELETE", QStringLiteral("/v1/accounts/pp/purchases"), m_pp);
    QCOMPARE(ApiClient::waitAll({del}).front().status, 405);
}

void TestServerApi::packs_catalogue()
{
    auto r = get(QStringLiteral("/v1/packs"), m_pp);
    QCOMPARE(r.status, 200);
    QJsonArray catalogue = r.json.value(QStringLiteral("catalogue")).toArray();
    QCOMPARE(catalogue.size(), 1);
    const QJsonObject prepaid = catalogue[0].toObject();
    QCOMPARE(prepaid.value(QStringLiteral("preset")).toString(), QStringLiteral("prepaid-tokens"));
    QCOMPARE(prepaid.value(QStringLiteral("unit")).toString(), QStringLiteral("tokens"));
    const QJsonArray packs = prepaid.value(QStringLiteral("packs")).toArray();
    QCOMPARE(packs.size(), 3);
    QCOMPARE(packs[0].toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("tokens_100"));
    QCOMPARE(packs[0].toObject().value(QStringLiteral("amount")).toDouble(), 100.0);

    r = get(QStringLiteral("/v1/packs"), m_support);
    QCOMPARE(r.json.value(QStringLiteral("catalogue")).toArray().size(), 5);
    r = get(QStringLiteral("/v1/packs?preset=tiered-tasks"), m_support);
    QCOMPARE(r.json.value(QStringLiteral("catalogue"))
                 .toArray()[0]
                 .toObject()
                 .value(QStringLiteral("packs"))
                 .toArray()
                 .size(),
             3);
    r = get(QStringLiteral("/v1/packs?preset=nope"), m_pp);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("preset"));
}

void TestServerApi::summary_answersFromTheEngine()
{
    auto r = get(QStringLiteral("/v1/accounts/um/summary"), m_um);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
    QCOMPARE(r.json.value(QStringLiteral("plan")).toString(), QStringLiteral("plus"));
    QCOMPARE(r.json.value(QStringLiteral("unit")).toString(), QStringLiteral("credits"));
    const QString asOf = r.json.value(QStringLiteral("as_of")).toString();
    QVERIFY2(asOf.endsWith(QStringLiteral("+08:00")), qPrintable(asOf)); // Asia/Shanghai
    const QJsonObject balance = r.json.value(QStringLiteral("balance")).toObject();
    QCOMPARE(balance.value(QStringLiteral("total")).toDouble(), 1000.0);
    QCOMPARE(balance.value(QStringLiteral("available")).toDouble(), 1000.0);
    QCOMPARE(balance.value(QStringLiteral("reserved")).toDouble(), 0.0);
    const QJsonArray buckets = balance.value(QStringLiteral("buckets")).toArray();
    QCOMPARE(buckets.size(), 1);
    QCOMPARE(buckets[0].toObject().value(QStringLiteral("kind")).toString(),
             QStringLiteral("plan"));
    QVERIFY(buckets[0]
                .toObject()
                .value(QStringLiteral("expires_at"))
                .toString()
                .endsWith(QStringLiteral("+08:00")));
    const QJsonArray refreshes = r.json.value(QStringLiteral("next_refresh"))
                                     .toObject()
                                     .value(QStringLiteral("refreshes"))
                                     .toArray();
    QCOMPARE(refreshes.size(), 1);
    QCOMPARE(refreshes[0].toObject().value(QStringLiteral("at")),
             buckets[0].toObject().value(QStringLiteral("expires_at")));
    const QJsonArray windows = r.json.value(QStringLiteral("limits"))
                                   .toObject()
                                   .value(QStringLiteral("windows"))
                                   .toArray();
    QCOMPARE(windows.size(), 2);
    QCOMPARE(windows[0].toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("5h"));
    QCOMPARE(windows[0].toObject().value(QStringLiteral("limit")).toDouble(), 200.0);
    const QJsonObject projection = r.json.value(QStringLiteral("projection")).toObject();
    QCOMPARE(projection.value(QStringLiteral("burn_per_day")).toDouble(), 0.0);
    QVERIFY(projection.value(QStringLiteral("runs_out_at")).isNull());

    QCOMPARE(get(QStringLiteral("/v1/accounts/um/summary?window_days=0"), m_um).status, 400);
    QCOMPARE(get(QStringLiteral("/v1/accounts/um/summary?window_days=x"), m_um).errorField(),
             QStringLiteral("window_days"));

    // Usage shows at once: 4,200 tokens of chat cost 4.2 (exact decimals).
    auto start = post(QStringLiteral("/v1/accounts/um/tasks"), m_um,
                      ApiClient::json({{QStringLiteral("feature"), QStringLiteral("chat")},
                                       {QStringLiteral("task"), QStringLiteral("c1")}}));
    QCOMPARE(start.status, 201);
    auto end = post(QStringLiteral("/v1/accounts/um/tasks/c1/end"), m_um,
                    ApiClient::json({{QStringLiteral("outcome"), QStringLiteral("success")},
                                     {QStringLiteral("tokens"), 4200}}));
    QCOMPARE(end.status, 200);
    QVERIFY2(end.body.contains("\"charged\": 4.2"), end.body.constData());
    // unified-monthly charges the tokens processed: an end without them is refused.
    post(QStringLiteral("/v1/accounts/um/tasks"), m_um,
         ApiClient::json({{QStringLiteral("feature"), QStringLiteral("chat")},
                          {QStringLiteral("task"), QStringLiteral("c2")}}));
    end = post(QStringLiteral("/v1/accounts/um/tasks/c2/end"), m_um,
               ApiClient::json({{QStringLiteral("outcome"), QStringLiteral("success")}}));
    QCOMPARE(end.status, 400);
    QCOMPARE(end.errorField(), QStringLiteral("tokens"));
    r = get(QStringLiteral("/v1/accounts/um/summary"), m_um);
    QVERIFY2(r.body.contains("\"total\": 995.8"), r.body.constData());
}

void TestServerApi::purchase_pendingThenCompletedOnce()
{
    const double before = available(QStringLiteral("pp"));
    const auto r = post(QStringLiteral("/v1/accounts/pp/purchases"), m_pp,
                        ApiClient::json({{QStringLiteral("pack"), QStringLiteral("tokens_100")}}),
                        {{"Idempotency-Key", "first-purchase"}});
    QCOMPARE(r.status, 202);
    QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    QCOMPARE(r.json.value(QStringLiteral("amount")).toDouble(), 100.0);
    const QString id = r.json.value(QStringLiteral("id")).toString();
    // Pending credits are not spendable.
    QCOMPARE(available(QStringLiteral("pp")), before);
    QCOMPARE(waitForPurchase(QStringLiteral("pp"), id), QStringLiteral("completed"));
    QCOMPARE(available(QStringLiteral("pp")), before + 100);
    const auto one = get(QStringLiteral("/v1/accounts/pp/purchases/%1").arg(id), m_pp);
    QVERIFY(!one.json.value(QStringLiteral("settled_at")).isNull());
    // The ledger's purchase entry names the purchase.
    const auto ledger = get(QStringLiteral("/v1/accounts/pp/ledger"), m_pp);
    int entries = 0;
    for (const auto &e : ledger.json.value(QStringLiteral("entries")).toArray())
        if (e.toObject().value(QStringLiteral("purchase")).toString() == id)
            ++entries;
    QCOMPARE(entries, 1);
    const auto list = get(QStringLiteral("/v1/accounts/pp/purchases?status=completed"), m_pp);
    QVERIFY(list.body.contains(id.toUtf8()));
    QCOMPARE(get(QStringLiteral("/v1/accounts/pp/purchases?status=odd"), m_pp).status, 400);
    QCOMPARE(get(QStringLiteral("/v1/accounts/pp/purchases/pur_nope"), m_pp).status, 404);
}

void TestServerApi::purchase_idempotencyKey()
{
    const QByteArray body =
        ApiClient::json({{QStringLiteral("pack"), QStringLiteral("tokens_500")}});
    const auto first = post(QStringLiteral("/v1/accounts/pp/purchases"), m_pp, body,
                            {{"Idempotency-Key", "idem-1"}});
    QCOMPARE(first.status, 202);
    const QString id = first.json.value(QStringLiteral("id")).toString();
    QCOMPARE(waitForPurchase(QStringLiteral("pp"), id), QStringLiteral("completed"));
    const double after = available(QStringLiteral("pp"));
    // Same key, same body (other spacing): the first answer again, no second charge.
    const auto again = post(QStringLiteral("/v1/accounts/pp/purchases"), m_pp,
                            "{ \"pack\" : \"tokens_500\" }", {{"Idempotency-Key", "idem-1"}});
    QCOMPARE(again.status, 202);
    QCOMPARE(again.body, first.body);
    QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
    QCOMPARE(available(QStringLiteral("pp")), after);
    // Same key, another body: 409, nothing bought.
    const QString cursor = ledgerCursor(QStringLiteral("pp"));
    const auto other =
        post(QStringLiteral("/v1/accounts/pp/purchases"), m_pp,
             ApiClient::json({{QStringLiteral("pack"), QStringLiteral("tokens_100")}}),
             {{"Idempotency-Key", "idem-1"}});
    QCOMPARE(other.status, 409);
    QCOMPARE(other.errorCode(), QStringLiteral("idempotency_key_reused"));
    QCOMPARE(other.errorField(), QStringLiteral("Idempotency-Key"));
    QCOMPARE(ledgerCursor(QStringLiteral("pp")), cursor);
    // Keys are per account: another member may use the same key.
    const auto elsewhere = post(QStringLiteral("/v1/accounts/um/purchases"), m_um, "{}",
                                {{"Idempotency-Key", "idem-1"}});
    QCOMPARE(elsewhere.status, 400); // unified-monthly has no packs: pack required...
    QCOMPARE(elsewhere.errorCode(), QStringLiteral("missing_field"));
}

void TestServerApi::purchase_badInputLeavesTheLedger()
{
    const QString cursor = ledgerCursor(QStringLiteral("pp"));
    const auto buy = [&](const QByteArray &body, const ApiClient::Headers &h) {
        return post(QStringLiteral("/v1/accounts/pp/purchases"), m_pp, body, h);
    };
    auto r = buy(ApiClient::json({{QStringLiteral("pack"), QStringLiteral("tokens_100")}}), {});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("Idempotency-Key"));
    r = buy(ApiClient::json({{QStringLiteral("pack"), QStringLiteral("tokens_7")}}),
            {{"Idempotency-Key", "b1"}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("pack"));
    QVERIFY(r.json.value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("tokens_7")));
    r = buy("{\"pack\": ", {{"Idempotency-Key", "b2"}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QStringLiteral("invalid_json"));
    r = buy("[1, 2]", {{"Idempotency-Key", "b3"}});
    QCOMPARE(r.errorCode(), QStringLiteral("invalid_json"));
    r = buy(ApiClient::json({{QStringLiteral("pack"), QStringLiteral("tokens_100")},
                             {QStringLiteral("coupon"), QStringLiteral("FREE")}}),
            {{"Idempotency-Key", "b4"}});
    QCOMPARE(r.errorCode(), QStringLiteral("unknown_field"));
    QCOMPARE(r.errorField(), QStringLiteral("coupon"));
    r = buy(ApiClient::json({{QStringLiteral("pack"), 100}}), {{"Idempotency-Key", "b5"}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("pack"));
    r = buy(ApiClient::json({{QStringLiteral("amount"), 50}}), {{"Idempotency-Key", "b6"}});
    QCOMPARE(r.status, 400); // prepaid-tokens sells packs only
    QCOMPARE(r.errorField(), QStringLiteral("amount"));
    r = buy(ApiClient::json({{QStringLiteral("pack"), QStringLiteral("tokens_100")},
                             {QStringLiteral("payment_method"), QStringLiteral("iou")}}),
            {{"Idempotency-Key", "b7"}});
    QCOMPARE(r.errorField(), QStringLiteral("payment_method"));
    QCOMPARE(ledgerCursor(QStringLiteral("pp")), cursor);
    // A refused request does not burn its key.
    r = buy(ApiClient::json({{QStringLiteral("pack"), QStringLiteral("tokens_100")}}),
            {{"Idempotency-Key", "b1"}});
    QCOMPARE(r.status, 202);
    QCOMPARE(waitForPurchase(QStringLiteral("pp"), r.json.value(QStringLiteral("id")).toString()),
             QStringLiteral("completed"));
}

void TestServerApi::purchase_declinedCreditsNothing()
{
    const double before = available(QStringLiteral("pp"));
    const QString cursor = ledgerCursor(QStringLiteral("pp"));
    const auto r =
        post(QStringLiteral("/v1/accounts/pp/purchases"), m_pp,
             ApiClient::json({{QStringLiteral("pack"), QStringLiteral("tokens_2000")},
                              {QStringLiteral("payment_method"), QStringLiteral("test_decline")}}),
             {{"Idempotency-Key", "declined-1"}});
    QCOMPARE(r.status, 202);
    const QString id = r.json.value(QStringLiteral("id")).toString();
    QCOMPARE(waitForPurchase(QStringLiteral("pp"), id), QStringLiteral("failed"));
    const auto p = get(QStringLiteral("/v1/accounts/pp/purchases/%1").arg(id), m_pp);
    QVERIFY(p.json.value(QStringLiteral("failure_reason"))
                .toString()
                .startsWith(QStringLiteral("card_declined")));
    QCOMPARE(available(QStringLiteral("pp")), before);
    QCOMPARE(ledgerCursor(QStringLiteral("pp")), cursor);
}

void TestServerApi::body_tooLargeIs413()
{
    const QString cursor = ledgerCursor(QStringLiteral("pp"));
    QByteArray big = "{\"feature\": \"image\", \"task\": \"";
    big += QByteArray(70 * 1024, 'x');
    big += "\"}";
    const auto r = post(QStringLiteral("/v1/accounts/pp/tasks"), m_pp, big);
    QCOMPARE(r.status, 413);
    QCOMPARE(r.errorCode(), QStringLiteral("payload_too_large"));
    QCOMPARE(ledgerCursor(QStringLiteral("pp")), cursor);
    // Just under the cap is read (and refused for what it says, not for its size).
    QByteArray fits = "{\"feature\": \"image\", \"task\": \"" + QByteArray(60 * 1024, 'x') + "\"}";
    const auto f = post(QStringLiteral("/v1/accounts/pp/tasks"), m_pp, fits);
    QCOMPARE(f.status, 400);
    QCOMPARE(f.errorField(), QStringLiteral("task"));
}

void TestServerApi::tasks_startAndEnd()
{
    const double before = available(QStringLiteral("pp"));
    auto r = post(QStringLiteral("/v1/accounts/pp/tasks"), m_pp,
                  ApiClient::json({{QStringLiteral("feature"), QStringLiteral("image")},
                                   {QStringLiteral("task"), QStringLiteral("img-1")}}));
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value(QStringLiteral("admitted")).toBool(), true);
    QCOMPARE(r.json.value(QStringLiteral("reserved")).toDouble(), 10.0);
    QCOMPARE(available(QStringLiteral("pp")), before - 10);
    // Same id again: 409, ledger unchanged.
    QString cursor = ledgerCursor(QStringLiteral("pp"));
    r = post(QStringLiteral("/v1/accounts/pp/tasks"), m_pp,
             ApiClient::json({{QStringLiteral("feature"), QStringLiteral("image")},
                              {QStringLiteral("task"), QStringLiteral("img-1")}}));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("task_exists"));
    // Bad starts: unknown feature, bad quantity, bad id, missing feature.
    r = post(QStringLiteral("/v1/accounts/pp/tasks"), m_pp,
             ApiClient::json({{QStringLiteral("feature"), QStringLiteral("teleport")}}));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("feature"));
    r = post(QStringLiteral("/v1/accounts/pp/tasks"), m_pp,
             ApiClient::json({{QStringLiteral("feature"), QStringLiteral("video")},
                              {QStringLiteral("quantity"), -2}}));
    QCOMPARE(r.errorField(), QStringLiteral("quantity"));
    r = post(QStringLiteral("/v1/accounts/pp/tasks"), m_pp,
             ApiClient::json({{QStringLiteral("feature"), QStringLiteral("chat")},
                              {QStringLiteral("tokens"), 1.5}}));
    QCOMPARE(r.errorField(), QStringLiteral("tokens"));
    r = post(QStringLiteral("/v1/accounts/pp/tasks"), m_pp,
             ApiClient::json({{QStringLiteral("feature"), QStringLiteral("image")},
                              {QStringLiteral("task"), QStringLiteral("bad id!")}}));
    QCOMPARE(r.errorField(), QStringLiteral("task"));
    r = post(QStringLiteral("/v1/accounts/pp/tasks"), m_pp, "{}");
    QCOMPARE(r.errorCode(), QStringLiteral("missing_field"));
    QCOMPARE(r.errorField(), QStringLiteral("feature"));
    QCOMPARE(ledgerCursor(QStringLiteral("pp")), cursor);

    // End: bad outcome, unknown task, then success, then a second end.
    r = post(QStringLiteral("/v1/accounts/pp/tasks/img-1/end"), m_pp,
             ApiClient::json({{QStringLiteral("outcome"), QStringLiteral("meh")}}));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("outcome"));
    r = post(QStringLiteral("/v1/accounts/pp/tasks/nope/end"), m_pp,
             ApiClient::json({{QStringLiteral("outcome"), QStringLiteral("success")}}));
    QCOMPARE(r.status, 404);
    QCOMPARE(ledgerCursor(QStringLiteral("pp")), cursor);
    r = post(QStringLiteral("/v1/accounts/pp/tasks/img-1/end"), m_pp,
             ApiClient::json({{QStringLiteral("outcome"), QStringLiteral("success")}}));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("charged")).toDouble(), 10.0);
    QCOMPARE(r.json.value(QStringLiteral("uncovered")).toDouble(), 0.0);
    QCOMPARE(available(QStringLiteral("pp")), before - 10);
    cursor = ledgerCursor(QStringLiteral("pp"));
    r = post(QStringLiteral("/v1/accounts/pp/tasks/img-1/end"), m_pp,
             ApiClient::json({{QStringLiteral("outcome"), QStringLiteral("success")}}));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("task_not_open"));
    QCOMPARE(ledgerCursor(QStringLiteral("pp")), cursor);

    // A system error is not charged under prepaid-tokens; a cancelled task releases too.
    QCOMPARE(post(QStringLiteral("/v1/accounts/pp/tasks"), m_pp,
                  ApiClient::json({{QStringLiteral("feature"), QStringLiteral("image")},
                                   {QStringLiteral("task"), QStringLiteral("img-err")}}))
                 .status,
             201);
    r = post(QStringLiteral("/v1/accounts/pp/tasks/img-err/end"), m_pp,
             ApiClient::json({{QStringLiteral("outcome"), QStringLiteral("system_error")}}));
    QCOMPARE(r.json.value(QStringLiteral("charged")).toDouble(), 0.0);
    QCOMPARE(available(QStringLiteral("pp")), before - 10);
}

void TestServerApi::tasks_rejectedStartIsRecorded()
{
    // 3 seconds of video cost 60: more than is left is refused by the engine, recorded as a
    // reject entry (the rules' reject), answered 200 with admitted false.
    const double left = available(QStringLiteral("pp"));
    const int seconds = int(left / 20) + 1;
    const QString cursor = ledgerCursor(QStringLiteral("pp"));
    auto r = post(QStringLiteral("/v1/accounts/pp/tasks"), m_pp,
                  ApiClient::json({{QStringLiteral("feature"), QStringLiteral("video")},
                                   {QStringLiteral("quantity"), seconds},
                                   {QStringLiteral("task"), QStringLiteral("too-long")}}));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("admitted")).toBool(), false);
    QCOMPARE(r.json.value(QStringLiteral("reason")).toString(),
             QStringLiteral("insufficient_credits"));
    QCOMPARE(ledgerCursor(QStringLiteral("pp")).toInt(), cursor.toInt() + 1);
    const auto ledger = get(QStringLiteral("/v1/accounts/pp/ledger?limit=1"), m_pp);
    const QJsonObject entry = ledger.json.value(QStringLiteral("entries")).toArray()[0].toObject();
    QCOMPARE(entry.value(QStringLiteral("type")).toString(), QStringLiteral("reject"));
    QCOMPARE(entry.value(QStringLiteral("reason")).toString(),
             QStringLiteral("insufficient_credits"));
    // Ending a rejected task: there is no open task of that id.
    QCOMPARE(post(QStringLiteral("/v1/accounts/pp/tasks/too-long/end"), m_pp,
                  ApiClient::json({{QStringLiteral("outcome"), QStringLiteral("success")}}))
                 .status,
             404);
    // The id of a rejected start may be used again.
    r = post(QStringLiteral("/v1/accounts/pp/tasks"), m_pp,
             ApiClient::json({{QStringLiteral("feature"), QStringLiteral("image")},
                              {QStringLiteral("task"), QStringLiteral("too-long")}}));
    QCOMPARE(r.status, 201);
    QCOMPARE(post(QStringLiteral("/v1/accounts/pp/tasks/too-long/end"), m_pp,
                  ApiClient::json({{QStringLiteral("outcome"), QStringLiteral("cancelled")}}))
                 .status,
             200);
}

void TestServerApi::refunds_fileApproveDecline()
{
    // A content violation is charged in full under prepaid-tokens: refundable.
    for (const char *task : {"cv-1", "cv-2"}) {
        QCOMPARE(post(QStringLiteral("/v1/accounts/pp/tasks"), m_pp,
                      ApiClient::json({{QStringLiteral("feature"), QStringLiteral("image")},
                                       {QStringLiteral("task"), QLatin1String(task)}}))
                     .status,
                 201);
        QCOMPARE(post(QStringLiteral("/v1/accounts/pp/tasks/%1/end").arg(QLatin1String(task)), m_pp,
                      ApiClient::json(
                          {{QStringLiteral("outcome"), QStringLiteral("content_violation")}}))
                     .json.value(QStringLiteral("charged"))
                     .toDouble(),
                 10.0);
    }
    QString cursor = ledgerCursor(QStringLiteral("pp"));
    const QString path = QStringLiteral("/v1/accounts/pp/refund-requests");
    // Refused: unknown task, a task that took nothing, a missing field, an open task.
    auto r = post(path, m_pp, ApiClient::json({{QStringLiteral("task"), QStringLiteral("ghost")}}));
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorField(), QStringLiteral("task"));
    r = post(path, m_pp, ApiClient::json({{QStringLiteral("task"), QStringLiteral("img-err")}}));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("not_charged"));
    r = post(path, m_pp, ApiClient::json({{QStringLiteral("reason"), QStringLiteral("why not")}}));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("task"));
    QCOMPARE(post(QStringLiteral("/v1/accounts/pp/tasks"), m_pp,
                  ApiClient::json({{QStringLiteral("feature"), QStringLiteral("image")},
                                   {QStringLiteral("task"), QStringLiteral("still-open")}}))
                 .status,
             201);
    r = post(path, m_pp, ApiClient::json({{QStringLiteral("task"), QStringLiteral("still-open")}}));
    QCOMPARE(r.errorCode(), QStringLiteral("task_not_ended"));
    cursor = ledgerCursor(QStringLiteral("pp"));
    const double before = available(QStringLiteral("pp"));

    // Filed once; a second request for the same task is a conflict.
    r = post(path, m_pp,
             ApiClient::json({{QStringLiteral("task"), QStringLiteral("cv-1")},
                              {QStringLiteral("reason"), QStringLiteral("wrongly flagged")}}));
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("open"));
    const QString first = r.json.value(QStringLiteral("id")).toString();
    QCOMPARE(post(path, m_pp, ApiClient::json({{QStringLiteral("task"), QStringLiteral("cv-1")}}))
                 .errorCode(),
             QStringLiteral("refund_request_exists"));
    r = post(path, m_pp, ApiClient::json({{QStringLiteral("task"), QStringLiteral("cv-2")}}));
    QCOMPARE(r.status, 201);
    const QString second = r.json.value(QStringLiteral("id")).toString();
    QCOMPARE(ledgerCursor(QStringLiteral("pp")), cursor); // filing moves no credit

    // Support's queue lists both; a member cannot decide.
    const auto queue = get(QStringLiteral("/v1/refund-requests?status=open"), m_support);
    QVERIFY(queue.body.contains(first.toUtf8()) && queue.body.contains(second.toUtf8()));
    QCOMPARE(post(QStringLiteral("/v1/refund-requests/%1/approve").arg(first), m_pp, {}).status,
             403);
    QCOMPARE(post(QStringLiteral("/v1/refund-requests/nope/approve"), m_support, {}).status, 404);

    r = post(
        QStringLiteral("/v1/refund-requests/%1/approve").arg(first), m_support,
        ApiClient::json({{QStringLiteral("note"), QStringLiteral("confirmed false positive")}}));
    QCOMPARE(r.status, 200);
    const QJsonObject approved = r.json.value(QStringLiteral("refund_request")).toObject();
    QCOMPARE(approved.value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
    QCOMPARE(approved.value(QStringLiteral("refunded")).toDouble(), 10.0);
    QCOMPARE(available(QStringLiteral("pp")), before + 10);
    const auto ledger = get(QStringLiteral("/v1/accounts/pp/ledger?limit=1"), m_pp);
    const QJsonObject entry = ledger.json.value(QStringLiteral("entries")).toArray()[0].toObject();
    QCOMPARE(entry.value(QStringLiteral("type")).toString(), QStringLiteral("refund"));
    QCOMPARE(entry.value(QStringLiteral("task")).toString(), QStringLiteral("cv-1"));
    QCOMPARE(entry.value(QStringLiteral("refund_request")).toString(), first);
    // Approving twice is a conflict, not a second refund.
    cursor = ledgerCursor(QStringLiteral("pp"));
    r = post(QStringLiteral("/v1/refund-requests/%1/approve").arg(first), m_support, {});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("refund_request_closed"));
    QCOMPARE(post(path, m_pp, ApiClient::json({{QStringLiteral("task"), QStringLiteral("cv-1")}}))
                 .status,
             409);
    // Declining needs a reason; then it is closed and credits nothing.
    r = post(QStringLiteral("/v1/refund-requests/%1/decline").arg(second), m_support, "{}");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("reason"));
    r = post(
        QStringLiteral("/v1/refund-requests/%1/decline").arg(second), m_support,
        ApiClient::json({{QStringLiteral("reason"), QStringLiteral("the image was delivered")}}));
    QCOMPARE(r.status, 200);
    const QJsonObject declined = r.json.value(QStringLiteral("refund_request")).toObject();
    QCOMPARE(declined.value(QStringLiteral("status")).toString(), QStringLiteral("declined"));
    QCOMPARE(declined.value(QStringLiteral("decision")).toString(),
             QStringLiteral("the image was delivered"));
    QCOMPARE(ledgerCursor(QStringLiteral("pp")), cursor);
    const auto mine = get(path, m_pp);
    QCOMPARE(mine.json.value(QStringLiteral("refund_requests")).toArray().size(), 2);
    QCOMPARE(get(path + QStringLiteral("?status=maybe"), m_pp).status, 400);
}

void TestServerApi::adjustments_bySupportWithReason()
{
    const QString path = QStringLiteral("/v1/accounts/pp/adjustments");
    const double before = available(QStringLiteral("pp"));
    QString cursor = ledgerCursor(QStringLiteral("pp"));
    auto r = post(path, m_pp,
                  ApiClient::json({{QStringLiteral("type"), QStringLiteral("grant")},
                                   {QStringLiteral("amount"), 5},
                                   {QStringLiteral("reason"), QStringLiteral("self-service")}}));
    QCOMPARE(r.status, 403);
    r = post(path, m_support,
             ApiClient::json({{QStringLiteral("type"), QStringLiteral("grant")},
                              {QStringLiteral("amount"), 5}}));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("reason"));
    r = post(path, m_support,
             ApiClient::json({{QStringLiteral("type"), QStringLiteral("gift")},
                              {QStringLiteral("amount"), 5},
                              {QStringLiteral("reason"), QStringLiteral("x")}}));
    QCOMPARE(r.errorField(), QStringLiteral("type"));
    r = post(path, m_support,
             ApiClient::json({{QStringLiteral("type"), QStringLiteral("grant")},
                              {QStringLiteral("amount"), 0.0001},
                              {QStringLiteral("reason"), QStringLiteral("x")}}));
    QCOMPARE(r.errorField(), QStringLiteral("amount"));
    r = post(
        path, m_support,
        ApiClient::json({{QStringLiteral("type"), QStringLiteral("grant")},
                         {QStringLiteral("amount"), 5},
                         {QStringLiteral("reason"), QStringLiteral("x")},
                         {QStringLiteral("expires_at"), QStringLiteral("2020-01-01T00:00:00Z")}}));
    QCOMPARE(r.errorField(), QStringLiteral("expires_at"));
    r = post(path, m_support,
             ApiClient::json({{QStringLiteral("type"), QStringLiteral("debit")},
                              {QStringLiteral("amount"), before + 1000},
                              {QStringLiteral("reason"), QStringLiteral("too much")}}));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("insufficient_credits"));
    QCOMPARE(ledgerCursor(QStringLiteral("pp")), cursor);

    r = post(path, m_support,
             ApiClient::json({{QStringLiteral("type"), QStringLiteral("grant")},
                              {QStringLiteral("amount"), 7.5},
                              {QStringLiteral("reason"), QStringLiteral("Sorry for the outage")}}));
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value(QStringLiteral("balance"))
                 .toObject()
                 .value(QStringLiteral("available"))
                 .toDouble(),
             before + 7.5);
    r = post(path, m_support,
             ApiClient::json({{QStringLiteral("type"), QStringLiteral("debit")},
                              {QStringLiteral("amount"), 2.5},
                              {QStringLiteral("reason"), QStringLiteral("Duplicate credit")}}));
    QCOMPARE(r.status, 201);
    QCOMPARE(available(QStringLiteral("pp")), before + 5);
    // Both visible in the member's ledger with their reasons.
    const auto ledger = get(QStringLiteral("/v1/accounts/pp/ledger?limit=5"), m_pp);
    bool sawGrant = false, sawDebit = false;
    for (const auto &v : ledger.json.value(QStringLiteral("entries")).toArray()) {
        const QJsonObject e = v.toObject();
        if (e.value(QStringLiteral("type")) == QStringLiteral("grant") &&
            e.value(QStringLiteral("bucket")) == QStringLiteral("adjustment") &&
            e.value(QStringLiteral("reason")) == QStringLiteral("Sorry for the outage"))
            sawGrant = true;
        if (e.value(QStringLiteral("type")) == QStringLiteral("debit") &&
            e.value(QStringLiteral("reason")) == QStringLiteral("Duplicate credit"))
            sawDebit = true;
    }
    QVERIFY2(sawGrant && sawDebit, ledger.body.constData());
}

void TestServerApi::ledger_pagesCursorsAndEtag()
{
    const QString path = QStringLiteral("/v1/accounts/pp/ledger");
    auto all = get(path + QStringLiteral("?limit=500"), m_pp);
    QCOMPARE(all.status, 200);
    const QJsonArray entries = all.json.value(QStringLiteral("entries")).toArray();
    const int size = all.json.value(QStringLiteral("latest_cursor")).toString().toInt();
    QCOMPARE(entries.size(), size);
    QVERIFY(size > 10);
    // Newest first, ids descending, and every balance is the sum of the amounts before it.
    double sum = 0;
    for (int i = int(entries.size()) - 1; i >= 0; --i) {
        const QJsonObject e = entries[i].toObject();
        QCOMPARE(e.value(QStringLiteral("id")).toString().toInt(), int(entries.size()) - i);
        const QString type = e.value(QStringLiteral("type")).toString();
        if (type != QStringLiteral("reserve") && type != QStringLiteral("release"))
            sum += e.value(QStringLiteral("amount")).toDouble();
        QVERIFY(qFuzzyCompare(1 + e.value(QStringLiteral("balance_after")).toDouble(), 1 + sum));
        QVERIFY(e.value(QStringLiteral("at")).toString().contains(u'+'));
    }
    // Pages of 4 with the cursor walk the same entries.
    QStringList walked;
    QString next;
    int pages = 0;
    do {
        auto page = get(path + QStringLiteral("?limit=4") +
                            (next.isEmpty() ? QString() : QStringLiteral("&before=") + next),
                        m_pp);
        QCOMPARE(page.status, 200);
        for (const auto &e : page.json.value(QStringLiteral("entries")).toArray())
            walked << e.toObject().value(QStringLiteral("id")).toString();
        next = page.json.value(QStringLiteral("next_cursor")).toString();
        ++pages;
    } while (!next.isEmpty() && pages < 1000);
    QCOMPARE(walked.size(), size);
    QCOMPARE(walked.first(), QString::number(size));
    QCOMPARE(walked.last(), QStringLiteral("1"));
    // since: only what came after the cursor.
    auto since = get(path + QStringLiteral("?since=%1").arg(size - 3), m_pp);
    QCOMPARE(since.json.value(QStringLiteral("entries")).toArray().size(), 3);
    auto none = get(path + QStringLiteral("?since=%1").arg(size), m_pp);
    QCOMPARE(none.json.value(QStringLiteral("entries")).toArray().size(), 0);
    // Bad cursors.
    QCOMPARE(get(path + QStringLiteral("?before=abc"), m_pp).errorField(),
             QStringLiteral("before"));
    QCOMPARE(get(path + QStringLiteral("?since=-1"), m_pp).errorField(), QStringLiteral("since"));
    QCOMPARE(get(path + QStringLiteral("?limit=0"), m_pp).errorField(), QStringLiteral("limit"));

    // ETag: an unchanged poll is a 304 without a body; a write changes it.
    const QByteArray etag = all.header("ETag");
    QVERIFY(!etag.isEmpty());
    auto cached = get(path + QStringLiteral("?limit=500"), m_pp, {{"If-None-Match", etag}});
    QCOMPARE(cached.status, 304);
    QVERIFY(cached.body.isEmpty());
    QCOMPARE(cached.header("ETag"), etag);
    QCOMPARE(post(QStringLiteral("/v1/accounts/pp/adjustments"), m_support,
                  ApiClient::json({{QStringLiteral("type"), QStringLiteral("grant")},
                                   {QStringLiteral("amount"), 1},
                                   {QStringLiteral("reason"), QStringLiteral("etag test")}}))
                 .status,
             201);
    auto fresh = get(path + QStringLiteral("?limit=500"), m_pp, {{"If-None-Match", etag}});
    QCOMPARE(fresh.status, 200);
    QVERIFY(fresh.header("ETag") != etag);
}

void TestServerApi::search_and_audit()
{
    auto r = get(QStringLiteral("/v1/accounts?q=paula"), m_support);
    QCOMPARE(r.status, 200);
    QJsonArray found = r.json.value(QStringLiteral("accounts")).toArray();
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].toObject().value(QStringLiteral("id")).toString(), QStringLiteral("pp"));
    r = get(QStringLiteral("/v1/accounts?q=um"), m_support); // by id, and "Umar" by name
    QCOMPARE(r.json.value(QStringLiteral("accounts")).toArray().size(), 1);
    r = get(QStringLiteral("/v1/accounts?q=%25"), m_support); // LIKE wildcards are literal
    QCOMPARE(r.json.value(QStringLiteral("accounts")).toArray().size(), 0);
    QCOMPARE(get(QStringLiteral("/v1/accounts?q=a&limit=9999"), m_support).status, 400);

    r = get(QStringLiteral("/v1/accounts/pp/audit"), m_support);
    QCOMPARE(r.status, 200);
    QStringList actions;
    for (const auto &v : r.json.value(QStringLiteral("entries")).toArray())
        actions << v.toObject().value(QStringLiteral("action")).toString();
    for (const char *a : {"account.create", "purchase.create", "purchase.completed",
                          "purchase.failed", "refund_request.create", "refund_request.approve",
                          "refund_request.decline", "adjustment.grant", "adjustment.debit"})
        QVERIFY2(actions.contains(QLatin1String(a)), a);
}

void TestServerApi::export_replaysToTheServersBalance()
{
    for (const QString &account : {QStringLiteral("pp"), QStringLiteral("um")}) {
        const auto exported = get(QStringLiteral("/v1/accounts/%1/export").arg(account), m_support);
        QCOMPARE(exported.status, 200);
        QVERIFY(exported.header("Content-Disposition").contains("attachment"));
        const auto summary = get(QStringLiteral("/v1/accounts/%1/summary").arg(account), m_support);
        const QJsonObject serverBalance = summary.json.value(QStringLiteral("balance")).toObject();

        // The command-line tool replays it to the server's balance...
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(exported.body);
        file.flush();
        QProcess cli;
        cli.start(QStringLiteral(CREDITDESK_CLI), {QStringLiteral("simulate"), file.fileName()});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        const QJsonObject answers = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        const QJsonObject replayed =
            answers.value(QStringLiteral("answers")).toArray()[0].toObject();
        QCOMPARE(replayed, serverBalance);

        // ...and so does the core library in process.
        const auto read = creditdesk::ScenarioReader::read(exported.body);
        QVERIFY(std::holds_alternative<creditdesk::Scenario>(read));
        const QJsonObject inProcess =
            QJsonDocument::fromJson(
                creditdesk::ScenarioReplay::answersJson(std::get<creditdesk::Scenario>(read)))
                .object();
        QCOMPARE(inProcess.value(QStringLiteral("answers")).toArray()[0].toObject(), serverBalance);
    }
}

QTEST_GUILESS_MAIN(TestServerApi)
#include "tst_server_api.moc"
