#include "DemoServer.h"

#include <QFile>
#include <QRegularExpression>

DemoServer::DemoServer()
    : m_process(std::make_unique<ServerProcess>(m_dir.path()))
{}

DemoServer::~DemoServer() = default;

bool DemoServer::start(const QStringList &extraArgs)
{
    m_args = extraArgs;
    if (!m_process->start(QStringList{QStringLiteral("--seed-demo")} + extraArgs))
        return false;
    m_port = m_process->port();
    const QString out = m_process->output();
    static const QRegularExpression member(
        QStringLiteral("member (\\S+) \\(([^,]+), ([a-z-]+)\\): token (cdt_\\S+)"));
    static const QRegularExpression support(QStringLiteral("support agent: token (cdt_\\S+)"));
    for (auto it = member.globalMatch(out); it.hasNext();) {
        const auto m = it.next();
        memberTokens.insert(m.captured(1), m.captured(4));
    }
    supportToken = support.match(out).captured(1);
    m_api = std::make_unique<ApiClient>(m_port, caPath());
    return !memberTokens.isEmpty() && !supportToken.isEmpty();
}

void DemoServer::kill()
{
    m_process->kill();
}

bool DemoServer::restart()
{
    m_process->kill();
    m_process = std::make_unique<ServerProcess>(m_dir.path());
    // The same port, so the client's URL still points at it; the data is already seeded.
    return m_process->start(m_args +
                            QStringList{QStringLiteral("--port"), QString::number(m_port)}) &&
           m_process->port() == m_port;
}

QUrl DemoServer::url() const
{
    return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_port));
}

QList<QSslCertificate> DemoServer::ca() const
{
    QFile f(caPath());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QSslCertificate::fromData(f.readAll(), QSsl::Pem);
}
