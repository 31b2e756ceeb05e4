#include "SignInFlow.h"

#include "Config.h"
#include "CredentialStore.h"
#include "MeJob.h"
#include "ServerConnection.h"
#include "SignInDialog.h"
#include "SupportConsole.h"

#include <QFile>

namespace creditdesk {

namespace {

QList<QSslCertificate> readCertificates(const QString &path)
{
    if (path.isEmpty())
        return {};
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QSslCertificate::fromData(f.read(1 << 20), QSsl::Pem)
                                       : QList<QSslCertificate>();
}

} // namespace

SignInFlow::SignInFlow(Config &config, const Clock &clock, CredentialStore &credentials,
                       TlsDecider *decider, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_clock(clock)
    , m_credentials(credentials)
    , m_decider(decider)
{}

void SignInFlow::attach(SignInDialog *dialog)
{
    if (m_dialog == dialog)
        return;
    m_dialog = dialog;
    connect(dialog, &SignInDialog::signInRequested, this, &SignInFlow::signIn);
    const auto show = [this](CredentialStore::Status status) {
        if (!m_dialog)
            return;
        if (status == CredentialStore::Status::Ok)
            m_dialog->setKeychainState(SignInDialog::KeychainState::Available);
        else
            m_dialog->setKeychainState(SignInDialog::KeychainState::Unavailable,
                                       m_credentials.message().isEmpty()
                                           ? CredentialStore::describe(status)
                                           : m_credentials.message());
    };
    connect(&m_credentials, &CredentialStore::probed, dialog, show);
    if (m_credentials.status() == CredentialStore::Status::Unknown)
        m_credentials.probe();
    else
        show(m_credentials.status());
}

void SignInFlow::signIn(const SignInRequest &request)
{
    if (m_probe)
        m_probe->deleteLater();
    auto *connection = new ServerConnection(request.serverUrl, m_clock, this);
    m_probe = connection;
    connection->addCaCertificates(readCertificates(request.caFile));
    connection->setTrustedPins(m_config.get(Config::Server_TrustedPins).toStringList());
    connection->setTlsDecider(m_decider);
    connection->setToken(request.token);
    auto *job = new MeJob(connection);
    job->setTimeoutMs(15000);
    connect(job, &MeJob::finished, this, [this, connection, request](const MeJob::Result &r) {
        connection->deleteLater();
        if (const auto *failure = std::get_if<ApiFailure>(&r)) {
            if (m_dialog)
                m_dialog->showError(failure->kind == ApiFailure::Kind::Unauthorized
                                        ? tr("The server does not know this token (or it was "
                                             "revoked). Check it with your operator.")
                                        : failure->message);
            return;
        }
        const MeInfo &me = std::get<MeInfo>(r);
        const bool support = me.role == u"support";
        if (!support && (me.role != u"member" || me.accountId.isEmpty())) {
            if (m_dialog)
                m_dialog->showError(tr("The server gave this token a role CreditDesk does not "
                                       "know (%1).")
                                        .arg(me.role));
            return;
        }
        ClientSession::Target target;
        target.server = request.serverUrl;
        target.caCertificates = readCertificates(request.caFile);
        target.trustedPins = connection->trustedPins();
        // A support agent has no account of their own: the console opens members.
        target.accountId = support ? SupportConsole::agentKey() : me.accountId;
        target.accountName = support ? me.label : me.accountName;
        target.token = request.token;
        target.role = support ? QStringLiteral("support") : QString();

        const auto finish = [this, target, request](bool inKeychain) {
            m_config.set(Config::Server_Url, target.server.toString());
            m_config.set(Config::Server_CaFile, request.caFile);
            m_config.set(Config::Server_AccountId, target.accountId);
            m_config.set(Config::Server_TokenInKeychain, inKeychain);
            m_config.set(Config::Server_TrustedPins, target.trustedPins);
            m_config.sync();
            if (m_dialog)
                m_dialog->accept();
            emit signedIn(target);
        };
        if (request.sessionOnly) {
            finish(false);
            return;
        }
        m_credentials.save(CredentialStore::keyFor(target.server, target.accountId), target.token,
                           [this, finish](bool ok, const QString &message) {
                               if (ok) {
                                   finish(true);
                                   return;
                               }
                               if (!m_dialog)
                                   return;
                               m_dialog->setKeychainState(SignInDialog::KeychainState::Unavailable,
                                                          message);
                               m_dialog->showError(tr("The token is valid, but the keychain "
                                                      "refused to keep it. Sign in again for "
                                                      "this session only."));
                           });
    });
    job->start();
}

void SignInFlow::restore()
{
    const QUrl server(m_config.get(Config::Server_Url).toString());
    const QString account = m_config.get(Config::Server_AccountId).toString();
    if (!server.isValid() || account.isEmpty() ||
        !m_config.get(Config::Server_TokenInKeychain).toBool()) {
        emit restoreFailed({});
        return;
    }
    const auto load = [this, server, account] {
        m_credentials.load(
            CredentialStore::keyFor(server, account),
            [this, server, account](bool found, const QString &token, const QString &message) {
                if (!found) {
                    emit restoreFailed(message);
                    return;
                }
                ClientSession::Target target;
                target.server = server;
                target.caCertificates =
                    readCertificates(m_config.get(Config::Server_CaFile).toString());
                target.trustedPins = m_config.get(Config::Server_TrustedPins).toStringList();
                target.accountId = account;
                target.token = token;
                if (account == SupportConsole::agentKey())
                    target.role = QStringLiteral("support"); // the console checks it with /v1/me
                emit signedIn(target);
            });
    };
    if (m_credentials.status() == CredentialStore::Status::Ok) {
        load();
        return;
    }
    connect(
        &m_credentials, &CredentialStore::probed, this,
        [this, load](CredentialStore::Status status) {
            if (status == CredentialStore::Status::Ok)
                load();
            else
                emit restoreFailed(m_credentials.message());
        },
        Qt::SingleShotConnection);
    m_credentials.probe();
}

void SignInFlow::forget(const QUrl &server, const QString &accountId)
{
    m_config.set(Config::Server_TokenInKeychain, false);
    if (m_credentials.status() == CredentialStore::Status::Ok)
        m_credentials.remove(CredentialStore::keyFor(server, accountId),
                             [](bool, const QString &) {});
}

} // namespace creditdesk
