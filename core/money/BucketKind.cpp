#include "BucketKind.h"

#include <array>

namespace creditdesk {

namespace {
constexpr std::array<const char16_t *, BucketKindCount> Names = {
    u"plan", u"bonus", u"daily_free", u"signup_free", u"purchased", u"refund", u"adjustment",
};
}

QString bucketKindName(BucketKind kind)
{
    return QString::fromUtf16(Names[std::size_t(kind)]);
}

std::optional<BucketKind> bucketKindFromName(QStringView name)
{
    for (int i = 0; i < BucketKindCount; ++i)
        if (name == QStringView(Names[std::size_t(i)]))
            return BucketKind(i);
    return std::nullopt;
}

} // namespace creditdesk
