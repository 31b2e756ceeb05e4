#pragma once

#include <QtGlobal>

namespace creditdesk {

// What one client may cost the server: how many connections are served at once, how long each
// phase of a connection may take, and how many bytes a request head and body may have. Every
// connection is held to these from accept to close; none of them is ever waited on forever.
struct HttpLimits
{
    // Connections beyond this are closed as soon as they are accepted.
    int maxConnections = 1024;
    // Connections from one client address beyond this are closed the same way.
    int maxConnectionsPerClient = 256;
    // From accept to a finished TLS handshake.
    int handshakeTimeoutMs = 10000;
    // From a request's first byte to the blank line that ends its head.
    int headerTimeoutMs = 10000;
    // From the end of a head to the last byte of its body.
    int bodyTimeoutMs = 30000;
    // Between the requests of a kept-alive connection (and after the handshake).
    int idleTimeoutMs = 60000;
    // Request line plus headers, up to and including the blank line: 431 beyond.
    qsizetype maxHeaderBytes = 16 * 1024;
    // Beyond this a declared Content-Length is answered 413 without reading the body.
    qsizetype maxBodyBytes = 64 * 1024;
    // A head with more header lines than this is answered 431 too.
    int maxHeaderCount = 100;
};

} // namespace creditdesk
