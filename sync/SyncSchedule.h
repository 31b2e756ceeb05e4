#pragma once

#include <QObject>

#include <functional>

namespace creditdesk {

class SyncTimer;

// When the next sync runs, after Nextcloud's quota polling:
//  - every 30 s while the window is visible, every 5 min while it is hidden;
//  - after a failure, exponential back-off (2 s, 4 s, 8 s … capped at 5 min) with jitter
//    (a random factor in [0.5, 1]) so many clients do not come back at once;
//  - offline: the regular poll pauses and only the back-off probes run, until one succeeds;
//  - rate limited (429): not a failure; waits the server's Retry-After (at least);
//  - syncNow() (F5, Ctrl+R, sign-in): at once — or right after the sync that is running.
// It never starts a sync while one runs: the owner calls syncStarted()/syncFinished(...)
// around each. Timer and randomness are injected so tests check the delays exactly.
class SyncSchedule : public QObject
{
    Q_OBJECT
public:
    enum class Outcome : quint8 { Success, Failure, Offline, RateLimited, Stopped };

    // `timer` is owned by the schedule; `random` returns a number in [0, 1).
    explicit SyncSchedule(SyncTimer *timer = nullptr, std::function<double()> random = {},
                          QObject *parent = nullptr);

    static constexpr qint64 VisibleIntervalMs = 30000;
    static constexpr qint64 HiddenIntervalMs = 300000;
    static constexpr qint64 FirstBackoffMs = 2000;
    static constexpr qint64 MaxBackoffMs = 300000;

    void start();
    void stop();
    void setVisible(bool visible);
    void syncNow();

    void syncStarted();
    // retryAfterSeconds: for RateLimited.
    void syncFinished(Outcome outcome, qint64 retryAfterSeconds = 0);

    bool isRunning() const { return m_running; }
    int failures() const { return m_failures; }
    bool isVisible() const { return m_visible; }
    // The regular poll interval for the current visibility (ms): 30 s visible, 5 min hidden.
    qint64 intervalMs() const { return m_visible ? VisibleIntervalMs : HiddenIntervalMs; }
    // The delay the timer was last armed with (ms), -1 when stopped.
    qint64 armedDelayMs() const { return m_armedMs; }

signals:
    // Time to sync: the owner starts one and reports back with syncStarted/syncFinished.
    void syncDue();

private:
    void arm(qint64 ms);
    void onFired();
    qint64 backoffMs() const;

    SyncTimer *m_timer;
    std::function<double()> m_random;
    bool m_started = false;
    bool m_visible = true;
    bool m_running = false;
    bool m_again = false;
    int m_failures = 0;
    qint64 m_armedMs = -1;
};

} // namespace creditdesk
