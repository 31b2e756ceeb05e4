#pragma once

#include "Answers.h"
#include "RuleWording.h"
#include "TimePoint.h"

#include <QList>
#include <QWidget>

class QDateTimeEdit;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace creditdesk {

class Clock;
class SyncedAccount;

// "Why is my balance X?": the agent picks a moment (the date-time picker, in the member's zone,
// or a click on an entry of the member's log) and sees the balance then, bucket by bucket, and
// the walk that produced it — every grant, refresh, charge, refund, expiry and adjustment in
// order, each worded from the ids of the rules the engine marked it with (RuleWording). All of
// it is computed here from the synced events replayed to that moment, never asked of the
// server. "Copy as text" puts the explanation on the clipboard for a reply.
class ExplainView : public QWidget
{
    Q_OBJECT
public:
    // What the view shows for one moment.
    struct Explanation
    {
        TimePoint at = NoTime;
        BalanceAnswer balance;
        QList<RuleWording::Step> steps;
    };

    explicit ExplainView(const Clock &viewClock, QWidget *parent = nullptr);
    ~ExplainView() override;

    // Not owned; nullptr empties the view.
    void setAccount(SyncedAccount *account);
    // Replays the account to `at` and shows the balance and the walk.
    void explainAt(TimePoint at);
    const Explanation &explanation() const { return m_explanation; }
    // The explanation as plain text, as "Copy as text" writes it.
    QString text() const;
    // The engine's walk to `at` for `account` (no widget involved).
    static Explanation explain(const SyncedAccount &account, TimePoint at);

private:
    void render();

    const Clock &m_clock;
    SyncedAccount *m_account = nullptr;
    Explanation m_explanation;
    QDateTimeEdit *m_moment;
    QPushButton *m_explain;
    QPushButton *m_now;
    QPushButton *m_copy;
    QLabel *m_balance;
    QLabel *m_buckets;
    QLabel *m_zoneNote;
    QTreeWidget *m_steps;
};

} // namespace creditdesk
