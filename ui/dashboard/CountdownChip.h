#pragma once

#include "ThemePalette.h"
#include "TimePoint.h"

#include <QLabel>

namespace creditdesk {

class TimeFormat;

// One recurring pool's refresh as a chip: "Plan credits refresh in 2d 5h · Thu 27 Nov 02:00"
// (date and local time only when more than a day away; "<1m", never "0m"). Marked stale —
// with words, not colour alone — when the refresh time has passed and no sync has confirmed
// it yet. It knows its target; the dashboard's tick calls updateText() with the view time.
class CountdownChip : public QLabel
{
    Q_OBJECT
public:
    explicit CountdownChip(QWidget *parent = nullptr);
    void setTarget(const QString &what, TimePoint at);
    TimePoint target() const { return m_at; }
    // `confirmedUntil`: the newest server time the account was synced at (NoTime: never
    // synced from a server, e.g. a scenario file; its refreshes are never stale).
    void updateText(TimePoint now, TimePoint confirmedUntil, const TimeFormat &format);
    bool isStale() const { return m_stale; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void restyle();
    QString m_what;
    TimePoint m_at = NoTime;
    bool m_stale = false;
    ThemePalette::Tone m_tone = ThemePalette::Tone::Normal;
};

} // namespace creditdesk
