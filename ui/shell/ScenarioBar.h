#pragma once

#include "TimePoint.h"

#include <QTimeZone>
#include <QWidget>

class QDateTimeEdit;
class QLabel;
class QSlider;
class QToolButton;

namespace creditdesk {

// Shown above the screens while a scenario file is open: a "scenario" badge with the file's
// name (read-only), and the controls that move through it — a slider over the file's span, a
// date-time field in the account's zone, and steps (−1 day, −1 hour, +1 hour, +1 day, ⏭ next
// refresh, ⇥ last event). It emits the moment chosen; the app answers from a replay and tells
// the bar where it is with setMoment().
class ScenarioBar : public QWidget
{
    Q_OBJECT
public:
    explicit ScenarioBar(QWidget *parent = nullptr);

    void setFile(const QString &displayName);
    // The span the slider covers and the zone the field shows.
    void setSpan(TimePoint first, TimePoint last, const QTimeZone &zone);
    void setMoment(TimePoint t);
    TimePoint moment() const { return m_moment; }

signals:
    void momentChosen(creditdesk::TimePoint t);
    void nextRefreshRequested();

private:
    void choose(TimePoint t);
    QDateTime wallTime(TimePoint t) const;

    QLabel *m_file;
    QSlider *m_slider;
    QDateTimeEdit *m_when;
    QToolButton *m_back1d;
    QToolButton *m_back1h;
    QToolButton *m_fwd1h;
    QToolButton *m_fwd1d;
    QToolButton *m_nextRefresh;
    QToolButton *m_last;
    TimePoint m_first = 0;
    TimePoint m_last_ = 0;
    TimePoint m_moment = 0;
    QTimeZone m_zone = QTimeZone::utc();
};

} // namespace creditdesk
