#include "InProcessServer.h"

#include "ApiRouter.h"
#include "ApiServer.h"
#include "RequestBody.h"
#include "DevCertificateAuthority.h"
#include "PresetCatalog.h"
#include "ServerRuntime.h"
#include "SimulatedPaymentProvider.h"
#include "StoreError.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QSslConfiguration>
#include <QSslKey>

#include <optional>

namespace creditdesk {

// Destroyed in reverse order: the listener before the router before the services.
struct InProcessServer::Running
{
    std::optional<PresetCatalog> fromDir;
    std::unique_ptr<SimulatedPaymentProvider> provider;
    std::unique_ptr<ServerRuntime> runtime;
    std::unique_ptr<ApiRouter> router;
    std::unique_ptr<ApiServer> server;
};

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool failed(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

InProcessServer::InProcessServer(QString dataDir, const Clock &clock, Options options,
                                 QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
    , m_clock(clock)
    , m_options(std::move(options))
{}

InProcessServer::InProcessServer(QString dataDir, const Clock &clock, QObject *parent)
    : InProcessServer(std::move(dataDir), clock, Options(), parent)
{}

InProcessServer::~InProcessServer()
{
    stop();
}

bool InProcessServer::isRunning() const
{
    return m_running != nullptr;
}

ServerRuntime *InProcessServer::runtime() const
{
    return m_running ? m_running->runtime.get() : nullptr;
}

QUrl InProcessServer::baseUrl() const
{
    return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_port));
}

QString InProcessServer::caCertificatePath() const
{
    return DevCertificateAuthority(m_dataDir).caCertificatePath();
}

QSslCertificate InProcessServer::caCertificate() const
{
    const auto certs = QSslCertificate::fromData(readAll(caCertificatePath()), QSsl::Pem);
    return certs.isEmpty() ? QSslCertificate() : certs.first();
}

bool InProcessServer::start(QString *error)
{
    if (m_running)
        return true;
    if (!QDir().mkpath(m_dataDir))
        return failed(error, QStringLiteral("cannot create %1").arg(m_dataDir));
    DevCertificateAuthority ca(m_dataDir);
    QString caError;
    if (!ca.ensure(&caError))
        return failed(error, caError);
    const auto certs = QSslCertificate::fromData(readAll(ca.serverCertificatePath()), QSsl::Pem);
    const QSslKey key(readAll(ca.serverKeyPath()), QSsl::Ec, QSsl::Pem);
    if (certs.isEmpty() || key.isNull())
        return failed(error, QStringLiteral("the development CA's server certificate in %1 "
                                            "does not read")
                                 .arg(m_dataDir));

    auto running = std::make_unique<Running>();
    if (!m_options.presetsDir.isEmpty()) {
        auto read = PresetCatalog::fromDirectory(m_options.presetsDir);
        if (auto *e = std::get_if<ParseError>(&read))
            return failed(
                error, QStringLiteral("presets %1: %2").arg(m_options.presetsDir, e->toString()));
        running->fromDir.emplace(std::get<PresetCatalog>(std::move(read)));
    }
    const PresetCatalog &presets = running->fromDir ? *running->fromDir : PresetCatalog::builtIn();
    const QString database = QDir(m_dataDir).filePath(QStringLiteral("creditdesk.sqlite"));
    try {
        if (m_options.seedDemo)
            m_seed = DemoSeeder::seedAccounts(database, m_clock.now(), presets,
                                              m_options.seedDemoEvents);
        running->provider = std::make_unique<SimulatedPaymentProvider>(
            m_options.paymentDelayMs, m_options.paymentFailureRate);
        running->runtime =
            std::make_unique<ServerRuntime>(database, m_clock, *running->provider, presets);
    } catch (const StoreError &e) {
        return failed(error, QString::fromUtf8(e.what()));
    }
    ServerRuntime &rt = *running->runtime;
    running->router =
        std::make_unique<ApiRouter>(rt.auth, rt.accounts, rt.purchases, rt.tasks, rt.refunds);
    // The same TLS policy and HTTP limits as creditdesk-server.
    QString tlsError;
    const QSslConfiguration tls = ApiServer::tlsConfiguration(certs, key, &tlsError);
    if (!tlsError.isEmpty())
        return failed(error, tlsError);
    HttpLimits limits;
    limits.maxBodyBytes = RequestBody::MaxBytes;
    running->server = std::make_unique<ApiServer>(*running->router, limits, tls);
    m_port = running->server->listen(QHostAddress::LocalHost, 0);
    if (m_port == 0)
        return failed(error, QStringLiteral("cannot listen on 127.0.0.1"));
    rt.purchases.resumePending();
    // The seeded accounts' engines are built now, not on the client's first sync (a
    // 100,000-event account takes about a second to read and replay).
    try {
        for (const DemoAccount &a : m_seed.accounts)
            rt.cache.find(a.id);
    } catch (const StoreError &e) {
        return failed(error, QString::fromUtf8(e.what()));
    }
    m_running = std::move(running);
    return true;
}

void InProcessServer::stop()
{
    if (!m_running)
        return;
    m_running->server.reset();
    m_running->router.reset();
    m_running->runtime.reset();
    m_running->provider.reset();
    m_running.reset();
    m_port = 0;
}

} // namespace creditdesk
