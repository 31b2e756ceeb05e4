#include "AccountSeeder.h"

#include "AccountLedger.h"
#include "AccountWriter.h"
#include "ManualClock.h"
#include "PresetCatalog.h"
#include "ServerRuntime.h"
#include "SimulatedPaymentProvider.h"

#include <QElapsedTimer>
#include <QJsonObject>

namespace creditdesk {

namespace {

const char *const FirstNames[] = {
    "Ada",   "Alan",   "Barbara",  "Claude", "Dennis",    "Donald",   "Edsger", "Frances",
    "Grace", "Guido",  "Hedy",     "Ivan",   "Joan",      "John",     "Karen",  "Ken",
    "Linus", "Lynn",   "Margaret", "Mary",   "Niklaus",   "Radia",    "Rasmus", "Richard",
    "Robin", "Sophie", "Tim",      "Vint",   "Whitfield", "Yukihiro", "Zhang",  "Émilie"};
const char *const LastNames[] = {"Lovelace", "Turing",      "Liskov",   "Shannon",  "Ritchie",
                                 "Knuth",    "Dijkstra",    "Allen",    "Hopper",   "van Rossum",
                                 "Lamarr",   "Sutherland",  "Clarke",   "McCarthy", "Spärck Jones",
                                 "Thompson", "Torvalds",    "Conway",   "Hamilton", "Keller",
                                 "Wirth",    "Perlman",     "Lerdorf",  "Stallman", "Milner",
                                 "Wilson",   "Berners-Lee", "Cerf",     "Diffie",   "Matsumoto",
                                 "Wei",      "du Châtelet", "Nakamura", "Okafor",   "García",
                                 "Kowalski", "Johansson",   "Novak"};
const char *const Zones[] = {
    "UTC",          "Europe/Berlin",     "America/New_York", "Asia/Shanghai",
    "Asia/Kolkata", "America/Sao_Paulo", "Australia/Sydney"};

constexpr qint64 FirstCount = sizeof(FirstNames) / sizeof(FirstNames[0]);
constexpr qint64 LastCount = sizeof(LastNames) / sizeof(LastNames[0]);

} // namespace

QString AccountSeeder::idOf(qint64 n)
{
    return QStringLiteral("seed-%1").arg(n, 6, 10, QLatin1Char('0'));
}

QString AccountSeeder::nameOf(qint64 n)
{
    // Spread over the first x last grid and then numbered, so some names are common (what
    // makes a short query match thousands) and every one is unique.
    return QStringLiteral("%1 %2 %3")
        .arg(QString::fromUtf8(FirstNames[n % FirstCount]),
             QString::fromUtf8(LastNames[(n * 7 + n / FirstCount) % LastCount]))
        .arg(n);
}

QString AccountSeeder::emailOf(qint64 n)
{
    QString local = QStringLiteral("%1.%2")
                        .arg(QString::fromUtf8(FirstNames[n % FirstCount]),
                             QString::fromUtf8(LastNames[(n * 7 + n / FirstCount) % LastCount]))
                        .toLower();
    local.remove(u' ');
    return QStringLiteral("%1.%2@example.org").arg(local).arg(n);
}

AccountSeeder::Result AccountSeeder::seed(const QString &databaseSpec, qint64 count,
                                          qint64 nowSeconds, const PresetCatalog &presets)
{
    QElapsedTimer timer;
    timer.start();
    ManualClock clock(nowSeconds);
    SimulatedPaymentProvider provider(0, 0.0);
    ServerRuntime rt(databaseSpec, clock, provider, presets);
    const QStringList presetNames = presets.names();
    Result result;
    rt.store.beginWrite();
    try {
        for (qint64 n = 1; n <= count; ++n) {
            AccountRecord a;
            a.id = idOf(n);
            if (rt.store.eventCount(a.id) >= 0) {
                ++result.existing;
                continue;
            }
            a.displayName = nameOf(n);
            a.email = emailOf(n);
            a.preset = presetNames[int(n % presetNames.size())];
            a.timezone = QString::fromLatin1(Zones[n % qint64(sizeof(Zones) / sizeof(Zones[0]))]);
            a.createdAt = nowSeconds - 86400 - (n % 86400);
            rt.store.insertAccount(a);
            AccountLedger *ledger = rt.cache.find(a.id);
            AccountWriter::Transaction tx(rt.store, *ledger, a.createdAt);
            tx.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("signup")}});
            // The engines are not needed again: keep the seeding's memory flat.
            rt.cache.forget(a.id);
            ++result.added;
        }
        rt.store.commit();
    } catch (...) {
        rt.store.rollback();
        throw;
    }
    result.millis = timer.elapsed();
    return result;
}

} // namespace creditdesk
