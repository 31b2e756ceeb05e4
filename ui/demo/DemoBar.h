#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QToolButton;

namespace creditdesk {

// The presenter's bar in `creditdesk --demo`: whose account is shown (one member per preset),
// the demo clock, and the buttons that move it — ▶ play, +1 hour, +1 day, ⏭ next refresh —
// and ↺ reset. It only emits intents; the demo session does them and tells the bar the new
// time with setClockText().
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

signals:
    void memberChosen(const QString &accountId);
    void playToggled(bool playing);
    void advanceRequested(qint64 seconds);
    void nextRefreshRequested();
    void resetRequested();

private:
    QComboBox *m_member;
    QLabel *m_clock;
    QToolButton *m_play;
    QToolButton *m_hour;
    QToolButton *m_day;
    QToolButton *m_nextRefresh;
    QToolButton *m_reset;
    QToolButton *m_support = nullptr;
    QString m_supportId;
};

} // namespace creditdesk
