#pragma once

#include <QLabel>

namespace creditdesk {

// A one-line label that ends in "…" when it is narrower than its text, instead of cutting a
// word in half: for lists whose rows must not widen their dock (the account list). The whole
// text stays the label's text (and tooltip and accessible name when the caller sets them);
// only the painting is shortened. It never asks for more width than "…" needs.
class ElidedLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ElidedLabel(const QString &text, QWidget *parent = nullptr);

    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace creditdesk
