#pragma once

#include "DemoSeeder.h"

#include <QObject>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include <memory>

namespace creditdesk {

class Clock;
class ServerRuntime;

// The real server inside the calling process (the desktop app's --demo, the client's tests):
// a fresh development CA in the data directory, the database there (SQLite), the demo seed if
// asked, and API v1 over HTTPS on 127.0.0.1 at a free port — the same code path as
// `creditdesk-server`, on the caller's Clock (a ManualClock moves balances, refreshes and
// payments together). Runs on the caller's event loop; stop() or the destructor closes it.
class InProcessServer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool seedDemo = true;
        qint64 seedDemoEvents = 0; // > 0: demo-heavy gets that many events
        int paymentDelayMs = 1500; // on the injected clock
        double paymentFailureRate = 0.0;
        QString presetsDir; // empty: the built-in presets
    };

    InProcessServer(QString dataDir, const Clock &clock, Options options,
                    QObject *parent = nullptr);
    InProcessServer(QString dataDir, const Clock &clock, QObject *parent = nullptr);
    ~InProcessServer() override;

    // Makes the CA, opens and seeds the database, listens. False with *error on failure.
    bool start(QString *error = nullptr);
    void stop();
    bool isRunning() const;

    quint16 port() const { return m_port; }
    QUrl baseUrl() const;
    QString caCertificatePath() const;
    QSslCertificate caCertificate() const;
    // The seeded accounts with their member tokens, and the support token (empty when not
    // seeded, or when the database had accounts already).
    const DemoSeed &seeded() const { return m_seed; }
    // The services behind the API (null while stopped), for tests that need to look inside.
    ServerRuntime *runtime() const;

private:
    struct Running;

    QString m_dataDir;
    const Clock &m_clock;
    Options m_options;
    DemoSeed m_seed;
    quint16 m_port = 0;
    std::unique_ptr<Running> m_running;
};

} // namespace creditdesk
