#include "PurchaseRecords.h"

#include "AccountHistory.h"

#include <QJsonObject>
#include <QSet>

#include <algorithm>

namespace creditdesk {

QList<PurchaseInfo> PurchaseRecords::of(const SyncedAccount &account)
{
    QList<PurchaseInfo> out = account.purchases;
    QSet<QString> listed;
    for (const PurchaseInfo &p : out)
        listed.insert(p.id);
    const AccountHistory &history = account.history();
    const Policy &policy = history.policy();
    QList<PurchaseInfo> fromEvents;
    for (qint64 i = 0; i < history.eventCount(); ++i) {
        const Event &e = history.event(i);
        if (e.type != EventType::Purchase)
            continue;
        const QString id = history.detailsOfEvent(i).value(QLatin1String("purchase")).toString();
        if (id.isEmpty() || listed.contains(id))
            continue; // a purchase from a scenario file has no order id: no receipt to give
        PurchaseInfo p;
        p.id = id;
        p.status = QStringLiteral("completed");
        if (e.pack >= 0 && e.pack < policy.packs.size()) {
            const Pack &pack = policy.packs[e.pack];
            p.pack = pack.name;
            p.amount = pack.amount;
            p.price = pack.price;
        } else {
            p.amount = e.amount;
        }
        p.createdAt = e.at;
        p.settledAt = e.at;
        fromEvents << p;
    }
    // Events are in time order: newest first is the reverse.
    std::reverse(fromEvents.begin(), fromEvents.end());
    out << fromEvents;
    std::stable_sort(out.begin(), out.end(), [](const PurchaseInfo &a, const PurchaseInfo &b) {
        return a.createdAt > b.createdAt;
    });
    return out;
}

} // namespace creditdesk
