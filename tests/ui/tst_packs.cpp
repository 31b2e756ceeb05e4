// Top-up packs: cards show the catalogue with prices; buying asks for confirmation with the
// engine's balance before and after, then emits one intent; custom amounts are checked against
// the published maximum; receipts copy and save.
#include "AccountHistory.h"
#include "AmountFormat.h"
#include "IsoTime.h"
#include "ManualClock.h"
#include "PacksView.h"
#include "PurchaseRecords.h"
#include "ScenarioFileAccount.h"
#include "SyncedAccount.h"

#include <QClipboard>
#include <QDialog>
#include <QFile>
#include <QGuiApplication>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace creditdesk;
using namespace Qt::StringLiterals;

namespace {
std::unique_ptr<SyncedAccount> tieredAccount()
{
    auto opened = ScenarioFileAccount::fromJson(QByteArrayLiteral(
        R"({"format": 1, "preset": "tiered-tasks", "timezone": "America/New_York",
            "events": [{"at": "2027-01-01T09:00:00-05:00", "type": "signup"},
                       {"at": "2027-01-02T09:00:00-05:00", "type": "task_start", "task": "a", "feature": "agent"},
                       {"at": "2027-01-02T09:05:00-05:00", "type": "task_end", "task": "a", "outcome": "success"}]})"));
    auto account = std::move(std::get<ScenarioFileAccount::Opened>(opened).account);
    account->source = SyncedAccount::Source::Server;
    // The prices come from the preset (seed 003: pack_10 $10, pack_25 $25, pack_50 $50).
    return account;
}

// A completed purchase as the server lists it (or this client saw it settle).
PurchaseInfo listedPurchase(const QString &id, const QString &pack, qint64 amount, qint64 dollars,
                            QStringView createdAt)
{
    PurchaseInfo p;
    p.id = id;
    p.status = QStringLiteral("completed");
    p.pack = pack;
    p.amount = Credits::whole(amount);
    p.price = Price{Credits::whole(dollars), QStringLiteral("USD")};
    p.createdAt = *IsoTime::parse(createdAt);
    return p;
}

// A purchase of `pack` the server's event feed brought: the event, and the order id in its
// details.
void appendPurchase(AccountHistory &history, QStringView at, const char *pack, const QString &id)
{
    Event e;
    e.type = EventType::Purchase;
    e.at = *IsoTime::parse(at);
    e.pack = history.policy().packIndex(QString::fromLatin1(pack));
    history.append(e, QJsonObject{{QStringLiteral("purchase"), id}});
}

// The packs page on one account, shown at noon on 3 Jan 2027 (after every event of
// tieredAccount()).
struct PacksPage
{
    explicit PacksPage(SyncedAccount *account)
        : clock(*IsoTime::parse(u"2027-01-03T12:00:00-05:00"))
        , view(clock)
    {
        view.show();
        view.setAccount(account);
    }
    QListWidget *purchaseList() const
    {
        return view.findChild<QListWidget *>(QStringLiteral("purchaseList"));
    }

    ManualClock clock;
    PacksView view;
};

// What the list and a receipt say of each purchase, in order.
QStringList described(const QList<PurchaseInfo> &purchases)
{
    QStringList out;
    for (const PurchaseInfo &p : purchases)
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
                   .arg(p.id, p.status, p.pack)
                   .arg(p.amount.milli())
                   .arg(p.price ? p.price->amount.milli() : -1)
                   .arg(p.createdAt)
                   .arg(p.settledAt);
    return out;
}
} // namespace

class TestPacks : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cardsShowTheCatalogue();
    void confirmationShowsBeforeAndAfter();
    void cancelSendsNothing();
    void customAmountIsChecked();
    void receiptCopiesAndSaves();
    void pastPurchasesComeFromTheHistory();
    void purchasesFollowEachSync();
    void scenarioFileCannotBuy();
};

void TestPacks::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestPacks::cardsShowTheCatalogue()
{
    auto account = tieredAccount();
    ManualClock clock(*IsoTime::parse(u"2027-01-03T12:00:00-05:00"));
    PacksView view(clock);
    view.setAccount(account.get());
    auto *card = view.findChild<QWidget *>(QStringLiteral("pack_pack_25"));
    QVERIFY(card);
    QCOMPARE(card->findChild<QLabel *>(QStringLiteral("packAmount"))->text(),
             QStringLiteral("2,750"));
    QCOMPARE(card->findChild<QLabel *>(QStringLiteral("packPrice"))->text(), QStringLiteral("$25"));
    // $25 for 2,750 credits: $0.909… per 100, shown to the cent.
    QCOMPARE(card->findChild<QLabel *>(QStringLiteral("packPerUnit"))->text(),
             QStringLiteral("≈ $0.91 per 100 credits"));
    QCOMPARE(card->findChild<QLabel *>(QStringLiteral("packNeverExpires"))->text(),
             QStringLiteral("Never expires"));
    QVERIFY(!view.findChild<QWidget *>(QStringLiteral("customAmountCard"))->isVisibleTo(&view));
}

void TestPacks::confirmationShowsBeforeAndAfter()
{
    auto account = tieredAccount();
    PacksPage page(account.get());
    auto &[clock, view] = page;
    QSignalSpy spy(&view, &PacksView::purchaseRequested);
    QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("buy_pack_25")), Qt::LeftButton);
    auto *dialog = view.findChild<QDialog *>(QStringLiteral("purchaseConfirmDialog"));
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    // 100 signup credits less the agent task (high tier, 20): 80; then 2,750 more.
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("confirmBefore"))->text(),
             QStringLiteral("80 credits"));
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("confirmAfter"))->text(),
             QStringLiteral("2,830 credits"));
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("confirmTitle"))->text(),
             QStringLiteral("Buy pack_25 (2,750 credits) for $25?"));
    const auto [before, after] = view.balanceBeforeAfter(QStringLiteral("pack_25"), Credits());
    QCOMPARE(before, account->history().engineAt(clock.now())->balance().available);
    QCOMPARE(after, Credits::whole(2830));
    // Nothing leaves before the member confirms.
    QCOMPARE(spy.count(), 0);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("confirmBuy")),
                      Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy[0][0].toString(), QStringLiteral("pack_25"));
    // The account itself did not move: the app sends the purchase, the sync brings it back.
    QCOMPARE(account->history().engine().balance().available, Credits::whole(80));
}

void TestPacks::cancelSendsNothing()
{
    auto account = tieredAccount();
    PacksPage page(account.get());
    auto &[clock, view] = page;
    QSignalSpy spy(&view, &PacksView::purchaseRequested);
    view.askToBuyPack(QStringLiteral("pack_10"));
    auto *dialog = view.findChild<QDialog *>(QStringLiteral("purchaseConfirmDialog"));
    QVERIFY(dialog);
    QTest::keyClick(dialog, Qt::Key_Escape);
    QCOMPARE(spy.count(), 0);
}

void TestPacks::customAmountIsChecked()
{
    auto opened = ScenarioFileAccount::fromJson(QByteArrayLiteral(
        R"({"format": 1, "preset": "daily-free-images", "timezone": "Europe/Berlin",
            "events": [{"at": "2027-01-05T10:00:00+01:00", "type": "signup"}]})"));
    auto account = std::move(std::get<ScenarioFileAccount::Opened>(opened).account);
    account->source = SyncedAccount::Source::Server;
    account->maxAmount = Credits::whole(5000);
    ManualClock clock(*IsoTime::parse(u"2027-01-05T12:00:00+01:00"));
    PacksView view(clock);
    view.show();
    view.setAccount(account.get());
    auto *box = view.findChild<QWidget *>(QStringLiteral("customAmountCard"));
    QVERIFY(box->isVisible());
    auto *amount = view.findChild<QLineEdit *>(QStringLiteral("customAmount"));
    auto *buy = view.findChild<QPushButton *>(QStringLiteral("customBuy"));
    auto *error = view.findChild<QLabel *>(QStringLiteral("customAmountError"));
    QTest::keyClicks(amount, QStringLiteral("12.3456"));
    QVERIFY(!buy->isEnabled());
    QVERIFY(error->text().contains(QStringLiteral("three decimals")));
    amount->setText(QStringLiteral("5000.001"));
    QVERIFY(!buy->isEnabled());
    QCOMPARE(error->text(), QStringLiteral("At most 5,000 credits in one purchase."));
    amount->setText(QStringLiteral("0"));
    QVERIFY(!buy->isEnabled());
    amount->setText(QStringLiteral("250.5"));
    QVERIFY(buy->isEnabled());
    QVERIFY(!error->isVisible());
    QSignalSpy spy(&view, &PacksView::purchaseRequested);
    QTest::mouseClick(buy, Qt::LeftButton);
    auto *dialog = view.findChild<QDialog *>(QStringLiteral("purchaseConfirmDialog"));
    QVERIFY(dialog);
    // 30 signup + 15 daily free, then 250.5 purchased.
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("confirmBefore"))->text(),
             QStringLiteral("45 credits"));
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("confirmAfter"))->text(),
             QStringLiteral("295.5 credits"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("confirmBuy")),
                      Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy[0][0].toString(), QString());
    QCOMPARE(spy[0][1].value<Credits>(), Credits::fromMilli(250500));
}

void TestPacks::receiptCopiesAndSaves()
{
    auto account = tieredAccount();
    PurchaseInfo p = listedPurchase(QStringLiteral("pur_7f3a"), QStringLiteral("pack_25"), 2750, 25,
                                    u"2027-01-03T11:58:00-05:00");
    p.settledAt = p.createdAt + 20;
    account->purchases.push_back(p);
    PacksPage page(account.get());
    auto &[clock, view] = page;
    QListWidget *list = page.purchaseList();
    QCOMPARE(list->count(), 1);
    QVERIFY(list->item(0)->text().contains(
        QStringLiteral("pack_25 · 2,750 credits · $25 · completed")));
    list->setCurrentRow(0);
    const QString receipt = view.receiptText(0);
    for (const QString &part :
         {QStringLiteral("Order:    pur_7f3a"), QStringLiteral("Pack:     pack_25"),
          QStringLiteral("Amount:   2,750 credits"), QStringLiteral("Price:    $25"),
          QStringLiteral("State:    completed"),
          QStringLiteral("Time:     Sun 3 Jan 11:58 (2027-01-03T11:58:00-05:00)")})
        QVERIFY2(receipt.contains(part), qPrintable(receipt));
    QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("copyReceipt")), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), receipt);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("receipt.txt"));
    QCOMPARE(view.saveReceipt(0, path), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()), receipt);
}

void TestPacks::pastPurchasesComeFromTheHistory()
{
    // Purchases settled before this client ever ran are in the event history only (the server
    // lists pending ones): they are listed with their order ids and have receipts, once each.
    auto account = tieredAccount();
    appendPurchase(account->history(), u"2027-01-02T10:00:00-05:00", "pack_10",
                   QStringLiteral("pur_old"));
    appendPurchase(account->history(), u"2027-01-02T11:00:00-05:00", "pack_50",
                   QStringLiteral("pur_new"));
    // One the client also holds (it saw it settle): listed once, as the client has it.
    account->purchases.push_back(listedPurchase(QStringLiteral("pur_new"),
                                                QStringLiteral("pack_50"), 6000, 50,
                                                u"2027-01-02T10:59:40-05:00"));
    PacksPage page(account.get());
    auto &[clock, view] = page;
    QListWidget *list = page.purchaseList();
    QCOMPARE(list->count(), 2);
    QVERIFY2(list->item(0)->text().endsWith(QStringLiteral("pur_new")),
             qPrintable(list->item(0)->text()));
    QVERIFY2(list->item(1)->text().startsWith(
                 QStringLiteral("pack_10 · 1,000 credits · $10 · completed")),
             qPrintable(list->item(1)->text()));
    const QString receipt = view.receiptText(1);
    for (const QString &part :
         {QStringLiteral("Order:    pur_old"), QStringLiteral("Pack:     pack_10"),
          QStringLiteral("Amount:   1,000 credits"), QStringLiteral("Price:    $10"),
          QStringLiteral("State:    completed")})
        QVERIFY2(receipt.contains(part), qPrintable(receipt));
    // The engine counted both: what the list says was bought is what the balance holds.
    QCOMPARE(account->history().engine().balance().total, Credits::whole(100 - 20 + 1000 + 6000));
}

void TestPacks::purchasesFollowEachSync()
{
    // The list keeps what it found in the history from one refresh to the next: a purchase
    // completed after the first listing is there after the sync that brings it, and a history
    // read again from scratch (a resync) is listed as it is, not as the one it replaced.
    auto account = tieredAccount();
    appendPurchase(account->history(), u"2027-01-02T10:00:00-05:00", "pack_10",
                   QStringLiteral("pur_old"));
    PacksPage page(account.get());
    auto &[clock, view] = page;
    QListWidget *list = page.purchaseList();
    QCOMPARE(list->count(), 1);

    // A sync as EventsSync makes one: the new events go to a copy of the shown history, which
    // then takes its place. One purchase the server lists, one only the events hold.
    auto synced = std::make_unique<AccountHistory>(account->history());
    appendPurchase(*synced, u"2027-01-03T09:00:00-05:00", "pack_25", QStringLiteral("pur_later"));
    appendPurchase(*synced, u"2027-01-03T10:00:00-05:00", "pack_50", QStringLiteral("pur_listed"));
    account->purchases.push_back(listedPurchase(QStringLiteral("pur_listed"),
                                                QStringLiteral("pack_50"), 6000, 50,
                                                u"2027-01-03T09:59:30-05:00"));
    account->replaceHistory(std::move(synced));
    emit account->changed();
    QCOMPARE(list->count(), 3);
    QVERIFY2(list->item(0)->text().endsWith(QStringLiteral("pur_listed")),
             qPrintable(list->item(0)->text()));
    QVERIFY2(list->item(1)->text().startsWith(
                 QStringLiteral("pack_25 · 2,750 credits · $25 · completed")) &&
                 list->item(1)->text().endsWith(QStringLiteral("pur_later")),
             qPrintable(list->item(1)->text()));
    QVERIFY2(list->item(2)->text().endsWith(QStringLiteral("pur_old")),
             qPrintable(list->item(2)->text()));
    QVERIFY(view.receiptText(1).contains(QStringLiteral("Order:    pur_later")));
    // What a look at every event finds.
    QCOMPARE(described(account->allPurchases()), described(PurchaseRecords().of(*account)));

    // The server's events read afresh, more of them than were shown and without pur_old.
    const AccountHistory &shown = account->history();
    auto fresh = std::make_unique<AccountHistory>(shown.scenario().policy, shown.zone(),
                                                  shown.scenario().presetName);
    Event signup;
    signup.type = EventType::Signup;
    signup.at = *IsoTime::parse(u"2027-01-01T09:00:00-05:00");
    fresh->append(signup);
    for (int i = 1; i <= 6; ++i)
        appendPurchase(*fresh, u"2027-01-0%1T08:00:00-05:00"_s.arg(i), "pack_10",
                       u"pur_again_%1"_s.arg(i));
    QVERIFY(fresh->eventCount() > shown.eventCount());
    account->purchases.clear();
    account->replaceHistory(std::move(fresh));
    emit account->changed();
    QCOMPARE(list->count(), 6);
    for (int row = 0; row < 6; ++row)
        QVERIFY2(list->item(row)->text().endsWith(u"pur_again_%1"_s.arg(6 - row)),
                 qPrintable(list->item(row)->text()));
    QCOMPARE(described(account->allPurchases()), described(PurchaseRecords().of(*account)));
}

void TestPacks::scenarioFileCannotBuy()
{
    auto account = tieredAccount();
    account->source = SyncedAccount::Source::ScenarioFile;
    ManualClock clock(*IsoTime::parse(u"2027-01-03T12:00:00-05:00"));
    PacksView view(clock);
    view.setAccount(account.get());
    QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("buy_pack_25"))->isEnabled());
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("packsIntro"))
                ->text()
                .contains(QStringLiteral("scenario file")));
}

QTEST_MAIN(TestPacks)
#include "tst_packs.moc"
