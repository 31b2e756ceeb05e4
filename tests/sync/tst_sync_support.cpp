// The sync library's support jobs (sync/support) against a real creditdesk-server over HTTPS
// with the demo seed: each job's typed result, paging with cursors, two agents' approvals of
// one refund through two connections (one RefundDecision, one RefundAlreadyDecided naming the
// other), adjustments refused before sending (AdjustmentDraft) and by the server, the audit
// trail, a revoked token. (The same server behaviour on PostgreSQL: tst_server_support.)
#include "AccountProfileJob.h"
#include "AccountSearchJob.h"
#include "AdjustmentJob.h"
#include "AuditTrailJob.h"
#include "DemoServer.h"
#include "EventsJob.h"
#include "RefundDecisionJob.h"
#include "RefundQueueJob.h"
#include "ServerConnection.h"
#include "ServerProcess.h"
#include "SupportPurchasesJob.h"
#include "WallClock.h"

#include <QSet>
#include <QTest>

#include <optional>

using namespace creditdesk;

namespace {

template <typename Job> typename Job::Result run(Job *job, int timeoutMs = 20000)
{
    std::optional<typename Job::Result> got;
    QObject::connect(job, &Job::finished, [&got](const typename Job::Result &r) { got = r; });
    job->start();
    if (!QTest::qWaitFor([&] { return got.has_value(); }, timeoutMs))
        return ApiFailure::network(QStringLiteral("the test waited in vain"));
    return *got;
}

template <typename Result> const ApiFailure *failureOf(const Result &r)
{
    return std::get_if<ApiFailure>(&r);
}

QString why(const ApiFailure *f)
{
    return f ? f->message + u' ' + f->errorCode : QString();
}

} // namespace

class TestSyncSupport : public QObject
{
    Q_OBJECT

private:
    DemoServer m_server;
    WallClock m_clock;
    QString m_kim; // a second support agent

    std::unique_ptr<ServerConnection> connection(const QString &token)
    {
        auto c = std::make_unique<ServerConnection>(m_server.url(), m_clock);
        c->addCaCertificates(m_server.ca());
        c->setToken(token);
        return c;
    }
    QString supportToken(const QString &label)
    {
        bool ok = false;
        const QString token = ServerProcess::runAdmin(
            {QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--data"),
             m_server.dataDir(), QStringLiteral("--role"), QStringLiteral("support"),
             QStringLiteral("--label"), label},
            &ok);
        return ok ? token : QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.start({QStringLiteral("--seed-accounts"), QStringLiteral("25")}),
                 qPrintable(m_server.output()));
        m_kim = supportToken(QStringLiteral("Kim"));
        QVERIFY(!m_kim.isEmpty());
    }

    void search_typedAndPaged()
    {
        auto c = connection(m_server.supportToken);
        auto r = run(new AccountSearchJob(c.get(), QStringLiteral("GRACE.hopper@")));
        QVERIFY2(!failureOf(r), qPrintable(why(failureOf(r))));
        const auto &page = std::get<AccountSearchPage>(r);
        QCOMPARE(page.accounts.size(), 1);
        QCOMPARE(page.accounts[0].id, QStringLiteral("demo-daily-free-images"));
        QCOMPARE(page.accounts[0].email, QStringLiteral("grace.hopper@example.com"));
        QVERIFY(page.nextCursor.isEmpty());

        // 25 seeded accounts, 10 a page: three pages, each account once.
        QSet<QString> seen;
        QString cursor;
        int pages = 0;
        do {
            auto p = run(new AccountSearchJob(c.get(), QStringLiteral("seed-0000"), cursor, 10));
            QVERIFY2(!failureOf(p), qPrintable(why(failureOf(p))));
            for (const AccountMatch &a : std::get<AccountSearchPage>(p).accounts)
                seen.insert(a.id);
            cursor = std::get<AccountSearchPage>(p).nextCursor;
            ++pages;
        } while (!cursor.isEmpty() && pages < 10);
        QCOMPARE(pages, 3);
        QCOMPARE(seen.size(), 25);
    }

    void search_refusedToAMember()
    {
        auto c = connection(m_server.memberTokens.value(QStringLiteral("demo-coding-weekly")));
        const auto r = run(new AccountSearchJob(c.get(), QStringLiteral("ada")));
        QVERIFY(failureOf(r));
        QCOMPARE(failureOf(r)->httpStatus, 403);
    }

    void profileEventsAndPurchases_ofAMember()
    {
        auto c = connection(m_server.supportToken);
        const QString ada = QStringLiteral("demo-coding-weekly");
        const auto profile = run(new AccountProfileJob(c.get(), ada));
        QVERIFY2(!failureOf(profile), qPrintable(why(failureOf(profile))));
        QCOMPARE(std::get<AccountProfile>(profile).name, QStringLiteral("Ada Lovelace"));
        QCOMPARE(std::get<AccountProfile>(profile).timezone, QStringLiteral("Asia/Shanghai"));

        // The member's own events feed, read with a support token.
        const auto events = run(new EventsJob(c.get(), ada, 0, 10000));
        QVERIFY2(!failureOf(events), qPrintable(why(failureOf(events))));

        bool sawReceipt = false, sawFailure = false;
        for (const QString &account : m_server.memberTokens.keys()) {
            const auto r = run(new SupportPurchasesJob(c.get(), account));
            QVERIFY2(!failureOf(r), qPrintable(why(failureOf(r))));
            for (const SupportPurchase &p : std::get<QList<SupportPurchase>>(r)) {
                if (p.status == u"completed") {
                    QVERIFY(p.receipt.has_value());
                    QCOMPARE(p.receipt->amount, p.amount);
                    QCOMPARE(p.receipt->issuedAt, p.settledAt);
                    sawReceipt = true;
                }
                if (p.status == u"failed") {
                    QVERIFY(!p.receipt);
                    QVERIFY(!p.failureReason.isEmpty());
                    sawFailure = true;
                }
            }
        }
        QVERIFY(sawReceipt && sawFailure);
    }

    void refund_twoAgentsThroughTwoConnections_paidOnce()
    {
        auto sam = connection(m_server.supportToken);
        auto kim = connection(m_kim);
        RefundQueueFilter open;
        open.status = QStringLiteral("open");
        const auto queue = run(new RefundQueueJob(sam.get(), open));
        QVERIFY2(!failureOf(queue), qPrintable(why(failureOf(queue))));
        const auto &requests = std::get<RefundQueuePage>(queue).requests;
        QVERIFY(!requests.isEmpty());
        const QueuedRefund &target = requests.first();
        QVERIFY(target.taskDetail.charged.isPositive());
        QVERIFY(!target.taskDetail.entries.isEmpty());

        // Both at once.
        std::optional<RefundDecisionJob::Result> a, b;
        auto *jobA = new RefundDecisionJob(sam.get(), target.id,
                                           RefundDecisionJob::Verdict::Approve, QString());
        auto *jobB =
            new RefundDecisionJob(kim.get(), target.id, RefundDecisionJob::Verdict::Approve,
                                  QStringLiteral("checked the logs"));
        connect(jobA, &RefundDecisionJob::finished, this,
                [&a](const RefundDecisionJob::Result &r) { a = r; });
        connect(jobB, &RefundDecisionJob::finished, this,
                [&b](const RefundDecisionJob::Result &r) { b = r; });
        jobA->start();
        jobB->start();
        QVERIFY(QTest::qWaitFor([&] { return a && b; }, 20000));
        const RefundDecision *won = std::get_if<RefundDecision>(&*a);
        const RefundAlreadyDecided *lost = std::get_if<RefundAlreadyDecided>(&*b);
        if (!won) {
            won = std::get_if<RefundDecision>(&*b);
            lost = std::get_if<RefundAlreadyDecided>(&*a);
        }
        QVERIFY2(won && lost, "one decision and one 'decided already'");
        QCOMPARE(won->request.status, QStringLiteral("approved"));
        QVERIFY(won->request.decidedBy.has_value());
        QCOMPARE(won->request.refunded, std::optional<Credits>(target.taskDetail.charged));
        QCOMPARE(won->balanceAfter.total - won->balanceBefore.total, target.taskDetail.charged);
        // The second sees who decided and when.
        QCOMPARE(lost->request.decidedBy->label, won->request.decidedBy->label);
        QCOMPARE(lost->request.decidedAt, won->request.decidedAt);
        QVERIFY(lost->message.contains(won->request.decidedBy->label));
        // Paid once.
        int refunds = 0;
        const auto again = run(new RefundQueueJob(
            sam.get(), RefundQueueFilter{QString(), target.accountId, QString(), 500}));
        for (const QueuedRefund &q : std::get<RefundQueuePage>(again).requests)
            if (q.id == target.id)
                for (const LedgerLine &l : q.taskDetail.entries)
                    refunds += l.type == u"refund";
        QCOMPARE(refunds, 1);
    }

    void adjustment_checkedBeforeSendingAndByTheServer()
    {
        const Credits max = Credits::whole(1'000'000'000'000);
        AdjustmentDraft d;
        const auto refused = [&] {
            return d.check(max, m_clock.now()).value_or(AdjustmentDraft::Problem{}).field;
        };
        d.amountText = QStringLiteral("5");
        QCOMPARE(refused(), QStringLiteral("reason"));
        d.reason = QStringLiteral("outage");
        for (const char *bad : {"1.2345", "abc", "0", "-1", "1000000000000.001", ""}) {
            d.amountText = QString::fromLatin1(bad);
            QVERIFY2(refused() == u"amount", bad);
        }
        d.amountText = QStringLiteral("2.5");
        QVERIFY(refused().isEmpty());
        d.type = AdjustmentDraft::Type::Debit;
        d.expiresAt = m_clock.now() + 3600;
        QCOMPARE(refused(), QStringLiteral("expires_at"));
        d.expiresAt = NoTime;

        auto c = connection(m_server.supportToken);
        const QString account = QStringLiteral("demo-prepaid-tokens");
        // More than available: the server's 409, typed.
        d.amountText = QStringLiteral("999999999");
        auto r = run(new AdjustmentJob(c.get(), account, d));
        QVERIFY(failureOf(r));
        QCOMPARE(failureOf(r)->httpStatus, 409);
        QCOMPARE(failureOf(r)->errorCode, QStringLiteral("insufficient_credits"));
        // What the client would not send, the server refuses too (a bypassed check).
        d.amountText = QStringLiteral("0");
        r = run(new AdjustmentJob(c.get(), account, d));
        QVERIFY(failureOf(r));
        QCOMPARE(failureOf(r)->errorField, QStringLiteral("amount"));

        // A dry run, then the grant: balances before and after from the engine.
        d.type = AdjustmentDraft::Type::Grant;
        d.amountText = QStringLiteral("10.125");
        d.expiresAt = m_clock.now() + 30 * 86400;
        d.dryRun = true;
        r = run(new AdjustmentJob(c.get(), account, d));
        QVERIFY2(!failureOf(r), qPrintable(why(failureOf(r))));
        const AdjustmentOutcome preview = std::get<AdjustmentOutcome>(r);
        QVERIFY(preview.dryRun && preview.id.isEmpty());
        d.dryRun = false;
        r = run(new AdjustmentJob(c.get(), account, d));
        QVERIFY2(!failureOf(r), qPrintable(why(failureOf(r))));
        const AdjustmentOutcome done = std::get<AdjustmentOutcome>(r);
        QVERIFY(!done.dryRun && !done.id.isEmpty());
        QCOMPARE(done.amount, Credits::fromMilli(10125));
        QCOMPARE(done.balanceAfter.total - done.balanceBefore.total, Credits::fromMilli(10125));
        QCOMPARE(done.balanceBefore.total, preview.balanceBefore.total);
        QCOMPARE(done.decidedBy.label, QStringLiteral("demo support"));
        QVERIFY(done.expiresAt != NoTime);

        // In the audit trail with who, why and the balances.
        AuditFilter filter;
        filter.accountId = account;
        filter.action = QStringLiteral("adjustment.grant");
        const auto audit = run(new AuditTrailJob(c.get(), filter));
        QVERIFY2(!failureOf(audit), qPrintable(why(failureOf(audit))));
        const AuditRow &row = std::get<AuditPage>(audit).rows.first();
        QCOMPARE(row.reason, QStringLiteral("outage"));
        QCOMPARE(row.actorLabel, QStringLiteral("demo support"));
        QVERIFY(row.balanceBefore && row.balanceAfter);
        QCOMPARE(row.balanceAfter->total - row.balanceBefore->total, Credits::fromMilli(10125));
        // Across accounts too.
        const auto all = run(new AuditTrailJob(c.get(), AuditFilter{}));
        QVERIFY2(!failureOf(all), qPrintable(why(failureOf(all))));
        QVERIFY(!std::get<AuditPage>(all).rows.isEmpty());
    }

    void revokedToken_isUnauthorized()
    {
        const QString token = supportToken(QStringLiteral("Temp"));
        auto c = connection(token);
        auto r = run(new AccountSearchJob(c.get(), QStringLiteral("ada")));
        QVERIFY(!failureOf(r));
        const auto me = m_server.api().get(QStringLiteral("/v1/me"), token);
        bool ok = false;
        ServerProcess::runAdmin({QStringLiteral("token"), QStringLiteral("revoke"),
                                 QStringLiteral("--data"), m_server.dataDir(),
                                 QStringLiteral("--id"),
                                 me.json.value(QStringLiteral("token_id")).toString()},
                                &ok);
        QVERIFY(ok);
        AdjustmentDraft d;
        d.amountText = QStringLiteral("1");
        d.reason = QStringLiteral("goodwill");
        const auto refused =
            run(new AdjustmentJob(c.get(), QStringLiteral("demo-coding-weekly"), d));
        QVERIFY(failureOf(refused));
        QCOMPARE(failureOf(refused)->kind, ApiFailure::Kind::Unauthorized);
        QCOMPARE(failureOf(refused)->errorCode, QStringLiteral("token_revoked"));
    }
};

QTEST_GUILESS_MAIN(TestSyncSupport)
#include "tst_sync_support.moc"
