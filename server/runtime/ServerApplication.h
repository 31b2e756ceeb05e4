#pragma once

namespace creditdesk {

struct ServerOptions;

// `creditdesk-server --data DIR ...`: opens and migrates the database, seeds the demo if asked,
// sets up TLS (a development CA, or the given certificate), resumes pending payments and
// serves API v1 over HTTPS until stopped.
class ServerApplication
{
public:
    static int serve(const ServerOptions &options);
};

} // namespace creditdesk
