#pragma once

#include "Caller.h"

namespace creditdesk {

// Who may do what: a member reads and uses only its own account; support reads any account
// and alone approves refunds and makes adjustments.
class AccessGuard
{
public:
    // Throws ApiError 403 when a member names another account.
    static void requireAccount(const Caller &caller, const QString &accountId);
    // Throws ApiError 403 unless the caller is the account's own member.
    static void requireOwner(const Caller &caller, const QString &accountId);
    // Throws ApiError 403 unless the caller is support.
    static void requireSupport(const Caller &caller);
};

} // namespace creditdesk
