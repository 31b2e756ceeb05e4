#pragma once

#include <QFrame>

class QPushButton;

namespace creditdesk {

struct PackOffer;
class AmountFormat;

// One pack of the catalogue as a card: its amount in the account's unit, its price and the
// price per unit where the server states one, "never expires" for purchased credits, and a
// Buy button (which only asks: the packs screen confirms and emits the intent).
class PackCard : public QFrame
{
    Q_OBJECT
public:
    PackCard(const PackOffer &offer, const AmountFormat &amounts, bool canBuy,
             QWidget *parent = nullptr);
    QPushButton *buyButton() const { return m_buy; }
    // "≈ $0.91 per 100 credits" (exact integer arithmetic on the stated price), or empty.
    static QString pricePerUnit(const PackOffer &offer, const AmountFormat &amounts);

signals:
    void buyClicked();

private:
    QPushButton *m_buy;
};

} // namespace creditdesk
