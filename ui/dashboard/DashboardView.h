#pragma once

#include "DashboardAnswers.h"
#include "ThemePalette.h"

#include <QWidget>

#include <memory>

class QGridLayout;
class QLabel;
class QPushButton;
class QTimer;
class QVBoxLayout;

namespace creditdesk {

class AmountFormat;
class Clock;
class CountdownChip;
class StatusBanner;
class SyncedAccount;
class TimeFormat;

// The first screen: "can I keep working, and until when?" in two seconds, then "what do I do
// about it?". Top to bottom (design brief): the available balance large with the account's
// unit, reserved and the sync status line; the plan and its cycle; a countdown chip per
// recurring pool and the usage windows as thin bars; the projection sentence (coloured by its
// verdict, with a word too) and what the balance still pays for; the buckets, soonest-expiring
// first, with their expiry in words; pending purchases; one top-up action when it helps.
//
// Every figure is an engine answer at the view time (DashboardAnswers), re-taken when the
// account changes, when the view time moves (refresh()) and when a countdown reaches a
// refresh, expiry or window reset. Between those only the countdown texts tick: each minute,
// each second in a countdown's last minute.
class DashboardView : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardView(const Clock &viewClock, QWidget *parent = nullptr);
    ~DashboardView() override;

    // Not owned; nullptr shows the empty state. Re-renders on the account's changed().
    void setAccount(SyncedAccount *account);
    // "verified with server at 14:03" / "offline since 13:58 (timeout)": the app knows.
    void setStatusLine(const QString &text, ThemePalette::Tone tone = ThemePalette::Tone::Muted);
    // A banner above everything (offline, loading, scenario file); empty text hides it.
    void setBanner(const QString &text, ThemePalette::Tone tone = ThemePalette::Tone::Warning);
    const DashboardAnswers &answers() const { return m_answers; }
    // Read-only (the support console shows a member's dashboard): no top-up action.
    void setReadOnly(bool readOnly);

public slots:
    // Re-takes every answer at the view clock's now.
    void refresh();
    // Re-writes the countdowns; re-takes the answers when one of them was reached.
    void tick();

signals:
    // The member asked to top up; `pack` is the suggested pack's name, or empty.
    void topUpRequested(const QString &pack);

private:
    void render();
    void renderEmpty();
    void renderBalance();
    void renderRefreshes();
    void renderWindows();
    void renderProjection();
    void renderCapacities();
    void renderBuckets();
    void renderPurchases();
    void scheduleTick();
    void accountChanged();
    TimePoint confirmedUntil() const;
    QString planDescription() const;

    const Clock &m_clock;
    SyncedAccount *m_account = nullptr;
    DashboardAnswers m_answers;
    std::unique_ptr<TimeFormat> m_times;
    std::unique_ptr<AmountFormat> m_amounts;
    QString m_suggestedPack;
    // Refreshes this clock passed that no sync has confirmed yet: shown as stale chips.
    QList<RefreshRow> m_unconfirmed;

    StatusBanner *m_banner;
    QLabel *m_title;
    QLabel *m_badge;
    QLabel *m_available;
    QLabel *m_unit;
    QLabel *m_reserved;
    QLabel *m_status;
    QLabel *m_plan;
    QVBoxLayout *m_chips;
    QVBoxLayout *m_bars;
    QLabel *m_windowsHeading;
    QLabel *m_verdict;
    QLabel *m_projection;
    QGridLayout *m_capacity;
    QLabel *m_capacityNote;
    QLabel *m_expiryNotice;
    QGridLayout *m_buckets;
    QLabel *m_pending;
    QPushButton *m_topUp;
    QTimer *m_ticker;
    bool m_readOnly = false;
};

} // namespace creditdesk
