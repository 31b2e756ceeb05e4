#include "EventsWorker.h"

#include "AccountCache.h"
#include "AccountHistory.h"

#include <QSemaphore>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#endif

namespace creditdesk {

AccountCache *EventsWorker::State::cache()
{
    if (connection && connection->isOpen())
        return connection.get();
    if (!clock || cachePath.isEmpty())
        return nullptr;
    if (!connection)
        connection = std::make_unique<AccountCache>(cachePath, *clock);
    if (!connection->attach(pageLimit)) {
        if (cacheError.isEmpty())
            cacheError = connection->lastError();
        return nullptr;
    }
    return connection.get();
}

void EventsWorker::State::closeCache()
{
    connection.reset(); // closes and removes this thread's connection
}

EventsWorker::State::~State() = default;

EventsWorker::EventsWorker(QString cachePath, const Clock *clock, const QString &name)
    : m_receiver(new QObject)
    , m_state(std::make_shared<State>())
{
    m_state->cachePath = std::move(cachePath);
    m_state->clock = clock;
    m_thread.setObjectName(name);
    m_receiver->moveToThread(&m_thread);
    m_thread.start();
#ifdef Q_OS_LINUX
    // Nice 10 for this thread alone (Linux's setpriority takes the calling thread): five
    // accounts' workers never take the CPU from the UI thread, which paints first.
    post([](State &) { setpriority(PRIO_PROCESS, 0, 10); });
#endif
}

EventsWorker::~EventsWorker()
{
    // Every job posted runs first (queued calls keep their order); then the connection is
    // closed on its own thread and the thread ends.
    post([](State &s) {
        s.closeCache();
        s.history.reset();
        QThread::currentThread()->quit();
    });
    m_thread.wait();
    delete m_receiver;
}

void EventsWorker::post(std::function<void(State &)> job)
{
    QMetaObject::invokeMethod(
        m_receiver, [state = m_state, job = std::move(job)] { job(*state); }, Qt::QueuedConnection);
}

void EventsWorker::drain()
{
    auto done = std::make_shared<QSemaphore>();
    post([done](State &) { done->release(); });
    done->acquire();
}

} // namespace creditdesk
