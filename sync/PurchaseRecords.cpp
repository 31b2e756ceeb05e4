#include "PurchaseRecords.h"

#include "AccountHistory.h"
#include "SyncedAccount.h"

#include <QJsonObject>
#include <QSet>

#include <algorithm>

namespace creditdesk {

namespace {
QString orderIdOf(const AccountHistory &history, qint64 event)
{
    return history.detailsOfEvent(event).value(QLatin1String("purchase")).toString();
}
} // namespace

void PurchaseRecords::follow(const AccountHistory &history)
{
    std::shared_ptr<const void> lineage = history.lineage();
    if (lineage != m_lineage || history.eventCount() < m_looked) {
        m_lineage = std::move(lineage);
        m_looked = 0;
        m_purchaseEvents.clear();
    }
    for (; m_looked < history.eventCount(); ++m_looked) {
        // A purchase from a scenario file has no order id: no receipt to give.
        if (history.event(m_looked).type == EventType::Purchase &&
            !orderIdOf(history, m_looked).isEmpty())
            m_purchaseEvents.push_back(m_looked);
    }
}

QList<PurchaseInfo> PurchaseRecords::of(const SyncedAccount &account)
{
    QList<PurchaseInfo> out = account.purchases;
    QSet<QString> listed;
    for (const PurchaseInfo &p : out)
        listed.insert(p.id);
    const AccountHistory &history = account.history();
    follow(history);
    const Policy &policy = history.policy();
    // Events are in time order: newest first is the reverse.
    for (auto i = m_purchaseEvents.rbegin(); i != m_purchaseEvents.rend(); ++i) {
        const Event &e = history.event(*i);
        const QString id = orderIdOf(history, *i);
        if (listed.contains(id))
            continue;
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
        out << p;
    }
    std::stable_sort(out.begin(), out.end(), [](const PurchaseInfo &a, const PurchaseInfo &b) {
        return a.createdAt > b.createdAt;
    });
    return out;
}

} // namespace creditdesk
