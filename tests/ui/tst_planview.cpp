// The plan view, offscreen, on synthetic accounts: the chart's line is the engine's balance,
// the run-out sentence on both sides of a refresh boundary (ManualClock), a what-if's problem
// beside its field and its answer on the chart, a click on a step names its ledger entries,
// and pack advice words the engine-backed answer.

#include "AccountHistory.h"
#include "BalanceChart.h"
#include "ManualClock.h"
#include "PlanView.h"
#include "PresetCatalog.h"
#include "SyncedAccount.h"
#include "TimeFormat.h"
#include "UsageHistory.h"
#include "WhatIfPanel.h"

#include <QAbstractSeries>
#include <QChart>
#include <QDateTime>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace creditdesk;
using namespace Qt::StringLiterals;

namespace {

TimePoint at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toSecsSinceEpoch();
}

// A member of `preset` on `plan` from `start`: `perDay` tasks a day of `feature` for `days`.
std::unique_ptr<SyncedAccount> account(const QString &preset, const QString &plan, TimePoint start,
                                       int days, int perDay, const QString &feature, qint64 tokens)
{
    UsageHistory usage{preset,  plan,  start, days, [perDay](int) { return perDay; },
                       feature, tokens};
    usage.firstTaskAfter = 1800;
    usage.taskSeconds = 120;
    auto a = std::make_unique<SyncedAccount>(usage.build());
    a->preset = preset;
    a->unit = PresetCatalog::builtIn().find(preset)->unit;
    a->timezone = u"UTC"_s;
    return a;
}

// The plan page on one member, shown at 1100×900 at the clock's moment (the account and the
// clock outlive the view).
struct PlanPage
{
    PlanPage(std::unique_ptr<SyncedAccount> member, TimePoint now)
        : account(std::move(member))
        , clock(now)
        , view(clock)
    {
        view.resize(1100, 900);
        view.show();
        view.setAccount(account.get());
    }

    std::unique_ptr<SyncedAccount> account;
    ManualClock clock;
    PlanView view;
};

} // namespace

class TestPlanView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void chartIsTheEngine_data();
    void chartIsTheEngine();
    void runOutAcrossRefresh();
    void whatIfProblemBesideField();
    void whatIfRedrawsChart();
    void clickedStepNamesItsEntries();
    void packAdviceWords_data();
    void packAdviceWords();
    void valueAxisGroupsThousands_data();
    void valueAxisGroupsThousands();
};

void TestPlanView::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestPlanView::chartIsTheEngine_data()
{
    QTest::addColumn<int>("range");
    QTest::newRow("24 h") << int(BalanceChart::Range::Day);
    QTest::newRow("7 d") << int(BalanceChart::Range::Week);
    QTest::newRow("30 d") << int(BalanceChart::Range::Month);
    QTest::newRow("this cycle") << int(BalanceChart::Range::Cycle);
    QTest::newRow("all") << int(BalanceChart::Range::All);
}

void TestPlanView::chartIsTheEngine()
{
    QFETCH(int, range);
    const TimePoint start = at("2026-09-20T00:00:00Z");
    PlanPage page(account(u"unified-monthly"_s, u"pro"_s, start, 50, 6, u"code"_s, 9000),
                  start + 50 * SecondsPerDay + 5000);
    auto &[a, clock, view] = page;
    view.setRange(BalanceChart::Range(range));
    const auto [from, to] = view.chart()->span();
    QVERIFY(from < clock.now());
    const QList<QPointF> points = view.chart()->balancePoints();
    QVERIFY(points.size() > 2);
    // Each vertical step: below it the balance just before, above it the balance at that moment.
    int checked = 0;
    for (qsizetype i = 1; i < points.size(); ++i) {
        if (points[i].x() != points[i - 1].x() || (i % 7 != 0 && checked > 3))
            continue;
        const TimePoint t = TimePoint(points[i].x());
        const auto engineAtT = a->history().replayUntil(t);
        const auto engineBefore = a->history().replayUntil(t - 1);
        QCOMPARE(qint64(std::llround(points[i].y() * 1000)), engineAtT->balance().total.milli());
        QCOMPARE(qint64(std::llround(points[i - 1].y() * 1000)),
                 engineBefore->balance().total.milli());
        ++checked;
    }
    QVERIFY(checked > 0);
    // The line ends at now with the balance now.
    QCOMPARE(qint64(std::llround(points.last().y() * 1000)),
             a->history().engineAt(clock.now())->balance().total.milli());
}

void TestPlanView::runOutAcrossRefresh()
{
    // Pro (5,000 a month from 1 Oct) at 200 a day: out on 26 Oct, five days before the
    // refresh; after it, the last week's burn is small and the new 5,000 last past 1 Dec.
    const TimePoint start = at("2026-10-01T00:00:00Z");
    const TimePoint refresh = at("2026-11-01T00:00:00Z");
    PlanPage page(account(u"unified-monthly"_s, u"pro"_s, start, 45, 4, u"code"_s, 25000),
                  at("2026-10-10T12:00:00Z"));
    auto &[a, clock, view] = page;
    const TimeFormat times(a->history().zone());
    QVERIFY2(view.runOutText().contains(u"before your refresh on "_s + times.date(refresh)),
             qPrintable(view.runOutText()));
    QVERIFY(view.runOutText().startsWith(u"At your pace (200 credits/day)"_s));

    clock.set(refresh - 1);
    view.refresh();
    QVERIFY2(view.runOutText().contains(u"out of credits until your next refresh on "_s +
                                        times.date(refresh)),
             qPrintable(view.runOutText()));

    const TimePoint next = at("2026-12-01T00:00:00Z");
    clock.set(refresh + 1);
    view.refresh();
    QVERIFY2(!view.runOutText().contains(u"out of"_s) &&
                 view.runOutText().contains(u"refresh on "_s + times.date(next)),
             qPrintable(view.runOutText()));
    // The baseline comes from the last week, in which the member was mostly out of credits
    // and burnt little; the band comes from the whole month, heavy days included, and ends
    // before it: the band is drawn as the futures say, not stretched to hold the line.
    const auto &range = std::get<BurnForecast::Range>(view.forecast().spread);
    QVERIFY(range.earliest <= range.latest);
    QVERIFY(view.forecast().baseline.runsOutAt > range.latest);
    // The sentence says both, each with its own pace: the 7-day date is the dashboard's, so the
    // two screens never contradict each other without a word of why.
    const QString both = view.runOutText();
    QVERIFY2(both.startsWith(u"At your 7-day pace ("_s), qPrintable(both));
    QVERIFY2(both.contains(u"you run out on "_s +
                           times.date(view.forecast().baseline.runsOutAt, clock.now()) +
                           u"; at your 28-day pace ("_s),
             qPrintable(both));
    QVERIFY2(both.contains(times.date(range.latest, clock.now())), qPrintable(both));
    // A longer sentence takes a second line rather than running under the card's edge.
    auto *sentence = view.findChild<QLabel *>(u"runOutSentence"_s);
    QVERIFY(sentence);
    QTRY_VERIFY2(sentence->height() >= sentence->heightForWidth(sentence->width()),
                 qPrintable(u"%1 px high, %2 needed at %3 px"_s.arg(sentence->height())
                                .arg(sentence->heightForWidth(sentence->width()))
                                .arg(sentence->width())));

    // A light user (50 a day) is fine on both sides of the boundary, each time against the
    // refresh that comes next.
    auto light = account(u"unified-monthly"_s, u"pro"_s, start, 45, 1, u"code"_s, 25000);
    view.setAccount(light.get());
    clock.set(refresh - 1);
    view.refresh();
    QVERIFY2(view.runOutText().contains(u"after your next refresh on "_s + times.date(refresh) +
                                        u" — you're fine"_s),
             qPrintable(view.runOutText()));
    clock.set(refresh + 1);
    view.refresh();
    QVERIFY2(view.runOutText().contains(u"after your next refresh on "_s + times.date(next) +
                                        u" — you're fine"_s),
             qPrintable(view.runOutText()));

    // A new account says it has too little history.
    auto fresh = account(u"unified-monthly"_s, u"pro"_s, start, 3, 4, u"code"_s, 25000);
    clock.set(start + 3 * SecondsPerDay);
    view.setAccount(fresh.get());
    QVERIFY2(view.runOutText().startsWith(u"Too little history"_s), qPrintable(view.runOutText()));
}

void TestPlanView::whatIfProblemBesideField()
{
    const TimePoint start = at("2026-10-01T00:00:00Z");
    PlanPage page(account(u"tiered-tasks"_s, u"pro"_s, start, 10, 2, u"agent"_s, -1),
                  start + 10 * SecondsPerDay);
    auto &[a, clock, view] = page;
    WhatIfPanel *panel = view.whatIfPanel();
    WhatIf::Request r;
    r.feature = u"compare"_s;
    r.models = 5;
    r.perDay = 2;
    panel->setRequest(r);
    QTest::mouseClick(panel->findChild<QPushButton *>(u"whatIfShow"_s), Qt::LeftButton);
    QCOMPARE(panel->problemText(WhatIf::Field::Models), u"At most 4 models."_s);
    QVERIFY(panel->findChild<QLabel *>(u"whatIfModelsProblem"_s)->isVisible());
    QVERIFY(panel->problemText(WhatIf::Field::Feature).isEmpty());
    QVERIFY(panel->resultText().isEmpty());

    r.feature = u"routing"_s;
    r.models = 1;
    panel->setRequest(r);
    QTest::mouseClick(panel->findChild<QPushButton *>(u"whatIfShow"_s), Qt::LeftButton);
    QVERIFY(panel->problemText(WhatIf::Field::Models).isEmpty());
    QCOMPARE(panel->problemText(WhatIf::Field::Tier),
             u"Pick a tier: this feature is priced by it."_s);
}

void TestPlanView::whatIfRedrawsChart()
{
    const TimePoint start = at("2026-10-01T00:00:00Z");
    PlanPage page(account(u"tiered-tasks"_s, u"pro"_s, start, 10, 2, u"agent"_s, -1),
                  start + 10 * SecondsPerDay);
    auto &[a, clock, view] = page;
    const qint64 eventsBefore = a->history().eventCount();
    WhatIf::Request r;
    r.feature = u"deep_research"_s;
    r.perDay = 5; // 100 a day against about 1,700 left: out within three weeks
    view.whatIfPanel()->setRequest(r);
    QTest::mouseClick(view.whatIfPanel()->findChild<QPushButton *>(u"whatIfShow"_s),
                      Qt::LeftButton);
    QVERIFY2(view.whatIfPanel()->resultText().contains(u"you would run out on"_s),
             qPrintable(view.whatIfPanel()->resultText()));
    bool drawn = false;
    for (QAbstractSeries *s : view.chart()->chart()->series())
        drawn = drawn || s->name() == u"What-if";
    QVERIFY(drawn);
    QCOMPARE(a->history().eventCount(), eventsBefore); // nothing was added to the account
    QTest::mouseClick(view.whatIfPanel()->findChild<QPushButton *>(u"whatIfClear"_s),
                      Qt::LeftButton);
    for (QAbstractSeries *s : view.chart()->chart()->series())
        QVERIFY(s->name() != u"What-if");
}

void TestPlanView::clickedStepNamesItsEntries()
{
    const TimePoint start = at("2026-10-01T00:00:00Z");
    PlanPage page(account(u"unified-monthly"_s, u"plus"_s, start, 3, 1, u"agent"_s, 10000),
                  start + 3 * SecondsPerDay);
    auto &[a, clock, view] = page;
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setRange(BalanceChart::Range::Week);
    BalanceChart *chart = view.chart();
    QSignalSpy spy(chart, &BalanceChart::stepActivated);
    // The second task's charge (day 2): a step of its own.
    const auto engine = a->history().engineAt(clock.now());
    const BalanceSeries series = BalanceSeries::fromEngine(*engine);
    const BalanceStep &step = series.steps()[2];
    QCOMPARE(engine->ledger()[step.firstEntry].type, EntryType::Charge);
    const QPointF scene =
        chart->chart()->mapToPosition(QPointF(qreal(step.at), qreal(step.balance.milli()) / 1000));
    QTest::mouseClick(chart->viewport(), Qt::LeftButton, {}, chart->mapFromScene(scene));
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy[0][0].toULongLong(), qulonglong(step.firstEntry));
    QCOMPARE(spy[0][1].toULongLong(), qulonglong(step.endEntry));
    // Keyboard: End picks the last step shown, Enter names it.
    chart->setFocus();
    QTest::keyClick(chart, Qt::Key_End);
    QTest::keyClick(chart, Qt::Key_Return);
    QCOMPARE(spy.size(), 2);
    QCOMPARE(spy[1][1].toULongLong(), qulonglong(series.steps().back().endEntry));
    QVERIFY(chart->describe(step.at, 60).contains(u"Charge"_s));
}

void TestPlanView::packAdviceWords_data()
{
    QTest::addColumn<int>("days");         // 0: to the next refresh
    QTest::addColumn<int>("whatIfPerDay"); // 0: no what-if
    QTest::addColumn<QString>("pack");     // empty: "you don't need one"
    QTest::addColumn<QString>("starts");
    // tiered-tasks pro at 3 agent tasks (60) a day: 1,500 left on 11 Oct, 2,000 on the 1st of
    // every month. Arithmetic that ignored the refreshes wanted ~3,900 for 90 days; the
    // refreshes pay for it all.
    QTest::newRow("to the refresh") << 0 << 0 << QString() << u"You don't need a top-up"_s;
    QTest::newRow("90 days, three refreshes on the way")
        << 90 << 0 << QString() << u"You don't need a top-up"_s;
    // A what-if of 6 agent tasks a day (120 a day) for the same 90 days: about 1,000 short in
    // October, 1,600 in November and 1,700 in December: pack_50 is the cheapest that holds it.
    QTest::newRow("90 days with a what-if") << 90 << 6 << u"pack_50"_s << u"With the what-if"_s;
    QTest::newRow("to the refresh with a what-if")
        << 0 << 6 << u"pack_25"_s << u"With the what-if"_s;
}

void TestPlanView::packAdviceWords()
{
    QFETCH(int, days);
    QFETCH(int, whatIfPerDay);
    QFETCH(QString, pack);
    QFETCH(QString, starts);
    const TimePoint start = at("2026-10-01T00:00:00Z");
    auto member = account(u"tiered-tasks"_s, u"pro"_s, start, 10, 3, u"agent"_s, -1);
    for (const Pack &p : member->history().policy().packs)
        member->packs.append({p.name, p.amount, p.price});
    PlanPage page(std::move(member), start + 10 * SecondsPerDay);
    auto &[a, clock, view] = page;
    if (days > 0)
        view.setAdviceDays(days);
    if (whatIfPerDay > 0) {
        WhatIf::Request r;
        r.feature = u"agent"_s;
        r.perDay = whatIfPerDay;
        view.whatIfPanel()->setRequest(r);
        QTest::mouseClick(view.whatIfPanel()->findChild<QPushButton *>(u"whatIfShow"_s),
                          Qt::LeftButton);
    }
    QVERIFY2(view.packText().startsWith(starts), qPrintable(view.packText()));
    QPushButton *button = view.findChild<QPushButton *>(u"packAdviceBuy"_s);
    if (pack.isEmpty()) {
        QCOMPARE(view.packAdvice()->kind, PackAdvice::Kind::NotNeeded);
        QVERIFY(!button->isVisible());
        return;
    }
    QCOMPARE(view.packAdvice()->kind, PackAdvice::Kind::Pack);
    QCOMPARE(view.packAdvice()->basis, PackAdvice::Basis::WhatIf);
    QCOMPARE(a->history().policy().packs[view.packAdvice()->pack].name, pack);
    QVERIFY2(view.packText().contains(u"per 100 credits"_s), qPrintable(view.packText()));
    QSignalSpy buy(&view, &PlanView::buyRequested);
    QVERIFY(button->isVisible());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(buy.size(), 1);
    QCOMPARE(buy[0][0].toString(), pack);
    // Clearing the what-if takes the advice back to the member's own pace.
    QTest::mouseClick(view.whatIfPanel()->findChild<QPushButton *>(u"whatIfClear"_s),
                      Qt::LeftButton);
    QVERIFY2(view.packText().startsWith(u"You don't need a top-up"_s), qPrintable(view.packText()));
}

void TestPlanView::valueAxisGroupsThousands_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::newRow("en_US") << QLocale(QLocale::English, QLocale::UnitedStates);
    QTest::newRow("de_DE") << QLocale(QLocale::German, QLocale::Germany);
    QTest::newRow("fr_FR") << QLocale(QLocale::French, QLocale::France);
}

void TestPlanView::valueAxisGroupsThousands()
{
    // A balance in the thousands: the y axis reads "2,000" (or "2.000", "2 000"), not "2000".
    QFETCH(QLocale, locale);
    const QLocale before;
    QLocale::setDefault(locale);
    const TimePoint start = at("2026-10-01T00:00:00Z");
    PlanPage page(account(u"tiered-tasks"_s, u"pro"_s, start, 10, 3, u"agent"_s, -1),
                  start + 10 * SecondsPerDay);
    auto &[a, clock, view] = page;
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCoreApplication::processEvents();
    QStringList labels;
    for (QGraphicsItem *item : view.chart()->scene()->items())
        if (auto *text = dynamic_cast<QGraphicsTextItem *>(item))
            labels << text->toPlainText();
    QLocale::setDefault(before);
    // Spaces compared as spaces: French groups with a narrow no-break space.
    for (QString &l : labels)
        for (QChar &ch : l)
            if (ch.isSpace())
                ch = u' ';
    const auto expected = [&](qint64 n) {
        QString s = locale.toString(n);
        for (QChar &ch : s)
            if (ch.isSpace())
                ch = u' ';
        return s;
    };
    QVERIFY2(expected(1000).size() == 5, qPrintable(expected(1000))); // the locale groups
    QVERIFY2(labels.contains(expected(1000)) || labels.contains(expected(2000)),
             qPrintable(labels.join(u" | "_s)));
    QVERIFY2(!labels.contains(u"1000"_s) && !labels.contains(u"2000"_s),
             qPrintable(labels.join(u" | "_s)));
}

QTEST_MAIN(TestPlanView)
#include "tst_planview.moc"
