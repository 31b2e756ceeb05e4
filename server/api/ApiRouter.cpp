#include "ApiRouter.h"

#include "AccountService.h"
#include "ApiError.h"
#include "PurchaseService.h"
#include "RefundService.h"
#include "RequestBody.h"
#include "StoreError.h"
#include "TaskService.h"
#include "TokenAuthenticator.h"
#include "TokenRateLimiter.h"

#include "HttpRequest.h"

#include <QDebug>
#include <QUrlQuery>

namespace creditdesk {

namespace {

using Method = HttpRequest::Method;

ApiResponse errorResponse(const ApiError &e)
{
    ApiResponse r;
    r.status = e.status();
    r.body = e.toJson();
    if (e.status() == 401)
        r.headers << qMakePair(QByteArrayLiteral("WWW-Authenticate"),
                               QByteArrayLiteral("Bearer realm=\"creditdesk\""));
    return r;
}

ApiError methodNotAllowed(const QString &allowed)
{
    return ApiError(405, QStringLiteral("method_not_allowed"),
                    QStringLiteral("this path takes %1").arg(allowed));
}

} // namespace

ApiRouter::ApiRouter(TokenAuthenticator &auth, AccountService &accounts, PurchaseService &purchases,
                     TaskService &tasks, RefundService &refunds)
    : m_auth(auth)
    , m_accounts(accounts)
    , m_purchases(purchases)
    , m_tasks(tasks)
    , m_refunds(refunds)
{
    m_monotonic.start();
}

void ApiRouter::setRateLimiter(TokenRateLimiter *limiter)
{
    m_limiter = limiter;
}

std::optional<ApiResponse> ApiRouter::preflight(const HttpRequest &head)
{
    try {
        // Kept for this request's dispatch: its token (and account counts) are read once.
        m_preflighted = nullptr;
        m_preflightCaller = admit(head);
        m_preflighted = &head;
        m_preflightKey = head.header("Authorization") + ' ' + head.target;
        return std::nullopt;
    } catch (...) {
        return refusal(std::current_exception());
    }
}

ApiResponse ApiRouter::handle(const HttpRequest &request)
{
    try {
        return dispatch(request);
    } catch (...) {
        return refusal(std::current_exception());
    }
}

ApiResponse ApiRouter::refusal(const std::exception_ptr &error)
{
    try {
        std::rethrow_exception(error);
    } catch (const ApiError &e) {
        return errorResponse(e);
    } catch (const StoreError &e) {
        qWarning("storage error: %s", e.what());
        return errorResponse(
            ApiError(e.busy() ? 503 : 500,
                     e.busy() ? QStringLiteral("busy") : QStringLiteral("storage_error"),
                     e.busy() ? QStringLiteral("the database is busy; retry")
                              : QStringLiteral("the database failed; nothing "
                                               "was changed")));
    } catch (const std::exception &e) {
        qWarning("internal error: %s", e.what());
        return errorResponse(ApiError(500, QStringLiteral("internal_error"),
                                      QStringLiteral("internal error; nothing was changed")));
    }
}

QString ApiRouter::accountRead(const HttpRequest &head)
{
    const bool read = head.method == Method::Get && head.segments.size() >= 3 &&
                      head.segments[0] == u"v1" && head.segments[1] == u"accounts" &&
                      !head.segments[2].isEmpty();
    return read ? head.segments[2] : QString();
}

bool ApiRouter::waitsForBatch(const HttpRequest &head) const
{
    return !accountRead(head).isEmpty() && head.body.isEmpty();
}

void ApiRouter::prepare(const QList<const HttpRequest *> &heads)
{
    QList<std::pair<QByteArray, QString>> reads;
    reads.reserve(heads.size());
    for (const HttpRequest *head : heads)
        reads.append({head->header("Authorization"), accountRead(*head)});
    m_auth.prefetch(reads);
}

void ApiRouter::batchDone()
{
    m_auth.dropPrefetched();
}

Caller ApiRouter::admit(const HttpRequest &head)
{
    if (head.segments.isEmpty() || head.segments[0] != u"v1")
        throw ApiError::notFound(
            QStringLiteral("no such endpoint: %1 (the API is under /v1)").arg(head.path()));
    // Without a valid token nothing else is said about the request, its size included. A read
    // of one account (GET /v1/accounts/ID/...) reads the token with the account's counts.
    const Caller caller = m_auth.authenticate(head.header("Authorization"), accountRead(head));
    // From the declared length alone (the HTTP layer checked it is digits only; too many of
    // them to parse is too large too), so the body is refused before it is read.
    const QByteArray length = head.header("Content-Length");
    bool parsed = true;
    const qint64 declared = length.isEmpty() ? 0 : length.toLongLong(&parsed);
    if (!parsed || declared > RequestBody::MaxBytes || head.body.size() > RequestBody::MaxBytes)
        throw ApiError(
            413, QStringLiteral("payload_too_large"),
            QStringLiteral("a request body has at most %1 bytes").arg(RequestBody::MaxBytes));
    return caller;
}

ApiResponse ApiRouter::dispatch(const HttpRequest &request)
{
    // The head of this very request passed preflight() moments ago (the HTTP layer calls it
    // first): its caller stands, only the body's size is checked again.
    const bool preflighted =
        m_preflighted == &request &&
        m_preflightKey == request.header("Authorization") + ' ' + request.target;
    m_preflighted = nullptr;
    if (preflighted && request.body.size() > RequestBody::MaxBytes)
        throw ApiError(
            413, QStringLiteral("payload_too_large"),
            QStringLiteral("a request body has at most %1 bytes").arg(RequestBody::MaxBytes));
    const Caller caller = preflighted ? std::move(m_preflightCaller) : admit(request);
    // Counted once a request, here (preflight() sees the head of the same request first).
    if (m_limiter) {
        if (const auto wait = m_limiter->admit(caller.tokenId, m_monotonic.elapsed())) {
            ApiResponse r = errorResponse(ApiError(
                429, QStringLiteral("rate_limited"),
                QStringLiteral("this token made more than %1 requests a second; retry in %2 s")
                    .arg(m_limiter->perSecond())
                    .arg(*wait)));
            r.headers << qMakePair(QByteArrayLiteral("Retry-After"), QByteArray::number(*wait));
            return r;
        }
    }
    const QString path = request.path();
    QStringList seg = request.segments;
    seg.removeFirst();
    const Method method = request.method;
    const QUrlQuery &query = request.query;
    const QByteArray &body = request.body;
    const auto is = [&](std::initializer_list<const char16_t *> pattern) {
        if (qsizetype(pattern.size()) != seg.size())
            return false;
        qsizetype i = 0;
        for (const char16_t *p : pattern) {
            if (p[0] != u'*' && seg[i] != QStringView(p))
                return false;
            ++i;
        }
        return true;
    };
    const auto only = [&](Method m, const char *allowed) {
        if (method != m)
            throw methodNotAllowed(QString::fromLatin1(allowed));
    };

    if (is({u"me"})) {
        only(Method::Get, "GET");
        return m_accounts.me(caller);
    }
    if (is({u"packs"})) {
        only(Method::Get, "GET");
        return m_accounts.packs(caller, query);
    }
    if (is({u"accounts"})) {
        only(Method::Get, "GET");
        return m_accounts.search(caller, query);
    }
    if (is({u"refund-requests"})) {
        only(Method::Get, "GET");
        return m_refunds.queue(caller, query);
    }
    if (is({u"refund-requests", u"*", u"approve"})) {
        only(Method::Post, "POST");
        return m_refunds.approve(caller, seg[1], body);
    }
    if (is({u"refund-requests", u"*", u"decline"})) {
        only(Method::Post, "POST");
        return m_refunds.decline(caller, seg[1], body);
    }
    if (is({u"audit"})) {
        only(Method::Get, "GET");
        return m_accounts.auditTrail(caller, query);
    }
    if (is({u"accounts", u"*"})) {
        only(Method::Get, "GET");
        return m_accounts.profile(caller, seg[1]);
    }
    if (seg.size() >= 3 && seg[0] == u"accounts") {
        const QString &account = seg[1];
        if (is({u"accounts", u"*", u"summary"})) {
            only(Method::Get, "GET");
            return m_accounts.summary(caller, account, query);
        }
        if (is({u"accounts", u"*", u"ledger"})) {
            only(Method::Get, "GET");
            return m_accounts.ledger(caller, account, query, request.header("If-None-Match"));
        }
        if (is({u"accounts", u"*", u"events"})) {
            only(Method::Get, "GET");
            return m_accounts.events(caller, account, query, request.header("If-None-Match"));
        }
        if (is({u"accounts", u"*", u"export"})) {
            only(Method::Get, "GET");
            return m_accounts.exportScenario(caller, account);
        }
        if (is({u"accounts", u"*", u"audit"})) {
            only(Method::Get, "GET");
            return m_accounts.audit(caller, account, query);
        }
        if (is({u"accounts", u"*", u"adjustments"})) {
            only(Method::Post, "POST");
            return m_accounts.adjust(caller, account, body);
        }
        if (is({u"accounts", u"*", u"purchases"})) {
            if (method == Method::Get)
                return m_purchases.list(caller, account, query);
            only(Method::Post, "GET, POST");
            return m_purchases.create(caller, account, body, request.header("Idempotency-Key"));
        }
        if (is({u"accounts", u"*", u"purchases", u"*"})) {
            only(Method::Get, "GET");
            return m_purchases.get(caller, account, seg[3]);
        }
        if (is({u"accounts", u"*", u"tasks"})) {
            only(Method::Post, "POST");
            return m_tasks.start(caller, account, body);
        }
        if (is({u"accounts", u"*", u"tasks", u"*", u"end"})) {
            only(Method::Post, "POST");
            return m_tasks.end(caller, account, seg[3], body);
        }
        if (is({u"accounts", u"*", u"refund-requests"})) {
            if (method == Method::Get)
                return m_refunds.listForAccount(caller, account, query);
            only(Method::Post, "GET, POST");
            return m_refunds.file(caller, account, body);
        }
    }
    throw ApiError::notFound(QStringLiteral("no such endpoint: %1").arg(path));
}

} // namespace creditdesk
