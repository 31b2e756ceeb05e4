#include "SyncTimer.h"

#include <QTimer>

#include <algorithm>

namespace creditdesk {

SyncTimer::SyncTimer(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &SyncTimer::fired);
}

SyncTimer::~SyncTimer() = default;

void SyncTimer::start(qint64 ms)
{
    m_timer->start(int(std::clamp<qint64>(ms, 0, qint64(24) * 3600 * 1000)));
}

void SyncTimer::stop()
{
    m_timer->stop();
}

bool SyncTimer::isActive() const
{
    return m_timer->isActive();
}

} // namespace creditdesk
