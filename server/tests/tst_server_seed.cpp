// --seed-demo: a new database gets one member per preset with months of history and a support
// agent; every demo account's export replays to the balance the server reports.
#include "ApiClient.h"
#include "ServerProcess.h"

#include "ScenarioReader.h"
#include "ScenarioReplay.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

class TestServerSeed : public QObject
{
    Q_OBJECT

private slots:
    void seededAccountsReplayToTheirBalances();
};

void TestServerSeed::seededAccountsReplayToTheirBalances()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ServerProcess server(dir.filePath(QStringLiteral("data")));
    QElapsedTimer timer;
    timer.start();
    QVERIFY2(server.start({QStringLiteral("--seed-demo")}), qPrintable(server.output()));
    qInfo("seeded and listening after %lld ms", timer.elapsed());
    const QString out = server.output();
    static const QRegularExpression member(
        QStringLiteral("demo: member (\\S+) \\(([^,]+), ([a-z-]+)\\): token (cdt_\\S+)"));
    static const QRegularExpression support(
        QStringLiteral("demo: support agent: token (cdt_\\S+)"));
    QMap<QString, QString> tokens; // account -> member token
    QStringList presets;
    for (auto it = member.globalMatch(out); it.hasNext();) {
        const auto m = it.next();
        tokens.insert(m.captured(1), m.captured(4));
        presets << m.captured(3);
    }
    QCOMPARE(tokens.size(), 5);
    presets.sort();
    QCOMPARE(presets,
             (QStringList{QStringLiteral("coding-weekly"), QStringLiteral("daily-free-images"),
                          QStringLiteral("prepaid-tokens"), QStringLiteral("tiered-tasks"),
                          QStringLiteral("unified-monthly")}));
    const auto s = support.match(out);
    QVERIFY(s.hasMatch());
    const QString supportToken = s.captured(1);

    ApiClient client(server.port(), server.caPath());
    for (auto it = tokens.cbegin(); it != tokens.cend(); ++it) {
        const QString account = it.key();
        const auto summary =
            client.get(QStringLiteral("/v1/accounts/%1/summary").arg(account), it.value());
        QCOMPARE(summary.status, 200);
        const auto ledger =
            client.get(QStringLiteral("/v1/accounts/%1/ledger?limit=500").arg(account), it.value());
        QStringList types;
        for (const auto &e : ledger.json.value(QStringLiteral("entries")).toArray())
            types << e.toObject().value(QStringLiteral("type")).toString();
        QVERIFY2(types.size() >= 100, qPrintable(account));
        for (const char *t : {"charge", "purchase", "refund", "debit"})
            QVERIFY2(types.contains(QLatin1String(t)),
                     qPrintable(account + u' ' + QLatin1String(t)));
        const auto purchases =
            client.get(QStringLiteral("/v1/accounts/%1/purchases").arg(account), it.value());
        QStringList states;
        for (const auto &p : purchases.json.value(QStringLiteral("purchases")).toArray())
            states << p.toObject().value(QStringLiteral("status")).toString();
        QVERIFY(states.contains(QStringLiteral("completed")));
        QVERIFY(states.contains(QStringLiteral("failed")));

        const auto exported =
            client.get(QStringLiteral("/v1/accounts/%1/export").arg(account), supportToken);
        const auto read = creditdesk::ScenarioReader::read(exported.body);
        QVERIFY(std::holds_alternative<creditdesk::Scenario>(read));
        const QJsonObject replayed =
            QJsonDocument::fromJson(
                creditdesk::ScenarioReplay::answersJson(std::get<creditdesk::Scenario>(read)))
                .object();
        QCOMPARE(replayed.value(QStringLiteral("answers")).toArray()[0].toObject(),
                 summary.json.value(QStringLiteral("balance")).toObject());
    }
    // Support has decisions to make, and a member token still reads only its own account.
    const auto queue = client.get(QStringLiteral("/v1/refund-requests?status=open"), supportToken);
    QVERIFY(!queue.json.value(QStringLiteral("refund_requests")).toArray().isEmpty());
    const auto approved =
        client.get(QStringLiteral("/v1/refund-requests?status=approved"), supportToken);
    QVERIFY(!approved.json.value(QStringLiteral("refund_requests")).toArray().isEmpty());
    QCOMPARE(client
                 .get(QStringLiteral("/v1/accounts/demo-tiered-tasks/summary"),
                      tokens.value(QStringLiteral("demo-prepaid-tokens")))
                 .status,
             403);
}

QTEST_GUILESS_MAIN(TestServerSeed)
#include "tst_server_seed.moc"
