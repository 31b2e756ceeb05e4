#pragma once

#include "Credits.h"

#include <QList>
#include <QWidget>

#include <memory>

class QGridLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace creditdesk {

class AmountFormat;
class Clock;
class SyncedAccount;
class TimeFormat;
struct PurchaseInfo;

// Top-up packs: the preset's catalogue as cards (or a custom amount where the preset sells
// any amount, checked against the server's published maximum before anything is sent), a
// confirmation with the available balance before and after (engine answers on a copy), then a
// purchase intent signal — the app sends it with its idempotency key. Below, the account's
// purchases (pending, completed, failed: SyncedAccount::allPurchases(), the server's list and
// the event history), each with a receipt to copy or save.
class PacksView : public QWidget
{
    Q_OBJECT
public:
    explicit PacksView(const Clock &viewClock, QWidget *parent = nullptr);
    ~PacksView() override;

    void setAccount(SyncedAccount *account);

    // Asks to buy a pack (by name) or an amount: opens the confirmation dialog (not modal to
    // the event loop; the intent is emitted when the member confirms).
    void askToBuyPack(const QString &pack);
    void askToBuyAmount(Credits amount);
    // The engine's available balance now and after buying (a pack or an amount), as shown in
    // the confirmation. Pack empty: by amount.
    std::pair<Credits, Credits> balanceBeforeAfter(const QString &pack, Credits amount) const;
    // The receipt text of purchases row `row`, and saving it (empty on success, else why).
    QString receiptText(int row) const;
    QString saveReceipt(int row, const QString &path) const;

signals:
    void purchaseRequested(const QString &pack, Credits amount);

public slots:
    void refresh();

private:
    void openConfirmation(const QString &pack, Credits amount, const QString &price);
    void checkCustomAmount();
    void renderPurchases();

    const Clock &m_clock;
    SyncedAccount *m_account = nullptr;
    std::unique_ptr<AmountFormat> m_amounts;
    std::unique_ptr<TimeFormat> m_times;
    QLabel *m_intro;
    QGridLayout *m_cards;
    QWidget *m_customBox;
    QLineEdit *m_customAmount;
    QLabel *m_customError;
    QPushButton *m_customBuy;
    QListWidget *m_purchases;
    // The purchases listed, row by row: a receipt is of the row the member sees.
    QList<PurchaseInfo> m_listed;
    QPushButton *m_copyReceipt;
    QPushButton *m_saveReceipt;
    QLabel *m_receiptStatus;
};

} // namespace creditdesk
