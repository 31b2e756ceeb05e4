#include "DemoSeeder.h"

#include "ApiError.h"
#include "ManualClock.h"
#include "PresetCatalog.h"
#include "ServerRuntime.h"
#include "SimulatedPaymentProvider.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <random>

namespace creditdesk {

namespace {

struct DemoMember
{
    const char *name;
    const char *timezone;
};

// One member per preset, in the catalogue's order (names are the demo's, not the rules').
const DemoMember Members[] = {
    {"Ada Lovelace", "Asia/Shanghai"},       {"Grace Hopper", "America/New_York"},
    {"Alan Turing", "Europe/London"},        {"Katherine Johnson", "America/Los_Angeles"},
    {"Edsger Dijkstra", "Europe/Amsterdam"}, {"Barbara Liskov", "UTC"},
};

// The demo's email for a member: "Ada Lovelace" -> ada.lovelace@example.com (a domain
// reserved for examples), so support can find demo members by email.
QString demoEmail(const QString &name)
{
    return name.toLower().replace(u' ', u'.') + QStringLiteral("@example.com");
}

QByteArray body(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString idOf(const ApiResponse &r)
{
    return QJsonDocument::fromJson(r.body).object().value(QStringLiteral("id")).toString();
}

class Seeder
{
public:
    Seeder(ServerRuntime &rt, ManualClock &clock, const Caller &support)
        : m_rt(rt)
        , m_clock(clock)
        , m_support(support)
    {}

    DemoAccount seedAccount(const Policy &policy, const DemoMember &who, TimePoint start,
                            unsigned seed, QStringList *out);
    // demo-heavy: `count` events ending about now, straight through the writer in one
    // transaction (no request parsing, no per-event commit).
    DemoAccount seedHeavy(const Policy &policy, TimePoint now, qint64 count, QStringList *out);

private:
    void purchase(const Caller &m, const QString &account, const Policy &policy, bool decline);
    QJsonObject taskStart(const Policy &policy, int feature);

    ServerRuntime &m_rt;
    ManualClock &m_clock;
    Caller m_support;
    std::mt19937 m_rng;
};

QJsonObject Seeder::taskStart(const Policy &policy, int feature)
{
    const FeatureRule &f = policy.features[feature];
    QJsonObject o{{QStringLiteral("feature"), f.name}};
    switch (f.pricing) {
    case FeatureRule::Pricing::PerModel:
        o.insert(QStringLiteral("models"), int(1 + m_rng() % 3));
        break;
    case FeatureRule::Pricing::TierOfRequest:
        o.insert(QStringLiteral("tier"), policy.tiers[int(m_rng() % policy.tiers.size())].name);
        break;
    case FeatureRule::Pricing::PerUnit:
        if (f.price > Credits::whole(15))
            o.insert(QStringLiteral("quantity"), int(1 + m_rng() % 2));
        break;
    case FeatureRule::Pricing::PerThousandTokens:
        break;
    }
    return o;
}

void Seeder::purchase(const Caller &m, const QString &account, const Policy &policy, bool decline)
{
    QJsonObject o;
    if (policy.packs.isEmpty())
        o.insert(QStringLiteral("amount"), 100);
    else
        o.insert(QStringLiteral("pack"), policy.packs[int(m_rng() % policy.packs.size())].name);
    if (decline)
        o.insert(QStringLiteral("payment_method"), QStringLiteral("test_decline"));
    const ApiResponse r =
        m_rt.purchases.create(m, account, body(o), QByteArray::number(quint64(m_rng())) + "-demo");
    const QString id = idOf(r);
    m_clock.advance(45);
    m_rt.purchases.settle(id, !decline,
                          decline ? QStringLiteral("card_declined: the test card always declines")
                                  : QString());
}

DemoAccount Seeder::seedAccount(const Policy &policy, const DemoMember &who, TimePoint start,
                                unsigned seed, QStringList *out)
{
    m_rng.seed(seed);
    m_clock.set(start);
    QString plan;
    if (policy.plans.size() > 1)
        plan = policy.plans[1].name;
    else if (!policy.plans.isEmpty())
        plan = policy.plans[0].name;
    const AccountRecord account = m_rt.accounts.createAccount(
        QString::fromLatin1(who.name), policy.name, QString::fromLatin1(who.timezone),
        QStringLiteral("demo-") + policy.name, plan, start,
        demoEmail(QString::fromLatin1(who.name)));
    Caller member;
    member.role = Role::Member;
    member.accountId = account.id;
    member.label = QStringLiteral("demo");
    const QString token =
        m_rt.auth.issue(Role::Member, account.id, QStringLiteral("demo"), start, &member.tokenId);
    out->append(QStringLiteral("member %1 (%2, %3): token %4")
                    .arg(account.id, account.displayName, policy.name, token));
    const DemoAccount seeded{account.id, policy.name, account.displayName, token};

    if (policy.plans.isEmpty())
        purchase(member, account.id, policy, false); // prepaid: buy something to start with

    QStringList refundable;
    int refundsFiled = 0;
    for (int day = 0; day < 120; ++day) {
        const TimePoint dayStart = start + day * SecondsPerDay;
        const int tasks = 1 + int(m_rng() % 3);
        for (int k = 0; k < tasks; ++k) {
            m_clock.set(dayStart + 3600 * (1 + 4 * k) + int(m_rng() % 1800));
            int feature = int(m_rng() % policy.features.size());
            // Mostly the everyday features: an expensive one one time in eight.
            for (int tries = 0; tries < 8 && policy.features[feature].price > Credits::whole(20);
                 ++tries)
                feature = int(m_rng() % policy.features.size());
            const QString task = QStringLiteral("d%1-%2").arg(day).arg(k);
            QJsonObject startBody = taskStart(policy, feature);
            startBody.insert(QStringLiteral("task"), task);
            const ApiResponse started = m_rt.tasks.start(member, account.id, body(startBody));
            if (started.status != 201)
                continue;
            m_clock.advance(60 + int(m_rng() % 900));
            const unsigned roll = m_rng() % 100;
            const QString outcome = roll < 82   ? QStringLiteral("success")
                                    : roll < 90 ? QStringLiteral("system_error")
                                    : roll < 95 ? QStringLiteral("cancelled")
                                                : QStringLiteral("content_violation");
            QJsonObject endBody{{QStringLiteral("outcome"), outcome}};
            if (policy.features[feature].pricing == FeatureRule::Pricing::PerThousandTokens ||
                policy.taskEndRequiresTokens)
                endBody.insert(QStringLiteral("tokens"), int(1000 + m_rng() % 40000));
            m_rt.tasks.end(member, account.id, task, body(endBody));
            // Failed tasks, and now and then a result the member found unusable.
            if (outcome == u"system_error" || outcome == u"content_violation" ||
                (outcome == u"success" && k == 0 && day % 20 == 3))
                refundable << task;
        }
        m_clock.set(dayStart + 20 * 3600);
        if (day % 25 == 7)
            purchase(member, account.id, policy, false);
        if (day == 41)
            purchase(member, account.id, policy, true);
        if (day == 12)
            m_rt.accounts.adjust(m_support, account.id,
                                 body({{QStringLiteral("type"), QStringLiteral("grant")},
                                       {QStringLiteral("amount"), 25},
                                       {QStringLiteral("reason"),
                                        QStringLiteral("Goodwill credit after the outage of "
                                                       "the 12th")}}));
        if (day == 30)
            m_rt.writer.write(account.id, [&](AccountWriter::Transaction &tx) {
                tx.append(
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("grant")},
                                {QStringLiteral("kind"), QStringLiteral("referral")},
                                {QStringLiteral("amount"), 15}},
                    QJsonObject{{QStringLiteral("reason"), QStringLiteral("Referral bonus")}});
            });
        if (day == 75) {
            try {
                m_rt.accounts.adjust(m_support, account.id,
                                     body({{QStringLiteral("type"), QStringLiteral("debit")},
                                           {QStringLiteral("amount"), 5},
                                           {QStringLiteral("reason"),
                                            QStringLiteral("Duplicate goodwill credit taken "
                                                           "back")}}));
            } catch (const ApiError &) {
                // Not enough available that day: no debit.
            }
        }
        if (day == 60 && policy.plans.size() > 2)
            m_rt.writer.write(account.id, [&](AccountWriter::Transaction &tx) {
                tx.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("subscribe")},
                                      {QStringLiteral("plan"), policy.plans.last().name}});
            });
        // Refund requests on failed tasks: approved, one declined, the last left open.
        while (!refundable.isEmpty()) {
            const QString task = refundable.takeFirst();
            try {
                const ApiResponse filed = m_rt.refunds.file(
                    member, account.id,
                    body({{QStringLiteral("task"), task},
                          {QStringLiteral("reason"), QStringLiteral("The task failed")}}));
                const QString id = idOf(filed);
                m_clock.advance(3600);
                if (day >= 110)
                    continue; // left open for support to decide
                if (refundsFiled++ % 4 == 3)
                    m_rt.refunds.decline(m_support, id,
                                         body({{QStringLiteral("reason"),
                                                QStringLiteral("The result was delivered")}}));
                else
                    m_rt.refunds.approve(m_support, id, {});
            } catch (const ApiError &) {
                // Not charged (a free outcome): nothing to refund.
            }
        }
    }
    return seeded;
}

QJsonObject heavyTaskStart(const Policy &policy, int feature, std::mt19937 &rng)
{
    const FeatureRule &f = policy.features[feature];
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("task_start")},
                  {QStringLiteral("feature"), f.name}};
    switch (f.pricing) {
    case FeatureRule::Pricing::PerModel:
        o.insert(QStringLiteral("models"), 1);
        break;
    case FeatureRule::Pricing::TierOfRequest:
        o.insert(QStringLiteral("tier"), policy.tiers[int(rng() % policy.tiers.size())].name);
        break;
    case FeatureRule::Pricing::PerThousandTokens:
        o.insert(QStringLiteral("tokens"), int(500 + rng() % 4000));
        break;
    case FeatureRule::Pricing::PerUnit:
        break;
    }
    return o;
}

DemoAccount Seeder::seedHeavy(const Policy &policy, TimePoint now, qint64 count, QStringList *out)
{
    m_rng.seed(4242);
    // Four minutes apart, ending now: 100,000 events are about ten months.
    constexpr qint64 Spacing = 240;
    const TimePoint start = now - (count + 2) * Spacing;
    m_clock.set(start);
    const QString plan = policy.plans.size() > 1   ? policy.plans[1].name
                         : !policy.plans.isEmpty() ? policy.plans[0].name
                                                   : QString();
    const AccountRecord account = m_rt.accounts.createAccount(
        QStringLiteral("Heavy User"), policy.name, QStringLiteral("Europe/Berlin"),
        QStringLiteral("demo-heavy"), plan, start, demoEmail(QStringLiteral("Heavy User")));
    const QString token =
        m_rt.auth.issue(Role::Member, account.id, QStringLiteral("demo"), start, nullptr);
    out->append(QStringLiteral("member %1 (%2, %3): token %4")
                    .arg(account.id, account.displayName, policy.name, token));
    // The cheapest features, so the balance lasts; a grant now and then keeps it up.
    QList<int> features;
    for (int i = 0; i < policy.features.size(); ++i)
        if (policy.features[i].price <= Credits::whole(5))
            features << i;
    if (features.isEmpty())
        features << 0;
    qint64 written = account.eventCount + (plan.isEmpty() ? 1 : 2);
    m_rt.store.beginWrite();
    try {
        AccountLedger *ledger = m_rt.cache.find(account.id);
        TimePoint at = start + Spacing;
        qint64 task = 0;
        while (written < count) {
            AccountWriter::Transaction tx(m_rt.store, *ledger, at);
            if (task % 100 == 0 || written + 1 == count) {
                tx.append(
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("grant")},
                                {QStringLiteral("kind"), QStringLiteral("bonus")},
                                {QStringLiteral("amount"), 400}},
                    QJsonObject{{QStringLiteral("reason"), QStringLiteral("Load test top-up")}});
                ++written;
                if (written >= count)
                    break;
            }
            const int feature = features[int(m_rng() % features.size())];
            const QString id = QStringLiteral("h%1").arg(task++);
            QJsonObject startEvent = heavyTaskStart(policy, feature, m_rng);
            startEvent.insert(QStringLiteral("task"), id);
            tx.append(startEvent);
            AccountWriter::Transaction end(m_rt.store, *ledger, at + Spacing / 2);
            QJsonObject endEvent{{QStringLiteral("type"), QStringLiteral("task_end")},
                                 {QStringLiteral("task"), id},
                                 {QStringLiteral("outcome"), m_rng() % 20 == 0
                                                                 ? QStringLiteral("system_error")
                                                                 : QStringLiteral("success")}};
            if (policy.features[feature].pricing == FeatureRule::Pricing::PerThousandTokens ||
                policy.taskEndRequiresTokens)
                endEvent.insert(QStringLiteral("tokens"), int(500 + m_rng() % 4000));
            end.append(endEvent);
            TaskRecord t;
            t.accountId = account.id;
            t.taskId = id;
            t.state = QStringLiteral("ended");
            t.feature = policy.features[feature].name;
            t.startedAt = at;
            t.endedAt = at + Spacing / 2;
            t.outcome = endEvent.value(QStringLiteral("outcome")).toString();
            m_rt.store.saveTask(t);
            written += 2;
            at += 2 * Spacing;
        }
        m_rt.store.commit();
    } catch (...) {
        m_rt.store.rollback();
        m_rt.cache.forget(account.id);
        throw;
    }
    return DemoAccount{account.id, policy.name, account.displayName, token};
}

} // namespace

QStringList DemoSeeder::seed(const QString &databaseSpec, qint64 nowSeconds)
{
    return seedAccounts(databaseSpec, nowSeconds, PresetCatalog::builtIn()).lines;
}

DemoSeed DemoSeeder::seedAccounts(const QString &databaseSpec, qint64 nowSeconds,
                                  const PresetCatalog &presets, qint64 heavyEvents)
{
    ManualClock clock(nowSeconds);
    SimulatedPaymentProvider provider(0, 0.0);
    ServerRuntime rt(databaseSpec, clock, provider, presets);
    DemoSeed result;
    QStringList &out = result.lines;
    if (!rt.store.accounts().isEmpty()) {
        out << QStringLiteral("the database has accounts already: no demo data added");
        return result;
    }
    result.seeded = true;
    Caller support;
    support.role = Role::Support;
    support.label = QStringLiteral("demo support");
    const QString supportToken =
        rt.auth.issue(Role::Support, QString(), support.label, nowSeconds, &support.tokenId);
    Seeder seeder(rt, clock, support);
    // Whole days, starting at midnight UTC 121 days ago: every event is in the past.
    const TimePoint start = (nowSeconds / SecondsPerDay - 121) * SecondsPerDay;
    unsigned seed = 2026;
    int i = 0;
    for (const auto &policy : presets.all())
        result.accounts << seeder.seedAccount(*policy, Members[std::min(i++, 5)], start, seed++,
                                              &out);
    if (heavyEvents > 0) {
        auto policy = presets.find(u"unified-monthly");
        if (!policy)
            policy = presets.all().constFirst();
        QElapsedTimer timer;
        timer.start();
        result.accounts << seeder.seedHeavy(*policy, nowSeconds, heavyEvents, &out);
        result.heavyMillis = timer.elapsed();
        result.heavyEvents = rt.store.eventCount(QStringLiteral("demo-heavy"));
        out << QStringLiteral("demo-heavy: %1 events written in %2 ms")
                   .arg(result.heavyEvents)
                   .arg(result.heavyMillis);
    }
    result.supportToken = supportToken;
    out << QStringLiteral("support agent: token %1").arg(supportToken);
    return result;
}

} // namespace creditdesk
