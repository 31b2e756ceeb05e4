#pragma once

#include <QString>

#include <memory>

namespace creditdesk {

enum class Role { Member, Support };

struct AccountReadAhead;

// Who is calling, as the token says: a member of one account, or a support agent.
struct Caller
{
    QString tokenId;
    Role role = Role::Member;
    QString accountId; // members only
    QString label;
    // The request's account as read with the token, in the same round trip (a GET under
    // /v1/accounts/ID): its event count (-1: none) and pending purchases. ServiceContext uses
    // them once instead of asking again; empty otherwise.
    struct Counts
    {
        QString accountId;
        qint64 events = -1;
        qint64 pending = 0;
        // The account row and newer events read in the same round trip, if any
        // (LedgerCache::findCounted uses them instead of asking again).
        std::shared_ptr<const AccountReadAhead> readAhead;
    };
    Counts counts;

    bool isSupport() const { return role == Role::Support; }
    QString roleName() const
    {
        return role == Role::Support ? QStringLiteral("support") : QStringLiteral("member");
    }
};

} // namespace creditdesk
