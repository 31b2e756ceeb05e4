#include "DemoSeeder.h"

#include "ApiError.h"
#include "ManualClock.h"
#include "PresetCatalog.h"
#include "ServerRuntime.h"
#include "SimulatedPaymentProvider.h"

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

    QString seedAccount(const Policy &policy, const DemoMember &who, TimePoint start, unsigned seed,
                        QStringList *out);

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

QString Seeder::seedAccount(const Policy &policy, const DemoMember &who, TimePoint start,
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
        QStringLiteral("demo-") + policy.name, plan, start);
    Caller member;
    member.role = Role::Member;
    member.accountId = account.id;
    member.label = QStringLiteral("demo");
    const QString token =
        m_rt.auth.issue(Role::Member, account.id, QStringLiteral("demo"), start, &member.tokenId);
    out->append(QStringLiteral("member %1 (%2, %3): token %4")
                    .arg(account.id, account.displayName, policy.name, token));

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
    return account.id;
}

} // namespace

QStringList DemoSeeder::seed(const QString &databaseSpec, qint64 nowSeconds)
{
    ManualClock clock(nowSeconds);
    SimulatedPaymentProvider provider(0, 0.0);
    ServerRuntime rt(databaseSpec, clock, provider);
    QStringList out;
    if (!rt.store.accounts().isEmpty()) {
        out << QStringLiteral("the database has accounts already: no demo data added");
        return out;
    }
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
    for (const auto &policy : PresetCatalog::builtIn().all())
        seeder.seedAccount(*policy, Members[std::min(i++, 5)], start, seed++, &out);
    out << QStringLiteral("support agent: token %1").arg(supportToken);
    return out;
}

} // namespace creditdesk
