#pragma once

#include <QString>
#include <QUrl>

namespace creditdesk {

// What the member typed into the sign-in dialog, checked: an https URL, a token without
// spaces, and (optionally) the path of a readable PEM file with the server's CA. The token is a
// secret: it lives in memory until the credential store has it, never in settings.
struct SignInRequest
{
    QUrl serverUrl;
    QString token;
    QString caFile;           // empty: the system's CAs
    bool sessionOnly = false; // true: do not keep the token in the keychain
};

} // namespace creditdesk
