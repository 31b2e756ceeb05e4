#include "NotificationPlanner.h"

#include "NotificationMemory.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>

namespace creditdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("NotificationPlanner", text);
}

QString amount(Credits c, const AccountPicture &p)
{
    return QStringLiteral("%1 %2").arg(c.toString(), p.unit);
}

QString who(const AccountPicture &p)
{
    return p.accountName.isEmpty() ? p.accountId : p.accountName;
}

constexpr qint64 Day = 24 * 3600;

} // namespace

NotificationPlanner::NotificationPlanner(NotificationMemory &memory)
    : m_memory(memory)
{}

QList<Credits> NotificationPlanner::thresholds(const Settings &settings,
                                               std::optional<Credits> allotment)
{
    QList<Credits> out;
    if (settings.absoluteThresholds) {
        out = settings.amounts;
    } else if (allotment) {
        for (int percent : settings.percents)
            out << allotment->timesMilli(qint64(percent) * 10); // percent/100 in thousandths
    }
    out.removeIf([](Credits c) { return c.isNegative(); });
    std::sort(out.begin(), out.end(), std::greater<>());
    return out;
}

QList<NotificationIntent> NotificationPlanner::plan(const AccountPicture &before,
                                                    const AccountPicture &after)
{
    QList<NotificationIntent> out;
    planLowBalance(before, after, &out);
    planRefreshes(before, after, &out);
    planExpiries(before, after, &out);
    planPurchases(before, after, &out);
    planRefunds(before, after, &out);
    return out;
}

void NotificationPlanner::emitOnce(NotificationIntent intent, const AccountPicture &after,
                                   QList<NotificationIntent> *out)
{
    if (m_memory.contains(intent.key))
        return;
    m_memory.remember(intent.key, after.at);
    intent.accountId = after.accountId;
    intent.at = after.at;
    out->append(intent);
}

void NotificationPlanner::planLowBalance(const AccountPicture &before, const AccountPicture &after,
                                         QList<NotificationIntent> *out)
{
    const QList<Credits> levels = thresholds(m_settings, after.allotment);
    // Keys by position ("low:0" is the higher threshold): changing the amounts in settings
    // does not make an old crossing new.
    int crossed = -1;
    for (int i = 0; i < levels.size(); ++i) {
        const QString key = QStringLiteral("low:%1").arg(i);
        if (after.available > levels[i]) {
            m_memory.forget(key);
            continue;
        }
        if (before.available > levels[i] && !m_memory.contains(key))
            crossed = i;
    }
    if (crossed < 0)
        return;
    // One notification for the lowest threshold crossed; the higher ones are spent with it.
    for (int i = 0; i < crossed; ++i)
        if (after.available <= levels[i])
            m_memory.remember(QStringLiteral("low:%1").arg(i), after.at);
    if (!m_settings.lowBalance) {
        m_memory.remember(QStringLiteral("low:%1").arg(crossed), after.at);
        return;
    }
    NotificationIntent n;
    n.kind = NotificationIntent::Kind::LowBalance;
    n.key = QStringLiteral("low:%1").arg(crossed);
    n.warning = true;
    n.title = after.available.isPositive() ? tr("%1: credits running low").arg(who(after))
                                           : tr("%1: no credits left").arg(who(after));
    n.message = tr("%1 available (below %2).")
                    .arg(amount(after.available, after), amount(levels[crossed], after));
    emitOnce(n, after, out);
}

void NotificationPlanner::planRefreshes(const AccountPicture &before, const AccountPicture &after,
                                        QList<NotificationIntent> *out)
{
    if (!m_settings.refreshed)
        return;
    // Only the newest refresh is news: several missed cycles are one notification.
    for (qsizetype i = after.refreshes.size() - 1; i >= 0; --i) {
        const AccountPicture::Refresh &r = after.refreshes[i];
        if (r.at <= before.at)
            break;
        NotificationIntent n;
        n.kind = NotificationIntent::Kind::Refreshed;
        n.key = QStringLiteral("refresh:%1").arg(r.at);
        n.title = tr("%1: credits refreshed").arg(who(after));
        n.message = tr("%1 added; %2 available.")
                        .arg(amount(r.amount, after), amount(after.available, after));
        emitOnce(n, after, out);
        break;
    }
}

void NotificationPlanner::planExpiries(const AccountPicture &before, const AccountPicture &after,
                                       QList<NotificationIntent> *out)
{
    if (!m_settings.expiringLot)
        return;
    Credits expiring;
    TimePoint soonest = Never;
    QString key;
    for (const BucketRow &b : after.buckets) {
        if (b.kind == BucketKind::DailyFree || b.expiresAt == Never || !b.remaining.isPositive())
            continue;
        const TimePoint warnAt = b.expiresAt - Day;
        if (warnAt > after.at || b.expiresAt <= after.at || warnAt <= before.at)
            continue;
        expiring += b.remaining;
        soonest = std::min(soonest, b.expiresAt);
        key += QStringLiteral("expiry:%1:%2;").arg(bucketKindName(b.kind)).arg(b.expiresAt);
    }
    if (soonest == Never)
        return;
    key.chop(1);
    NotificationIntent n;
    n.kind = NotificationIntent::Kind::ExpiringLot;
    n.key = key;
    n.warning = true;
    const qint64 hours = std::max<qint64>(1, (soonest - after.at + 1800) / 3600);
    n.title = tr("%1: credits expire soon").arg(who(after));
    n.message = tr("%1 expire unused in about %2 h.").arg(amount(expiring, after)).arg(hours);
    emitOnce(n, after, out);
}

void NotificationPlanner::planPurchases(const AccountPicture &before, const AccountPicture &after,
                                        QList<NotificationIntent> *out)
{
    if (!m_settings.purchase)
        return;
    const auto settled = [&](const QString &id, const QString &what) {
        NotificationIntent n;
        n.kind = NotificationIntent::Kind::PurchaseSettled;
        n.key = QStringLiteral("purchase:%1").arg(id);
        n.title = tr("%1: purchase completed").arg(who(after));
        n.message = tr("%1 added; %2 available.").arg(what, amount(after.available, after));
        emitOnce(n, after, out);
    };
    const auto failed = [&](const QString &id, const QString &what, const QString &reason) {
        NotificationIntent n;
        n.kind = NotificationIntent::Kind::PurchaseFailed;
        n.key = QStringLiteral("purchase:%1").arg(id);
        n.warning = true;
        n.title = tr("%1: purchase failed").arg(who(after));
        n.message = reason.isEmpty() ? tr("%1 was not bought; nothing was charged.").arg(what)
                                     : tr("%1 was not bought: %2.").arg(what, reason);
        emitOnce(n, after, out);
    };
    const auto whatOf = [&](const PurchaseInfo &p) {
        return p.pack.isEmpty() ? amount(p.amount, after) : p.pack;
    };
    // Pending at the last sync: settled now, by what this sync brought.
    for (const PurchaseInfo &was : before.purchases) {
        if (was.status != u"pending")
            continue;
        const auto now = std::find_if(after.purchases.cbegin(), after.purchases.cend(),
                                      [&](const PurchaseInfo &q) { return q.id == was.id; });
        if (now != after.purchases.cend() && now->status == u"pending")
            continue;
        if (now != after.purchases.cend() && now->status == u"failed") {
            failed(was.id, whatOf(*now), now->failureReason);
            continue;
        }
        const bool arrived =
            (now != after.purchases.cend() && now->status == u"completed") ||
            std::any_of(after.purchaseEvents.cbegin(), after.purchaseEvents.cend(),
                        [&](const AccountPicture::PurchaseEvent &e) { return e.id == was.id; });
        if (arrived)
            settled(was.id, whatOf(was));
        else
            failed(was.id, whatOf(was), {});
    }
    // Made and settled between two syncs (this client follows its own purchases).
    for (const PurchaseInfo &p : after.purchases) {
        if (p.settledAt == NoTime || p.settledAt <= before.at)
            continue;
        if (p.status == u"completed")
            settled(p.id, whatOf(p));
        else if (p.status == u"failed")
            failed(p.id, whatOf(p), p.failureReason);
    }
}

void NotificationPlanner::planRefunds(const AccountPicture &before, const AccountPicture &after,
                                      QList<NotificationIntent> *out)
{
    if (!m_settings.refund)
        return;
    for (const RefundRequestInfo &r : after.refunds) {
        if (r.status != u"approved" && r.status != u"declined")
            continue;
        const bool wasOpen = std::any_of(
            before.refunds.cbegin(), before.refunds.cend(),
            [&](const RefundRequestInfo &q) { return q.id == r.id && q.status == u"open"; });
        if (!wasOpen && (r.decidedAt == NoTime || r.decidedAt <= before.at))
            continue;
        NotificationIntent n;
        n.kind = NotificationIntent::Kind::RefundDecided;
        n.key = QStringLiteral("refund:%1").arg(r.id);
        n.title = r.status == u"approved" ? tr("%1: refund approved").arg(who(after))
                                          : tr("%1: refund declined").arg(who(after));
        n.message = r.decision.isEmpty() ? tr("Your request for task %1 was decided.").arg(r.task)
                                         : tr("Task %1: %2").arg(r.task, r.decision);
        emitOnce(n, after, out);
    }
}

} // namespace creditdesk
