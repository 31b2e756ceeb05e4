#pragma once

#include <QString>

namespace creditdesk {

enum class Role { Member, Support };

// Who is calling, as the token says: a member of one account, or a support agent.
struct Caller
{
    QString tokenId;
    Role role = Role::Member;
    QString accountId; // members only
    QString label;

    bool isSupport() const { return role == Role::Support; }
    QString roleName() const
    {
        return role == Role::Support ? QStringLiteral("support") : QStringLiteral("member");
    }
};

} // namespace creditdesk
