#include "LogHistory.h"

#include "AccountHistory.h"
#include "IsoTime.h"
#include "PresetCatalog.h"
#include "SyncedAccount.h"

namespace creditdesk {

std::unique_ptr<SyncedAccount> LogHistory::build(int tasks)
{
    auto policy = PresetCatalog::builtIn().find(u"daily-free-images");
    auto history = std::make_unique<AccountHistory>(
        policy, *AccountZone::fromId(QStringLiteral("Europe/Berlin")),
        QStringLiteral("daily-free-images"));
    const TimePoint start = *IsoTime::parse(u"2027-01-01T08:00:00+01:00");
    std::vector<Event> events;
    std::vector<QJsonObject> details;
    events.reserve(std::size_t(tasks) * 2 + 100);
    const auto push = [&](const Event &e, QJsonObject d = {}) {
        events.push_back(e);
        details.push_back(std::move(d));
    };
    Event signup;
    signup.type = EventType::Signup;
    signup.at = start;
    push(signup);
    const int features = int(policy->features.size());
    const int refundReason = history->names().intern(QStringLiteral("goodwill correction"));
    TimePoint t = start + 60;
    for (int i = 0; i < tasks; ++i) {
        if (i % 40 == 0) {
            Event buy;
            buy.type = EventType::Purchase;
            buy.at = t;
            buy.amount = Credits::whole(400);
            push(buy, QJsonObject{{QStringLiteral("purchase"), QStringLiteral("pur_%1").arg(i)}});
        }
        if (i % 500 == 250) {
            Event grant;
            grant.type = EventType::Grant;
            grant.kind = BucketKind::Bonus;
            grant.at = t;
            grant.amount = Credits::whole(50);
            grant.until = t + 3 * SecondsPerDay;
            push(grant, QJsonObject{{QStringLiteral("reason"), QStringLiteral("loyalty bonus")}});
        }
        if (i % 997 == 500) {
            Event debit;
            debit.type = EventType::Debit;
            debit.at = t;
            debit.amount = Credits::whole(5);
            debit.note = refundReason;
            push(debit);
        }
        const int id = history->names().intern(QStringLiteral("t%1").arg(i));
        Event s;
        s.type = EventType::TaskStart;
        s.at = t;
        s.task = id;
        // Mostly image actions; video every 11th.
        s.request.feature = qint16(i % 11 == 10 ? features - 1 : i % (features - 1));
        push(s);
        if (i < tasks - 3) {
            Event e;
            e.type = EventType::TaskEnd;
            e.at = t + 90;
            e.task = id;
            e.outcome = i % 7 == 3    ? Outcome::SystemError
                        : i % 13 == 5 ? Outcome::Cancelled
                        : i % 17 == 8 ? Outcome::ContentViolation
                                      : Outcome::Success;
            push(e);
            if (i % 53 == 0 && e.outcome == Outcome::Success) {
                Event r;
                r.type = EventType::Refund;
                r.at = t + 600;
                r.task = id;
                push(r);
            }
        }
        t += 20 * 60;
    }
    // Events must reach the history in time order: refunds were pushed 10 minutes ahead.
    std::vector<std::size_t> order(events.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return events[a].at < events[b].at; });
    std::vector<Event> sorted;
    std::vector<QJsonObject> sortedDetails;
    sorted.reserve(events.size());
    sortedDetails.reserve(events.size());
    for (const std::size_t i : order) {
        sorted.push_back(events[i]);
        sortedDetails.push_back(std::move(details[i]));
    }
    history->append(std::move(sorted), std::move(sortedDetails));

    auto account = std::make_unique<SyncedAccount>(std::move(history));
    account->accountId = QStringLiteral("acc_demo");
    account->displayName = QStringLiteral("Demo member");
    account->preset = QStringLiteral("daily-free-images");
    account->unit = QStringLiteral("credits");
    account->timezone = QStringLiteral("Europe/Berlin");
    account->customAmount = true;
    account->maxAmount = Credits::whole(10000);
    // Refund requests, newest first, on charged tasks.
    const QStringList states = {QStringLiteral("open"), QStringLiteral("approved"),
                                QStringLiteral("declined")};
    int made = 0;
    for (int i = tasks - 10; i >= 0 && made < 3; --i) {
        const TaskSummary *ts = account->history().task(QStringLiteral("t%1").arg(i));
        if (!ts || !ts->charged.isPositive() || ts->refunded.isPositive())
            continue;
        RefundRequestInfo r;
        r.id = QStringLiteral("rr_%1").arg(made);
        r.task = QStringLiteral("t%1").arg(i);
        r.reason = QStringLiteral("result was blank");
        r.status = states[made];
        r.decision = made == 2 ? QStringLiteral("the result was delivered") : QString();
        account->refundRequests.push_back(r);
        ++made;
    }
    PurchaseInfo pending;
    pending.id = QStringLiteral("pur_pending");
    pending.status = QStringLiteral("pending");
    pending.amount = Credits::whole(250);
    pending.createdAt = t;
    pending.price = Price{Credits::fromMilli(4990), QStringLiteral("USD")};
    account->purchases.push_back(pending);
    return account;
}

} // namespace creditdesk
