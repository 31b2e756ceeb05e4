#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>

namespace creditdesk {

class ManualClock;
class ServerRuntime;
class SimulatedPaymentProvider;
class ApiRouter;
struct HttpRequest;

// The API server without sockets, for the request fuzzer (fuzz_server) and its corpus replay
// (tst_server_fuzz_corpus): the real ServerRuntime on SQLite :memory:, migrated, with fixed
// accounts, fixed bearer tokens (Tokens, also in server.dict), an open refund request and a
// purchase with fixed ids, on a ManualClock; its ApiRouter answers requests as HttpConnection
// does (preflight on the head, then the whole request), parsed from bytes by the server's own
// HttpRequestParser. It promises to count every answer by route, method and status, and to
// report any 5xx the router gives: nothing a client sends may fail the server.
//
// An input is what one client sends on one connection. It is cut at Separator into up to
// MaxRequests requests; a request whose head has no Content-Length gets one for the bytes after
// its head (so mutated bodies stay framed), one that has it is sent as it is (so the framing is
// fuzzed too). The requests are then parsed as one pipelined stream.
class RequestFuzzTarget
{
public:
    static constexpr int MaxRequests = 8;
    static constexpr QByteArrayView Separator = "\r\n~~~\r\n";

    struct Outcome
    {
        int answered = 0;            // requests answered (parser refusals included)
        int serverErrors = 0;        // 5xx from the router
        QByteArray firstServerError; // "METHOD target -> status body"
    };

    // Needs a QCoreApplication (the SQL driver is a plugin).
    RequestFuzzTarget();
    ~RequestFuzzTarget();
    RequestFuzzTarget(const RequestFuzzTarget &) = delete;
    RequestFuzzTarget &operator=(const RequestFuzzTarget &) = delete;

    Outcome run(QByteArrayView input);
    // `creditdesk-server verify` on the database as the requests left it: the inconsistencies
    // (none, whatever was sent).
    QStringList verify();
    // A fresh database with the fixed accounts, tokens and records (state never leaks between
    // fuzzing rounds beyond what the caller allows between resets).
    void reset();

    // The secrets of the fixed tokens and who they are: (token, "member of pp" ...).
    static QList<QPair<QByteArray, QByteArray>> tokens();
    // One seed per route and method (name, bytes), each with a valid token, plus a few sequences.
    static QList<QPair<QString, QByteArray>> seeds();
    // Every route of the API: "GET /v1/accounts/*/events".
    static QStringList routes();
    // Counts so far: "route|status" -> answers ("(no route)" and "(parser)" included).
    const QMap<QString, qint64> &coverage() const { return m_coverage; }
    // The coverage as a table, and the routes that never got a 2xx.
    QString coverageReport() const;

private:
    void answer(const HttpRequest &request, int status, const QByteArray &body, Outcome *out);
    void seedRecords();

    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SimulatedPaymentProvider> m_provider;
    std::unique_ptr<ServerRuntime> m_runtime;
    std::unique_ptr<ApiRouter> m_router;
    QMap<QString, qint64> m_coverage;
};

} // namespace creditdesk
