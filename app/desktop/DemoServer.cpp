#include "DemoServer.h"

#include "ApiRouter.h"
#include "ApiServer.h"
#include "DemoSeeder.h"
#include "DevCertificateAuthority.h"
#include "ManualClock.h"
#include "ServerRuntime.h"
#include "SimulatedPaymentProvider.h"
#include "StoreError.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>

namespace creditdesk {

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

DemoServer::DemoServer(ManualClock &clock)
    : m_clock(clock)
    , m_dir(QDir::tempPath() + QStringLiteral("/creditdesk-demo-XXXXXX"))
{}

DemoServer::~DemoServer()
{
    m_server.reset(); // stop listening before the runtime it routes to goes
    m_router.reset();
    m_runtime.reset();
}

bool DemoServer::start(QString *error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("cannot create a temporary directory: %1").arg(m_dir.errorString());
        return false;
    }
    DevCertificateAuthority ca(m_dir.path());
    if (!ca.ensure(error))
        return false;
    m_caPath = ca.caCertificatePath();
    const auto certs = QSslCertificate::fromData(readAll(ca.serverCertificatePath()), QSsl::Pem);
    const QSslKey key(readAll(ca.serverKeyPath()), QSsl::Ec, QSsl::Pem);
    if (certs.isEmpty() || key.isNull()) {
        *error = QStringLiteral("the development CA made no usable certificate");
        return false;
    }

    const QString database = QDir(m_dir.path()).filePath(QStringLiteral("creditdesk.sqlite"));
    try {
        // "member ID (NAME, PRESET): token TOKEN" and "support agent: token TOKEN"
        static const QRegularExpression memberLine(
            QStringLiteral("^member (\\S+) \\((.+), ([a-z0-9-]+)\\): token (\\S+)$"));
        static const QRegularExpression supportLine(
            QStringLiteral("^support agent: token (\\S+)$"));
        for (const QString &line : DemoSeeder::seed(database, m_clock.now())) {
            if (const auto m = memberLine.match(line); m.hasMatch())
                m_members.append({m.captured(1), m.captured(2), m.captured(3), m.captured(4)});
            else if (const auto s = supportLine.match(line); s.hasMatch())
                m_supportToken = s.captured(1);
        }
        m_provider = std::make_unique<SimulatedPaymentProvider>(1500, 0.0);
        m_runtime = std::make_unique<ServerRuntime>(database, m_clock, *m_provider);
    } catch (const StoreError &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    if (m_members.isEmpty()) {
        *error = QStringLiteral("the demo seed made no members");
        return false;
    }
    ServerRuntime &rt = *m_runtime;
    m_router = std::make_unique<ApiRouter>(rt.auth, rt.accounts, rt.purchases, rt.tasks,
                                           rt.refunds);
    QString tlsError;
    const QSslConfiguration tls = ApiServer::tlsConfiguration(certs, key, &tlsError);
    if (!tlsError.isEmpty()) {
        *error = tlsError;
        return false;
    }
    m_server = std::make_unique<ApiServer>(*m_router, HttpLimits(), tls);
    m_port = m_server->listen(QHostAddress::LocalHost, 0);
    if (m_port == 0) {
        *error = QStringLiteral("cannot listen on 127.0.0.1");
        return false;
    }
    return true;
}

QUrl DemoServer::baseUrl() const
{
    return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_port));
}

QString DemoServer::caCertificatePath() const
{
    return m_caPath;
}

} // namespace creditdesk
