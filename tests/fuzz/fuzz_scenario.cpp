// libFuzzer target: any bytes as a scenario file. The reader must refuse or accept them without
// crashing, and whatever it accepts the engine must replay and answer. See tests/fuzz/README.md.
#include "ScenarioReader.h"
#include "ScenarioReplay.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <variant>

using namespace creditdesk;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // Bounds the work per input; large files are the benchmarks' business, not the fuzzer's.
    if (size > 64 * 1024)
        return -1; // not added to the corpus
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    auto result = ScenarioReader::read(json);
    if (const Scenario *scenario = std::get_if<Scenario>(&result)) {
        const QByteArray answers = ScenarioReplay::answersJson(*scenario);
        if (answers.isEmpty())
            __builtin_trap(); // the replay always writes a document
    } else if (std::get<ParseError>(result).message.isEmpty()) {
        __builtin_trap(); // a refusal always says why
    }
    return 0;
}
