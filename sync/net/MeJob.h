#pragma once

#include "ApiFailure.h"
#include "ApiJob.h"

#include <variant>

namespace creditdesk {

// Who a token belongs to (GET /v1/me).
struct MeInfo
{
    QString tokenId;
    QString role; // member, support
    QString label;
    QString accountId; // empty for support
    QString accountName;
    QString preset;
    QString timezone;
};

// GET /v1/me: checks a token at sign-in and finds the member's account.
class MeJob : public ApiJob
{
    Q_OBJECT
public:
    using Result = std::variant<MeInfo, ApiFailure>;
    explicit MeJob(ServerConnection *connection);

signals:
    void finished(const creditdesk::MeJob::Result &result);

protected:
    QNetworkReply *send(QNetworkAccessManager &manager) override;
    void answer(int status, const QByteArray &body, QNetworkReply &reply) override;
    void deliverFailure(const ApiFailure &failure) override { emit finished(failure); }
};

} // namespace creditdesk
