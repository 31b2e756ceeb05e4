#include "ScenarioReader.h"

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

#ifdef __linux__
#include <sys/mman.h>
#endif

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
namespace {

// A million events take ~90 MB, first touched while they are read: in 2 MB pages that is one
// page fault per 2 MB rather than one per 4 KB (tens of thousands, costly on a virtual
// machine). A hint only; where the kernel has no such pages nothing changes.
void preferHugePages(void *data, std::size_t bytes)
{
#ifdef __linux__
    constexpr std::uintptr_t Huge = std::uintptr_t(2) << 20;
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + Huge - 1) & ~(Huge - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(Huge - 1);
    if (end > begin)
        madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE);
#else
    Q_UNUSED(data);
    Q_UNUSED(bytes);
#endif
}

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
            preferHugePages(events.data(), events.capacity() * sizeof(Event));
            // About one task id per three events (a start and an end each, among grants,
            // purchases…): one table of the right size instead of a rebuild per doubling.
            names->reserve(std::size_t(expected) / 3);
        }
    }

    bool readAs(std::uint32_t array, PolicyBasis basis) const
    {
        return m_policy && m_array == array && m_basis == basis;
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
                events.push_back(readScenarioEvent(f, *m_policy, name));
                if (events.size() > 1 && events.back().at < events[events.size() - 2].at)
                    sorted = false;
                if (name.kind == json::Kind::String) {
                    m_pending.push_back(PendingName{events.size() - 1, name});
                    if (m_pending.size() == NameBatch)
                        internPending();
                }
            } else {
                queries.push_back(readScenarioQuery(f, *m_policy));
            }
        } catch (const ParseError &e) {
            // The first problem; the rest is only checked. The items before it stay, for the
            // checks that need the whole file (YearLimit, once the zone is known).
            error = e;
            m_pending.clear();
        }
    }

    // The array was read to its end.
    void finish()
    {
        if (!error)
            internPending();
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
    struct PendingName
    {
        std::size_t event;
        json::Node name;
    };

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
};

class Streamer : public json::RootObserver
{
public:
    explicit Streamer(QByteArrayView json)
        : m_end(json.data() + json.size())
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
        return sink;
    }

    ItemSink events{"events"};
    ItemSink queries{"queries"};

private:
    const char *m_end;
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

Scenario readScenario(const json::Document &doc, Streamer &streamer)
{
    const JsonDomFields f(doc, 0, JsonPath{});
    Scenario s;
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
    if (const std::uint32_t events = eventsNode; events != json::NoNode) {
        readItems(doc, events, basis, s.policy, streamer.events, s.zone);
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

std::variant<Scenario, ParseError> readDocument(const QByteArray &json)
{
    Streamer streamer(json);
    json::Document doc;
    if (!json::Parser::parse(json, doc, &streamer)) {
        if (auto error = qtSyntaxError(json))
            return *error;
        // Qt reads what this parser refused (tst_jsondom keeps the two in step): read Qt's own
        // writing of it instead.
        const QByteArray normalized = QJsonDocument::fromJson(json).toJson(QJsonDocument::Compact);
        if (normalized == json)
            return ParseError{QString(), QStringLiteral("not valid JSON: unreadable document")};
        return readDocument(normalized);
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
    return readDocument(json);
}

} // namespace creditdesk
