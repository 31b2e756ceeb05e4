#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace creditdesk {

// Why a request to the server did not give a usable answer, typed so the connection state,
// the schedule and the UI can each decide what it means for them without reading text:
//  - Network: no answer at all (refused, reset, host unreachable, a dropped reply);
//  - Timeout: no progress within the job's transfer timeout;
//  - Tls: the certificate did not verify and the member did not trust it (or was not asked);
//  - Http: the server answered with an error status (its {"error": …} decoded when present);
//  - Malformed: a 2xx whose body is not what the API promises (truncated, not JSON, a field
//    missing or of the wrong type) — nothing of it is used;
//  - RateLimited: 429, with the seconds Retry-After asked for;
//  - Unauthorized: 401, the token is not (or no longer) valid.
// `message` is a sentence in words for the member; the rest is for code and logs.
struct ApiFailure
{
    enum class Kind : quint8 { Network, Timeout, Tls, Http, Malformed, RateLimited, Unauthorized };

    Kind kind = Kind::Network;
    int httpStatus = 0;
    qint64 retryAfterSeconds = 0; // RateLimited
    QString errorCode;            // the server's error.code
    QString errorMessage;         // the server's error.message
    QString errorField;           // the server's error.field
    QJsonObject errorDetails;     // the server's error.details (e.g. who decided a refund)
    QString message;              // for the member, in words

    static ApiFailure network(const QString &why);
    static ApiFailure timeout(int seconds);
    static ApiFailure tls(const QString &why);
    static ApiFailure malformed(const QString &why);
    // From an HTTP error status and its body; 401 and 429 get their own kinds.
    static ApiFailure fromHttp(int status, const QByteArray &body, const QByteArray &retryAfter);

    // Whether the server could not be reached at all (the connection goes offline).
    bool isUnreachable() const;
    static QString kindName(Kind kind);
};

} // namespace creditdesk
