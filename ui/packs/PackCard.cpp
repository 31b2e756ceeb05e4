#include "PackCard.h"

#include "AmountFormat.h"
#include "SyncedAccount.h"
#include "Wording.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace creditdesk {

QString PackCard::pricePerUnit(const PackOffer &offer, const AmountFormat &amounts)
{
    if (!offer.price || !offer.amount.isPositive() || !offer.price->amount.isPositive())
        return {};
    // Price (thousandths of the currency) per 100 units, rounded to the cent — a display
    // figure beside the exact price, never used for anything else.
    const WideInt per100 =
        (WideInt(offer.price->amount.milli()) * 100 * Credits::Scale + offer.amount.milli() / 2) /
        offer.amount.milli();
    if (per100 >= 100 * Credits::Scale) {
        const WideInt perUnit = (per100 + 50) / 100;
        const qint64 cents = qint64((perUnit + 5) / 10 * 10);
        return tr("≈ %1 per %2")
            .arg(amounts.price(Credits::fromMilli(cents), offer.price->currency),
                 amounts.unit().endsWith(u's') ? amounts.unit().chopped(1) : amounts.unit());
    }
    const qint64 cents = qint64((per100 + 5) / 10 * 10);
    return tr("≈ %1 per 100 %2")
        .arg(amounts.price(Credits::fromMilli(cents), offer.price->currency), amounts.unit());
}

PackCard::PackCard(const PackOffer &offer, const AmountFormat &amounts, bool canBuy,
                   QWidget *parent)
    : QFrame(parent)
    , m_buy(new QPushButton(tr("Buy…"), this))
{
    setObjectName(QStringLiteral("pack_%1").arg(offer.name));
    setProperty("card", true);
    setMinimumWidth(200);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    layout->setSpacing(4);
    auto *name = new QLabel(Wording::featureName(offer.name), this);
    name->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(name);
    auto *amount = new QLabel(amounts.number(offer.amount), this);
    amount->setObjectName(QStringLiteral("packAmount"));
    QFont big = amount->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setWeight(QFont::DemiBold);
    amount->setFont(big);
    layout->addWidget(amount);
    layout->addWidget(new QLabel(amounts.unit(), this));
    auto *price = new QLabel(offer.price ? amounts.price(offer.price->amount, offer.price->currency)
                                         : tr("Price shown at checkout"),
                             this);
    price->setObjectName(QStringLiteral("packPrice"));
    QFont bold = price->font();
    bold.setBold(bool(offer.price));
    price->setFont(bold);
    price->setContentsMargins(0, 8, 0, 0);
    layout->addWidget(price);
    const QString per = pricePerUnit(offer, amounts);
    auto *perLabel = new QLabel(per, this);
    perLabel->setObjectName(QStringLiteral("packPerUnit"));
    perLabel->setForegroundRole(QPalette::PlaceholderText);
    perLabel->setVisible(!per.isEmpty());
    layout->addWidget(perLabel);
    auto *never = new QLabel(tr("Never expires"), this);
    never->setObjectName(QStringLiteral("packNeverExpires"));
    never->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(never);
    layout->addSpacing(8);
    m_buy->setObjectName(QStringLiteral("buy_%1").arg(offer.name));
    m_buy->setAccessibleName(tr("Buy %1: %2").arg(offer.name, amounts.withUnit(offer.amount)));
    m_buy->setEnabled(canBuy);
    if (!canBuy)
        m_buy->setToolTip(tr("A scenario file is read-only"));
    layout->addWidget(m_buy);
    setAccessibleName(
        tr("%1: %2, %3").arg(offer.name, amounts.withUnit(offer.amount), price->text()));
    connect(m_buy, &QPushButton::clicked, this, &PackCard::buyClicked);
}

} // namespace creditdesk
