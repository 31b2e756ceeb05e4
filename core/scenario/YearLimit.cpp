#include "YearLimit.h"

#include "AccountZone.h"

namespace creditdesk {

namespace {
// 9999-12-31T23:59:59 as wall-clock seconds since the epoch.
constexpr qint64 LastWrittenSecond = 253402300799;

ParseError pastError(const char *array, std::size_t index, const char *field,
                     const AccountZone &zone)
{
    return ParseError{
        QString::fromLatin1(array) + u'[' + QString::number(qulonglong(index)) +
            QStringLiteral("].") + QString::fromLatin1(field),
        QStringLiteral("past the year 9999 in the account's time zone (%1)").arg(zone.id())};
}
} // namespace

bool YearLimit::pastYear9999(const AccountZone &zone, TimePoint t)
{
    return t != Never && t != NoTime && t > LastWrittenSecond - 14 * 3600 &&
           zone.localSeconds(t) > LastWrittenSecond;
}

std::optional<ParseError> YearLimit::firstEventPast(const std::vector<Event> &events,
                                                    const AccountZone &zone)
{
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event &e = events[i];
        if (pastYear9999(zone, e.at))
            return pastError("events", i, "at", zone);
        if (e.type == EventType::Grant && pastYear9999(zone, e.until))
            return pastError("events", i, "expires_at", zone);
        if (e.type == EventType::Promotion && pastYear9999(zone, e.from))
            return pastError("events", i, "from", zone);
        if (e.type == EventType::Promotion && pastYear9999(zone, e.until))
            return pastError("events", i, "until", zone);
    }
    return std::nullopt;
}

std::optional<ParseError> YearLimit::firstQueryPast(const std::vector<Query> &queries,
                                                    const AccountZone &zone)
{
    for (std::size_t i = 0; i < queries.size(); ++i) {
        const Query &q = queries[i];
        if (pastYear9999(zone, q.at))
            return pastError("queries", i, "at", zone);
        if (q.ask == Query::Ask::Ledger && pastYear9999(zone, q.since))
            return pastError("queries", i, "since", zone);
    }
    return std::nullopt;
}

} // namespace creditdesk
