#include "ServerProcess.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

QStringList ServerProcess::databaseArgs()
{
    static const QString url = [] {
        const QString base = qEnvironmentVariable("CREDITDESK_TEST_POSTGRES");
        if (base.isEmpty())
            return QString();
        const QString name = QStringLiteral("cdtest_") +
                             QCoreApplication::applicationName().remove(u'-') + u'_' +
                             QUuid::createUuid().toString(QUuid::Id128).left(12);
        const QUrl server(base);
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("create"));
            db.setHostName(server.host());
            db.setPort(server.port(5432));
            db.setUserName(server.userName());
            db.setPassword(server.password());
            db.setDatabaseName(QStringLiteral("postgres"));
            if (!db.open())
                qFatal("CREDITDESK_TEST_POSTGRES: %s", qPrintable(db.lastError().text()));
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("CREATE DATABASE ") + name))
                qFatal("CREATE DATABASE %s: %s", qPrintable(name),
                       qPrintable(q.lastError().text()));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("create"));
        // Dropped when the test binary ends (its servers are stopped by then).
        static QString created;
        created = name;
        static QUrl at;
        at = server;
        qAddPostRoutine([] {
            {
                QSqlDatabase db =
                    QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("drop"));
                db.setHostName(at.host());
                db.setPort(at.port(5432));
                db.setUserName(at.userName());
                db.setPassword(at.password());
                db.setDatabaseName(QStringLiteral("postgres"));
                if (db.open())
                    QSqlQuery(db).exec(QStringLiteral("DROP DATABASE IF EXISTS ") + created +
                                       QStringLiteral(" WITH (FORCE)"));
            }
            QSqlDatabase::removeDatabase(QStringLiteral("drop"));
        });
        QString prefix = base;
        while (prefix.endsWith(u'/'))
            prefix.chop(1);
        return prefix + u'/' + name;
    }();
    if (url.isEmpty())
        return {};
    return {QStringLiteral("--database"), url};
}

QString ServerProcess::databaseSpec(const QString &dataDir)
{
    const QStringList args = databaseArgs();
    return args.isEmpty() ? QDir(dataDir).filePath(QStringLiteral("creditdesk.sqlite"))
                          : args.last();
}

QString ServerProcess::binary()
{
    return QStringLiteral(CREDITDESK_SERVER);
}

ServerProcess::~ServerProcess()
{
    stop();
}

bool ServerProcess::start(const QStringList &extraArgs, const QProcessEnvironment &env)
{
    m_stdout.clear();
    m_port = 0;
    m_process.setProcessEnvironment(env);
    QStringList args{QStringLiteral("--data"), m_dataDir, QStringLiteral("--dev-tls"),
                     QStringLiteral("--port"), QStringLiteral("0")};
    args << extraArgs << databaseArgs();
    m_process.start(binary(), args);
    if (!m_process.waitForStarted(30000))
        return false;
    static const QRegularExpression listening(
        QStringLiteral("listening on https://127\\.0\\.0\\.1:(\\d+)"));
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 60000) {
        m_process.waitForReadyRead(200);
        m_stdout += m_process.readAllStandardOutput();
        const auto match = listening.match(QString::fromUtf8(m_stdout));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return true;
        }
        if (m_process.state() == QProcess::NotRunning)
            return false;
    }
    return false;
}

QString ServerProcess::caPath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("ca.pem"));
}

void ServerProcess::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill(); // SIGKILL
    m_process.waitForFinished(30000);
}

bool ServerProcess::waitForExit(int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return true;
    return m_process.waitForFinished(timeoutMs);
}

void ServerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(10000);
    }
}

QString ServerProcess::runAdmin(const QStringList &args, bool *ok)
{
    QProcess p;
    p.start(binary(), args + databaseArgs());
    *ok = p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!*ok)
        qWarning("creditdesk-server %s failed: %s", qPrintable(args.join(u' ')),
                 p.readAllStandardError().constData());
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}
