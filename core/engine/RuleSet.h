#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <optional>

namespace creditdesk {

// The rule ids of credit-rules.md's table "Rule ids (for explanations)", in the table's order:
// an explanation (creditdesk-cli's `ledger` with `"explain": true`, the support console) names
// them, and the UI words them. The last two make no ledger entry; they describe a task.
// Append new ids where the table adds them: the numbers are stored in snapshots.
enum class RuleId : quint8 {
    GrantSignup,
    GrantPoolStart,
    GrantEvent,
    PurchaseCredited,
    RefreshMonthlyAnniversary,
    RefreshRollingDays,
    RefreshDailyMidnight,
    ExpireNoRollover,
    ExpireLot,
    PlanChange,
    RejectInsufficientPositive,
    RejectInsufficientCovers,
    RejectLimit,
    RejectInvalid,
    ReserveHold,
    ReserveRelease,
    ChargeConsumptionOrder,
    ChargeApplicability,
    ChargeUncovered,
    RefundToLots,
    RefundToRefundLot,
    DebitAdjustment,
    TaskOutcomeFree,
    TaskPromotionFree,
};
inline constexpr int RuleIdCount = 24;
// Ids below this one are carried by ledger entries; the others by tasks.
inline constexpr int LedgerRuleIdCount = int(RuleId::TaskOutcomeFree);

// The stable id ("refresh.monthly_anniversary"), as the spec spells it.
QString ruleIdName(RuleId id);
std::optional<RuleId> ruleIdFromName(QStringView name);

// A set of rule ids in 32 bits: each ledger entry carries one. Iterating gives the table's
// order, which is the order every output lists them in.
class RuleSet
{
public:
    constexpr RuleSet() = default;
    constexpr RuleSet(std::initializer_list<RuleId> ids)
    {
        for (RuleId id : ids)
            m_bits |= bit(id);
    }
    static constexpr RuleSet fromBits(quint32 bits)
    {
        RuleSet s;
        s.m_bits = bits;
        return s;
    }
    // Every id of the table (ledger and task ids).
    static constexpr quint32 AllBits = (quint32(1) << RuleIdCount) - 1;
    static constexpr quint32 LedgerBits = (quint32(1) << LedgerRuleIdCount) - 1;

    constexpr quint32 bits() const { return m_bits; }
    constexpr bool isEmpty() const { return m_bits == 0; }
    constexpr bool has(RuleId id) const { return (m_bits & bit(id)) != 0; }
    constexpr int count() const { return __builtin_popcount(m_bits); }
    constexpr RuleSet &add(RuleId id)
    {
        m_bits |= bit(id);
        return *this;
    }
    constexpr RuleSet &operator|=(RuleSet other)
    {
        m_bits |= other.m_bits;
        return *this;
    }
    constexpr RuleSet operator|(RuleSet other) const { return fromBits(m_bits | other.m_bits); }
    constexpr RuleSet operator&(RuleSet other) const { return fromBits(m_bits & other.m_bits); }
    constexpr bool operator==(const RuleSet &) const = default;

    // In the table's order.
    QList<RuleId> ids() const;
    QStringList names() const;

private:
    static constexpr quint32 bit(RuleId id) { return quint32(1) << quint32(id); }
    quint32 m_bits = 0;
};

} // namespace creditdesk
