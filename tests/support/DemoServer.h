#pragma once

#include "ApiClient.h"
#include "ServerProcess.h"

#include <QMap>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

// A real creditdesk-server for the client's tests: --dev-tls on 127.0.0.1, seeded with the
// demo (one member per preset and a support agent), in a temporary data directory. The
// tokens are read from the seed's output. restart() brings it back on the same port and data.
class DemoServer
{
public:
    DemoServer();
    ~DemoServer();

    bool start(const QStringList &extraArgs = {});
    void kill();
    bool restart();

    QUrl url() const;
    QString dataDir() const { return m_dir.path(); }
    QString caPath() const { return m_process->caPath(); }
    QList<QSslCertificate> ca() const;
    quint16 port() const { return m_port; }
    // The server process's id (to pause it with SIGSTOP: a server that stops answering).
    qint64 pid() const { return m_process->pid(); }
    QString output() { return m_process->output(); }

    QMap<QString, QString> memberTokens; // account id -> token
    QString supportToken;
    ApiClient &api() { return *m_api; }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_process;
    std::unique_ptr<ApiClient> m_api;
    QStringList m_args;
    quint16 m_port = 0;
};
