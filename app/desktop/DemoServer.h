#pragma once

#include <QList>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace creditdesk {

class ManualClock;
class ApiRouter;
class ApiServer;
class ServerRuntime;
class SimulatedPaymentProvider;

// The real creditdesk server, inside this process, for `creditdesk --demo`: a fresh temporary
// data directory, a fresh development CA in it, the demo seed, listening on 127.0.0.1 on a
// free port, on the clock it is given (the demo's one ManualClock). Nothing here is a fake:
// the same runtime, router and HTTPS listener as `creditdesk-server`. Stops (and removes the
// directory) when destroyed.
class DemoServer
{
public:
    struct Member
    {
        QString accountId;
        QString name;
        QString preset;
        QString token;
    };

    explicit DemoServer(ManualClock &clock);
    ~DemoServer();

    // Seeds and listens; false with *error when something refused.
    bool start(QString *error);

    QUrl baseUrl() const;
    quint16 port() const { return m_port; }
    QString caCertificatePath() const;
    QString dataDirectory() const { return m_dir.path(); }
    const QList<Member> &members() const { return m_members; }
    QString supportToken() const { return m_supportToken; }
    ServerRuntime &runtime() { return *m_runtime; }

private:
    ManualClock &m_clock;
    QTemporaryDir m_dir;
    QString m_caPath;
    quint16 m_port = 0;
    QList<Member> m_members;
    QString m_supportToken;
    std::unique_ptr<SimulatedPaymentProvider> m_provider;
    std::unique_ptr<ServerRuntime> m_runtime;
    std::unique_ptr<ApiRouter> m_router;
    std::unique_ptr<ApiServer> m_server;
};

} // namespace creditdesk
