#pragma once

#include <QString>
#include <QStringList>

namespace creditdesk {

class ServerRuntime;

// Fills a new database with demo data through the same services the API uses, on a manual
// clock that walks through the last four months: one member on each preset with tasks of
// every outcome, purchases (one declined), grants, support adjustments, refunds approved,
// declined and open, plan changes and many refresh cycles; plus one support agent. Returns
// lines to print (account ids and their tokens, shown only this once).
class DemoSeeder
{
public:
    static QStringList seed(const QString &databaseSpec, qint64 nowSeconds);
};

} // namespace creditdesk
