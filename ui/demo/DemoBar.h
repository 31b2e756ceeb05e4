#pragma once

#include <QWidget>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QToolButton;

namespace creditdesk {

// The presenter's bar in `creditdesk --demo`: whose account is shown (one member per preset),
// the demo clock, and the buttons that move it — ▶ play, +1 hour, +1 day, ⏭ next refresh —
// and ↺ reset. It only emits intents; the demo session does them and tells the bar the new
// time with setClockText(). Nothing in it is ever cut short: when the window is too narrow
// for one row (the accounts dock beside it, the Support agent button shown), the step
// buttons move to a second row under the clock, and back when there is room again.
class DemoBar : public QWidget
{
    Q_OBJECT
public:
    explicit DemoBar(QWidget *parent = nullptr);

    // The accounts to switch between: (account id, what to show: "Ada Lovelace · unified-monthly").
    void setMembers(const QList<QPair<QString, QString>> &members);
    // The support agent's entry (also in the member list): a button beside the list switches
    // to it in one click. Empty id hides the button.
    void setSupportAgent(const QString &id);
    void setCurrentMember(const QString &accountId);
    QString currentMember() const;
    void setClockText(const QString &text);
    void setPlaying(bool playing);
    // While a step is being done (reset, a sync after a step): the buttons wait.
    void setBusy(bool busy);
    // Whether the step buttons are on a row of their own (the bar is too narrow for one).
    bool isWrapped() const { return m_wrapped; }

    // The two-row bar's: the window may be that narrow, the bar wraps to fit.
    QSize minimumSizeHint() const override;

signals:
    void memberChosen(const QString &accountId);
    void playToggled(bool playing);
    void advanceRequested(qint64 seconds);
    void nextRefreshRequested();
    void resetRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    // One row when `width` holds everything at its preferred size, else two.
    void fitTo(int width);

    QComboBox *m_member;
    QLabel *m_clock;
    QToolButton *m_play;
    QToolButton *m_hour;
    QToolButton *m_day;
    QToolButton *m_nextRefresh;
    QToolButton *m_reset;
    QToolButton *m_support = nullptr;
    QString m_supportId;
    QHBoxLayout *m_top = nullptr;       // who and when
    QWidget *m_steps = nullptr;         // the buttons that move the clock, and reset
    QHBoxLayout *m_secondRow = nullptr; // holds m_steps when wrapped
    bool m_wrapped = false;
};

} // namespace creditdesk
