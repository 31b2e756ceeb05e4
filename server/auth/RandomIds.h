#pragma once

#include <QString>

namespace creditdesk {

// Identifiers and secrets from the system's cryptographic random source.
class RandomIds
{
public:
    // "pur_" followed by 20 lowercase hex digits (80 random bits).
    static QString make(const char *prefix);
    // A bearer token: "cdt_" followed by 43 base64url characters (256 random bits).
    static QString token();
};

} // namespace creditdesk
