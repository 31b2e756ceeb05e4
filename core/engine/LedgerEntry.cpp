#include "LedgerEntry.h"

#include <array>

namespace creditdesk {

QString entryTypeName(EntryType type)
{
    static constexpr std::array<const char16_t *, 10> Names = {
        u"grant",   u"refresh", u"purchase", u"reserve", u"charge",
        u"release", u"refund",  u"debit",    u"expire",  u"reject"};
    return QString::fromUtf16(Names[std::size_t(type)]);
}

QString rejectReasonName(RejectReason reason)
{
    switch (reason) {
    case RejectReason::None:
        return {};
    case RejectReason::InsufficientCredits:
        return QStringLiteral("insufficient_credits");
    case RejectReason::LimitReached:
        return QStringLiteral("limit_reached");
    case RejectReason::InvalidRequest:
        return QStringLiteral("invalid_request");
    }
    return {};
}

} // namespace creditdesk
