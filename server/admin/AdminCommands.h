#pragma once

namespace creditdesk {

struct ServerOptions;

// `creditdesk-server account add ...`, `token add ...` and `token revoke ...`: work on the database
// directly (migrating it first), print the new account's id or the token (shown only this once).
class AdminCommands
{
public:
    static int accountAdd(const ServerOptions &options);
    static int tokenAdd(const ServerOptions &options);
    // Revokes a token by id: the server refuses it (401 token_revoked) from its next request.
    static int tokenRevoke(const ServerOptions &options);
};

} // namespace creditdesk
