// The sign-in form and the certificate dialog, as a member meets them.

#include "DevCertificateAuthority.h"
#include "SignInDialog.h"
#include "TlsCertificateDialog.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

using namespace creditdesk;

namespace {

// A real chain, as a development server sends it: its leaf and the CA that signed it.
QList<QSslCertificate> devChain(const QTemporaryDir &dir)
{
    DevCertificateAuthority ca(dir.path());
    QString error;
    if (!ca.ensure(&error))
        return {};
    const auto read = [](const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QSslCertificate::fromData(f.readAll(), QSsl::Pem)
                                           : QList<QSslCertificate>();
    };
    return read(ca.serverCertificatePath()) + read(ca.caCertificatePath());
}

} // namespace

class TestAppSignIn : public QObject
{
    Q_OBJECT
private slots:
    void validationSaysWhatIsWrong_data();
    void validationSaysWhatIsWrong();
    void caFileMustHoldACertificate();
    void validFormAsksToSignIn();
    void invalidFormShowsTheProblemAndSendsNothing();
    void missingKeychainOffersSessionOnly();
    void certificateDialogShowsDetailsAndAborts();
};

void TestAppSignIn::validationSaysWhatIsWrong_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("expected"); // a word of the message; empty: valid

    QTest::newRow("no address") << ""
                                << "cd_abc"
                                << "address";
    QTest::newRow("plain http") << "http://credits.example.com"
                                << "cd_abc"
                                << "https://";
    QTest::newRow("no scheme") << "credits.example.com"
                               << "cd_abc"
                               << "https://";
    QTest::newRow("query") << "https://credits.example.com/?x=1"
                           << "cd_abc"
                           << "without";
    QTest::newRow("no token") << "https://credits.example.com"
                              << "  "
                              << "token";
    QTest::newRow("token with space") << "https://credits.example.com"
                                      << "cd_a bc"
                                      << "space";
    QTest::newRow("valid") << "https://credits.example.com:8443/"
                           << " cd_abc\n"
                           << "";
}

void TestAppSignIn::validationSaysWhatIsWrong()
{
    QFETCH(QString, url);
    QFETCH(QString, token);
    QFETCH(QString, expected);
    SignInRequest request;
    const QString problem = SignInDialog::validate(url, token, {}, &request);
    if (expected.isEmpty()) {
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(request.serverUrl, QUrl(QStringLiteral("https://credits.example.com:8443")));
        QCOMPARE(request.token, QStringLiteral("cd_abc"));
    } else {
        QVERIFY2(problem.contains(expected, Qt::CaseInsensitive), qPrintable(problem));
    }
}

void TestAppSignIn::caFileMustHoldACertificate()
{
    QTemporaryDir dir;
    const QString url = QStringLiteral("https://127.0.0.1:8443");
    const QString missing = dir.filePath(QStringLiteral("nope.pem"));
    QVERIFY(SignInDialog::validate(url, QStringLiteral("t"), missing).contains(missing));
    QFile junk(dir.filePath(QStringLiteral("junk.pem")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("not a certificate");
    junk.close();
    QVERIFY(SignInDialog::validate(url, QStringLiteral("t"), junk.fileName())
                .contains(QStringLiteral("no PEM certificate")));
}

void TestAppSignIn::validFormAsksToSignIn()
{
    SignInDialog dialog;
    dialog.show();
    QSignalSpy asked(&dialog, &SignInDialog::signInRequested);
    auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("serverUrl"));
    auto *token = dialog.findChild<QLineEdit *>(QStringLiteral("token"));
    auto *signIn = dialog.findChild<QPushButton *>(QStringLiteral("signInButton"));
    QVERIFY(url && token && signIn);
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    auto *help = dialog.findChild<QLabel *>(QStringLiteral("tokenHelp"));
    QVERIFY(help && help->text().contains(QStringLiteral("token add")));

    QTest::keyClicks(url, QStringLiteral("https://credits.example.com"));
    QTest::keyClicks(token, QStringLiteral("cd_secret"));
    dialog.setKeychainState(SignInDialog::KeychainState::Available);
    QTest::mouseClick(signIn, Qt::LeftButton);
    QCOMPARE(asked.count(), 1);
    const auto request = asked.first().first().value<SignInRequest>();
    QCOMPARE(request.token, QStringLiteral("cd_secret"));
    QVERIFY(!request.sessionOnly);
    QVERIFY(!signIn->isEnabled()); // busy until answered
    dialog.showError(QStringLiteral("The server refused the token."));
    QVERIFY(signIn->isEnabled());
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("signInError"));
    QVERIFY(error->isVisible());
}

void TestAppSignIn::invalidFormShowsTheProblemAndSendsNothing()
{
    SignInDialog dialog;
    dialog.show();
    QSignalSpy asked(&dialog, &SignInDialog::signInRequested);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("serverUrl")),
                     QStringLiteral("http://insecure.example.com"));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("token")),
                     QStringLiteral("cd_secret"));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("signInButton")),
                      Qt::LeftButton);
    QCOMPARE(asked.count(), 0);
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("signInError"));
    QVERIFY(error->isVisible());
    QVERIFY(error->text().contains(QStringLiteral("https://")));
}

void TestAppSignIn::missingKeychainOffersSessionOnly()
{
    SignInDialog dialog;
    dialog.show();
    auto *sessionOnly = dialog.findChild<QCheckBox *>(QStringLiteral("sessionOnly"));
    auto *state = dialog.findChild<QLabel *>(QStringLiteral("keychainState"));
    QVERIFY(!sessionOnly->isVisible()); // still asking the keychain
    dialog.setKeychainState(SignInDialog::KeychainState::Unavailable,
                            QStringLiteral("no Secret Service on the session bus"));
    QVERIFY(state->text().contains(QStringLiteral("no Secret Service")));
    QVERIFY(sessionOnly->isVisible());
    QVERIFY(sessionOnly->isChecked());
    QVERIFY(!sessionOnly->isEnabled());

    QSignalSpy asked(&dialog, &SignInDialog::signInRequested);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("serverUrl")),
                     QStringLiteral("https://credits.example.com"));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("token")),
                     QStringLiteral("cd_secret"));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("signInButton")),
                      Qt::LeftButton);
    QCOMPARE(asked.count(), 1);
    QVERIFY(asked.first().first().value<SignInRequest>().sessionOnly);
}

void TestAppSignIn::certificateDialogShowsDetailsAndAborts()
{
    QTemporaryDir dir;
    const auto certs = devChain(dir);
    QCOMPARE(certs.size(), 2);
    TlsCertificateDialog dialog(QStringLiteral("127.0.0.1"), certs,
                                {QStringLiteral("The issuer certificate of a locally looked up "
                                                "certificate could not be found")});
    QSignalSpy decided(&dialog, &TlsCertificateDialog::decided);
    dialog.open();
    QVERIFY(dialog.isVisible());
    auto *fp = dialog.findChild<QLabel *>(QStringLiteral("tlsFingerprint"));
    QCOMPARE(fp->text(), TlsCertificateDialog::fingerprint(certs.first()));
    QCOMPARE(fp->text().size(), 32 * 3 - 1);
    QCOMPARE(dialog.pinnedCertificate(), certs.last()); // the CA, not the renewable leaf
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("tlsCaFingerprint")));
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("tlsWhy"))
                ->text()
                .contains(QStringLiteral("issuer certificate")));
    auto *abort = dialog.findChild<QPushButton *>(QStringLiteral("abortButton"));
    QVERIFY(abort->isDefault());
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QCOMPARE(decided.count(), 1);
    QCOMPARE(decided.first().first().toBool(), false);
}

QTEST_MAIN(TestAppSignIn)
#include "tst_app_signin.moc"
