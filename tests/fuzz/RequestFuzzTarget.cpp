#include "RequestFuzzTarget.h"

#include "ApiRouter.h"
#include "HttpLimits.h"
#include "HttpRequest.h"
#include "HttpRequestParser.h"
#include "LedgerVerifier.h"
#include "ManualClock.h"
#include "ServerRuntime.h"
#include "SimulatedPaymentProvider.h"
#include "TokenAuthenticator.h"

#include <QCoreApplication>
#include <QHostAddress>

#include <stdexcept>

namespace creditdesk {

namespace {

// 2027-01-01T00:00:00Z: every fixed record is made then; each input moves the clock a second.
constexpr TimePoint Start = 1798761600;

struct FixedToken
{
    const char *secret;
    const char *id;
    const char *role;
    const char *account;
    bool revoked;
    bool expired;
};

const FixedToken FixedTokens[] = {
    {"cdf_member_pp_7b1e4c", "tok-fuzz-pp", "member", "pp", false, false},
    {"cdf_member_um_39d0aa", "tok-fuzz-um", "member", "um", false, false},
    {"cdf_member_tt_c52f19", "tok-fuzz-tt", "member", "tt", false, false},
    {"cdf_support_kim_e8a3", "tok-fuzz-kim", "support", "", false, false},
    {"cdf_revoked_pp_51c2", "tok-fuzz-revoked", "member", "pp", true, false},
    {"cdf_expired_um_0f4d", "tok-fuzz-expired", "member", "um", false, true},
};

// The route table of ApiRouter::dispatch, by method and path pattern ('*': any one segment).
struct Route
{
    const char *method;
    const char *pattern; // after /v1
};

const Route Routes[] = {
    {"GET", "me"},
    {"GET", "packs"},
    {"GET", "accounts"},
    {"GET", "refund-requests"},
    {"POST", "refund-requests/*/approve"},
    {"POST", "refund-requests/*/decline"},
    {"GET", "audit"},
    {"GET", "accounts/*"},
    {"GET", "accounts/*/summary"},
    {"GET", "accounts/*/ledger"},
    {"GET", "accounts/*/events"},
    {"GET", "accounts/*/export"},
    {"GET", "accounts/*/audit"},
    {"POST", "accounts/*/adjustments"},
    {"GET", "accounts/*/purchases"},
    {"POST", "accounts/*/purchases"},
    {"GET", "accounts/*/purchases/*"},
    {"POST", "accounts/*/tasks"},
    {"POST", "accounts/*/tasks/*/end"},
    {"GET", "accounts/*/refund-requests"},
    {"POST", "accounts/*/refund-requests"},
};

// The first pattern the request's path matches, in the router's order ("accounts/*" before
// the longer ones does not matter: lengths differ); empty when none does.
QString patternOf(const HttpRequest &request)
{
    if (request.segments.isEmpty() || request.segments.first() != u"v1")
        return {};
    const QStringList seg = request.segments.mid(1);
    for (const Route &route : Routes) {
        const QStringList parts = QString::fromLatin1(route.pattern).split(u'/');
        if (parts.size() != seg.size())
            continue;
        bool same = true;
        for (qsizetype i = 0; i < parts.size() && same; ++i)
            same = parts[i] == u"*" || parts[i] == seg[i];
        if (same)
            return QString::fromLatin1(route.pattern);
    }
    return {};
}

QString methodOf(const HttpRequest &request)
{
    switch (request.method) {
    case HttpRequest::Method::Get:
        return QStringLiteral("GET");
    case HttpRequest::Method::Head:
        return QStringLiteral("HEAD");
    case HttpRequest::Method::Post:
        return QStringLiteral("POST");
    case HttpRequest::Method::Put:
        return QStringLiteral("PUT");
    case HttpRequest::Method::Patch:
        return QStringLiteral("PATCH");
    case HttpRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case HttpRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    case HttpRequest::Method::Other:
        break;
    }
    return QStringLiteral("OTHER");
}

// A request's bytes with a Content-Length for its body when its head has none.
QByteArray framed(QByteArrayView chunk)
{
    const qsizetype end = chunk.indexOf(QByteArrayView("\r\n\r\n"));
    if (end < 0)
        return chunk.toByteArray();
    const QByteArray head = chunk.first(end).toByteArray();
    if (head.toLower().contains("\ncontent-length:") ||
        head.toLower().contains("\ntransfer-encoding:"))
        return chunk.toByteArray();
    const QByteArrayView body = chunk.sliced(end + 4);
    return head + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
           body.toByteArray();
}

void expectOk(const ApiResponse &r, const char *what)
{
    if (r.status >= 300)
        throw std::runtime_error(std::string("fuzz target setup failed: ") + what + ": " +
                                 std::to_string(r.status) + " " + r.body.toStdString());
}

Caller callerOf(const char *id)
{
    for (const FixedToken &t : FixedTokens)
        if (qstrcmp(t.id, id) == 0) {
            Caller c;
            c.tokenId = QString::fromLatin1(t.id);
            c.role = qstrcmp(t.role, "support") == 0 ? Role::Support : Role::Member;
            c.accountId = QString::fromLatin1(t.account);
            c.label = c.tokenId;
            return c;
        }
    throw std::logic_error("no such fixed token");
}

} // namespace

RequestFuzzTarget::RequestFuzzTarget()
{
    reset();
}

RequestFuzzTarget::~RequestFuzzTarget()
{
    m_router.reset();
    m_runtime.reset();
}

void RequestFuzzTarget::reset()
{
    m_router.reset();
    m_runtime.reset();
    m_clock = std::make_unique<ManualClock>(Start);
    // Answers at once; declines a tenth of payments (by purchase id) and "test_decline".
    m_provider = std::make_unique<SimulatedPaymentProvider>(0, 0.1);
    m_runtime = std::make_unique<ServerRuntime>(QStringLiteral(":memory:"), *m_clock, *m_provider);
    m_router =
        std::make_unique<ApiRouter>(m_runtime->auth, m_runtime->accounts, m_runtime->purchases,
                                    m_runtime->tasks, m_runtime->refunds);
    seedRecords();
}

void RequestFuzzTarget::seedRecords()
{
    ServerRuntime &rt = *m_runtime;
    rt.accounts.createAccount(QStringLiteral("Paula Prepaid"), QStringLiteral("prepaid-tokens"),
                              QStringLiteral("UTC"), QStringLiteral("pp"), QString(), Start,
                              QStringLiteral("paula@example.com"));
    rt.accounts.createAccount(QStringLiteral("Umar Unified"), QStringLiteral("unified-monthly"),
                              QStringLiteral("America/New_York"), QStringLiteral("um"),
                              QStringLiteral("plus"), Start, QStringLiteral("umar@example.com"));
    rt.accounts.createAccount(QStringLiteral("Tess Tiered"), QStringLiteral("tiered-tasks"),
                              QStringLiteral("Europe/Paris"), QStringLiteral("tt"), QString(),
                              Start, QString());
    for (const FixedToken &t : FixedTokens) {
        TokenRecord r;
        r.id = QString::fromLatin1(t.id);
        r.role = QString::fromLatin1(t.role);
        r.accountId = QString::fromLatin1(t.account);
        r.label = r.id;
        r.createdAt = Start;
        r.expiresAt = t.expired ? Start + 1 : 0;
        r.revokedAt = t.revoked ? Start : 0;
        rt.store.insertToken(r, TokenAuthenticator::hashOf(QString::fromLatin1(t.secret)));
    }
    m_clock->advance(10);
    // Credits for pp, and three ended chat tasks: two with open refund requests of fixed ids
    // (support approves or declines them), one a member may ask a refund for.
    expectOk(rt.accounts.adjust(callerOf("tok-fuzz-kim"), QStringLiteral("pp"),
                                R"({"type": "grant", "amount": 500, "reason": "seed"})"),
             "grant");
    for (const char *task : {"t-seed-1", "t-seed-2", "t-seed-3"}) {
        const QByteArray id(task);
        expectOk(rt.tasks.start(callerOf("tok-fuzz-pp"), QStringLiteral("pp"),
                                R"({"feature": "chat", "tokens": 2000, "task": ")" + id + "\"}"),
                 "task start");
        expectOk(rt.tasks.end(callerOf("tok-fuzz-pp"), QStringLiteral("pp"),
                              QString::fromLatin1(task),
                              R"({"outcome": "success", "tokens": 3000})"),
                 "task end");
    }
    rt.store.beginWrite();
    for (int i = 1; i <= 2; ++i) {
        RefundRequestRecord r;
        r.id = QStringLiteral("ref-fuzz-%1").arg(i);
        r.accountId = QStringLiteral("pp");
        r.taskId = QStringLiteral("t-seed-%1").arg(i);
        r.reason = QStringLiteral("seed");
        r.status = QStringLiteral("open");
        r.createdAt = m_clock->now();
        r.createdBy = QStringLiteral("tok-fuzz-pp");
        rt.store.insertRefundRequest(r);
    }
    PurchaseRecord p;
    p.id = QStringLiteral("pur-fuzz-1");
    p.accountId = QStringLiteral("pp");
    p.pack = QStringLiteral("tokens_100");
    p.amountMilli = 100000;
    p.status = QStringLiteral("pending");
    p.paymentMethod = QStringLiteral("card");
    // No Idempotency-Key (as an operator's purchase): verify then wants no idempotency row.
    p.createdAt = m_clock->now();
    rt.store.insertPurchase(p);
    rt.store.commit();
    m_clock->advance(10);
}

RequestFuzzTarget::Outcome RequestFuzzTarget::run(QByteArrayView input)
{
    Outcome out;
    m_clock->advance(1);
    QByteArray stream;
    qsizetype from = 0;
    for (int n = 0; n < MaxRequests && from <= input.size(); ++n) {
        qsizetype cut = input.sliced(from).indexOf(Separator);
        const qsizetype end = cut < 0 ? input.size() : from + cut;
        stream += framed(input.sliced(from, end - from));
        if (cut < 0)
            break;
        from = end + Separator.size();
    }

    HttpLimits limits;
    HttpRequestParser parser(limits);
    using Progress = HttpRequestParser::Progress;
    Progress progress = parser.feed(stream);
    // As HttpConnection::drive(), without a socket: a refusal closes the connection.
    for (int n = 0; n < MaxRequests;) {
        switch (progress) {
        case Progress::NeedMore:
            return out; // the client stopped mid-request: the connection would time out
        case Progress::Failed: {
            ++out.answered;
            const QString key = QStringLiteral("(parser)|%1").arg(parser.errorStatus());
            ++m_coverage[key];
            return out;
        }
        case Progress::HeadReady: {
            HttpRequest &head = parser.request();
            head.peer = QHostAddress(QHostAddress::LocalHost);
            if (const auto refusal = m_router->preflight(head)) {
                answer(head, refusal->status, refusal->body, &out);
                return out;
            }
            if (parser.bodyTooLarge()) {
                answer(head, 413, {}, &out);
                return out;
            }
            progress = parser.readBody();
            continue;
        }
        case Progress::Complete: {
            const ApiResponse response = m_router->handle(parser.request());
            answer(parser.request(), response.status, response.body, &out);
            // Work the server queues for after an answer (settling a purchase at once).
            QCoreApplication::processEvents();
            ++n;
            if (!parser.keepAlive())
                return out;
            parser.next();
            if (!parser.hasBufferedBytes())
                return out;
            progress = parser.feed({});
            continue;
        }
        }
    }
    return out;
}

void RequestFuzzTarget::answer(const HttpRequest &request, int status, const QByteArray &body,
                               Outcome *out)
{
    ++out->answered;
    const QString pattern = patternOf(request);
    const QString route = pattern.isEmpty() ? QStringLiteral("(no route)")
                                            : methodOf(request) + QStringLiteral(" /v1/") + pattern;
    ++m_coverage[route + u'|' + QString::number(status)];
    if (status >= 500) {
        if (out->serverErrors++ == 0)
            out->firstServerError = request.methodName + ' ' + request.target + " -> " +
                                    QByteArray::number(status) + ' ' + body;
    }
}

QStringList RequestFuzzTarget::verify()
{
    LedgerVerifier verifier(m_runtime->store, m_runtime->presets);
    return verifier.verifyAll();
}

QList<QPair<QByteArray, QByteArray>> RequestFuzzTarget::tokens()
{
    QList<QPair<QByteArray, QByteArray>> out;
    for (const FixedToken &t : FixedTokens)
        out << qMakePair(QByteArray(t.secret),
                         QByteArray(t.role) + (t.account[0] ? QByteArray(" of ") + t.account : "") +
                             (t.revoked   ? " (revoked)"
                              : t.expired ? " (expired)"
                                          : ""));
    return out;
}

QStringList RequestFuzzTarget::routes()
{
    QStringList out;
    for (const Route &r : Routes)
        out << QString::fromLatin1(r.method) + QStringLiteral(" /v1/") +
                   QString::fromLatin1(r.pattern);
    return out;
}

QList<QPair<QString, QByteArray>> RequestFuzzTarget::seeds()
{
    const QByteArray pp = "Authorization: Bearer cdf_member_pp_7b1e4c\r\n";
    const QByteArray um = "Authorization: Bearer cdf_member_um_39d0aa\r\n";
    const QByteArray tt = "Authorization: Bearer cdf_member_tt_c52f19\r\n";
    const QByteArray kim = "Authorization: Bearer cdf_support_kim_e8a3\r\n";
    const QByteArray json = "Content-Type: application/json\r\n";
    const auto get = [](const QByteArray &target, const QByteArray &auth,
                        const QByteArray &extra = {}) {
        return "GET " + target + " HTTP/1.1\r\nHost: creditdesk\r\n" + auth + extra + "\r\n";
    };
    const auto post = [&](const QByteArray &target, const QByteArray &auth, const QByteArray &body,
                          const QByteArray &extra = {}) {
        return "POST " + target + " HTTP/1.1\r\nHost: creditdesk\r\n" + auth + json + extra +
               "\r\n" + body;
    };
    const QByteArray sep = Separator.toByteArray();
    QList<QPair<QString, QByteArray>> s;
    s << qMakePair(QStringLiteral("me"), get("/v1/me", pp));
    s << qMakePair(QStringLiteral("packs"), get("/v1/packs?preset=tiered-tasks", um));
    s << qMakePair(QStringLiteral("search"), get("/v1/accounts?q=paula&limit=5", kim));
    s << qMakePair(QStringLiteral("refund-queue"), get("/v1/refund-requests?status=open", kim));
    s << qMakePair(QStringLiteral("approve"),
                   post("/v1/refund-requests/ref-fuzz-1/approve", kim, R"({"note": "ok"})"));
    s << qMakePair(QStringLiteral("decline"),
                   post("/v1/refund-requests/ref-fuzz-2/decline", kim, R"({"reason": "no"})"));
    s << qMakePair(QStringLiteral("audit-trail"),
                   get("/v1/audit?account=pp&action=task.start&limit=3", kim));
    s << qMakePair(QStringLiteral("profile"), get("/v1/accounts/pp", pp));
    s << qMakePair(QStringLiteral("summary"), get("/v1/accounts/um/summary?window_days=30", um));
    s << qMakePair(QStringLiteral("ledger"),
                   get("/v1/accounts/pp/ledger?limit=2&since=0", pp, "If-None-Match: \"x\"\r\n"));
    s << qMakePair(QStringLiteral("events"), get("/v1/accounts/pp/events?after=1&limit=100", pp,
                                                 "If-None-Match: \"e1\"\r\n"));
    s << qMakePair(QStringLiteral("export"), get("/v1/accounts/tt/export", tt));
    s << qMakePair(QStringLiteral("account-audit"), get("/v1/accounts/pp/audit?limit=2", kim));
    s << qMakePair(QStringLiteral("adjust"),
                   post("/v1/accounts/um/adjustments", kim,
                        R"({"type": "grant", "amount": 2.5, "reason": "sorry", )"
                        R"("expires_at": "2027-06-01T00:00:00-04:00", "dry_run": false})"));
    s << qMakePair(QStringLiteral("purchases"), get("/v1/accounts/pp/purchases?limit=3", pp));
    s << qMakePair(QStringLiteral("buy"),
                   post("/v1/accounts/pp/purchases", pp,
                        R"({"pack": "tokens_500", "payment_method": "card"})",
                        "Idempotency-Key: k-1\r\n"));
    s << qMakePair(
        QStringLiteral("buy-amount"),
        post("/v1/accounts/tt/purchases", tt, R"({"amount": 12.5})", "Idempotency-Key: k-2\r\n"));
    s << qMakePair(QStringLiteral("purchase"), get("/v1/accounts/pp/purchases/pur-fuzz-1", pp));
    s << qMakePair(
        QStringLiteral("task-start"),
        post("/v1/accounts/um/tasks", um, R"({"feature": "code", "task": "x1", "tokens": 1200})"));
    s << qMakePair(QStringLiteral("task-end"),
                   post("/v1/accounts/um/tasks", um, R"({"feature": "chat", "task": "x2"})") + sep +
                       post("/v1/accounts/um/tasks/x2/end", um,
                            R"({"outcome": "system_error", "tokens": 800})"));
    s << qMakePair(QStringLiteral("refunds"), get("/v1/accounts/pp/refund-requests", pp));
    s << qMakePair(QStringLiteral("refund-ask"),
                   post("/v1/accounts/pp/refund-requests", pp,
                        R"({"task": "t-seed-3", "reason": "wrong answer"})"));
    s << qMakePair(
        QStringLiteral("tiered-task"),
        post("/v1/accounts/tt/tasks", tt, R"({"feature": "compare", "models": 3, "task": "m1"})"));
    s << qMakePair(QStringLiteral("sequence"),
                   post("/v1/accounts/pp/purchases", pp, R"({"pack": "tokens_100"})",
                        "Idempotency-Key: k-3\r\n") +
                       sep + get("/v1/accounts/pp/events?after=0", pp) + sep +
                       get("/v1/accounts/pp/summary", pp) + sep +
                       post("/v1/accounts/pp/purchases", pp, R"({"pack": "tokens_100"})",
                            "Idempotency-Key: k-3\r\n"));
    s << qMakePair(QStringLiteral("pipelined-raw"),
                   QByteArray("GET /v1/me HTTP/1.1\r\nHost: c\r\nContent-Length: 0\r\n") + um +
                       "\r\nPOST /v1/accounts/um/tasks HTTP/1.1\r\nHost: c\r\n" + um +
                       "Content-Length: 19\r\n\r\n{\"feature\": \"chat\"}");
    s << qMakePair(QStringLiteral("revoked"),
                   get("/v1/me", "Authorization: Bearer cdf_revoked_pp_51c2\r\n"));
    s << qMakePair(QStringLiteral("wrong-method"),
                   QByteArray("DELETE /v1/accounts/pp HTTP/1.1\r\nHost: c\r\n") + pp + "\r\n");
    return s;
}

QString RequestFuzzTarget::coverageReport() const
{
    QString text = QStringLiteral("route coverage (answers by route, method and status):\n");
    QStringList unreached = routes();
    for (auto it = m_coverage.cbegin(); it != m_coverage.cend(); ++it) {
        const QString route = it.key().section(u'|', 0, 0);
        const QString status = it.key().section(u'|', 1);
        text += QStringLiteral("  %1  %2  %3\n").arg(route, -42).arg(status).arg(it.value());
        if (status.startsWith(u'2'))
            unreached.removeAll(route);
    }
    text += unreached.isEmpty()
                ? QStringLiteral("every route answered 2xx at least once\n")
                : QStringLiteral("routes never answered 2xx: %1\n").arg(unreached.join(u", "));
    return text;
}

} // namespace creditdesk
