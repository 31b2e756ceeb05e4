// `creditdesk --demo`: the real server in this process, over HTTPS on 127.0.0.1 with a fresh
// development CA, on the demo's one ManualClock.

#include "AmountFormat.h"
#include "Config.h"
#include "Credits.h"
#include "DemoBar.h"
#include "DemoSession.h"
#include "DesktopClient.h"
#include "MainWindow.h"
#include "SupportConsole.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QTemporaryDir>
#include <QToolButton>

#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTest>

using namespace creditdesk;

namespace {

constexpr TimePoint DemoStart = 1795000000; // 2026-11-19

struct Answer
{
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int status = 0;
    QJsonObject body;
};

Answer get(const QUrl &url, const QString &token, const QList<QSslCertificate> &cas)
{
    // A manager per request: Qt keeps a connection per host and port, and one that failed its
    // handshake without the CA would be reused with the configuration it was made with.
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!cas.isEmpty())
        tls.setCaCertificates(cas);
    request.setSslConfiguration(tls);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setTransferTimeout(10000);
    QNetworkReply *reply = network.get(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!done.wait(15000))
        return {QNetworkReply::TimeoutError, 0, {}};
    Answer a{reply->error(), reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
             QJsonDocument::fromJson(reply->readAll()).object()};
    reply->deleteLater();
    return a;
}

} // namespace

class TestAppDemo : public QObject
{
    Q_OBJECT
private slots:
    void serverRunsOverHttpsWithItsOwnCa();
    void movingTheClockMovesTheServer();
    void resetGivesAFreshServer();
    void dashboardShowsTheServersBalance();
    void demoBarNeverCutsTheClock();
};

void TestAppDemo::serverRunsOverHttpsWithItsOwnCa()
{
    DemoSession demo(DemoStart);
    QString error;
    QVERIFY2(demo.start(&error), qPrintable(error));
    QCOMPARE(demo.baseUrl().host(), QStringLiteral("127.0.0.1"));
    QVERIFY(demo.baseUrl().port() > 0);
    QCOMPARE(demo.members().size(), 5); // one member per preset
    QVERIFY(!demo.supportToken().isEmpty());
    const auto member = demo.members().first();

    // Without the demo CA the handshake fails: nothing but TLS reaches it.
    const Answer untrusted =
        get(demo.baseUrl().resolved(QUrl(QStringLiteral("/v1/me"))), member.token, {});
    QCOMPARE(untrusted.error, QNetworkReply::SslHandshakeFailedError);

    const Answer me = get(demo.baseUrl().resolved(QUrl(QStringLiteral("/v1/me"))), member.token,
                          {demo.caCertificate()});
    QVERIFY2(me.status == 200, qPrintable(QString::number(int(me.error))));
    QCOMPARE(
        me.body.value(QStringLiteral("account")).toObject().value(QStringLiteral("id")).toString(),
        member.accountId);
}

void TestAppDemo::movingTheClockMovesTheServer()
{
    DemoSession demo(DemoStart);
    QString error;
    QVERIFY2(demo.start(&error), qPrintable(error));
    const auto member = demo.members().first();
    const QUrl summary = demo.baseUrl().resolved(
        QUrl(QStringLiteral("/v1/accounts/%1/summary").arg(member.accountId)));
    const QString before = get(summary, member.token, {demo.caCertificate()})
                               .body.value(QStringLiteral("as_of"))
                               .toString();
    QSignalSpy moved(&demo, &DemoSession::clockMoved);
    demo.advance(86400);
    QCOMPARE(moved.count(), 1);
    QCOMPARE(moved.first().first().value<TimePoint>(), DemoStart + 86400);
    const QString after = get(summary, member.token, {demo.caCertificate()})
                              .body.value(QStringLiteral("as_of"))
                              .toString();
    QVERIFY(!before.isEmpty());
    QCOMPARE(QDateTime::fromString(after, Qt::ISODate).toSecsSinceEpoch() -
                 QDateTime::fromString(before, Qt::ISODate).toSecsSinceEpoch(),
             qint64(86400));
}

void TestAppDemo::resetGivesAFreshServer()
{
    DemoSession demo(DemoStart);
    QString error;
    QVERIFY2(demo.start(&error), qPrintable(error));
    const QString oldDir = demo.dataDirectory();
    const QString oldToken = demo.members().first().token;
    demo.advance(3 * 86400);
    QSignalSpy restarted(&demo, &DemoSession::restarted);
    demo.reset();
    QCOMPARE(restarted.count(), 1);
    QCOMPARE(demo.clock().now(), DemoStart);
    QVERIFY(demo.dataDirectory() != oldDir);
    QVERIFY(!QFileInfo::exists(oldDir)); // the old temporary directory is gone, not emptied
    QVERIFY(demo.members().first().token != oldToken);
    const auto member = demo.members().first();
    const Answer me = get(demo.baseUrl().resolved(QUrl(QStringLiteral("/v1/me"))), member.token,
                          {demo.caCertificate()});
    QCOMPARE(me.status, 200);
}

// The app's demo end to end: the in-process server, sign-in over HTTPS with the demo CA, the
// events synced and replayed; the big number on the dashboard is the server's /summary answer,
// for the first member, after moving the clock a day, and for another member.
void TestAppDemo::dashboardShowsTheServersBalance()
{
    QTemporaryDir dir;
    Config config(dir.filePath(QStringLiteral("creditdesk.ini")));
    DesktopClient client(config);
    client.window().show();
    QString error;
    QVERIFY2(client.startDemo(DemoStart, &error), qPrintable(error));
    DemoSession *demo = client.demo();
    QTRY_VERIFY_WITH_TIMEOUT(client.isShowingAccount(), 20000);

    auto *available = client.window().findChild<QLabel *>(QStringLiteral("availableBalance"));
    auto *status = client.window().findChild<QLabel *>(QStringLiteral("syncStatus"));
    QVERIFY(available && status);
    const auto serverAvailable = [&](const DemoSession::Member &m) {
        const Answer a = get(demo->baseUrl().resolved(
                                 QUrl(QStringLiteral("/v1/accounts/%1/summary").arg(m.accountId))),
                             m.token, {demo->caCertificate()});
        const QJsonValue v =
            a.body.value(QStringLiteral("balance")).toObject().value(QStringLiteral("available"));
        return Credits::parse(QString::number(v.toDouble(), 'f', 3)).value_or(Credits());
    };
    const auto memberNamed = [&](const QString &id) {
        for (const auto &m : demo->members())
            if (m.accountId == id)
                return m;
        return DemoSession::Member{};
    };

    DemoSession::Member member = memberNamed(demo->currentMember());
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("verified")), 20000);
    AmountFormat format(client.account()->unit);
    QCOMPARE(available->text(), format.number(serverAvailable(member)));

    // +1 day: the server's clock moves, the client syncs and shows the same again.
    const QString before = status->text();
    QTest::mouseClick(client.window().findChild<QToolButton *>(QStringLiteral("demoDay")),
                      Qt::LeftButton);
    QCOMPARE(demo->clock().now(), DemoStart + 86400);
    QTRY_COMPARE_WITH_TIMEOUT(available->text(), format.number(serverAvailable(member)), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("verified")), 20000);
    Q_UNUSED(before);

    // Another member, picked in the demo bar.
    auto *who = client.window().findChild<QComboBox *>(QStringLiteral("demoMember"));
    QVERIFY(who && who->count() == 6); // five members, then the support agent
    const int other = (who->currentIndex() + 2) % 5;
    const QString otherId = who->itemData(other).toString();
    who->setCurrentIndex(other);
    emit who->activated(other);
    QCOMPARE(demo->currentMember(), otherId);
    QTRY_VERIFY_WITH_TIMEOUT(client.account() && client.account()->accountId == otherId, 20000);
    member = memberNamed(otherId);
    AmountFormat otherFormat(client.account()->unit);
    QTRY_COMPARE_WITH_TIMEOUT(available->text(), otherFormat.number(serverAvailable(member)),
                              20000);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("verified")), 20000);
}

// The demo bar at the window's default size with the accounts dock beside it and the Support
// agent button shown, for every member's time zone (America/Los_Angeles is the longest): the
// date and every button are whole, inside the bar; with room, the bar is one row again.
void TestAppDemo::demoBarNeverCutsTheClock()
{
    QTemporaryDir dir;
    Config config(dir.filePath(QStringLiteral("creditdesk.ini")));
    DesktopClient client(config);
    MainWindow &window = client.window();
    window.show();
    QString error;
    QVERIFY2(client.startDemo(DemoStart, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(client.isShowingAccount(), 20000);
    auto *bar = window.findChild<DemoBar *>(QStringLiteral("demoBar"));
    auto *clock = window.findChild<QLabel *>(QStringLiteral("demoClock"));
    auto *who = window.findChild<QComboBox *>(QStringLiteral("demoMember"));
    auto *dock = window.findChild<QDockWidget *>(QStringLiteral("accountsDock"));
    QVERIFY(bar && clock && who && dock);
    QVERIFY(window.findChild<QToolButton *>(QStringLiteral("demoSupport"))->isVisible());
    dock->show();
    window.resize(1180, 780); // MainWindow's default size
    const auto whole = [&](const QString &when) {
        QVERIFY2(clock->width() >= clock->sizeHint().width(),
                 qPrintable(QStringLiteral("%1: the clock \"%2\" is %3 px of %4")
                                .arg(when, clock->text())
                                .arg(clock->width())
                                .arg(clock->sizeHint().width())));
        QVERIFY2(bar->geometry().right() <= bar->parentWidget()->width(), qPrintable(when));
        for (QWidget *w : bar->findChildren<QWidget *>()) {
            if (!w->isVisibleTo(bar) || qobject_cast<QComboBox *>(w->parentWidget()))
                continue;
            const QRect r(w->mapTo(bar, QPoint(0, 0)), w->size());
            QVERIFY2(bar->rect().contains(r),
                     qPrintable(QStringLiteral("%1: %2 at %3,%4 %5x%6 is outside the bar %7x%8")
                                    .arg(when, w->objectName())
                                    .arg(r.x())
                                    .arg(r.y())
                                    .arg(r.width())
                                    .arg(r.height())
                                    .arg(bar->width())
                                    .arg(bar->height())));
            if (auto *button = qobject_cast<QToolButton *>(w))
                QVERIFY2(button->width() >= button->sizeHint().width(), qPrintable(when));
        }
    };
    for (int i = 0; i < who->count(); ++i) {
        if (who->itemData(i).toString() == SupportConsole::agentKey())
            continue;
        who->setCurrentIndex(i);
        emit who->activated(i);
        QTRY_VERIFY_WITH_TIMEOUT(
            client.account() && client.account()->accountId == who->itemData(i).toString(), 20000);
        QTRY_VERIFY(clock->text().contains(client.account()->timezone));
        dock->show();
        QTest::qWait(50); // the layouts settle
        whole(who->itemText(i));
    }
    // Room for everything: one row.
    dock->hide();
    window.resize(1900, 780);
    QTRY_VERIFY(!bar->isWrapped());
    whole(QStringLiteral("wide"));
}

QTEST_MAIN(TestAppDemo)
#include "tst_app_demo.moc"
