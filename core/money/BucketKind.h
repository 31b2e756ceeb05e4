#pragma once

#include <QString>

#include <optional>

namespace creditdesk {

// The origins of credits named by credit-rules.md. These are the spec's vocabulary, shared by
// every preset; which of them a preset uses, ranks and restricts lives in its policy data.
enum class BucketKind : quint8 {
    Plan,
    Bonus,
    DailyFree,
    SignupFree,
    Purchased,
    Refund,
    Adjustment,
};
inline constexpr int BucketKindCount = 7;

QString bucketKindName(BucketKind kind);
std::optional<BucketKind> bucketKindFromName(QStringView name);

} // namespace creditdesk
