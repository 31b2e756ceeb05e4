#pragma once

#include <QDialog>

namespace creditdesk {

// "Buy pack_25 for $25?" with the available balance before and after, both as the engine
// answers them (the packs screen computes them on a copy of the engine). Buying is the default
// button only after the member looked: Esc or Cancel backs out.
class PurchaseConfirmDialog : public QDialog
{
    Q_OBJECT
public:
    PurchaseConfirmDialog(const QString &what, const QString &price, const QString &before,
                          const QString &after, QWidget *parent = nullptr);
};

} // namespace creditdesk
