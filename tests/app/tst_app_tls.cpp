// A server whose certificate does not verify: the app shows it (issuer, fingerprint, why) in
// the certificate dialog; Abort sends nothing past the handshake, Trust pins it and retries.
// The server here is a real TLS listener that records what arrives after the handshake.

#include "Config.h"
#include "DesktopClient.h"
#include "DevCertificateAuthority.h"
#include "MainWindow.h"
#include "SignInDialog.h"
#include "TlsCertificateDialog.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace creditdesk;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Accepts TLS with a certificate no client trusts, and counts the bytes that arrive after the
// handshake (an HTTP request would be the first of them). Answers nothing and hangs up.
class RecordingTlsServer : public QObject
{
public:
    explicit RecordingTlsServer(const QString &dir)
    {
        DevCertificateAuthority ca(dir);
        QString error;
        ca.ensure(&error);
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificateChain(
            QSslCertificate::fromData(readAll(ca.serverCertificatePath()), QSsl::Pem));
        tls.setPrivateKey(QSslKey(readAll(ca.serverKeyPath()), QSsl::Ec, QSsl::Pem));
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        leaf = tls.localCertificate();
        m_server.setSslConfiguration(tls);
        connect(&m_server, &QSslServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                auto *socket = static_cast<QSslSocket *>(s);
                connect(socket, &QSslSocket::encrypted, this, [this] { ++handshakes; });
                connect(socket, &QSslSocket::readyRead, this, [this, socket] {
                    bytesAfterHandshake += socket->readAll().size();
                    socket->disconnectFromHost();
                });
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }

    QSslCertificate leaf;
    int handshakes = 0;
    qint64 bytesAfterHandshake = 0;

private:
    QSslServer m_server;
};

template <typename T> T *visibleTopLevel(const QString &objectName)
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *t = qobject_cast<T *>(w); t && t->objectName() == objectName && t->isVisible())
            return t;
    return nullptr;
}

} // namespace

class TestAppTls : public QObject
{
    Q_OBJECT
private slots:
    void abortSendsNothing();
    void trustPinsAndRetries();

private:
    void signIn(DesktopClient &client, quint16 port);
};

void TestAppTls::signIn(DesktopClient &client, quint16 port)
{
    client.window().show();
    SignInDialog *dialog = client.signInDialog();
    dialog->open();
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("serverUrl")),
                     QStringLiteral("https://127.0.0.1:%1").arg(port));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("token")),
                     QStringLiteral("cd_test_token"));
    // No keychain in the test session: the dialog offers a session-only sign-in.
    QTRY_VERIFY_WITH_TIMEOUT(dialog->keychainState() != SignInDialog::KeychainState::Probing,
                             10000);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("signInButton")),
                      Qt::LeftButton);
}

void TestAppTls::abortSendsNothing()
{
    QTemporaryDir dir;
    RecordingTlsServer server(dir.path());
    Config config(dir.filePath(QStringLiteral("creditdesk.ini")));
    DesktopClient client(config);
    signIn(client, server.port());

    TlsCertificateDialog *tls = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (tls = visibleTopLevel<TlsCertificateDialog>(QStringLiteral("tlsCertificateDialog"))),
        10000);
    QCOMPARE(tls->findChild<QLabel *>(QStringLiteral("tlsFingerprint"))->text(),
             TlsCertificateDialog::fingerprint(server.leaf));
    QVERIFY(!tls->findChild<QLabel *>(QStringLiteral("tlsWhy"))->text().isEmpty());
    QVERIFY(tls->findChild<QLabel *>(QStringLiteral("tlsIssuer"))
                ->text()
                .contains(QStringLiteral("CreditDesk")));
    QTest::mouseClick(tls->findChild<QPushButton *>(QStringLiteral("abortButton")), Qt::LeftButton);

    auto *error = client.signInDialog()->findChild<QLabel *>(QStringLiteral("signInError"));
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 10000);
    QVERIFY2(error->text().contains(QStringLiteral("certificate"), Qt::CaseInsensitive),
             qPrintable(error->text()));
    QTest::qWait(200);
    QCOMPARE(server.bytesAfterHandshake, qint64(0));
    QVERIFY(config.get(Config::Server_TrustedPins).toStringList().isEmpty());
    QVERIFY(!client.session());
}

void TestAppTls::trustPinsAndRetries()
{
    QTemporaryDir dir;
    RecordingTlsServer server(dir.path());
    Config config(dir.filePath(QStringLiteral("creditdesk.ini")));
    DesktopClient client(config);
    signIn(client, server.port());

    TlsCertificateDialog *tls = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (tls = visibleTopLevel<TlsCertificateDialog>(QStringLiteral("tlsCertificateDialog"))),
        10000);
    QTest::mouseClick(tls->findChild<QPushButton *>(QStringLiteral("trustButton")), Qt::LeftButton);
    // Trusted: the request goes out on a new handshake (and this server hangs up on it).
    QTRY_VERIFY_WITH_TIMEOUT(server.bytesAfterHandshake > 0, 10000);
    auto *error = client.signInDialog()->findChild<QLabel *>(QStringLiteral("signInError"));
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 20000);
}

QTEST_MAIN(TestAppTls)
#include "tst_app_tls.moc"
