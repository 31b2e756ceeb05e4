#include "ApiFailure.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace creditdesk {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ApiFailure", text);
}
} // namespace

ApiFailure ApiFailure::network(const QString &why)
{
    ApiFailure f;
    f.kind = Kind::Network;
    f.message = tr("The server could not be reached: %1").arg(why);
    return f;
}

ApiFailure ApiFailure::timeout(int seconds)
{
    ApiFailure f;
    f.kind = Kind::Timeout;
    f.message = tr("The server did not answer within %1 seconds.").arg(seconds);
    return f;
}

ApiFailure ApiFailure::tls(const QString &why)
{
    ApiFailure f;
    f.kind = Kind::Tls;
    f.message = tr("The server's certificate is not trusted: %1").arg(why);
    return f;
}

ApiFailure ApiFailure::malformed(const QString &why)
{
    ApiFailure f;
    f.kind = Kind::Malformed;
    f.message = tr("The server sent an answer this app cannot read (%1).").arg(why);
    return f;
}

ApiFailure ApiFailure::fromHttp(int status, const QByteArray &body, const QByteArray &retryAfter)
{
    ApiFailure f;
    f.httpStatus = status;
    const QJsonObject error =
        QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toObject();
    f.errorCode = error.value(QLatin1String("code")).toString();
    f.errorMessage = error.value(QLatin1String("message")).toString();
    f.errorField = error.value(QLatin1String("field")).toString();
    f.errorDetails = error.value(QLatin1String("details")).toObject();
    if (status == 401) {
        f.kind = Kind::Unauthorized;
        f.message = tr("The server no longer accepts this token: sign in again.");
    } else if (status == 429) {
        f.kind = Kind::RateLimited;
        bool ok = false;
        const qint64 seconds = retryAfter.trimmed().toLongLong(&ok);
        f.retryAfterSeconds = ok && seconds >= 0 ? qMin<qint64>(seconds, 3600) : 30;
        f.message = tr("The server is busy; trying again in %1 seconds.").arg(f.retryAfterSeconds);
    } else {
        f.kind = Kind::Http;
        f.message = f.errorMessage.isEmpty()
                        ? tr("The server answered with an error (HTTP %1).").arg(status)
                        : tr("The server refused: %1").arg(f.errorMessage);
    }
    return f;
}

bool ApiFailure::isUnreachable() const
{
    return kind == Kind::Network || kind == Kind::Timeout ||
           (kind == Kind::Http && (httpStatus == 502 || httpStatus == 503 || httpStatus == 504));
}

QString ApiFailure::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Tls:
        return QStringLiteral("tls");
    case Kind::Http:
        return QStringLiteral("http");
    case Kind::Malformed:
        return QStringLiteral("malformed");
    case Kind::RateLimited:
        return QStringLiteral("rate-limited");
    case Kind::Unauthorized:
        return QStringLiteral("unauthorized");
    }
    return {};
}

} // namespace creditdesk
