// bench_json: the project's own JSON DOM (core/json) against simdjson 3.0 (Debian 12's
// libsimdjson-dev) on a scenario file and on an events feed page made of its first events
// (issue 10, "JSON"). A benchmark, never run by ctest.
//
//   build/app/creditdesk-cli bench --write /tmp/1m.json
//   build/bench/json/bench_json /tmp/1m.json [--repeat N] [--page-events N]
//
// Each parser reads the whole document and then every value is visited (strings decoded to
// QString, numbers read), so that a lazy parser is not credited for work it skipped. Figures
// are the best of N runs, in CPU time (CLOCK_PROCESS_CPUTIME_ID) and wall time.
#include "JsonDom.h"

#include <simdjson.h>

#include <QByteArray>
#include <QFile>
#include <QString>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

using namespace creditdesk;

namespace {

double nowSeconds(clockid_t clock)
{
    timespec t{};
    clock_gettime(clock, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

struct Timing
{
    double cpu = 1e300;
    double wall = 1e300;
};

// Best of `repeat` runs of `work`.
Timing measure(int repeat, const std::function<void()> &work)
{
    Timing best;
    for (int i = 0; i < repeat; ++i) {
        const double c0 = nowSeconds(CLOCK_PROCESS_CPUTIME_ID), w0 = nowSeconds(CLOCK_MONOTONIC);
        work();
        best.cpu = std::min(best.cpu, nowSeconds(CLOCK_PROCESS_CPUTIME_ID) - c0);
        best.wall = std::min(best.wall, nowSeconds(CLOCK_MONOTONIC) - w0);
    }
    return best;
}

// What a visit saw, so that the two parsers can be checked against each other.
struct Tally
{
    qint64 objects = 0, arrays = 0, strings = 0, numbers = 0, other = 0, stringChars = 0;
    double numberSum = 0;
    bool operator==(const Tally &o) const
    {
        return objects == o.objects && arrays == o.arrays && strings == o.strings &&
               numbers == o.numbers && other == o.other && stringChars == o.stringChars;
    }
};

void visitOwn(const json::Document &doc, Tally &t)
{
    for (std::uint32_t i = 0; i < doc.size(); ++i) {
        const json::Node &n = doc[i];
        switch (n.kind) {
        case json::Kind::Object:
            ++t.objects;
            break;
        case json::Kind::Array:
            ++t.arrays;
            break;
        case json::Kind::String:
            ++t.strings;
            t.stringChars += json::toString(n).size();
            break;
        case json::Kind::Number:
            ++t.numbers;
            t.numberSum += n.number;
            break;
        default:
            ++t.other;
        }
    }
}

// The scenario reader's way through a file (ScenarioReader): the top-level "events" array is
// streamed, each event's nodes visited and dropped before the next is read.
class StreamedVisit : public json::RootObserver, public json::ArraySink
{
public:
    Tally tally;

    json::ArraySink *streamMember(const json::Document &document, std::uint32_t key) override
    {
        return document.keyIs(key, "events") ? this : nullptr;
    }
    bool visit = true; // false: parse only (what ScenarioReader's own walk costs is not here)

    void element(const json::Document &document, std::uint32_t index) override
    {
        if (visit)
            visitRange(document, index, document[index].end);
        else
            ++tally.objects;
    }
    void visitRange(const json::Document &doc, std::uint32_t from, std::uint32_t to)
    {
        for (std::uint32_t i = from; i < to; ++i) {
            const json::Node &n = doc[i];
            switch (n.kind) {
            case json::Kind::Object:
                ++tally.objects;
                break;
            case json::Kind::Array:
                ++tally.arrays;
                break;
            case json::Kind::String:
                ++tally.strings;
                tally.stringChars += json::toString(n).size();
                break;
            case json::Kind::Number:
                ++tally.numbers;
                tally.numberSum += n.number;
                break;
            default:
                ++tally.other;
            }
        }
    }
};

void visitSimd(simdjson::dom::element e, Tally &t)
{
    using simdjson::dom::element_type;
    switch (e.type()) {
    case element_type::OBJECT:
        ++t.objects;
        for (const auto field : simdjson::dom::object(e)) {
            ++t.strings; // the key, a string node in the own DOM too
            t.stringChars +=
                QString::fromUtf8(field.key.data(), qsizetype(field.key.size())).size();
            visitSimd(field.value, t);
        }
        break;
    case element_type::ARRAY:
        ++t.arrays;
        for (const auto child : simdjson::dom::array(e))
            visitSimd(child, t);
        break;
    case element_type::STRING: {
        ++t.strings;
        const std::string_view s = e.get_string().value_unsafe();
        t.stringChars += QString::fromUtf8(s.data(), qsizetype(s.size())).size();
        break;
    }
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
        ++t.numbers;
        t.numberSum += double(e.get_double().value_unsafe());
        break;
    default:
        ++t.other;
    }
}

QByteArray readFile(const char *path)
{
    QFile f(QString::fromLocal8Bit(path));
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", path);
        std::exit(2);
    }
    return f.readAll();
}

// An events feed page (GET /v1/accounts/ID/events) around the first `count` events of a
// scenario file, in the server's shape.
QByteArray feedPage(const QByteArray &scenario, int count)
{
    json::Document doc;
    if (!json::Parser::parse(scenario, doc) || doc.isEmpty())
        std::exit(2);
    const std::uint32_t events = doc.member(0, "events");
    QByteArray page = R"({"account":{"id":"acct-1","name":"Ada","preset":"unified-monthly",)"
                      R"("timezone":"Europe/Paris"},"unit":"credits","timezone":"Europe/Paris",)"
                      R"("policy":{"name":"unified-monthly"},"policy_hash":"sha256:00","events":[)";
    int n = 0;
    for (std::uint32_t i = events + 1; events != json::NoNode && i < doc[events].end && n < count;
         i = doc.next(i), ++n) {
        if (n)
            page += ',';
        page += R"({"seq":)" + QByteArray::number(n + 1) + R"(,"event":)" +
                doc[i].span().toByteArray() + R"(,"details":{}})";
    }
    page += R"(],"last_seq":)" + QByteArray::number(n) +
            R"(,"has_more":true,"as_of":"2027-01-01T00:00:00+01:00",)"
            R"("balance":{"total":12.5,"buckets":[]},"pending_purchases":[],"refund_requests":[]})";
    return page;
}

void compare(const char *what, const QByteArray &bytes, int repeat)
{
    std::printf("%s: %.1f MB\n", what, double(bytes.size()) / 1e6);
    Tally own, simd;
    // The whole document as one DOM: slow on the large file (its node array grows by copies),
    // and not how the reader takes it, so measured once there.
    const int wholeRepeat = bytes.size() > 10'000'000 ? 1 : repeat;
    const Timing ownStreamParse = measure(repeat, [&] {
        json::Document doc;
        StreamedVisit parseOnly;
        parseOnly.visit = false;
        if (!json::Parser::parse(bytes, doc, &parseOnly))
            std::exit(3);
    });
    const Timing ownParse = measure(wholeRepeat, [&] {
        json::Document doc;
        if (!json::Parser::parse(bytes, doc))
            std::exit(3);
    });
    Tally streamed;
    const Timing ownStreamed = measure(repeat, [&] {
        json::Document doc;
        StreamedVisit visit;
        if (!json::Parser::parse(bytes, doc, &visit))
            std::exit(3);
        visit.visitRange(doc, 0, doc.size()); // what stayed in the document
        streamed = visit.tally;
    });
    const Timing ownAll = measure(wholeRepeat, [&] {
        json::Document doc;
        if (!json::Parser::parse(bytes, doc))
            std::exit(3);
        own = Tally();
        visitOwn(doc, own);
    });
    // simdjson wants SIMDJSON_PADDING readable bytes after the document: one copy, not timed
    // (a reader would allocate its file buffer padded from the start).
    const simdjson::padded_string padded(bytes.constData(), size_t(bytes.size()));
    simdjson::dom::parser parser;
    // A reader that parses one file once pays for the parser's buffers (sized to the
    // document) too: a fresh parser each run.
    const Timing simdCold = measure(repeat, [&] {
        simdjson::dom::parser fresh;
        simdjson::dom::element root;
        if (fresh.parse(padded).get(root))
            std::exit(4);
    });
    const Timing simdParse = measure(repeat, [&] {
        simdjson::dom::element root;
        if (parser.parse(padded).get(root))
            std::exit(4);
    });
    const Timing simdAll = measure(repeat, [&] {
        simdjson::dom::element root;
        if (parser.parse(padded).get(root))
            std::exit(4);
        simd = Tally();
        visitSimd(root, simd);
    });
    const auto line = [&](const char *name, const Timing &t) {
        std::printf("  %-36s %8.2f ms CPU %8.2f ms wall  %7.0f MB/s (CPU)\n", name, t.cpu * 1e3,
                    t.wall * 1e3, double(bytes.size()) / 1e6 / t.cpu);
    };
    line("core/json parse, whole DOM", ownParse);
    line("core/json whole DOM + visit every value", ownAll);
    line("core/json streamed parse (the reader)", ownStreamParse);
    line("core/json streamed + visit (the reader)", ownStreamed);
    line("simdjson DOM parse, fresh parser", simdCold);
    line("simdjson DOM parse, parser reused", simdParse);
    line("simdjson DOM parse + visit every value", simdAll);
    std::printf("  against core/json as the reader uses it (streamed), simdjson is %.2fx as fast "
                "to parse (reused parser), %.2fx with a fresh parser, %.2fx to parse + visit\n",
                ownStreamParse.cpu / simdParse.cpu, ownStreamParse.cpu / simdCold.cpu,
                ownStreamed.cpu / simdAll.cpu);
    std::printf("  both saw %lld objects, %lld arrays, %lld strings, %lld numbers: %s\n",
                static_cast<long long>(own.objects), static_cast<long long>(own.arrays),
                static_cast<long long>(own.strings), static_cast<long long>(own.numbers),
                own == simd && own.strings == streamed.strings ? "same" : "DIFFERENT");
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_json FILE [--repeat N] [--page-events N]\n");
        return 2;
    }
    int repeat = 3, pageEvents = 5000;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--repeat") == 0)
            repeat = std::atoi(argv[i + 1]);
        else if (std::strcmp(argv[i], "--page-events") == 0)
            pageEvents = std::atoi(argv[i + 1]);
    }
    std::printf("simdjson %d.%d.%d, implementation %s\n", int(simdjson::SIMDJSON_VERSION_MAJOR),
                int(simdjson::SIMDJSON_VERSION_MINOR), int(simdjson::SIMDJSON_VERSION_REVISION),
                simdjson::get_active_implementation()->name().c_str());
    const QByteArray file = readFile(argv[1]);
    compare("scenario file", file, repeat);
    const QByteArray page = feedPage(file, pageEvents);
    compare("events feed page", page, std::max(repeat, 1) * 50);
    return 0;
}
