// The plan view inside the app: on the demo's member (the real server in-process over HTTPS),
// its forecast is the engine's on the synced events; pack advice opens the packs screen's
// purchase confirmation; a step picked on the chart is selected in the token log; an opened
// scenario file plans the same way.

#include "BalanceChart.h"
#include "Config.h"
#include "DesktopClient.h"
#include "MainWindow.h"
#include "PlanView.h"
#include "PurchaseConfirmDialog.h"
#include "SyncedAccount.h"
#include "WhatIfPanel.h"

#include <QApplication>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace creditdesk;

namespace {
constexpr TimePoint DemoStart = 1795000000; // 2026-11-19
}

class TestAppPlan : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void demoMemberPlansAhead();
    void scenarioFilePlansAhead();
};

void TestAppPlan::demoMemberPlansAhead()
{
    QTemporaryDir dir;
    Config config(dir.filePath(QStringLiteral("creditdesk.ini")));
    DesktopClient client(config);
    client.window().resize(1280, 820);
    client.window().show();
    QString error;
    QVERIFY2(client.startDemo(DemoStart, &error, QStringLiteral("tiered-tasks")),
             qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(client.isShowingAccount() && client.account(), 20000);
    client.window().showPage(MainWindow::PlanPage);
    PlanView *plan = client.plan();
    QTRY_VERIFY(plan->isVisible());
    QTRY_VERIFY(plan->forecast().at != NoTime);

    // The forecast's baseline is the engine's projection on the synced events, at the demo's now.
    const auto engine = client.account()->history().engineAt(client.moment());
    const ProjectionAnswer p = engine->projection(7);
    QCOMPARE(plan->forecast().baseline.burnPerDay, p.burnPerDay);
    QCOMPARE(plan->forecast().baseline.runsOutAt, p.runsOutAt);
    QCOMPARE(plan->forecast().available, engine->balance().available);
    QVERIFY(!plan->runOutText().isEmpty());
    QVERIFY(!plan->chart()->balancePoints().isEmpty());

    // The demo member's own pace never needs a top-up: the monthly refreshes pay for it (the
    // advice counts them). With a what-if of 15 deep-research tasks (300 credits) a day, the
    // next 60 days need one; its button opens the purchase confirmation.
    plan->setAdviceDays(60);
    QVERIFY(plan->packAdvice());
    QCOMPARE(plan->packAdvice()->kind, PackAdvice::Kind::NotNeeded);
    WhatIf::Request heavy;
    heavy.feature = QStringLiteral("deep_research");
    heavy.perDay = 15;
    plan->whatIfPanel()->setRequest(heavy);
    QTest::mouseClick(plan->whatIfPanel()->findChild<QPushButton *>(QStringLiteral("whatIfShow")),
                      Qt::LeftButton);
    QVERIFY(plan->packAdvice());
    QCOMPARE(plan->packAdvice()->basis, PackAdvice::Basis::WhatIf);
    if (plan->packAdvice()->kind == PackAdvice::Kind::Pack ||
        plan->packAdvice()->kind == PackAdvice::Kind::CustomAmount) {
        auto *buy = plan->findChild<QPushButton *>(QStringLiteral("packAdviceBuy"));
        QVERIFY(buy && buy->isVisible());
        buy->click();
        PurchaseConfirmDialog *confirm = nullptr;
        QTRY_VERIFY((confirm = client.window().findChild<PurchaseConfirmDialog *>()) &&
                    confirm->isVisible());
        QCOMPARE(client.window().currentPage(), MainWindow::PacksPage);
        confirm->reject();
    } else {
        QFAIL(qPrintable(QStringLiteral("no burn in the demo member's history: ") +
                         plan->packText()));
    }

    // A step picked on the chart (keyboard: End, Enter) is selected in the token log.
    client.window().showPage(MainWindow::PlanPage);
    plan->setRange(BalanceChart::Range::All);
    plan->chart()->setFocus();
    QTest::keyClick(plan->chart(), Qt::Key_End);
    QTest::keyClick(plan->chart(), Qt::Key_Return);
    QCOMPARE(client.window().currentPage(), MainWindow::TokenLogPage);
    auto *entries = client.window().findChild<QTableView *>(QStringLiteral("entryTable"));
    QVERIFY(entries);
    QTRY_VERIFY(!entries->selectionModel()->selectedRows().isEmpty());
}

void TestAppPlan::scenarioFilePlansAhead()
{
    QTemporaryDir dir;
    Config config(dir.filePath(QStringLiteral("creditdesk.ini")));
    DesktopClient client(config);
    client.window().resize(1280, 820);
    client.window().show();
    QVERIFY(client.openScenario(
        QStringLiteral(CREDITDESK_TESTS_DIR "/reference/01-unified-monthly-basics.json")));
    client.window().showPage(MainWindow::PlanPage);
    PlanView *plan = client.plan();
    QTRY_VERIFY(plan->forecast().at == client.moment());
    QVERIFY(!plan->chart()->balancePoints().isEmpty());
    QVERIFY(!plan->runOutText().isEmpty());
    // Read-only: no purchase button, whatever the advice.
    QVERIFY(!plan->findChild<QPushButton *>(QStringLiteral("packAdviceBuy"))->isVisible());
}

QTEST_MAIN(TestAppPlan)
#include "tst_app_plan.moc"
