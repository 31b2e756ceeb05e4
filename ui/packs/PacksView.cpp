#include "PacksView.h"

#include "AccountFollowing.h"
#include "AccountHistory.h"
#include "AmountFormat.h"
#include "CardParts.h"
#include "Clock.h"
#include "PackCard.h"
#include "PurchaseConfirmDialog.h"
#include "Receipt.h"
#include "SyncedAccount.h"
#include "TimeFormat.h"
#include "Wording.h"

#include <QClipboard>
#include <QFileDialog>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace creditdesk {

namespace {
void clearLayout(QLayout *layout)
{
    while (QLayoutItem *item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}
} // namespace

PacksView::PacksView(const Clock &viewClock, QWidget *parent)
    : QWidget(parent)
    , m_clock(viewClock)
    , m_amounts(std::make_unique<AmountFormat>())
    , m_times(std::make_unique<TimeFormat>())
{
    setObjectName(QStringLiteral("packsView"));
    setAccessibleName(tr("Top-up packs"));
    QWidget *content =
        makeCardPage(this, QStringLiteral("packsContent"),
                     QStringLiteral("QListWidget#purchaseList::item { padding: 6px 4px; }"))
            ->widget();

    auto *column = new QVBoxLayout(content);
    column->setContentsMargins(24, 16, 24, 24);
    column->setSpacing(12);
    auto *title = new QLabel(tr("Top up"), content);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    f.setBold(true);
    title->setFont(f);
    column->addWidget(title);
    m_intro = new QLabel(content);
    m_intro->setObjectName(QStringLiteral("packsIntro"));
    m_intro->setWordWrap(true);
    m_intro->setForegroundRole(QPalette::PlaceholderText);
    column->addWidget(m_intro);
    m_cards = new QGridLayout;
    m_cards->setHorizontalSpacing(12);
    m_cards->setVerticalSpacing(12);
    column->addLayout(m_cards);

    m_customBox = new QFrame(content);
    m_customBox->setObjectName(QStringLiteral("customAmountCard"));
    m_customBox->setProperty("card", true);
    auto *customLayout = new QGridLayout(m_customBox);
    customLayout->setContentsMargins(20, 16, 20, 16);
    customLayout->setHorizontalSpacing(12);
    auto *customLabel = new QLabel(tr("Buy any amount"), m_customBox);
    QFont bold = customLabel->font();
    bold.setBold(true);
    customLabel->setFont(bold);
    m_customAmount = new QLineEdit(m_customBox);
    m_customAmount->setObjectName(QStringLiteral("customAmount"));
    m_customAmount->setAccessibleName(tr("Amount to buy"));
    m_customAmount->setPlaceholderText(tr("for example 500"));
    m_customAmount->setMaximumWidth(200);
    customLabel->setBuddy(m_customAmount);
    m_customBuy = new QPushButton(tr("Buy…"), m_customBox);
    m_customBuy->setObjectName(QStringLiteral("customBuy"));
    m_customBuy->setAccessibleName(tr("Buy the amount entered"));
    m_customBuy->setEnabled(false);
    m_customError = new QLabel(m_customBox);
    m_customError->setObjectName(QStringLiteral("customAmountError"));
    m_customError->setWordWrap(true);
    customLayout->addWidget(customLabel, 0, 0, 1, 3);
    customLayout->addWidget(m_customAmount, 1, 0);
    customLayout->addWidget(m_customBuy, 1, 1);
    customLayout->setColumnStretch(2, 1);
    customLayout->addWidget(m_customError, 2, 0, 1, 3);
    column->addWidget(m_customBox);

    auto *history = new QLabel(tr("Your purchases"), content);
    history->setFont(bold);
    history->setContentsMargins(0, 12, 0, 0);
    column->addWidget(history);
    m_purchases = new QListWidget(content);
    m_purchases->setObjectName(QStringLiteral("purchaseList"));
    m_purchases->setAccessibleName(tr("Your purchases"));
    m_purchases->setMinimumHeight(120);
    m_purchases->setAlternatingRowColors(true);
    column->addWidget(m_purchases, 1);
    auto *receiptRow = new QHBoxLayout;
    m_receiptStatus = new QLabel(content);
    m_receiptStatus->setObjectName(QStringLiteral("receiptStatus"));
    m_receiptStatus->setForegroundRole(QPalette::PlaceholderText);
    m_copyReceipt = new QPushButton(tr("Copy receipt"), content);
    m_copyReceipt->setObjectName(QStringLiteral("copyReceipt"));
    m_copyReceipt->setAccessibleName(tr("Copy the selected purchase's receipt"));
    m_saveReceipt = new QPushButton(tr("Save receipt…"), content);
    m_saveReceipt->setObjectName(QStringLiteral("saveReceipt"));
    m_saveReceipt->setAccessibleName(tr("Save the selected purchase's receipt"));
    receiptRow->addWidget(m_receiptStatus, 1);
    receiptRow->addWidget(m_copyReceipt);
    receiptRow->addWidget(m_saveReceipt);
    column->addLayout(receiptRow);

    connect(m_customAmount, &QLineEdit::textChanged, this, &PacksView::checkCustomAmount);
    connect(m_customAmount, &QLineEdit::returnPressed, m_customBuy, &QPushButton::click);
    connect(m_customBuy, &QPushButton::clicked, this, [this] {
        if (const auto amount = Credits::parse(m_customAmount->text().trimmed()))
            askToBuyAmount(*amount);
    });
    connect(m_purchases, &QListWidget::currentRowChanged, this, [this](int row) {
        m_copyReceipt->setEnabled(row >= 0);
        m_saveReceipt->setEnabled(row >= 0);
    });
    connect(m_copyReceipt, &QPushButton::clicked, this, [this] {
        const QString text = receiptText(m_purchases->currentRow());
        if (text.isEmpty())
            return;
        QGuiApplication::clipboard()->setText(text);
        m_receiptStatus->setText(tr("Receipt copied"));
    });
    connect(m_saveReceipt, &QPushButton::clicked, this, [this] {
        const int row = m_purchases->currentRow();
        if (row < 0 || row >= m_listed.size())
            return;
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save receipt"), QStringLiteral("receipt-%1.txt").arg(m_listed[row].id),
            tr("Text files (*.txt)"));
        if (path.isEmpty())
            return;
        const QString error = saveReceipt(row, path);
        m_receiptStatus->setText(error.isEmpty() ? tr("Saved to %1").arg(path) : error);
    });
    refresh();
}

PacksView::~PacksView() = default;

void PacksView::setAccount(SyncedAccount *account)
{
    followAccount(m_account, account, this, [this] { refresh(); });
}

void PacksView::refresh()
{
    clearLayout(m_cards);
    if (!m_account) {
        m_intro->setText(tr("Sign in to see the packs on offer."));
        m_customBox->setVisible(false);
        renderPurchases();
        return;
    }
    m_amounts = std::make_unique<AmountFormat>(m_account->unit);
    m_times = std::make_unique<TimeFormat>(m_account->history().zone());
    const bool canBuy = m_account->source == SyncedAccount::Source::Server;
    // The engine issues every purchased lot without an expiry.
    QString intro = tr("Purchased %1 never expire.").arg(m_account->unit);
    if (!canBuy)
        intro = tr("%1 This is a scenario file: buying is switched off.").arg(intro);
    m_intro->setText(intro);
    const int columns = 3;
    for (int i = 0; i < m_account->packs.size(); ++i) {
        const PackOffer offer = m_account->packs[i];
        auto *card = new PackCard(offer, *m_amounts, canBuy, m_cards->parentWidget());
        connect(card, &PackCard::buyClicked, this,
                [this, name = offer.name] { askToBuyPack(name); });
        m_cards->addWidget(card, i / columns, i % columns);
    }
    if (m_account->packs.isEmpty() && !m_account->customAmount) {
        auto *none = new QLabel(tr("This plan sells no packs."), m_cards->parentWidget());
        none->setObjectName(QStringLiteral("noPacks"));
        m_cards->addWidget(none, 0, 0);
    }
    m_customBox->setVisible(m_account->customAmount);
    m_customAmount->setEnabled(canBuy);
    checkCustomAmount();
    renderPurchases();
}

void PacksView::checkCustomAmount()
{
    const QString text = m_customAmount->text().trimmed();
    QString error;
    bool ok = false;
    if (!text.isEmpty() && m_account) {
        const auto amount = Credits::parse(text);
        if (!amount)
            error = tr("Write a number, with at most three decimals.");
        else if (!amount->isPositive())
            error = tr("The amount must be more than 0.");
        else if (*amount > m_account->maxAmount)
            error =
                tr("At most %1 in one purchase.").arg(m_amounts->withUnit(m_account->maxAmount));
        else
            ok = true;
    }
    m_customError->setText(error);
    m_customError->setVisible(!error.isEmpty());
    m_customBuy->setEnabled(ok && m_account && m_account->source == SyncedAccount::Source::Server);
}

std::pair<Credits, Credits> PacksView::balanceBeforeAfter(const QString &pack, Credits amount) const
{
    if (!m_account)
        return {};
    const AccountHistory &h = m_account->history();
    const TimePoint now = m_clock.now();
    // Both numbers from the engine: a copy at the view time, then the purchase applied to a
    // second copy.
    const std::unique_ptr<CreditEngine> engine = h.engineAt(now);
    const Credits before = engine->balance().available;
    Event purchase;
    purchase.type = EventType::Purchase;
    purchase.at = std::max(now, engine->now());
    purchase.pack = pack.isEmpty() ? -1 : h.policy().packIndex(pack);
    if (pack.isEmpty() || purchase.pack < 0) {
        purchase.pack = -1;
        purchase.amount = pack.isEmpty() ? amount : [&] {
            for (const PackOffer &o : m_account->packs)
                if (o.name == pack)
                    return o.amount;
            return Credits();
        }();
    }
    CreditEngine after(*engine);
    after.apply(purchase);
    return {before, after.balance().available};
}

void PacksView::askToBuyPack(const QString &pack)
{
    if (!m_account)
        return;
    QString price;
    for (const PackOffer &o : m_account->packs)
        if (o.name == pack && o.price)
            price = m_amounts->price(o.price->amount, o.price->currency);
    openConfirmation(pack, Credits(), price);
}

void PacksView::askToBuyAmount(Credits amount)
{
    if (!m_account || !amount.isPositive() || amount > m_account->maxAmount)
        return;
    openConfirmation(QString(), amount, QString());
}

void PacksView::openConfirmation(const QString &pack, Credits amount, const QString &price)
{
    const auto [before, after] = balanceBeforeAfter(pack, amount);
    Credits bought = amount;
    for (const PackOffer &o : m_account->packs)
        if (o.name == pack)
            bought = o.amount;
    const QString what = pack.isEmpty() ? m_amounts->withUnit(amount)
                                        : tr("%1 (%2)").arg(pack, m_amounts->withUnit(bought));
    auto *dialog = new PurchaseConfirmDialog(what, price, m_amounts->withUnit(before),
                                             m_amounts->withUnit(after), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, pack, amount] { emit purchaseRequested(pack, amount); });
    dialog->open();
}

void PacksView::renderPurchases()
{
    m_purchases->clear();
    m_listed = m_account ? m_account->allPurchases() : QList<PurchaseInfo>();
    for (const PurchaseInfo &p : std::as_const(m_listed)) {
        QStringList parts;
        parts << (p.pack.isEmpty() ? tr("custom amount") : p.pack);
        parts << m_amounts->withUnit(p.amount);
        if (p.price)
            parts << m_amounts->price(p.price->amount, p.price->currency);
        parts << Wording::purchaseStatus(p.status);
        if (p.createdAt != NoTime)
            parts << m_times->absolute(p.createdAt, m_clock.now());
        parts << p.id;
        auto *item = new QListWidgetItem(parts.join(QStringLiteral(" · ")), m_purchases);
        item->setData(Qt::AccessibleTextRole, item->text());
    }
    if (m_purchases->count() == 0) {
        auto *item = new QListWidgetItem(tr("No purchases yet."), m_purchases);
        item->setFlags(Qt::NoItemFlags);
    }
    m_copyReceipt->setEnabled(false);
    m_saveReceipt->setEnabled(false);
}

QString PacksView::receiptText(int row) const
{
    if (!m_account || row < 0 || row >= m_listed.size())
        return {};
    return Receipt::text(m_listed[row], *m_amounts, *m_times,
                         m_account->displayName.isEmpty() ? m_account->accountId
                                                          : m_account->displayName);
}

QString PacksView::saveReceipt(int row, const QString &path) const
{
    const QString text = receiptText(row);
    if (text.isEmpty())
        return tr("No purchase selected");
    return Receipt::save(text, path);
}

} // namespace creditdesk
