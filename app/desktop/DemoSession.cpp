#include "DemoSession.h"

#include "InProcessServer.h"
#include "PresetCatalog.h"
#include "SupportConsole.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTimer>

namespace creditdesk {

namespace {

// ▶ play: every 250 ms of wall time the demo clock moves 20 minutes (80 minutes a second),
// and every second tick a simulated member starts or ends a task.
constexpr int TickMs = 250;
constexpr qint64 TickSeconds = 20 * 60;

} // namespace

DemoSession::DemoSession(TimePoint start, QObject *parent)
    : QObject(parent)
    , m_start(start)
    , m_clock(start)
    , m_playTimer(new QTimer(this))
    , m_wallTimer(new QTimer(this))
    , m_network(new QNetworkAccessManager(this))
{
    m_playTimer->setInterval(TickMs);
    connect(m_playTimer, &QTimer::timeout, this, &DemoSession::tick);
    m_wallTimer->setInterval(1000);
    connect(m_wallTimer, &QTimer::timeout, this, [this] {
        // Whole seconds of wall time not yet given to the clock; while playing they are
        // dropped (play moves the clock far faster anyway).
        const qint64 elapsed = m_wallElapsed.elapsed();
        const qint64 seconds = (elapsed - m_wallCreditedMs) / 1000;
        m_wallCreditedMs += seconds * 1000;
        if (seconds <= 0 || isPlaying())
            return;
        m_clock.advance(seconds);
        emit wallTimeTicked(m_clock.now());
    });
}

void DemoSession::setFollowsWallTime(bool follows)
{
    if (follows == m_wallTimer->isActive())
        return;
    if (follows) {
        m_wallElapsed.start();
        m_wallCreditedMs = 0;
        m_wallTimer->start();
    } else {
        m_wallTimer->stop();
    }
}

DemoSession::~DemoSession() = default;

bool DemoSession::start(QString *error)
{
    // A fresh directory each time: a reset never deletes rows, it starts over elsewhere.
    m_dataDir = std::make_unique<QTemporaryDir>(QDir::tempPath() +
                                                QStringLiteral("/creditdesk-demo-XXXXXX"));
    if (!m_dataDir->isValid()) {
        *error = m_dataDir->errorString();
        return false;
    }
    m_server =
        std::make_unique<InProcessServer>(m_dataDir->filePath(QStringLiteral("server")), m_clock);
    if (!m_server->start(error) || members().isEmpty()) {
        if (error->isEmpty())
            *error = tr("the demo seed made no members");
        m_server.reset();
        return false;
    }
    const QList<Member> all = members();
    // The support agent stays the support agent across a reset.
    if (m_current.isEmpty() ||
        (m_current != SupportConsole::agentKey() &&
         !std::any_of(all.begin(), all.end(),
                      [&](const Member &m) { return m.accountId == m_current; })))
        m_current = all.first().accountId;
    return true;
}

QUrl DemoSession::baseUrl() const
{
    return m_server ? m_server->baseUrl() : QUrl();
}

QString DemoSession::caCertificatePath() const
{
    return m_server ? m_server->caCertificatePath() : QString();
}

QSslCertificate DemoSession::caCertificate() const
{
    return m_server ? m_server->caCertificate() : QSslCertificate();
}

QList<DemoSession::Member> DemoSession::members() const
{
    QList<Member> out;
    if (m_server)
        for (const DemoAccount &a : m_server->seeded().accounts)
            out.append({a.id, a.displayName, a.preset, a.memberToken});
    return out;
}

QString DemoSession::supportToken() const
{
    return m_server ? m_server->seeded().supportToken : QString();
}

QString DemoSession::dataDirectory() const
{
    return m_dataDir ? m_dataDir->path() : QString();
}

bool DemoSession::isPlaying() const
{
    return m_playTimer->isActive();
}

void DemoSession::chooseMember(const QString &accountId)
{
    if (accountId == m_current)
        return;
    m_current = accountId;
    emit memberChosen(accountId);
}

void DemoSession::setPlaying(bool playing)
{
    if (playing == isPlaying())
        return;
    if (playing)
        m_playTimer->start();
    else
        m_playTimer->stop();
    emit playingChanged(playing);
}

void DemoSession::advance(qint64 seconds)
{
    m_clock.advance(seconds);
    emit clockMoved(m_clock.now());
}

void DemoSession::advanceTo(TimePoint t)
{
    if (t <= m_clock.now())
        return;
    m_clock.set(t);
    emit clockMoved(t);
}

void DemoSession::reset()
{
    setPlaying(false);
    // A new server on a new directory: the old one (and its rows) are simply let go.
    m_server.reset();
    m_dataDir.reset();
    m_clock.set(m_start);
    m_ticks = 0;
    QString error;
    if (!start(&error)) {
        emit failed(error);
        return;
    }
    emit restarted();
    emit clockMoved(m_clock.now());
}

void DemoSession::tick()
{
    m_clock.advance(TickSeconds);
    if (++m_ticks % 2 == 0)
        simulateTask();
    emit clockMoved(m_clock.now());
}

void DemoSession::simulateTask()
{
    if (!m_server)
        return;
    const QList<Member> all = members();
    // Mostly the member on screen, so the presenter sees the balance move.
    m_seed = m_seed * 1103515245u + 12345u;
    const auto current = std::find_if(all.begin(), all.end(),
                                      [&](const Member &m) { return m.accountId == m_current; });
    const Member &who = (m_seed >> 16) % 4 == 0 || current == all.end()
                            ? all[int((m_seed >> 8) % all.size())]
                            : *current;
    const auto policy = PresetCatalog::builtIn().find(who.preset);
    if (!policy || policy->features.isEmpty())
        return;
    // The everyday features: the cheapest few.
    int feature = int((m_seed >> 4) % policy->features.size());
    for (int tries = 0; tries < 6 && policy->features[feature].price > Credits::whole(20); ++tries)
        feature = int((m_seed >> tries) % policy->features.size());
    const FeatureRule &f = policy->features[feature];
    const QString task = QStringLiteral("play-%1").arg(++m_taskCounter);
    QJsonObject start{{QStringLiteral("task"), task}, {QStringLiteral("feature"), f.name}};
    if (f.pricing == FeatureRule::Pricing::PerModel)
        start.insert(QStringLiteral("models"), 1);
    if (f.pricing == FeatureRule::Pricing::TierOfRequest && !policy->tiers.isEmpty())
        start.insert(QStringLiteral("tier"), policy->tiers.first().name);
    QJsonObject end{{QStringLiteral("outcome"), QStringLiteral("success")}};
    if (f.pricing == FeatureRule::Pricing::PerThousandTokens || policy->taskEndRequiresTokens)
        end.insert(QStringLiteral("tokens"), int(2000 + (m_seed >> 3) % 20000));

    const QUrl base = m_server->baseUrl();
    const QString token = who.token;
    const QString account = who.accountId;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({caCertificate()});
    const auto request = [&](const QString &path) {
        QNetworkRequest r(base.resolved(QUrl(path)));
        r.setSslConfiguration(tls);
        r.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        r.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        r.setTransferTimeout(5000);
        return r;
    };
    const QNetworkRequest endRequest =
        request(QStringLiteral("/v1/accounts/%1/tasks/%2/end").arg(account, task));
    const QByteArray endBody = QJsonDocument(end).toJson(QJsonDocument::Compact);
    QNetworkReply *started =
        m_network->post(request(QStringLiteral("/v1/accounts/%1/tasks").arg(account)),
                        QJsonDocument(start).toJson(QJsonDocument::Compact));
    connect(started, &QNetworkReply::finished, this, [this, started, endRequest, endBody] {
        started->deleteLater();
        if (started->error() != QNetworkReply::NoError)
            return; // not enough credits, a limit: the member just doesn't work this time
        QNetworkReply *ended = m_network->post(endRequest, endBody);
        connect(ended, &QNetworkReply::finished, ended, &QObject::deleteLater);
    });
}

} // namespace creditdesk
