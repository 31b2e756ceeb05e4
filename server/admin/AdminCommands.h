#pragma once

namespace creditdesk {

struct ServerOptions;

// The operator's subcommands: work on the database directly (migrating it first) while
// servers may be running on it. `account add` prints the new account's id, `token add` the
// token (shown only this once); `token list` never prints a secret (only hashes are stored);
// `token revoke` and `account erase` are audited; `backup` copies a SQLite database
// consistently; `verify` prints each inconsistency and exits 1 if there is any.
class AdminCommands
{
public:
    static int accountAdd(const ServerOptions &options);
    static int accountErase(const ServerOptions &options);
    static int tokenAdd(const ServerOptions &options);
    static int tokenList(const ServerOptions &options);
    static int tokenRevoke(const ServerOptions &options);
    static int backup(const ServerOptions &options);
    static int verify(const ServerOptions &options);
};

} // namespace creditdesk
