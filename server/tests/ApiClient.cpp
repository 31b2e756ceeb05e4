#include "ApiClient.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrlQuery>

QByteArray ApiClient::json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray ApiClient::Reply::header(const QByteArray &name) const
{
    for (const auto &[k, v] : headers)
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

QString ApiClient::Reply::errorCode() const
{
    return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

QString ApiClient::Reply::errorField() const
{
    return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString();
}

ApiClient::ApiClient(quint16 port, const QString &caPath, int connections)
    : m_port(port)
    , m_ca(QSslCertificate::fromPath(caPath))
{
    for (int i = 0; i < std::max(1, connections); ++i)
        m_managers.push_back(std::make_unique<QNetworkAccessManager>());
}

QNetworkRequest ApiClient::request(const QString &path, const QString &token,
                                   const Headers &headers, bool trustCa) const
{
    QNetworkRequest r(QUrl(QStringLiteral("https://127.0.0.1:%1%2").arg(m_port).arg(path)));
    r.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    // Only the test CA: nothing else is trusted, and no TLS error is ever ignored.
    tls.setCaCertificates(trustCa ? m_ca : QList<QSslCertificate>{});
    r.setSslConfiguration(tls);
    if (!token.isEmpty())
        r.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &[k, v] : headers)
        r.setRawHeader(k, v);
    return r;
}

QNetworkReply *ApiClient::send(const QByteArray &method, const QString &path, const QString &token,
                               const QByteArray &body, const Headers &headers, int lane)
{
    QNetworkAccessManager &nam = *m_managers[std::size_t(lane) % m_managers.size()];
    const QNetworkRequest r = request(path, token, headers);
    if (method == "GET")
        return nam.get(r);
    return nam.sendCustomRequest(r, method, body);
}

namespace {
// Every response the tests receive goes to api-log/<test>.jsonl; check_openapi.py then checks
// each one against docs/api/openapi.yaml.
void logResponse(QNetworkReply *r, const ApiClient::Reply &reply)
{
    static QFile *log = [] {
        const QString dir = QStringLiteral(CREDITDESK_API_LOG_DIR);
        QDir().mkpath(dir);
        auto *f = new QFile(
            QDir(dir).filePath(QCoreApplication::applicationName() + QStringLiteral(".jsonl")));
        if (!f->open(QIODevice::WriteOnly | QIODevice::Truncate))
            qWarning("cannot write %s", qPrintable(f->fileName()));
        return f;
    }();
    if (!log->isOpen() || reply.status == 0)
        return;
    QByteArray method;
    switch (r->operation()) {
    case QNetworkAccessManager::GetOperation:
        method = "GET";
        break;
    case QNetworkAccessManager::PostOperation:
        method = "POST";
        break;
    default:
        method = r->request().attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
        break;
    }
    QJsonObject headers;
    for (const auto &[k, v] : reply.headers)
        headers.insert(QString::fromLatin1(k.toLower()), QString::fromLatin1(v));
    const QJsonObject line{{QStringLiteral("method"), QString::fromLatin1(method)},
                           {QStringLiteral("path"), r->url().path()},
                           {QStringLiteral("query"), r->url().query()},
                           {QStringLiteral("status"), reply.status},
                           {QStringLiteral("headers"), headers},
                           {QStringLiteral("body"), QString::fromUtf8(reply.body)}};
    log->write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    log->flush();
}
} // namespace

std::vector<ApiClient::Reply> ApiClient::waitAll(const QList<QNetworkReply *> &replies,
                                                 int timeoutMs)
{
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    int pending = 0;
    for (QNetworkReply *r : replies) {
        if (r->isFinished())
            continue;
        ++pending;
        QObject::connect(r, &QNetworkReply::finished, &loop, [&] {
            if (--pending == 0)
                loop.quit();
        });
    }
    if (pending > 0) {
        timeout.start(timeoutMs);
        loop.exec();
    }
    std::vector<Reply> out;
    for (QNetworkReply *r : replies) {
        Reply reply;
        if (!r->isFinished()) {
            r->abort();
            reply.error = QNetworkReply::TimeoutError;
            reply.errorString = QStringLiteral("timed out");
        } else {
            reply.status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            reply.body = r->readAll();
            reply.json = QJsonDocument::fromJson(reply.body).object();
            reply.error = r->error();
            reply.errorString = r->errorString();
            reply.headers = r->rawHeaderPairs();
            logResponse(r, reply);
        }
        out.push_back(reply);
        r->deleteLater();
    }
    return out;
}

ApiClient::Reply ApiClient::get(const QString &path, const QString &token, const Headers &headers)
{
    return waitAll({send("GET", path, token, {}, headers)}).front();
}

ApiClient::Reply ApiClient::post(const QString &path, const QString &token, const QByteArray &body,
                                 const Headers &headers)
{
    return waitAll({send("POST", path, token, body, headers)}).front();
}
