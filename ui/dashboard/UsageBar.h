#pragma once

#include "ThemePalette.h"

#include <QWidget>

class QLabel;

namespace creditdesk {

// One usage window as a thin bar and a line of words: "5-hour window · used 330 of 3,000 ·
// resets in 2d 6h", or "limit reached until 17:40" when full. The fill is the engine's used
// over limit, drawn only; the words carry the state too.
class UsageBar : public QWidget
{
    Q_OBJECT
public:
    explicit UsageBar(QWidget *parent = nullptr);
    // `permille`: how full (0…1000), for drawing only.
    void set(const QString &text, int permille, ThemePalette::Tone tone);
    QString text() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QLabel *m_label;
    int m_permille = 0;
    ThemePalette::Tone m_tone = ThemePalette::Tone::Normal;
};

} // namespace creditdesk
