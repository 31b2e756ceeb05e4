#include "CredentialStore.h"

#include <qt6keychain/keychain.h>

#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <QUuid>

#include <memory>

namespace creditdesk {

CredentialStore::CredentialStore(QObject *parent)
    : QObject(parent)
{}

CredentialStore::~CredentialStore() = default;

QString CredentialStore::keyFor(const QUrl &server, const QString &account)
{
    return server.toString(QUrl::StripTrailingSlash) + u'#' + account;
}

QString CredentialStore::describe(Status status)
{
    switch (status) {
    case Status::Unknown:
        return tr("The keychain has not been checked yet.");
    case Status::Ok:
        return tr("The token is kept in the system keychain.");
    case Status::NoKeychain:
        return tr("No system keychain was found (no Secret Service on the session bus).");
    case Status::Locked:
        return tr("The system keychain is locked or has no default collection.");
    case Status::Refused:
        return tr("The system keychain refused access.");
    case Status::Timeout:
        return tr("The system keychain did not answer in time (an unlock prompt may be waiting).");
    case Status::SessionOnly:
        return tr("The token is kept for this session only and asked for again next time.");
    }
    return {};
}

void CredentialStore::run(Op op, const QString &key, const QString &text,
                          std::function<void(Outcome)> done)
{
    // Shared between the job's answer and the timeout: whichever comes first answers.
    auto answered = std::make_shared<bool>(false);
    auto finish = [answered, done = std::move(done)](const Outcome &o) {
        if (*answered)
            return;
        *answered = true;
        done(o);
    };
    QKeychain::Job *job = nullptr;
    switch (op) {
    case Op::Write: {
        auto *w = new QKeychain::WritePasswordJob(Service);
        w->setTextData(text);
        job = w;
        break;
    }
    case Op::Read:
        job = new QKeychain::ReadPasswordJob(Service);
        break;
    case Op::Delete:
        job = new QKeychain::DeletePasswordJob(Service);
        break;
    }
    job->setKey(key);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    QObject::connect(job, &QKeychain::Job::finished, this, [finish, op](QKeychain::Job *j) {
        Outcome o;
        o.error = int(j->error());
        o.errorString = j->errorString();
        if (op == Op::Read && j->error() == QKeychain::NoError)
            o.text = static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
        finish(o);
    });
    // A job stuck behind an unlock prompt may never finish: answer anyway. The job stays
    // alive (it deletes itself if it ever finishes); its answer is then ignored.
    QTimer::singleShot(m_timeoutMs, this, [finish] {
        Outcome o;
        o.timedOut = true;
        finish(o);
    });
    // Start from the event loop, so that no answer arrives before the caller returns.
    QTimer::singleShot(0, job, [job] { job->start(); });
}

CredentialStore::Status CredentialStore::statusOf(const Outcome &o, bool writing) const
{
    if (o.timedOut)
        return Status::Timeout;
    switch (QKeychain::Error(o.error)) {
    case QKeychain::NoError:
        return Status::Ok;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Status::Refused;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return Status::NoKeychain;
    case QKeychain::EntryNotFound:
        return writing ? Status::Locked : Status::Ok;
    default:
        break;
    }
    // QtKeychain 0.13 reports a missing D-Bus session or Secret Service as OtherError.
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS") ||
        o.errorString.contains(QLatin1String("org.freedesktop.secrets")) ||
        o.errorString.contains(QLatin1String("ServiceUnknown"), Qt::CaseInsensitive) ||
        o.errorString.contains(QLatin1String("D-Bus"), Qt::CaseInsensitive))
        return Status::NoKeychain;
    return Status::Locked;
}

void CredentialStore::probe()
{
    const QString key = QStringLiteral("probe-") + QUuid::createUuid().toString(QUuid::Id128);
    const QString secret = QUuid::createUuid().toString(QUuid::Id128);
    QPointer<CredentialStore> self(this);
    run(Op::Write, key, secret, [self, key, secret](const Outcome &w) {
        if (!self)
            return;
        if (const Status s = self->statusOf(w, true); s != Status::Ok) {
            self->finishProbe(s, w.errorString);
            return;
        }
        self->run(Op::Read, key, {}, [self, key, secret](const Outcome &r) {
            if (!self)
                return;
            // Written but not read back: a locked keyring answers EntryNotFound.
            Status s = r.timedOut                                            ? Status::Timeout
                       : (r.error == QKeychain::NoError && r.text == secret) ? Status::Ok
                       : (r.error == QKeychain::EntryNotFound || r.error == QKeychain::NoError)
                           ? Status::Locked
                           : self->statusOf(r, true);
            const QString detail = r.errorString;
            self->run(Op::Delete, key, {}, [self, s, detail](const Outcome &) {
                if (self)
                    self->finishProbe(s, detail);
            });
        });
    });
}

void CredentialStore::finishProbe(Status status, const QString &detail)
{
    m_status = status;
    m_message = describe(status);
    if (status != Status::Ok && !detail.isEmpty())
        m_message += QStringLiteral(" (") + detail + u')';
    emit probed(status);
}

void CredentialStore::useSessionOnly()
{
    m_status = Status::SessionOnly;
    m_message = describe(m_status);
}

void CredentialStore::save(const QString &key, const QString &token,
                           std::function<void(bool, QString)> done)
{
    if (m_status == Status::SessionOnly) {
        m_session.insert(key, token);
        QTimer::singleShot(0, this, [done] { done(true, QString()); });
        return;
    }
    QPointer<CredentialStore> self(this);
    run(Op::Write, key, token, [self, done](const Outcome &o) {
        if (!self)
            return;
        const Status s = self->statusOf(o, true);
        done(s == Status::Ok, s == Status::Ok ? QString() : describe(s));
    });
}

void CredentialStore::load(const QString &key, std::function<void(bool, QString, QString)> done)
{
    if (m_status == Status::SessionOnly) {
        const QString token = m_session.value(key);
        QTimer::singleShot(0, this, [done, token] { done(!token.isEmpty(), token, QString()); });
        return;
    }
    QPointer<CredentialStore> self(this);
    run(Op::Read, key, {}, [self, done](const Outcome &o) {
        if (!self)
            return;
        if (!o.timedOut && o.error == QKeychain::EntryNotFound) {
            done(false, QString(), QString());
            return;
        }
        const Status s = self->statusOf(o, false);
        done(s == Status::Ok && !o.text.isEmpty(), o.text,
             s == Status::Ok ? QString() : describe(s));
    });
}

void CredentialStore::remove(const QString &key, std::function<void(bool, QString)> done)
{
    m_session.remove(key);
    if (m_status == Status::SessionOnly) {
        QTimer::singleShot(0, this, [done] { done(true, QString()); });
        return;
    }
    QPointer<CredentialStore> self(this);
    run(Op::Delete, key, {}, [self, done](const Outcome &o) {
        if (!self)
            return;
        // Nothing to delete is fine: the token is gone either way.
        const bool ok =
            !o.timedOut && (o.error == QKeychain::NoError || o.error == QKeychain::EntryNotFound);
        done(ok, ok ? QString() : describe(self->statusOf(o, false)));
    });
}

} // namespace creditdesk
