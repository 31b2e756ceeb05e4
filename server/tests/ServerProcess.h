#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// A real creditdesk-server process for the tests: started with --dev-tls on 127.0.0.1 and a
// free port, ready once it has printed "listening on https://127.0.0.1:PORT".
class ServerProcess
{
public:
    explicit ServerProcess(QString dataDir)
        : m_dataDir(std::move(dataDir))
    {}
    ~ServerProcess();

    // Starts it and waits (up to 60 s) for its "listening on" line.
    bool start(const QStringList &extraArgs = {},
               const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    quint16 port() const { return m_port; }
    // The process id while it runs (for /proc/PID/...), else 0.
    qint64 pid() const { return m_process.processId(); }
    QString caPath() const;
    QString output() { return QString::fromUtf8(m_stdout + m_process.readAllStandardError()); }
    // kill -9, and wait for it to be gone.
    void kill();
    // Waits for it to die by itself (fault injection): true if it did within the timeout.
    bool waitForExit(int timeoutMs = 60000);
    void stop();

    // Runs `creditdesk-server ARGS` to completion; its stdout, trimmed. *ok tells success.
    static QString runAdmin(const QStringList &args, bool *ok);
    static QString binary();

    // With CREDITDESK_TEST_POSTGRES=postgres://USER:PASS@HOST:PORT in the environment, every
    // server and admin command of this test binary runs on a fresh PostgreSQL database made
    // for it ("--database URL"); otherwise on SQLite in the data directory (no arguments).
    static QStringList databaseArgs();
    // The database spec the servers of `dataDir` use (a SQLite path or the PostgreSQL URL).
    static QString databaseSpec(const QString &dataDir);

private:
    QString m_dataDir;
    QProcess m_process;
    QByteArray m_stdout;
    quint16 m_port = 0;
};
