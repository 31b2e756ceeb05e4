#include "ServerApplication.h"

#include "AccountSeeder.h"
#include "ApiRouter.h"
#include "ApiServer.h"
#include "DemoSeeder.h"
#include "DevCertificateAuthority.h"
#include "RequestBody.h"
#include "PresetCatalog.h"
#include "ServerOptions.h"
#include "ServerRuntime.h"
#include "SimulatedPaymentProvider.h"
#include "StoreError.h"
#include "SystemClock.h"
#include "TokenRateLimiter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>

#include <cstdio>
#include <optional>

#include <sys/resource.h>

namespace creditdesk {

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int fail(const QString &message)
{
    std::fprintf(stderr, "creditdesk-server: %s\n", qPrintable(message));
    return 1;
}

// Each connection is a file descriptor: raise the soft limit to the hard one so that
// --max-connections, not the process's descriptor limit, is what refuses connections.
void raiseDescriptorLimit(int maxConnections)
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
    if (limit.rlim_cur != RLIM_INFINITY && rlim_t(maxConnections) + 64 > limit.rlim_cur)
        std::fprintf(stderr,
                     "creditdesk-server: warning: --max-connections %d is near the descriptor "
                     "limit %llu\n",
                     maxConnections, static_cast<unsigned long long>(limit.rlim_cur));
}

} // namespace

int ServerApplication::serve(const ServerOptions &o)
{
    if (!o.dataDir.isEmpty() && !QDir().mkpath(o.dataDir))
        return fail(QStringLiteral("cannot create %1").arg(o.dataDir));

    QString certPath = o.certFile, keyPath = o.keyFile;
    if (o.devTls) {
        DevCertificateAuthority ca(o.dataDir);
        QString error;
        if (!ca.ensure(&error))
            return fail(error);
        certPath = ca.serverCertificatePath();
        keyPath = ca.serverKeyPath();
        std::printf("CA certificate: %s\n",
                    qPrintable(QDir(ca.caCertificatePath()).absolutePath()));
    }
    const auto certs = QSslCertificate::fromData(readAll(certPath), QSsl::Pem);
    if (certs.isEmpty())
        return fail(QStringLiteral("no PEM certificate in %1").arg(certPath));
    const QByteArray keyPem = readAll(keyPath);
    QSslKey key(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        return fail(QStringLiteral("no PEM private key (EC or RSA) in %1").arg(keyPath));

    // --presets DIR: the server runs with those preset files everywhere (accounts, packs).
    std::optional<PresetCatalog> fromDir;
    if (!o.presetsDir.isEmpty()) {
        auto read = PresetCatalog::fromDirectory(o.presetsDir);
        if (auto *error = std::get_if<ParseError>(&read))
            return fail(QStringLiteral("--presets %1: %2").arg(o.presetsDir, error->toString()));
        fromDir.emplace(std::get<PresetCatalog>(std::move(read)));
    }
    const PresetCatalog &presets = fromDir ? *fromDir : PresetCatalog::builtIn();

    try {
        if (o.seedDemo) {
            const DemoSeed seeded = DemoSeeder::seedAccounts(o.databaseSpec(), SystemClock().now(),
                                                             presets, o.seedDemoEvents);
            for (const QString &line : seeded.lines)
                std::printf("demo: %s\n", qPrintable(line));
        }
        if (o.seedAccounts > 0) {
            const AccountSeeder::Result seeded = AccountSeeder::seed(
                o.databaseSpec(), o.seedAccounts, SystemClock().now(), presets);
            std::printf("seeded %lld account(s) (%lld there already) in %lld ms\n",
                        static_cast<long long>(seeded.added),
                        static_cast<long long>(seeded.existing),
                        static_cast<long long>(seeded.millis));
            std::fflush(stdout);
        }
        SystemClock clock;
        SimulatedPaymentProvider provider(o.paymentDelayMs, o.paymentFailureRate);
        ServerRuntime rt(o.databaseSpec(), clock, provider, presets);
        rt.cache.setBudgetBytes(o.cacheBudgetMb * 1024 * 1024);
        ApiRouter router(rt.auth, rt.accounts, rt.purchases, rt.tasks, rt.refunds);
        TokenRateLimiter limiter(o.rateLimitPerSecond, o.rateBurst);
        router.setRateLimiter(&limiter);
        QString tlsError;
        const QSslConfiguration tls = ApiServer::tlsConfiguration(certs, key, &tlsError);
        if (!tlsError.isEmpty())
            return fail(tlsError);
        HttpLimits limits = o.limits;
        limits.maxBodyBytes = RequestBody::MaxBytes;
        raiseDescriptorLimit(limits.maxConnections);
        ApiServer server(router, limits, tls);
        const QHostAddress address(o.bind);
        if (address.isNull())
            return fail(QStringLiteral("--bind: not an IP address: %1").arg(o.bind));
        const quint16 port = server.listen(address, quint16(o.port));
        if (port == 0)
            return fail(QStringLiteral("cannot listen on %1:%2").arg(o.bind).arg(o.port));
        const int resumed = rt.purchases.resumePending();
        if (resumed > 0)
            std::printf("resumed %d pending purchase(s)\n", resumed);
        const QString host =
            address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + o.bind + u']' : o.bind;
        std::printf("listening on https://%s:%u\n", qPrintable(host), unsigned(port));
        std::fflush(stdout);
        return QCoreApplication::exec();
    } catch (const StoreError &e) {
        return fail(QString::fromUtf8(e.what()));
    }
}

} // namespace creditdesk
