// libFuzzer target: any bytes as what one client sends on one connection to the API server,
// parsed by the server's HttpRequestParser and answered by its ApiRouter over the real
// LedgerStore on SQLite :memory: (RequestFuzzTarget). Valid tokens are in server.dict and the
// seeds, so every route is reached. A crash, a sanitizer report or any 5xx answer is a finding
// (a 5xx aborts), and so is a database that `verify` finds inconsistent, checked before it is
// made afresh every ResetEvery inputs (state carries over between inputs until then; an input
// replayed alone runs on the fixed records only).
//
// `-write_seeds=DIR` writes the seed corpus and stops. The route coverage (answers by route,
// method and status) is printed at exit; `./fuzz_server -runs=0 DIR` prints it for a corpus.
#include "RequestFuzzTarget.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

using namespace creditdesk;

namespace {

constexpr int ResetEvery = 4096;

std::unique_ptr<QCoreApplication> app;
std::unique_ptr<RequestFuzzTarget> target;
long inputs = 0;

void writeSeeds(const char *dir)
{
    QDir().mkpath(QString::fromLocal8Bit(dir));
    for (const auto &[name, bytes] : RequestFuzzTarget::seeds()) {
        QFile f(QString::fromLocal8Bit(dir) + u'/' + name);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(f.fileName()));
            std::exit(1);
        }
    }
}

// At exit, before Qt's own globals (the SQL connection list) are gone: the database has to be
// closed while they exist, so the target is not left to the static destructors.
void printCoverageAndClose()
{
    if (target)
        std::fprintf(stderr, "%s", qPrintable(target->coverageReport()));
    target.reset();
    app.reset();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    for (int i = 1; i < *argc; ++i)
        if (std::strncmp((*argv)[i], "-write_seeds=", 13) == 0) {
            writeSeeds((*argv)[i] + 13);
            std::exit(0);
        }
    qputenv("QT_LOGGING_RULES", "*.debug=false;qt.*=false");
    app = std::make_unique<QCoreApplication>(*argc, *argv);
    target = std::make_unique<RequestFuzzTarget>();
    std::atexit(printCoverageAndClose);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 96 * 1024)
        return 0;
    if (++inputs % ResetEvery == 0) {
        // What the requests left must still verify (counters, purchases, idempotency rows).
        const QStringList problems = target->verify();
        if (!problems.isEmpty()) {
            std::fprintf(stderr, "verify after %d inputs:\n%s\n", ResetEvery,
                         qPrintable(problems.join(u'\n')));
            std::abort();
        }
        target->reset();
    }
    const auto outcome =
        target->run(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (outcome.serverErrors > 0) {
        std::fprintf(stderr, "5xx from the router: %s\n", outcome.firstServerError.constData());
        std::abort();
    }
    return 0;
}
