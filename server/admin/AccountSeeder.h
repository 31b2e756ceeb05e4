#pragma once

#include <QString>

namespace creditdesk {

class PresetCatalog;

// `--seed-accounts N`: fills a database with N synthetic members (ids seed-000001…, names from
// a list of first and last names, emails first.last.N@example.org, presets and time zones in
// turn), each with its signup event, in one transaction, for the search benchmark at 100,000
// accounts. Accounts already there are kept, so a second start adds nothing.
class AccountSeeder
{
public:
    struct Result
    {
        qint64 added = 0;
        qint64 existing = 0;
        qint64 millis = 0;
    };

    static Result seed(const QString &databaseSpec, qint64 count, qint64 nowSeconds,
                       const PresetCatalog &presets);
    // The name and email of seeded account n (1-based): what the benchmark searches for.
    static QString nameOf(qint64 n);
    static QString emailOf(qint64 n);
    static QString idOf(qint64 n);
};

} // namespace creditdesk
