// CredentialStore against a real Secret Service (gnome-keyring under dbus-run-session, see
// run-with-keyring.sh) and without any D-Bus session (the fallback). Which case a run checks
// is chosen by its ctest entry: `tst_credentials keychain` or `tst_credentials fallback`.
#include "CredentialStore.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include <optional>

using namespace creditdesk;

namespace {
struct Loaded
{
    bool found = false;
    QString token;
    QString message;
};

std::optional<Loaded> load(CredentialStore &store, const QString &key)
{
    std::optional<Loaded> got;
    store.load(key, [&](bool found, QString token, QString message) {
        got = Loaded{found, token, message};
    });
    if (!QTest::qWaitFor([&] { return got.has_value(); }, 10000))
        return std::nullopt;
    return got;
}

bool saveOrRemove(CredentialStore &store, const QString &key, const QString *token)
{
    std::optional<bool> ok;
    const auto done = [&](bool success, const QString &) { ok = success; };
    if (token)
        store.save(key, *token, done);
    else
        store.remove(key, done);
    return QTest::qWaitFor([&] { return ok.has_value(); }, 10000) && *ok;
}
} // namespace

class TestCredentials : public QObject
{
    Q_OBJECT

private slots:
    void keychain()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QFAIL(
                "run under dbus-run-session with an unlocked gnome-keyring (run-with-keyring.sh)");
        CredentialStore store;
        QSignalSpy probed(&store, &CredentialStore::probed);
        store.probe();
        QVERIFY(probed.wait(10000));
        QCOMPARE(store.status(), CredentialStore::Status::Ok);

        const QString key = CredentialStore::keyFor(QUrl(QStringLiteral("https://127.0.0.1:8443")),
                                                    QStringLiteral("demo-coding-weekly"));
        const QString token =
            QStringLiteral("cdt_test-token-") + QString::number(QCoreApplication::applicationPid());
        QVERIFY(saveOrRemove(store, key, &token));
        auto got = load(store, key);
        QVERIFY(got);
        QVERIFY(got->found);
        QCOMPARE(got->token, token);

        // A second store (the next run of the app) finds it too.
        CredentialStore next;
        got = load(next, key);
        QVERIFY(got && got->found);
        QCOMPARE(got->token, token);

        // Sign out: gone, and "not found" is not an error.
        QVERIFY(saveOrRemove(store, key, nullptr));
        got = load(store, key);
        QVERIFY(got);
        QVERIFY(!got->found);
        QVERIFY(got->message.isEmpty());
        QVERIFY(saveOrRemove(store, key, nullptr)); // removing twice is fine
    }

    void fallback()
    {
        QVERIFY(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"));
        CredentialStore store;
        store.setTimeoutMs(3000);
        QSignalSpy probed(&store, &CredentialStore::probed);
        QElapsedTimer timer;
        timer.start();
        store.probe();
        QCOMPARE(probed.count(), 0); // never answers before returning: the UI keeps painting
        QVERIFY(probed.wait(10000));
        QVERIFY(timer.elapsed() < 4000);
        QCOMPARE(store.status(), CredentialStore::Status::NoKeychain);
        QVERIFY(!store.message().isEmpty());

        // Session-only: the token lives in memory for this run.
        store.useSessionOnly();
        QVERIFY(store.isSessionOnly());
        const QString key = QStringLiteral("https://x#a"), token = QStringLiteral("cdt_session");
        QVERIFY(saveOrRemove(store, key, &token));
        auto got = load(store, key);
        QVERIFY(got && got->found);
        QCOMPARE(got->token, token);
        QVERIFY(saveOrRemove(store, key, nullptr));
        got = load(store, key);
        QVERIFY(got && !got->found);
        // Not written anywhere else: a new store knows nothing of it.
        CredentialStore next;
        next.useSessionOnly();
        got = load(next, key);
        QVERIFY(got && !got->found);
    }
};

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
