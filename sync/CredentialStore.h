#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

class QUrl;

namespace creditdesk {

// Where the member's token lives between runs: the OS keychain through QtKeychain (service
// "CreditDesk", key = server URL + account), never the settings or the cache.
//
// Every keychain job runs behind this class's own timeout (3 s by default) and answers through
// a callback/signal, so the UI thread never waits on D-Bus or an unlock prompt. Before the
// keychain is trusted it is probed (write → read → delete of a throw-away entry), because a
// locked keyring answers a read with EntryNotFound, which looks exactly like "no token saved".
// The probe ends in one of: Ok, NoKeychain (no D-Bus session or Secret Service), Locked,
// Refused (access denied), Timeout — each with a message in words. When the keychain is not
// usable the app may switch to session-only: tokens are then held in memory for this run only.
class CredentialStore : public QObject
{
    Q_OBJECT
public:
    enum class Status : quint8 { Unknown, Ok, NoKeychain, Locked, Refused, Timeout, SessionOnly };
    Q_ENUM(Status)

    static inline const QString Service = QStringLiteral("CreditDesk");

    explicit CredentialStore(QObject *parent = nullptr);
    ~CredentialStore() override;

    static QString keyFor(const QUrl &server, const QString &account);

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    Status status() const { return m_status; }
    QString message() const { return m_message; }
    static QString describe(Status status);

    // Finds out whether the keychain can be used; emits probed() (also after a timeout).
    void probe();
    // Keeps tokens in memory only, for this run (the keychain is not usable).
    void useSessionOnly();
    bool isSessionOnly() const { return m_status == Status::SessionOnly; }

    // Each answers once, asynchronously (never before returning).
    void save(const QString &key, const QString &token,
              std::function<void(bool ok, QString message)> done);
    // `found` false with Status Ok: no token saved under that key.
    void load(const QString &key,
              std::function<void(bool found, QString token, QString message)> done);
    void remove(const QString &key, std::function<void(bool ok, QString message)> done);

signals:
    void probed(creditdesk::CredentialStore::Status status);

private:
    struct Outcome
    {
        bool timedOut = false;
        int error = 0;
        QString errorString;
        QString text;
    };
    enum class Op : quint8 { Write, Read, Delete };
    // Runs one keychain job with the timeout; `done` is called exactly once.
    void run(Op op, const QString &key, const QString &text, std::function<void(Outcome)> done);
    void finishProbe(Status status, const QString &detail);
    Status statusOf(const Outcome &o, bool writing) const;

    int m_timeoutMs = 3000;
    Status m_status = Status::Unknown;
    QString m_message;
    QHash<QString, QString> m_session; // session-only tokens
};

} // namespace creditdesk
