#pragma once

namespace creditdesk {

struct ServerOptions;

// `creditdesk-server account add ...` and `token add ...`: work on the database directly
// (migrating it first), print the new account's id or the token (shown only this once).
class AdminCommands
{
public:
    static int accountAdd(const ServerOptions &options);
    static int tokenAdd(const ServerOptions &options);
};

} // namespace creditdesk
