// The support console's "explain a balance" (ExplainView) at a moment of each kind the spec's
// "Rule ids" table has, one row per id: a lot's own expiry, a usage window's limit, a plan
// change, a rolling or daily refresh, an uncovered charge, each reject, a promotion... The demo
// members (tst_app_support) have refreshes, refunds and failed tasks; these scenario files have
// the rest. For each row the view's balance equals the engine's `balance` answer at that moment
// (what `creditdesk-cli simulate` prints), the step at that moment carries the id the table
// gives for the case (written here from the table), and the row the agent reads says it in
// words.
#include "ExplainView.h"
#include "IsoTime.h"
#include "ManualClock.h"
#include "ParseError.h"
#include "RuleScenarios.h"
#include "ScenarioFileAccount.h"
#include "ScenarioReader.h"
#include "ScenarioReplay.h"
#include "SyncedAccount.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTreeWidget>

using namespace creditdesk;
using namespace Qt::StringLiterals;
using namespace RuleScenarios;

namespace {

// The "Why" column of the steps tree (ExplainView's column order).
constexpr int WhyColumn = 5;

// The engine's `balance` answer at `at` for `scenario`, as `creditdesk-cli simulate` gives it.
QJsonObject simulatedBalance(const QByteArray &scenario, const QString &at)
{
    QJsonObject root = QJsonDocument::fromJson(scenario).object();
    root[u"queries"_s] = QJsonArray{QJsonObject{{u"at"_s, at}, {u"ask"_s, u"balance"_s}}};
    auto read = ScenarioReader::read(QJsonDocument(root).toJson());
    if (auto *e = std::get_if<ParseError>(&read))
        qFatal("scenario: %s", qPrintable(e->toString()));
    const QByteArray answers = ScenarioReplay::answersJson(std::get<Scenario>(read));
    return QJsonDocument::fromJson(answers)[u"answers"_s][0].toObject();
}

} // namespace

class TestExplainView : public QObject
{
    Q_OBJECT

private slots:
    void wordsEveryRuleAtItsMoment_data();
    void wordsEveryRuleAtItsMoment();
};

void TestExplainView::wordsEveryRuleAtItsMoment_data()
{
    QTest::addColumn<QByteArray>("scenario");
    QTest::addColumn<QString>("at");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("words");

    // grant.signup: a signup's one-time grant (bucket signup_free)
    QTest::newRow("grant.signup") << DailyFree << u"2026-01-01T08:00:00Z"_s << u"grant.signup"_s
                                  << u"granted once, at signup"_s;
    // grant.pool_start: a daily allowance's first allotment at signup
    QTest::newRow("grant.pool_start") << DailyFree << u"2026-01-01T08:00:00Z"_s
                                      << u"grant.pool_start"_s << u"the pool's first allotment"_s;
    // grant.event: a grant event (an adjustment)
    QTest::newRow("grant.event") << UnifiedChangesAndRejects << u"2026-01-12T00:00:00Z"_s
                                 << u"grant.event"_s << u"granted 5"_s;
    // purchase.credited: always, on a purchase
    QTest::newRow("purchase.credited") << Prepaid << u"2026-01-01T00:00:00Z"_s
                                       << u"purchase.credited"_s << u"bought and credited"_s;
    // refresh.monthly_anniversary: the plan subscribed on 1 Jan 10:00 refreshes on 1 Feb 10:00
    QTest::newRow("refresh.monthly_anniversary")
        << UnifiedRefresh << u"2026-02-01T10:00:00Z"_s << u"refresh.monthly_anniversary"_s
        << u"refresh on the subscription's monthly anniversary"_s;
    // refresh.rolling_days: the coding week subscribed on 1 Jan refreshes at 00:00 of day 8
    QTest::newRow("refresh.rolling_days")
        << CodingWeekly << u"2026-01-08T00:00:00Z"_s << u"refresh.rolling_days"_s
        << u"refresh at local midnight every cycle of days"_s;
    // refresh.daily_midnight: the daily free pool at the next local midnight
    QTest::newRow("refresh.daily_midnight")
        << DailyFree << u"2026-01-02T00:00:00Z"_s << u"refresh.daily_midnight"_s
        << u"refresh at local midnight every day"_s;
    // expire.no_rollover: what the anniversary refresh found left
    QTest::newRow("expire.no_rollover") << UnifiedRefresh << u"2026-02-01T10:00:00Z"_s
                                        << u"expire.no_rollover"_s << u"expired, no rollover"_s;
    // expire.lot: the bonus reached its own expires_at
    QTest::newRow("expire.lot") << UnifiedRefresh << u"2026-01-10T00:00:00Z"_s << u"expire.lot"_s
                                << u"expired on their own expiry date"_s;
    // plan.change: a subscribe to another plan removed the old plan's credits
    QTest::newRow("plan.change") << UnifiedChangesAndRejects << u"2026-01-04T00:00:00Z"_s
                                 << u"plan.change"_s << u"the plan changed"_s;
    // reject.insufficient_positive: nothing left under `positive` admission
    QTest::newRow("reject.insufficient_positive")
        << UnifiedChangesAndRejects << u"2026-01-10T01:00:00Z"_s
        << u"reject.insufficient_positive"_s << u"refused: nothing was left"_s;
    // reject.insufficient_covers: 400 requests do not fit the week under `covers`
    QTest::newRow("reject.insufficient_covers")
        << CodingWeekly << u"2026-01-03T00:00:00Z"_s << u"reject.insufficient_covers"_s
        << u"did not fit what was left"_s;
    // reject.limit: the 5 h window the agent task opened is used up
    QTest::newRow("reject.limit") << UnifiedChangesAndRejects << u"2026-01-08T01:00:00Z"_s
                                  << u"reject.limit"_s << u"the usage window's limit was reached"_s;
    // reject.invalid: the end of a task that never started
    QTest::newRow("reject.invalid") << UnifiedChangesAndRejects << u"2026-01-11T00:00:00Z"_s
                                    << u"reject.invalid"_s << u"refused as an invalid request"_s;
    // reserve.hold: a request under `covers` is held while it runs
    QTest::newRow("reserve.hold") << CodingWeekly << u"2026-01-02T00:00:00Z"_s << u"reserve.hold"_s
                                  << u"held while the"_s;
    // reserve.release: its failure releases the hold
    QTest::newRow("reserve.release")
        << CodingWeekly << u"2026-01-02T00:01:00Z"_s << u"reserve.release"_s << u"was released"_s;
    // charge.consumption_order: every charge
    QTest::newRow("charge.consumption_order")
        << UnifiedRefresh << u"2026-01-03T00:01:00Z"_s << u"charge.consumption_order"_s
        << u"in consumption order"_s;
    // charge.applicability: a video, which the daily free (image-only) credits may not pay for
    QTest::newRow("charge.applicability")
        << DailyFree << u"2026-01-01T10:01:00Z"_s << u"charge.applicability"_s
        << u"daily free credits pay for image"_s;
    // charge.uncovered: the agent task cost more than every bucket held
    QTest::newRow("charge.uncovered")
        << UnifiedChangesAndRejects << u"2026-01-08T00:01:00Z"_s << u"charge.uncovered"_s
        << u"were not covered and were written off"_s;
    // refund.to_lots: the lot t2 was paid from is alive
    QTest::newRow("refund.to_lots")
        << UnifiedChangesAndRejects << u"2026-01-07T00:00:00Z"_s << u"refund.to_lots"_s
        << u"to the credits they were taken from"_s;
    // refund.to_refund_lot: t1's plan lot was reset by the plan change
    QTest::newRow("refund.to_refund_lot")
        << UnifiedChangesAndRejects << u"2026-01-05T00:00:00Z"_s << u"refund.to_refund_lot"_s
        << u"as never-expiring refund credits"_s;
    // debit.adjustment: support removed credits
    QTest::newRow("debit.adjustment") << UnifiedChangesAndRejects << u"2026-01-12T00:01:00Z"_s
                                      << u"debit.adjustment"_s << u"support removed 3"_s;
    // task.outcome_free: a failed image is not charged
    QTest::newRow("task.outcome_free") << DailyFree << u"2026-01-01T11:01:00Z"_s
                                       << u"task.outcome_free"_s << u"charged on success only"_s;
    // task.promotion_free: an image started inside the image promotion
    QTest::newRow("task.promotion_free")
        << Prepaid << u"2026-01-01T01:01:00Z"_s << u"task.promotion_free"_s
        << u"started inside a promotion: free"_s;
}

void TestExplainView::wordsEveryRuleAtItsMoment()
{
    QFETCH(QByteArray, scenario);
    QFETCH(QString, at);
    QFETCH(QString, id);
    QFETCH(QString, words);

    auto opened = ScenarioFileAccount::fromJson(scenario, u"case"_s);
    if (auto *e = std::get_if<ParseError>(&opened))
        QFAIL(qPrintable(e->toString()));
    SyncedAccount *account = std::get<ScenarioFileAccount::Opened>(opened).account.get();
    const auto moment = IsoTime::parse(at);
    QVERIFY(moment);

    ManualClock clock(*moment);
    ExplainView view(clock);
    view.resize(1200, 600);
    view.show();
    view.setAccount(account);
    view.explainAt(*moment);
    const ExplainView::Explanation &x = view.explanation();

    // The balance the agent reads is the engine's answer at that moment.
    const QJsonObject balance = simulatedBalance(scenario, at);
    QCOMPARE(x.balance.available.toString(), balance[u"available"_s].toVariant().toString());
    QCOMPARE(x.balance.total.toString(), balance[u"total"_s].toVariant().toString());

    // The step at that moment that carries the id, and its row in the tree.
    int row = -1;
    for (int i = 0; i < x.steps.size() && row < 0; ++i)
        if (x.steps[i].entry.at == *moment && x.steps[i].rules.contains(id))
            row = i;
    QStringList seen;
    for (const auto &s : x.steps)
        if (s.entry.at == *moment)
            seen << s.rules.join(u' ');
    QVERIFY2(row >= 0, qPrintable(u"no step at the moment carries "_s + id + u"; seen: "_s +
                                  seen.join(u" | ")));
    auto *tree = view.findChild<QTreeWidget *>(u"explainSteps"_s);
    QVERIFY(tree);
    QCOMPARE(tree->topLevelItemCount(), int(x.steps.size()));
    const QString why = tree->topLevelItem(row)->text(WhyColumn);
    QVERIFY2(why.contains(words), qPrintable(why));
    // "Copy as text" carries the same words.
    QVERIFY2(view.text().contains(why), qPrintable(view.text().right(400)));
}

QTEST_MAIN(TestExplainView)
#include "tst_explainview.moc"
