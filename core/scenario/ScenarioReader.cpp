#include "ScenarioReader.h"

#include "EventFeed.h"
#include "HugePages.h"
#include "JsonDom.h"
#include "JsonFields.h"
#include "PolicyReader.h"
#include "PresetCatalog.h"
#include "ScenarioItemReader.h"
#include "YearLimit.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <array>
#include <cstdint>

namespace creditdesk {

// How a file is read, in one pass over its bytes:
// - json::Parser checks the whole document's syntax (Qt's verdict exactly) and keeps the small
//   top-level members as nodes, but streams the elements of the top-level `events` and
//   `queries` arrays: each element becomes an Event or Query as soon as it is read, and its
//   nodes are dropped.
// - Reading an element needs the policy. When an array starts, the policy is taken from the
//   `preset` or `policy` member read so far (files put it first); if there is none yet, or it
//   is refused, the array is only checked then, and read again from its bytes at the end.
// - A problem found in an element is kept, not reported: a syntax error anywhere comes first,
//   then the top-level fields (format, preset/policy, timezone), then events by index, then
//   queries by index, as when the whole document was parsed first. At the end, the streamed
//   results are used if the top-level fields chose the same policy members as the streaming
//   did (a key given twice: the last one counts).
// - With an EventFeed, the events are also handed on as they are read, when the policy and
//   the zone are known as the array begins; the feed is confirmed at the end only if the
//   scenario's events are exactly those (same policy and zone members, in time order, nothing
//   wrong in the file), and abandoned at the first sign that they are not.
namespace {

// Which `preset` and `policy` members the policy comes from.
struct PolicyBasis
{
    std::uint32_t preset = json::NoNode;
    std::uint32_t policy = json::NoNode;
    bool operator==(const PolicyBasis &) const = default;
};

// The policy of a basis if it is a good one, without reporting anything (the top-level checks
// report problems, in their order).
std::shared_ptr<const Policy> quietPolicy(const json::Document &doc, PolicyBasis basis)
{
    if ((basis.preset == json::NoNode) == (basis.policy == json::NoNode))
        return nullptr;
    if (basis.preset != json::NoNode) {
        if (doc[basis.preset].kind != json::Kind::String)
            return nullptr;
        return PresetCatalog::builtIn().find(json::toString(doc[basis.preset]));
    }
    if (doc[basis.policy].kind != json::Kind::Object)
        return nullptr;
    const QByteArrayView span = doc[basis.policy].span();
    auto policy = PolicyReader::read(
        QJsonDocument::fromJson(QByteArray::fromRawData(span.data(), span.size())).object(),
        QStringLiteral("policy"));
    if (const Policy *p = std::get_if<Policy>(&policy))
        return std::make_shared<const Policy>(std::move(*p));
    return nullptr;
}

// The events or the queries of a file, read element by element.
class ItemSink : public json::ArraySink
{
public:
    explicit ItemSink(std::string_view name)
        : m_name(name)
    {}

    // A new array (node `array`) begins; a null policy only counts its elements.
    void begin(std::uint32_t array, PolicyBasis basis, std::shared_ptr<const Policy> policy,
               qsizetype expected)
    {
        // A new array (a key given twice, or a second reading): the feed's events are not it.
        stopFeed();
        m_array = array;
        m_basis = basis;
        m_policy = std::move(policy);
        m_count = 0;
        sorted = true;
        m_pending.clear();
        m_pending.reserve(NameBatch);
        error.reset();
        events = {};
        queries = {};
        names = std::make_shared<NameTable>();
        if (m_policy && m_name == "events") {
            events.reserve(std::size_t(expected));
            // ~90 MB for a million events, first touched while they are read.
            HugePages::prefer(events.data(), events.capacity() * sizeof(Event));
            // About one task id per three events (a start and an end each, among grants,
            // purchases…): one table of the right size instead of a rebuild per doubling.
            names->reserve(std::size_t(expected) / 3);
        }
    }

    bool readAs(std::uint32_t array, PolicyBasis basis) const
    {
        return m_policy && m_array == array && m_basis == basis;
    }

    // Hands the events of the array just begun to `feed`, read in `zone` (the member `zone`,
    // NoNode for none). Once per feed: a feed stopped once stays stopped.
    void startFeed(EventFeed *feed, AccountZone zone, std::uint32_t zoneNode)
    {
        if (!feed || !m_policy || m_name != "events")
            return;
        if (feed->start(EventFeed::Start{m_policy, std::move(zone), names,
                                         std::size_t(events.capacity())})) {
            m_feed = feed;
            m_zoneNode = zoneNode;
            m_published = 0;
        }
    }

    // Whether the feed's events are this array's, read with `basis` in the zone `zoneNode`.
    bool fedAs(std::uint32_t array, PolicyBasis basis, std::uint32_t zoneNode) const
    {
        return m_feed && readAs(array, basis) && m_zoneNode == zoneNode && sorted && !error;
    }

    void stopFeed()
    {
        if (m_feed)
            m_feed->abandon();
        m_feed = nullptr;
    }

    void element(const json::Document &doc, std::uint32_t node) override
    {
        const qsizetype index = m_count++;
        if (!m_policy || error)
            return;
        try {
            const JsonDomFields f(doc, node, JsonPath{m_name, index});
            if (m_name == "events") {
                json::Node name;
                Event event = readScenarioEvent(f, *m_policy, name);
                if (events.size() == events.capacity()) { // the array moves as it grows
                    if (m_feed)
                        m_feed->hold();
                    HugePages::reserve(events, events.size() + 1);
                }
                events.push_back(event);
                if (events.size() > 1 && events.back().at < events[events.size() - 2].at) {
                    sorted = false;
                    stopFeed(); // sorted at the end: the order replayed would not be the file's
                }
                if (name.kind == json::Kind::String) {
                    m_pending.push_back(PendingName{events.size() - 1, name});
                    if (m_pending.size() == NameBatch) {
                        internPending();
                        if (events.size() - m_published >= PublishBatch)
                            publish();
                    }
                }
            } else {
                queries.push_back(readScenarioQuery(f, *m_policy));
            }
        } catch (const ParseError &e) {
            // The first problem; the rest is only checked. The items before it stay, for the
            // checks that need the whole file (YearLimit, once the zone is known).
            error = e;
            m_pending.clear();
            stopFeed();
        }
    }

    // The array was read to its end.
    void finish()
    {
        if (!error) {
            internPending();
            publish();
        }
    }

    std::vector<Event> events;
    bool sorted = true; // events in time order
    std::vector<Query> queries;
    std::shared_ptr<NameTable> names;
    std::optional<ParseError> error;

private:
    // The names of events (task ids, debit reasons) wait to be interned in batches: the name
    // table is far larger than the caches, and fetching the slots of a batch at once takes
    // about the time of one cache miss rather than one miss per name.
    static constexpr std::size_t NameBatch = 64;
    // Events are handed to the feed this many at a time (a lock and a wake-up each).
    static constexpr std::size_t PublishBatch = 2048;
    struct PendingName
    {
        std::size_t event;
        json::Node name;
    };

    // Every event read so far is complete (no name waits): the feed may have them.
    void publish()
    {
        if (m_feed) {
            m_feed->publish(events.data(), events.size());
            m_published = events.size();
        }
    }

    void internPending()
    {
        const std::size_t count = m_pending.size();
        for (std::size_t i = 0; i < count; ++i) {
            const json::Node &name = m_pending[i].name;
            if (name.flags == json::PlainAscii && name.bytes <= ShortName) {
                char16_t *text = m_shortText.data() + i * ShortName;
                for (qsizetype c = 0; c < name.bytes; ++c)
                    text[c] = char16_t(static_cast<unsigned char>(name.text[c]));
                m_views[i] = QStringView(text, name.bytes);
            } else {
                m_longText[i] = json::toString(name);
                m_views[i] = m_longText[i];
            }
        }
        names->intern(std::span(m_views.data(), count), std::span(m_ids.data(), count));
        for (std::size_t i = 0; i < count; ++i) {
            Event &e = events[m_pending[i].event];
            (e.type == EventType::Debit ? e.note : e.task) = m_ids[i];
        }
        m_pending.clear();
    }

    static constexpr qsizetype ShortName = 32;
    std::array<char16_t, NameBatch * ShortName> m_shortText;
    std::array<QString, NameBatch> m_longText;
    std::array<QStringView, NameBatch> m_views;
    std::array<int, NameBatch> m_ids;

    std::vector<PendingName> m_pending;
    std::string_view m_name;
    std::uint32_t m_array = json::NoNode;
    PolicyBasis m_basis;
    std::shared_ptr<const Policy> m_policy;
    qsizetype m_count = 0;
    EventFeed *m_feed = nullptr;
    std::uint32_t m_zoneNode = json::NoNode; // the `timezone` member the feed's zone is from
    std::size_t m_published = 0;
};

class Streamer : public json::RootObserver
{
public:
    Streamer(QByteArrayView json, EventFeed *feed)
        : m_end(json.data() + json.size())
        , m_feed(feed)
    {}

    json::ArraySink *streamMember(const json::Document &doc, std::uint32_t key) override
    {
        ItemSink *sink = doc.keyIs(key, "events")    ? &events
                         : doc.keyIs(key, "queries") ? &queries
                                                     : nullptr;
        if (!sink)
            return nullptr;
        const PolicyBasis basis{doc.memberBefore(0, key, "preset"),
                                doc.memberBefore(0, key, "policy")};
        if (!m_policy || !(m_policyBasis == basis)) {
            m_policy = quietPolicy(doc, basis);
            m_policyBasis = basis;
        }
        // Events take 50 to 120 bytes: reserve for the rest of the file as if it were all
        // events of 80 bytes (room that is not used is never touched, and costs no memory).
        sink->begin(key + 1, basis, m_policy, (m_end - doc[key].text) / 80);
        if (sink == &events && m_feed) {
            // The zone the events will be replayed in: the `timezone` member read so far.
            const std::uint32_t zoneNode = doc.memberBefore(0, key, "timezone");
            std::optional<AccountZone> zone = AccountZone();
            if (zoneNode != json::NoNode)
                zone = doc[zoneNode].kind == json::Kind::String
                           ? AccountZone::fromId(json::toString(doc[zoneNode]))
                           : std::nullopt;
            if (zone)
                events.startFeed(m_feed, std::move(*zone), zoneNode);
        }
        return sink;
    }

    EventFeed *feed() const { return m_feed; }

    ItemSink events{"events"};
    ItemSink queries{"queries"};

private:
    const char *m_end;
    EventFeed *m_feed;
    PolicyBasis m_policyBasis;
    std::shared_ptr<const Policy> m_policy;
};

// Uses what `sink` read of the array `node` with `policy`, or reads it again.
void readItems(const json::Document &doc, std::uint32_t node, PolicyBasis basis,
               const std::shared_ptr<const Policy> &policy, ItemSink &sink, const AccountZone &zone)
{
    if (!sink.readAs(node, basis)) {
        sink.begin(node, basis, policy, doc[node].count);
        json::Parser::streamArray(doc[node].span(), sink);
    }
    sink.finish();
    // A time the account's zone would write past the year 9999, checked now that the zone is
    // known; the items read are those before the first malformed one, which it then precedes.
    if (auto late = YearLimit::firstEventPast(sink.events, zone))
        throw *late;
    if (auto late = YearLimit::firstQueryPast(sink.queries, zone))
        throw *late;
    if (sink.error)
        throw *sink.error;
}

// Ends a feed however reading ends (a confirmed end came first; this one then does nothing),
// before the events it was handed can go away.
struct FeedEnd
{
    EventFeed *feed;
    ~FeedEnd()
    {
        if (feed)
            feed->abandon();
    }
};

Scenario readScenario(const json::Document &doc, Streamer &streamer)
{
    const JsonDomFields f(doc, 0, JsonPath{});
    Scenario s;
    // After `s`: a problem found once the events are in `s` (in the queries, say) ends the
    // feed before `s` and its events go.
    const FeedEnd end{streamer.feed()};
    const std::uint32_t format = f.value("format");
    if (format == json::NoNode)
        f.fail("format", QStringLiteral("missing (this reader knows format 1)"));
    if (doc[format].kind != json::Kind::Number || doc[format].number != 1.0)
        f.fail("format", QStringLiteral("unsupported format (this reader knows format 1)"));

    const PolicyBasis basis{f.value("preset"), f.value("policy")};
    const bool hasPreset = basis.preset != json::NoNode, hasPolicy = basis.policy != json::NoNode;
    if (hasPreset == hasPolicy)
        f.fail("preset", QStringLiteral("give exactly one of \"preset\" and \"policy\""));
    if (hasPreset) {
        s.presetName = f.string("preset");
        s.policy = PresetCatalog::builtIn().find(s.presetName);
        if (!s.policy)
            f.fail("preset", QStringLiteral("unknown preset \"%1\" (known: %2)")
                                 .arg(s.presetName, PresetCatalog::builtIn().names().join(u", ")));
    } else {
        // Small: QJsonDocument reads it again from its bytes, to keep it as written.
        QJsonValue policy; // anything but an object is refused by the policy reader
        const json::Node &node = doc[basis.policy];
        if (node.kind == json::Kind::Object) {
            s.inlinePolicy =
                QJsonDocument::fromJson(QByteArray::fromRawData(node.text, node.bytes)).object();
            policy = s.inlinePolicy;
        }
        s.policy = std::make_shared<const Policy>(
            PolicyReader::readOrThrow(policy, QStringLiteral("policy")));
    }

    if (f.has("timezone")) {
        const QString id = f.string("timezone");
        const auto zone = AccountZone::fromId(id);
        if (!zone)
            f.fail("timezone", QStringLiteral("unknown time zone \"%1\" (expected an IANA "
                                              "name like Europe/Paris)")
                                   .arg(id));
        s.zone = *zone;
    }

    // Both lists are top-level fields: their type is checked before any of their items.
    const std::uint32_t eventsNode = f.value("events"), queriesNode = f.value("queries");
    if (eventsNode != json::NoNode && doc[eventsNode].kind != json::Kind::Array)
        f.fail("events", QStringLiteral("expected an array"));
    if (queriesNode != json::NoNode && doc[queriesNode].kind != json::Kind::Array)
        f.fail("queries", QStringLiteral("expected an array"));
    // Whether the events handed to a feed are the scenario's, read as they were streamed.
    bool fed = false;
    if (const std::uint32_t events = eventsNode; events != json::NoNode) {
        readItems(doc, events, basis, s.policy, streamer.events, s.zone);
        fed = streamer.events.fedAs(events, basis, f.value("timezone"));
        s.events = std::move(streamer.events.events);
        s.names = std::move(streamer.events.names);
    }
    if (const std::uint32_t queries = queriesNode; queries != json::NoNode) {
        readItems(doc, queries, basis, s.policy, streamer.queries, s.zone);
        s.queries = std::move(streamer.queries.queries);
    }

    if (!streamer.events.sorted) // files written in time order need no sort
        std::stable_sort(s.events.begin(), s.events.end(),
                         [](const Event &a, const Event &b) { return a.at < b.at; });
    if (streamer.feed())
        streamer.feed()->finish(fed);
    return s;
}

// Qt's own account of a syntax error (its wording and offset are the ones users have seen).
std::optional<ParseError> qtSyntaxError(const QByteArray &json)
{
    QJsonParseError error;
    QJsonDocument::fromJson(json, &error);
    if (error.error == QJsonParseError::NoError)
        return std::nullopt;
    return ParseError{QString(), QStringLiteral("not valid JSON: %1 at offset %2")
                                     .arg(error.errorString())
                                     .arg(error.offset)};
}

std::variant<Scenario, ParseError> readDocument(const QByteArray &json, EventFeed *feed)
{
    Streamer streamer(json, feed);
    const FeedEnd end{feed}; // after the streamer: ends the feed before the events go
    json::Document doc;
    if (!json::Parser::parse(json, doc, &streamer)) {
        if (feed)
            feed->abandon();
        if (auto error = qtSyntaxError(json))
            return *error;
        // Qt reads what this parser refused (tst_jsondom keeps the two in step): read Qt's own
        // writing of it instead.
        const QByteArray normalized = QJsonDocument::fromJson(json).toJson(QJsonDocument::Compact);
        if (normalized == json)
            return ParseError{QString(), QStringLiteral("not valid JSON: unreadable document")};
        return readDocument(normalized, nullptr);
    }
    if (doc[0].kind != json::Kind::Object)
        return ParseError{QString(), QStringLiteral("a scenario is a JSON object")};
    try {
        return readScenario(doc, streamer);
    } catch (const ParseError &e) {
        return e;
    }
}

} // namespace

std::variant<Scenario, ParseError> ScenarioReader::read(const QByteArray &json)
{
    return readDocument(json, nullptr);
}

std::variant<Scenario, ParseError> ScenarioReader::read(const QByteArray &json, EventFeed *feed)
{
    return readDocument(json, feed);
}

} // namespace creditdesk
