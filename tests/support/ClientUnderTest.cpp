#include "ClientUnderTest.h"

#include <QTest>

#include <optional>

using namespace creditdesk;

ClientUnderTest::ClientUnderTest(const QUrl &server, const QList<QSslCertificate> &ca,
                                 const QString &accountId, const QString &token,
                                 const QString &cacheDir)
    : account(accountId)
{
    connection = std::make_unique<ServerConnection>(server, clock);
    connection->addCaCertificates(ca);
    connection->setToken(token);
    cache =
        std::make_unique<AccountCache>(AccountCache::pathFor(cacheDir, server, accountId), clock);
    cache->open();
    sync = std::make_unique<EventsSync>(connection.get(), cache.get(), accountId);
    sync->setPageLimit(10000);
}

ClientUnderTest::~ClientUnderTest()
{
    sync.reset();
    cache.reset();
    connection.reset();
}

EventsSync::Report ClientUnderTest::syncAndWait(int timeoutMs)
{
    std::optional<EventsSync::Report> got;
    const auto c = QObject::connect(sync.get(), &EventsSync::finished,
                                    [&got](const EventsSync::Report &r) { got = r; });
    sync->sync();
    (void)QTest::qWaitFor([&] { return got.has_value(); }, timeoutMs);
    QObject::disconnect(c);
    if (!got) {
        EventsSync::Report none;
        none.error = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
        return none;
    }
    return *got;
}

bool ClientUnderTest::restart(QString *loadError)
{
    sync.reset();
    cache->close();
    if (!cache->open())
        return false;
    sync = std::make_unique<EventsSync>(connection.get(), cache.get(), account);
    sync->setPageLimit(10000);
    return sync->loadFromCache(loadError);
}

EventsSync::ColdStart ClientUnderTest::coldStart()
{
    sync.reset();
    cache->close();
    if (!cache->open(AccountCache::Checks::Deferred))
        return EventsSync::ColdStart::Nothing;
    sync = std::make_unique<EventsSync>(connection.get(), cache.get(), account);
    sync->setPageLimit(10000);
    return sync->startFromCache();
}
