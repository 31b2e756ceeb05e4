#pragma once

#include "ThemePalette.h"

#include <QFrame>

class QLabel;

namespace creditdesk {

// A one-line banner above a screen's content: offline, loading, scenario, error. Never a
// modal: the cached numbers stay visible under it. Hidden when its text is empty.
class StatusBanner : public QFrame
{
    Q_OBJECT
public:
    explicit StatusBanner(QWidget *parent = nullptr);
    void showMessage(const QString &text, ThemePalette::Tone tone);
    void clear();
    QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void restyle();
    QLabel *m_label;
    ThemePalette::Tone m_tone = ThemePalette::Tone::Normal;
};

} // namespace creditdesk
