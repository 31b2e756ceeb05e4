#pragma once

#include "MemberRef.h"

#include <QList>

namespace creditdesk {

class Config;

// The members a support agent opened lately, newest first, at most `Limit`, kept in the typed
// settings (Config::Support_RecentMembers) so they survive a restart. Only ids, names, emails,
// presets and zones are kept — no ledger data — and forget() clears them at sign-out.
class RecentMembers
{
public:
    static constexpr int Limit = 8;

    explicit RecentMembers(Config &config);

    QList<MemberRef> list() const;
    // Moves `member` to the front (adding it when new).
    void remember(const MemberRef &member);
    void forget();

private:
    Config &m_config;
};

} // namespace creditdesk
