#include "RuleSet.h"

#include <array>

namespace creditdesk {

namespace {
constexpr std::array<const char16_t *, RuleIdCount> Names = {
    u"grant.signup",
    u"grant.pool_start",
    u"grant.event",
    u"purchase.credited",
    u"refresh.monthly_anniversary",
    u"refresh.rolling_days",
    u"refresh.daily_midnight",
    u"expire.no_rollover",
    u"expire.lot",
    u"plan.change",
    u"reject.insufficient_positive",
    u"reject.insufficient_covers",
    u"reject.limit",
    u"reject.invalid",
    u"reserve.hold",
    u"reserve.release",
    u"charge.consumption_order",
    u"charge.applicability",
    u"charge.uncovered",
    u"refund.to_lots",
    u"refund.to_refund_lot",
    u"debit.adjustment",
    u"task.outcome_free",
    u"task.promotion_free",
};
} // namespace

QString ruleIdName(RuleId id)
{
    return QString::fromUtf16(Names[std::size_t(id)]);
}

std::optional<RuleId> ruleIdFromName(QStringView name)
{
    for (int i = 0; i < RuleIdCount; ++i)
        if (name == QStringView(Names[std::size_t(i)]))
            return RuleId(i);
    return std::nullopt;
}

QList<RuleId> RuleSet::ids() const
{
    QList<RuleId> out;
    for (int i = 0; i < RuleIdCount; ++i)
        if (has(RuleId(i)))
            out.push_back(RuleId(i));
    return out;
}

QStringList RuleSet::names() const
{
    QStringList out;
    for (RuleId id : ids())
        out.push_back(ruleIdName(id));
    return out;
}

} // namespace creditdesk
