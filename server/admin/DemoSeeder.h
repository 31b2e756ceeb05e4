#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace creditdesk {

class PresetCatalog;

// One demo account as seeded: what a demo client needs to sign in as its member.
struct DemoAccount
{
    QString id;
    QString preset;
    QString displayName;
    QString memberToken;
};

// What DemoSeeder made. `lines` are what the command line prints (tokens are shown only
// then); `seeded` is false when the database had accounts already (nothing was added).
struct DemoSeed
{
    bool seeded = false;
    QList<DemoAccount> accounts;
    QString supportToken;
    QStringList lines;
    qint64 heavyEvents = 0; // events written for the heavy account
    qint64 heavyMillis = 0; // how long writing them took
};

// Fills a new database with demo data through the same services the API uses, on a manual
// clock that walks through the last four months: one member on each preset with tasks of
// every outcome, purchases (one declined), grants, support adjustments, refunds approved,
// declined and open, plan changes and many refresh cycles; plus one support agent. With
// `heavyEvents` > 0, one more account, `demo-heavy`, gets a long synthetic history of that
// many events (valid under its preset, written in one transaction) for benchmarks.
class DemoSeeder
{
public:
    static DemoSeed seedAccounts(const QString &databaseSpec, qint64 nowSeconds,
                                 const PresetCatalog &presets, qint64 heavyEvents = 0);
    // The built-in presets; returns the lines to print.
    static QStringList seed(const QString &databaseSpec, qint64 nowSeconds);
};

} // namespace creditdesk
