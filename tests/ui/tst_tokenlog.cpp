// The token log over a busy account (about 100,000 ledger entries): the models pass
// QAbstractItemModelTester, filters and sorts show what they say, the CSV export holds exactly
// the rows shown, the detail pane shows the selected task's entries, a refund request leaves as
// an intent signal, Ctrl+F goes to the search box.
#include "AccountHistory.h"
#include "LedgerEntryModel.h"
#include "LogHistory.h"
#include "ManualClock.h"
#include "SyncedAccount.h"
#include "TaskLogModel.h"
#include "TokenLogView.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialog>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace creditdesk;

class TestTokenLog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void modelsPassTheTester();
    void rowsAreTasksAndEventsNewestFirst();
    void filterByFeatureAndOutcome();
    void searchIsDebounced();
    void sortByAmount();
    void csvExportHoldsWhatIsShown();
    void ledgerEntriesFilterByType();
    void detailPaneShowsTheTasksEntries();
    void refundRequestIntent();
    void ctrlFFocusesSearch();

private:
    std::unique_ptr<SyncedAccount> m_account;
    std::unique_ptr<ManualClock> m_clock;
};

void TestTokenLog::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QElapsedTimer timer;
    timer.start();
    m_account = LogHistory::build(37000);
    m_clock = std::make_unique<ManualClock>(m_account->history().lastEventAt() + 3600);
    const std::size_t entries = m_account->history().engine().ledger().size();
    qInfo("history: %lld events, %zu ledger entries, %zu tasks, built in %lld ms",
          m_account->history().eventCount(), entries, m_account->history().tasks().size(),
          timer.elapsed());
    QVERIFY(entries >= 100000);
}

void TestTokenLog::modelsPassTheTester()
{
    TaskLogModel tasks;
    LedgerEntryModel entries;
    QAbstractItemModelTester t1(&tasks, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&entries, QAbstractItemModelTester::FailureReportingMode::QtTest);
    tasks.setAccount(m_account.get());
    entries.setAccount(m_account.get());
    QCOMPARE(entries.rowCount(), int(m_account->history().engine().ledger().size()));
    TaskLogModel::Filter f;
    f.show = TaskLogModel::Show::Tasks;
    tasks.setFilter(f);
    tasks.sort(TaskLogModel::Amount, Qt::AscendingOrder);
    f.text = QStringLiteral("t29");
    tasks.setFilter(f);
    LedgerEntryModel::Filter ef;
    ef.types = 1u << quint32(EntryType::Charge);
    entries.setFilter(ef);
    entries.setRanges(m_account->history().entriesOfEvent(5) ==
                              std::pair<std::size_t, std::size_t>{}
                          ? std::vector<std::pair<std::size_t, std::size_t>>{}
                          : std::vector{m_account->history().entriesOfEvent(5)});
    tasks.setAccount(nullptr);
    QCOMPARE(tasks.rowCount(), 0);
}

void TestTokenLog::rowsAreTasksAndEventsNewestFirst()
{
    TaskLogModel model;
    model.setAccount(m_account.get());
    const AccountHistory &h = m_account->history();
    qint64 otherEvents = 0;
    for (qint64 i = 0; i < h.eventCount(); ++i) {
        const EventType type = h.event(i).type;
        if (type != EventType::TaskStart && type != EventType::TaskEnd && type != EventType::Refund)
            ++otherEvents;
    }
    // Every task, every other event, and the pending purchase.
    QCOMPARE(model.rowCount(), int(h.tasks().size() + std::size_t(otherEvents) + 1));
    QString previous = QStringLiteral("9999");
    for (int r = 0; r < model.rowCount(); r += 997) {
        const QString at =
            model.index(r, TaskLogModel::Started).data(TaskLogModel::ExportRole).toString();
        QVERIFY2(at <= previous, qPrintable(at));
        previous = at;
    }
    // The newest row is the pending purchase; its state is in words.
    QCOMPARE(model.index(0, TaskLogModel::Outcome).data().toString(),
             QStringLiteral("waiting for payment"));
    QCOMPARE(model.index(0, TaskLogModel::Task).data().toString(), QStringLiteral("pur_pending"));
    QCOMPARE(model.index(0, TaskLogModel::Details).data().toString(),
             QStringLiteral("custom amount · $4.99"));
    // Refund request states reach their tasks.
    int open = 0, declined = 0;
    for (int r = 0; r < 200; ++r) {
        const QString s = model.index(r, TaskLogModel::RefundRequest).data().toString();
        open += s == QStringLiteral("refund requested");
        declined += s == QStringLiteral("refund declined: the result was delivered");
    }
    QCOMPARE(open, 1);
    QCOMPARE(declined, 1);
}

void TestTokenLog::filterByFeatureAndOutcome()
{
    TaskLogModel model;
    model.setAccount(m_account.get());
    const AccountHistory &h = m_account->history();
    const int video = h.policy().featureIndex(u"video");
    TaskLogModel::Filter f;
    f.feature = video;
    QElapsedTimer timer;
    timer.start();
    model.setFilter(f);
    qInfo("filter by feature over %d rows: %lld ms", model.totalRows(), timer.elapsed());
    int want = 0;
    for (const TaskSummary &t : h.tasks())
        want += t.startEvent >= 0 && h.event(t.startEvent).request.feature == video;
    QCOMPARE(model.rowCount(), want);
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.index(r, TaskLogModel::What).data().toString(), QStringLiteral("video"));

    f.feature = -1;
    f.outcome = TaskLogModel::OutcomeFilter::ContentViolation;
    model.setFilter(f);
    QVERIFY(model.rowCount() > 0);
    for (int r = 0; r < model.rowCount(); r += 7)
        QCOMPARE(model.index(r, TaskLogModel::Outcome).data().toString(),
                 QStringLiteral("Blocked by content rules (not charged)"));

    f.outcome = TaskLogModel::OutcomeFilter::Running;
    model.setFilter(f);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, TaskLogModel::Outcome).data().toString(), QStringLiteral("Running"));

    // A date range: one day.
    f = {};
    f.from = h.event(0).at + 10 * SecondsPerDay;
    f.until = f.from + SecondsPerDay;
    model.setFilter(f);
    QVERIFY(model.rowCount() >= 72); // a task every 20 minutes
    for (int r = 0; r < model.rowCount(); ++r) {
        const QString at =
            model.index(r, TaskLogModel::Started).data(TaskLogModel::ExportRole).toString();
        QVERIFY(at >= h.zone().format(f.from) && at < h.zone().format(f.until));
    }
}

void TestTokenLog::searchIsDebounced()
{
    TokenLogView view(*m_clock);
    view.setAccount(m_account.get());
    auto *search = view.findChild<QLineEdit *>(QStringLiteral("logSearch"));
    QVERIFY(search);
    const int all = view.taskModel()->rowCount();
    QTest::keyClicks(search, QStringLiteral("t2999"));
    // Typing does not filter per keystroke…
    QCOMPARE(view.taskModel()->rowCount(), all);
    // …but once the typing pauses.
    QTRY_COMPARE(view.taskModel()->rowCount(), 11); // t2999, t29990 … t29999
    QCOMPARE(view.taskModel()->index(0, TaskLogModel::Task).data().toString().left(5),
             QStringLiteral("t2999"));
}

void TestTokenLog::sortByAmount()
{
    TaskLogModel model;
    model.setAccount(m_account.get());
    QElapsedTimer timer;
    timer.start();
    model.sort(TaskLogModel::Amount, Qt::AscendingOrder);
    qInfo("sort %d rows by amount: %lld ms", model.rowCount(), timer.elapsed());
    Credits previous = Credits::fromMilli(std::numeric_limits<qint64>::min() + 1);
    for (int r = 0; r < model.rowCount(); ++r) {
        const QString text =
            model.index(r, TaskLogModel::Amount).data(TaskLogModel::ExportRole).toString();
        const Credits c = text.isEmpty() ? Credits() : *Credits::parse(text);
        QVERIFY2(c >= previous, qPrintable(QStringLiteral("row %1: %2").arg(r).arg(text)));
        previous = c;
    }
    model.sort(TaskLogModel::Amount, Qt::DescendingOrder);
    QVERIFY(model.index(0, TaskLogModel::Amount).data().toString().startsWith(u'+'));
    // Back to time order, oldest first: the signup.
    model.sort(TaskLogModel::Started, Qt::AscendingOrder);
    QCOMPARE(model.index(0, TaskLogModel::What).data().toString(),
             QStringLiteral("Account created"));
}

void TestTokenLog::csvExportHoldsWhatIsShown()
{
    TokenLogView view(*m_clock);
    view.setAccount(m_account.get());
    auto *feature = view.findChild<QComboBox *>(QStringLiteral("logFeature"));
    feature->setCurrentIndex(feature->findData(QStringLiteral("video")));
    auto *outcome = view.findChild<QComboBox *>(QStringLiteral("logOutcome"));
    outcome->setCurrentIndex(outcome->findData(int(TaskLogModel::OutcomeFilter::Completed)));
    const int rows = view.taskModel()->rowCount();
    QVERIFY(rows > 100);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("log.csv"));
    QCOMPARE(view.exportCsv(path), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), rows + 2); // header, rows, and the empty piece after the last CRLF
    QCOMPARE(lines[0].trimmed(), QByteArray("Started,Ended,What,Task / order,Details,Outcome,"
                                            "Amount (credits),Refunded,Refund request"));
    const QList<QByteArray> first = lines[1].trimmed().split(',');
    QCOMPARE(first[2], QByteArray("video"));
    QCOMPARE(first[5], QByteArray("Completed"));
    QCOMPARE(QString::fromUtf8(first[3]),
             view.taskModel()->index(0, TaskLogModel::Task).data().toString());
    QCOMPARE(first[6], QByteArray("-60")); // plain decimals for spreadsheets
    QVERIFY(first[0].contains("+01:00") || first[0].contains("+02:00"));
    // A path that cannot be written says why and leaves nothing behind.
    QVERIFY(!view.exportCsv(QStringLiteral("/nonexistent/dir/log.csv")).isEmpty());
}

void TestTokenLog::ledgerEntriesFilterByType()
{
    TokenLogView view(*m_clock);
    view.setAccount(m_account.get());
    auto *tabs = view.findChild<QTabWidget *>(QStringLiteral("logTabs"));
    tabs->setCurrentIndex(1);
    auto *type = view.findChild<QComboBox *>(QStringLiteral("logEntryType"));
    QVERIFY(type->isVisibleTo(&view));
    type->setCurrentIndex(type->findText(QStringLiteral("Expiries")));
    LedgerEntryModel *entries = view.entryModel();
    QVERIFY(entries->rowCount() > 0);
    for (int r = 0; r < entries->rowCount(); ++r)
        QCOMPARE(entries->index(r, LedgerEntryModel::Type).data().toString(),
                 QStringLiteral("Expired"));
    // Balance after is the engine's own.
    const std::size_t e = entries->entryAt(0);
    QCOMPARE(entries->index(0, LedgerEntryModel::BalanceAfter)
                 .data(LedgerEntryModel::ExportRole)
                 .toString(),
             m_account->history().engine().ledger()[e].balanceAfter.toString());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("entries.csv"));
    QCOMPARE(view.exportCsv(path), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), qsizetype(entries->rowCount() + 1));
}

void TestTokenLog::detailPaneShowsTheTasksEntries()
{
    TokenLogView view(*m_clock);
    view.resize(1200, 800);
    view.show();
    view.setAccount(m_account.get());
    auto *table = view.findChild<QTableView *>(QStringLiteral("taskTable"));
    TaskLogModel *model = view.taskModel();
    int row = -1;
    for (int r = 0; r < 100 && row < 0; ++r)
        if (model->index(r, TaskLogModel::Outcome).data().toString() == QStringLiteral("Completed"))
            row = r;
    QVERIFY(row >= 0);
    table->setCurrentIndex(model->index(row, 0));
    const TaskSummary *t = m_account->history().task(model->taskId(row));
    QVERIFY(t);
    std::size_t want = 0;
    for (const int e : {t->startEvent, t->endEvent, t->refundEvent})
        if (e >= 0) {
            const auto [b, en] = m_account->history().entriesOfEvent(e);
            want += en - b;
        }
    QCOMPARE(std::size_t(view.detailModel()->rowCount()), want);
    // Reserve at start; release and charge at the end (covers admission).
    QCOMPARE(view.detailModel()->index(0, LedgerEntryModel::Type).data().toString(),
             QStringLiteral("Reserved"));
    QCOMPARE(view.detailModel()->index(1, LedgerEntryModel::Type).data().toString(),
             QStringLiteral("Released"));
    QCOMPARE(view.detailModel()->index(2, LedgerEntryModel::Type).data().toString(),
             QStringLiteral("Charge"));
    // The selection survives a sort.
    const QString id = model->taskId(row);
    table->sortByColumn(TaskLogModel::Amount, Qt::AscendingOrder);
    QCOMPARE(model->taskId(table->currentIndex().row()), id);
}

void TestTokenLog::refundRequestIntent()
{
    m_account->source = SyncedAccount::Source::Server;
    TokenLogView view(*m_clock);
    view.show();
    view.setAccount(m_account.get());
    auto *table = view.findChild<QTableView *>(QStringLiteral("taskTable"));
    auto *button = view.findChild<QPushButton *>(QStringLiteral("logRefund"));
    TaskLogModel *model = view.taskModel();
    int running = -1, charged = -1;
    for (int r = 0; r < 200; ++r) {
        const QString outcome = model->index(r, TaskLogModel::Outcome).data().toString();
        if (outcome == QStringLiteral("Running") && running < 0)
            running = r;
        if (model->isRefundable(r) && charged < 0)
            charged = r;
    }
    QVERIFY(running >= 0 && charged >= 0);
    table->setCurrentIndex(model->index(running, 0));
    QVERIFY(!button->isEnabled());
    table->setCurrentIndex(model->index(charged, 0));
    QVERIFY(button->isEnabled());
    QSignalSpy spy(&view, &TokenLogView::refundRequested);
    QTest::mouseClick(button, Qt::LeftButton);
    auto *dialog = view.findChild<QDialog *>(QStringLiteral("refundRequestDialog"));
    QVERIFY(dialog);
    auto *submit = dialog->findChild<QPushButton *>(QStringLiteral("refundSubmit"));
    QVERIFY(!submit->isEnabled()); // a reason is required
    QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(QStringLiteral("refundReason")),
                     QStringLiteral("The image was blank"));
    QVERIFY(submit->isEnabled());
    QTest::mouseClick(submit, Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy[0][0].toString(), model->taskId(charged));
    QCOMPARE(spy[0][1].toString(), QStringLiteral("The image was blank"));
    m_account->source = SyncedAccount::Source::ScenarioFile;
}

void TestTokenLog::ctrlFFocusesSearch()
{
    TokenLogView view(*m_clock);
    view.show();
    QVERIFY(QTest::qWaitForWindowActive(&view) || true);
    view.setAccount(m_account.get());
    auto *table = view.findChild<QTableView *>(QStringLiteral("taskTable"));
    table->setFocus();
    QTest::keyClick(table, Qt::Key_F, Qt::ControlModifier);
    auto *search = view.findChild<QLineEdit *>(QStringLiteral("logSearch"));
    QTRY_VERIFY(search->hasFocus());
    QVERIFY(!search->accessibleName().isEmpty());
}

QTEST_MAIN(TestTokenLog)
#include "tst_tokenlog.moc"
