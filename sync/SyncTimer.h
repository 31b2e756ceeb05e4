#pragma once

#include <QObject>

class QTimer;

namespace creditdesk {

// The one-shot timer SyncSchedule waits on. A QTimer by default; tests use their own
// subclass (armed() / fire()) so the schedule's delays are checked without waiting for them.
class SyncTimer : public QObject
{
    Q_OBJECT
public:
    explicit SyncTimer(QObject *parent = nullptr);
    ~SyncTimer() override;

    virtual void start(qint64 ms);
    virtual void stop();
    virtual bool isActive() const;

signals:
    void fired();

private:
    QTimer *m_timer;
};

} // namespace creditdesk
