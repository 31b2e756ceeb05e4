#pragma once

#include "ClientSession.h"
#include "SignInRequest.h"

#include <QObject>
#include <QPointer>

namespace creditdesk {

class Clock;
class Config;
class CredentialStore;
class ServerConnection;
class SignInDialog;
class TlsDecider;

// Signing in, from the form to a session target: asks the keychain whether it can keep a
// token (behind the credential store's timeout, never blocking painting), checks the token with
// GET /v1/me over the same connection code as every sync (TLS decisions go to the UI's
// decider; nothing but the handshake reaches a server that did not verify), keeps the token in
// the keychain (or in memory for a session-only sign-in), remembers the server — never the
// token — in the Config, and emits signedIn(). At start-up restore() finds the last account's
// token in the keychain.
class SignInFlow : public QObject
{
    Q_OBJECT
public:
    SignInFlow(Config &config, const Clock &clock, CredentialStore &credentials,
               TlsDecider *decider, QObject *parent = nullptr);

    // Wires the dialog (not owned) and probes the keychain for it.
    void attach(SignInDialog *dialog);
    // Looks for the last account's token; emits signedIn() or restoreFailed().
    void restore();
    // Removes the account's token from the keychain (sign out).
    void forget(const QUrl &server, const QString &accountId);

signals:
    void signedIn(const creditdesk::ClientSession::Target &target);
    void restoreFailed(const QString &why);

private:
    void signIn(const SignInRequest &request);

    Config &m_config;
    const Clock &m_clock;
    CredentialStore &m_credentials;
    TlsDecider *m_decider;
    QPointer<SignInDialog> m_dialog;
    QPointer<ServerConnection> m_probe; // the connection checking a token
};

} // namespace creditdesk
