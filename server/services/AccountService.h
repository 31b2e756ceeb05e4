#pragma once

#include "ApiResponse.h"
#include "Caller.h"
#include "ServiceContext.h"

#include <QUrlQuery>

namespace creditdesk {

// Reading accounts (identity, packs, search, summary, ledger pages, export, audit) and
// support's adjustments. Every figure is one of the account engine's answers.
class AccountService
{
public:
    explicit AccountService(ServiceContext &context)
        : m_ctx(context)
    {}

    // GET /v1/accounts?q=: longer search texts are refused (each character is a LIKE pattern
    // character to the database).
    static constexpr int MaxSearchLength = 200;
    // Cursors this server writes are far shorter (base64 of a name of at most 200 characters).
    static constexpr int MaxCursorLength = 2000;

    ApiResponse me(const Caller &caller);
    ApiResponse packs(const Caller &caller, const QUrlQuery &query);
    // GET /v1/accounts?q=&limit=&cursor= (support): email, name or id; a page and its cursor.
    ApiResponse search(const Caller &caller, const QUrlQuery &query);
    // GET /v1/accounts/{id}: the profile (name, email, preset, zone, plan).
    ApiResponse profile(const Caller &caller, const QString &accountId);
    ApiResponse summary(const Caller &caller, const QString &accountId, const QUrlQuery &query);
    ApiResponse ledger(const Caller &caller, const QString &accountId, const QUrlQuery &query,
                       const QByteArray &ifNoneMatch);
    ApiResponse exportScenario(const Caller &caller, const QString &accountId);
    // The events feed (docs/client.md): events after `after`, at most `limit`, with the
    // policy and its hash, the balance at as_of after all events, pending purchases and
    // refund requests; ETag over everything but as_of, 304 on If-None-Match.
    ApiResponse events(const Caller &caller, const QString &accountId, const QUrlQuery &query,
                       const QByteArray &ifNoneMatch);
    // POST …/adjustments (support): a grant or debit with a reason, each bad amount named, a
    // debit beyond what is available 409 insufficient_credits; the balance before and after
    // (engine answers) in the answer and the audit trail; `dry_run` writes nothing.
    ApiResponse adjust(const Caller &caller, const QString &accountId, const QByteArray &body);
    // GET …/audit and GET /v1/audit (support): the append-only trail, newest first, paged.
    ApiResponse audit(const Caller &caller, const QString &accountId, const QUrlQuery &query);
    ApiResponse auditTrail(const Caller &caller, const QUrlQuery &query);

    // Creates an account with its `signup` event, and a `subscribe` to `plan` if given
    // (admin command line, demo seeding), in one transaction. ApiError 400/409 on bad input.
    // `email` (optional) is unique among accounts, case-insensitively (409 email_exists).
    AccountRecord createAccount(const QString &name, const QString &preset, const QString &timezone,
                                const QString &id = {}, const QString &plan = {},
                                TimePoint at = NoTime, const QString &email = {});
    // Whether `email` reads as an address (one @, something either side, no spaces, at most
    // 254 characters).
    static bool isEmail(const QString &email);

private:
    ApiResponse auditPage(const QString &accountId, const QUrlQuery &query);

    ServiceContext &m_ctx;
};

// A whole-number query parameter in [min, max]; `fallback` when absent; ApiError 400 otherwise.
qint64 queryNumber(const QUrlQuery &query, const QString &name, qint64 min, qint64 max,
                   qint64 fallback);

} // namespace creditdesk
