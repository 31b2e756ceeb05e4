#include "SyncSchedule.h"

#include "SyncTimer.h"

#include <QRandomGenerator>

#include <algorithm>

namespace creditdesk {

SyncSchedule::SyncSchedule(SyncTimer *timer, std::function<double()> random, QObject *parent)
    : QObject(parent)
    , m_timer(timer ? timer : new SyncTimer(this))
    , m_random(random ? std::move(random) : std::function<double()>([] {
        return QRandomGenerator::global()->generateDouble();
    }))
{
    m_timer->setParent(this);
    connect(m_timer, &SyncTimer::fired, this, &SyncSchedule::onFired);
}

void SyncSchedule::start()
{
    m_started = true;
    syncNow();
}

void SyncSchedule::stop()
{
    m_started = false;
    m_again = false;
    m_timer->stop();
    m_armedMs = -1;
}

void SyncSchedule::setVisible(bool visible)
{
    if (m_visible == visible)
        return;
    m_visible = visible;
    // Coming back into view after a long hidden wait: catch up soon, not in up to 5 min.
    if (m_started && !m_running && m_failures == 0 && visible && m_armedMs > VisibleIntervalMs)
        arm(VisibleIntervalMs);
}

void SyncSchedule::syncNow()
{
    if (!m_started)
        return;
    if (m_running) {
        m_again = true;
        return;
    }
    arm(0);
}

void SyncSchedule::syncStarted()
{
    m_running = true;
    m_timer->stop();
    m_armedMs = -1;
}

qint64 SyncSchedule::backoffMs() const
{
    const int doublings = std::min(m_failures - 1, 20);
    const qint64 base = std::min(MaxBackoffMs, FirstBackoffMs << std::max(doublings, 0));
    const double factor = 0.5 + 0.5 * m_random();
    return std::max<qint64>(500, qint64(double(base) * factor));
}

void SyncSchedule::syncFinished(Outcome outcome, qint64 retryAfterSeconds)
{
    m_running = false;
    if (!m_started)
        return;
    switch (outcome) {
    case Outcome::Success:
        m_failures = 0;
        break;
    case Outcome::Failure:
    case Outcome::Offline:
        ++m_failures;
        break;
    case Outcome::RateLimited:
        break;
    case Outcome::Stopped:
        stop();
        return;
    }
    if (outcome == Outcome::RateLimited) {
        m_again = false; // F5 does not jump the server's queue
        arm(std::max<qint64>(retryAfterSeconds * 1000, m_failures > 0 ? backoffMs() : 0));
        return;
    }
    if (m_again && outcome == Outcome::Success) {
        m_again = false;
        arm(0);
        return;
    }
    m_again = false;
    if (m_failures > 0)
        arm(backoffMs());
    else
        arm(m_visible ? VisibleIntervalMs : HiddenIntervalMs);
}

void SyncSchedule::arm(qint64 ms)
{
    m_armedMs = ms;
    m_timer->start(ms);
}

void SyncSchedule::onFired()
{
    m_armedMs = -1;
    if (!m_started || m_running)
        return;
    emit syncDue();
}

} // namespace creditdesk
