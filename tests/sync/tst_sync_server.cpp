// The sync library against a real creditdesk-server over HTTPS (dev CA): sign-in, TLS
// decisions, typed failures, purchases that are never made twice, refund requests. Faults a
// real server cannot make on demand (a hang, a dropped reply, a cut body, a 429) come from
// FaultyNetworkAccessManager in front of the real server.
#include "AccountCache.h"
#include "AccountZone.h"
#include "CertificateDetails.h"
#include "ConnectionState.h"
#include "DemoServer.h"
#include "FaultyNetworkAccessManager.h"
#include "MeJob.h"
#include "PacksJob.h"
#include "PresetCatalog.h"
#include "PurchaseFlow.h"
#include "PurchaseJob.h"
#include "RefundRequestJob.h"
#include "ServerConnection.h"
#include "TlsDecider.h"
#include "WallClock.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace creditdesk;

namespace {
const QString Member = QStringLiteral("demo-tiered-tasks");

// Answers like a member would, a moment later (never inside decide()).
class ScriptedDecider : public TlsDecider
{
public:
    explicit ScriptedDecider(bool trust)
        : m_trust(trust)
    {}
    void decide(const CertificateDetails &details, std::function<void(bool)> answer) override
    {
        asked << details;
        QTimer::singleShot(10, [answer, trust = m_trust] { answer(trust); });
    }
    QList<CertificateDetails> asked;

private:
    bool m_trust;
};

template <typename Job> typename Job::Result run(Job *job, int timeoutMs = 20000)
{
    std::optional<typename Job::Result> got;
    QObject::connect(job, &Job::finished, [&got](const typename Job::Result &r) { got = r; });
    job->start();
    if (!QTest::qWaitFor([&] { return got.has_value(); }, timeoutMs))
        return ApiFailure::network(QStringLiteral("the test waited in vain"));
    return *got;
}

template <typename T> const ApiFailure *failureOf(const std::variant<T, ApiFailure> &r)
{
    return std::get_if<ApiFailure>(&r);
}
} // namespace

class TestSyncServer : public QObject
{
    Q_OBJECT

private:
    DemoServer m_server;
    WallClock m_clock;
    QTemporaryDir m_cacheDir;

    std::unique_ptr<ServerConnection> connection(const QString &token, bool trustCa = true)
    {
        auto c = std::make_unique<ServerConnection>(m_server.url(), m_clock);
        if (trustCa)
            c->addCaCertificates(m_server.ca());
        c->setToken(token);
        return c;
    }

    int purchasesOnServer()
    {
        const auto r =
            m_server.api().get(QStringLiteral("/v1/accounts/%1/purchases?limit=500").arg(Member),
                               m_server.memberTokens.value(Member));
        return r.json.value(QStringLiteral("purchases")).toArray().size();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.start({QStringLiteral("--payment-delay-ms"), QStringLiteral("200")}),
                 qPrintable(m_server.output()));
        QVERIFY(m_server.memberTokens.contains(Member));
    }

    void signInFindsTheAccount()
    {
        auto c = connection(m_server.memberTokens.value(Member));
        QCOMPARE(c->state().state(), ConnectionState::State::Connecting);
        const auto r = run(new MeJob(c.get()));
        QVERIFY2(!failureOf(r), qPrintable(failureOf(r) ? failureOf(r)->message : QString()));
        const MeInfo &me = std::get<MeInfo>(r);
        QCOMPARE(me.role, QStringLiteral("member"));
        QCOMPARE(me.accountId, Member);
        QCOMPARE(me.preset, QStringLiteral("tiered-tasks"));
        QCOMPARE(c->state().state(), ConnectionState::State::Online);
    }

    void invalidTokenIsUnauthorized()
    {
        auto c = connection(QStringLiteral("cdt_not-a-token"));
        const auto r = run(new MeJob(c.get()));
        QVERIFY(failureOf(r));
        QCOMPARE(failureOf(r)->kind, ApiFailure::Kind::Unauthorized);
        QCOMPARE(failureOf(r)->httpStatus, 401);
        QVERIFY(!failureOf(r)->errorCode.isEmpty()); // the server's {"error": …} decoded
        QCOMPARE(c->state().state(), ConnectionState::State::Unauthorized);
        QVERIFY(!c->state().canSend());
    }

    void packsOfTheMembersPreset()
    {
        auto c = connection(m_server.memberTokens.value(Member));
        const auto r = run(new PacksJob(c.get()));
        QVERIFY(!failureOf(r));
        const PackCatalogue &cat = std::get<PackCatalogue>(r);
        QCOMPARE(cat.preset, QStringLiteral("tiered-tasks"));
        QCOMPARE(cat.packs.size(), 3);
        QCOMPARE(cat.packs.first().name, QStringLiteral("pack_10"));
        QCOMPARE(cat.packs.first().amount, Credits::whole(1000));
    }

    void untrustedCertificateAbortedSendsNothing()
    {
        const int before = purchasesOnServer();
        auto c = connection(m_server.memberTokens.value(Member), false);
        ScriptedDecider decider(false);
        c->setTlsDecider(&decider);
        // A POST: had it reached the server, a purchase would exist.
        const auto r =
            run(new PurchaseJob(c.get(), Member, "tls-abort-key", "{\"pack\":\"pack_10\"}"));
        QVERIFY(failureOf(r));
        QCOMPARE(failureOf(r)->kind, ApiFailure::Kind::Tls);
        QCOMPARE(decider.asked.size(), 1);
        const CertificateDetails &d = decider.asked.first();
        QCOMPARE(d.host, QStringLiteral("127.0.0.1"));
        QVERIFY(d.issuer.contains(u"CreditDesk development CA"));
        QCOMPARE(d.fingerprintSha256.size(), 32 * 3 - 1); // AB:CD:…
        QVERIFY(!d.errors.isEmpty());
        QVERIFY(!d.publicKeySha256.isEmpty());
        QCOMPARE(c->state().state(), ConnectionState::State::TlsRejected);
        QVERIFY(c->trustedPins().isEmpty());
        QCOMPARE(purchasesOnServer(), before);
    }

    void untrustedCertificateTrustedIsPinned()
    {
        auto c = connection(m_server.memberTokens.value(Member), false);
        ScriptedDecider decider(true);
        c->setTlsDecider(&decider);
        QSignalSpy pinned(c.get(), &ServerConnection::trustedPinsChanged);
        // Two jobs at once: one question.
        auto *first = new MeJob(c.get());
        const auto r1 = run(new PacksJob(c.get()));
        const auto r2 = run(first);
        QVERIFY2(!failureOf(r1), qPrintable(failureOf(r1) ? failureOf(r1)->message : QString()));
        QVERIFY(!failureOf(r2));
        QCOMPARE(decider.asked.size(), 1);
        QCOMPARE(pinned.count(), 1);
        QCOMPARE(c->state().state(), ConnectionState::State::Online);
        const QStringList pins = c->trustedPins();
        QVERIFY(std::any_of(pins.cbegin(), pins.cend(),
                            [](const QString &p) { return p.startsWith(u"key:"); }));

        // The pins kept from that decision: no question next time.
        auto again = connection(m_server.memberTokens.value(Member), false);
        again->setTrustedPins(pins);
        ScriptedDecider never(false);
        again->setTlsDecider(&never);
        QVERIFY(!failureOf(run(new MeJob(again.get()))));
        QVERIFY(never.asked.isEmpty());
    }

    void hangingServerTimesOut()
    {
        auto c = connection(m_server.memberTokens.value(Member));
        FaultyNetworkAccessManager fake;
        fake.addRule(FaultyNetworkAccessManager::rule({}, QStringLiteral("/v1/me"),
                                                      FaultyNetworkAccessManager::Fault::Hang));
        c->setNetworkAccessManager(&fake);
        auto *job = new MeJob(c.get());
        job->setTimeoutMs(300);
        const auto r = run(job);
        QVERIFY(failureOf(r));
        QCOMPARE(failureOf(r)->kind, ApiFailure::Kind::Timeout);
        QCOMPARE(c->state().state(), ConnectionState::State::Offline);
        // The next answer brings it back.
        QVERIFY(!failureOf(run(new MeJob(c.get()))));
        QCOMPARE(c->state().state(), ConnectionState::State::Online);
    }

    void rateLimitedIsNotOffline()
    {
        auto c = connection(m_server.memberTokens.value(Member));
        FaultyNetworkAccessManager fake;
        FaultyNetworkAccessManager::Rule rule;
        rule.pathContains = QStringLiteral("/v1/me");
        rule.fault = FaultyNetworkAccessManager::Fault::Canned;
        rule.status = 429;
        rule.headers = {{"Retry-After", "7"}};
        rule.body = "{\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\"}}";
        fake.addRule(rule);
        c->setNetworkAccessManager(&fake);
        const auto r = run(new MeJob(c.get()));
        QVERIFY(failureOf(r));
        QCOMPARE(failureOf(r)->kind, ApiFailure::Kind::RateLimited);
        QCOMPARE(failureOf(r)->retryAfterSeconds, 7);
        QCOMPARE(c->state().state(), ConnectionState::State::RateLimited);
        QVERIFY(c->state().retryAt() >= m_clock.now() + 6);
    }

    void malformedAnswersAreTyped_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("truncated")
            << QByteArray("{\"catalogue\":[{\"preset\":\"tiered-tasks\",\"packs\":[{\"name\":\"pa");
        QTest::newRow("not json") << QByteArray("<html>proxy error</html>");
        QTest::newRow("wrong shape") << QByteArray("{\"catalogue\":{}}");
        QTest::newRow("amount not a number") << QByteArray(
            "{\"catalogue\":[{\"preset\":\"p\",\"title\":\"t\",\"unit\":\"credits\",\"custom_"
            "amount\":false,\"packs\":[{\"name\":\"a\",\"amount\":\"10\"}]}]}");
    }
    void malformedAnswersAreTyped()
    {
        QFETCH(QByteArray, body);
        auto c = connection(m_server.memberTokens.value(Member));
        FaultyNetworkAccessManager fake;
        FaultyNetworkAccessManager::Rule rule;
        rule.pathContains = QStringLiteral("/v1/packs");
        rule.fault = FaultyNetworkAccessManager::Fault::Canned;
        rule.body = body;
        fake.addRule(rule);
        c->setNetworkAccessManager(&fake);
        const auto r = run(new PacksJob(c.get()));
        QVERIFY(failureOf(r));
        QCOMPARE(failureOf(r)->kind, ApiFailure::Kind::Malformed);
    }

    void refusedPurchaseCarriesTheServersError()
    {
        auto c = connection(m_server.memberTokens.value(Member));
        const auto r =
            run(new PurchaseJob(c.get(), Member, "bad-pack-key", "{\"pack\":\"no_such_pack\"}"));
        QVERIFY(failureOf(r));
        QCOMPARE(failureOf(r)->kind, ApiFailure::Kind::Http);
        QVERIFY(failureOf(r)->httpStatus >= 400 && failureOf(r)->httpStatus < 500);
        QVERIFY(!failureOf(r)->errorCode.isEmpty());
        QCOMPARE(c->state().state(), ConnectionState::State::Online);
    }

    void doubleClickBuysOnce()
    {
        const int before = purchasesOnServer();
        auto c = connection(m_server.memberTokens.value(Member));
        AccountCache cache(m_cacheDir.filePath(QStringLiteral("double.sqlite")), m_clock);
        QVERIFY(cache.open());
        PurchaseFlow flow(c.get(), &cache, nullptr, Member);
        flow.setPollIntervalMs(100);
        QList<QString> states;
        connect(&flow, &PurchaseFlow::progressed, this,
                [&](const QByteArray &, const PurchaseInfo &p) { states << p.status; });
        QSignalSpy settled(&flow, &PurchaseFlow::settled);
        const QByteArray key = flow.buyPack(QStringLiteral("pack_10"), Credits::whole(1000));
        QVERIFY(!key.isEmpty());
        QCOMPARE(cache.intents().size(), 1); // recorded before it was sent
        QCOMPARE(flow.buyPack(QStringLiteral("pack_10"), Credits::whole(1000)), key);
        QVERIFY(settled.wait(15000));
        QCOMPARE(states.first(), QStringLiteral("pending"));
        QCOMPARE(states.last(), QStringLiteral("completed"));
        QCOMPARE(purchasesOnServer(), before + 1);
        QVERIFY(cache.intents().isEmpty()); // forgotten once final
    }

    void retryAfterDroppedReplyBuysOnce()
    {
        const int before = purchasesOnServer();
        auto c = connection(m_server.memberTokens.value(Member));
        FaultyNetworkAccessManager fake;
        fake.addRule(FaultyNetworkAccessManager::rule(
            "POST", QStringLiteral("/purchases"), FaultyNetworkAccessManager::Fault::DropReply));
        c->setNetworkAccessManager(&fake);
        AccountCache cache(m_cacheDir.filePath(QStringLiteral("dropped.sqlite")), m_clock);
        QVERIFY(cache.open());
        PurchaseFlow flow(c.get(), &cache, nullptr, Member);
        flow.setPollIntervalMs(100);
        QSignalSpy settled(&flow, &PurchaseFlow::settled);
        QVERIFY(!flow.buyPack(QStringLiteral("pack_10"), Credits::whole(1000)).isEmpty());
        QVERIFY(settled.wait(15000));
        QCOMPARE(fake.count(QStringLiteral("/purchases"), "POST"), 2); // the retry, same key
        QCOMPARE(purchasesOnServer(), before + 1);
    }

    void restartMidPurchaseBuysOnce()
    {
        const int before = purchasesOnServer();
        const QString path = m_cacheDir.filePath(QStringLiteral("restart.sqlite"));
        QByteArray key;
        {
            auto c = connection(m_server.memberTokens.value(Member));
            FaultyNetworkAccessManager fake;
            fake.addRule(
                FaultyNetworkAccessManager::rule("POST", QStringLiteral("/purchases"),
                                                 FaultyNetworkAccessManager::Fault::DropReply, -1));
            c->setNetworkAccessManager(&fake);
            AccountCache cache(path, m_clock);
            QVERIFY(cache.open());
            PurchaseFlow flow(c.get(), &cache, nullptr, Member);
            flow.setAutomaticRetries(0);
            QSignalSpy stalled(&flow, &PurchaseFlow::stalled);
            key = flow.buyPack(QStringLiteral("pack_25"), Credits::whole(2750));
            QVERIFY(stalled.wait(15000)); // the server made it; the app never heard
        }                                 // the app quits
        auto c = connection(m_server.memberTokens.value(Member));
        AccountCache cache(path, m_clock);
        QVERIFY(cache.open());
        PurchaseFlow flow(c.get(), &cache, nullptr, Member);
        flow.setPollIntervalMs(100);
        QCOMPARE(flow.openIntents(), QList<QByteArray>{key});
        QSignalSpy settled(&flow, &PurchaseFlow::settled);
        flow.resume();
        QVERIFY(settled.wait(15000));
        QCOMPARE(settled.first().first().toByteArray(), key);
        QCOMPARE(purchasesOnServer(), before + 1);
    }

    void amountOverTheMaximumIsNotSent()
    {
        auto c = connection(m_server.memberTokens.value(Member));
        FaultyNetworkAccessManager fake;
        c->setNetworkAccessManager(&fake);
        auto history =
            std::make_unique<AccountHistory>(PresetCatalog::builtIn().find(u"tiered-tasks"),
                                             *AccountZone::fromId(QStringLiteral("UTC")));
        SyncedAccount account(std::move(history));
        account.maxAmount = Credits::whole(5000);
        PurchaseFlow flow(c.get(), nullptr, &account, Member);
        QSignalSpy refused(&flow, &PurchaseFlow::refused);
        QVERIFY(flow.buyPack(QStringLiteral("pack_50"), Credits::whole(6000)).isEmpty());
        QCOMPARE(refused.count(), 1);
        QVERIFY(fake.log().isEmpty());
    }

    void refundRequestIsFiled()
    {
        // A charged task of the demo history, from the server's ledger.
        const auto ledger =
            m_server.api().get(QStringLiteral("/v1/accounts/%1/ledger?limit=500").arg(Member),
                               m_server.memberTokens.value(Member));
        QStringList charged;
        for (const QJsonValue &v : ledger.json.value(QStringLiteral("entries")).toArray()) {
            const QJsonObject e = v.toObject();
            if (e.value(QStringLiteral("type")).toString() == u"charge" &&
                e.value(QStringLiteral("task")).isString())
                charged << e.value(QStringLiteral("task")).toString();
        }
        QVERIFY(!charged.isEmpty());
        auto c = connection(m_server.memberTokens.value(Member));
        std::optional<RefundRequestInfo> filed;
        for (const QString &task : std::as_const(charged)) {
            const auto r = run(new RefundRequestJob(c.get(), Member, task,
                                                    QStringLiteral("the answer was wrong")));
            if (const auto *info = std::get_if<RefundRequestInfo>(&r)) {
                filed = *info;
                break;
            }
            QCOMPARE(failureOf(r)->httpStatus, 409); // already requested or refunded: the next one
        }
        QVERIFY(filed.has_value());
        QCOMPARE(filed->status, QStringLiteral("open"));
        QCOMPARE(filed->reason, QStringLiteral("the answer was wrong"));
        QVERIFY(filed->createdAt != NoTime);
        QCOMPARE(filed->decidedAt, NoTime);
    }
};

QTEST_GUILESS_MAIN(TestSyncServer)
#include "tst_sync_server.moc"
