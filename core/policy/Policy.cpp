#include "Policy.h"

#include <array>

namespace creditdesk {

namespace {
constexpr std::array<const char16_t *, OutcomeCount> OutcomeNames = {
    u"success", u"system_error", u"content_violation", u"cancelled"};

template <typename List> int indexByName(const List &list, QStringView name)
{
    for (int i = 0; i < list.size(); ++i)
        if (list[i].name == name)
            return i;
    return -1;
}
} // namespace

QString outcomeName(Outcome outcome)
{
    return QString::fromUtf16(OutcomeNames[std::size_t(outcome)]);
}

std::optional<Outcome> outcomeFromName(QStringView name)
{
    for (int i = 0; i < OutcomeCount; ++i)
        if (name == QStringView(OutcomeNames[std::size_t(i)]))
            return Outcome(i);
    return std::nullopt;
}

int Policy::planIndex(QStringView planName) const
{
    return indexByName(plans, planName);
}
int Policy::packIndex(QStringView packName) const
{
    return indexByName(packs, packName);
}
int Policy::featureIndex(QStringView featureName) const
{
    return indexByName(features, featureName);
}
int Policy::tierIndex(QStringView tierName) const
{
    return indexByName(tiers, tierName);
}

bool Policy::hasApplicability() const
{
    for (const auto &list : payableFeatures)
        if (!list.isEmpty())
            return true;
    return false;
}

bool Policy::mayPay(BucketKind kind, int feature) const
{
    // A refund pays for every feature whatever the policy says (credit-rules.md).
    if (kind == BucketKind::Refund)
        return true;
    const auto &list = payableFeatures[std::size_t(kind)];
    return list.isEmpty() || list.contains(feature);
}

} // namespace creditdesk
