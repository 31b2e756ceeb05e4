#pragma once

#include "ApiFailure.h"
#include "ApiJob.h"
#include "SupportRecords.h"

#include <variant>

namespace creditdesk {

// GET /v1/accounts/{id}: a member's profile (name, email, preset, zone, plan) for a support
// tab's header and for re-reading a remembered member.
class AccountProfileJob : public ApiJob
{
    Q_OBJECT
public:
    using Result = std::variant<AccountProfile, ApiFailure>;
    AccountProfileJob(ServerConnection *connection, QString accountId);

signals:
    void finished(const creditdesk::AccountProfileJob::Result &result);

protected:
    QNetworkReply *send(QNetworkAccessManager &manager) override;
    void answer(int status, const QByteArray &body, QNetworkReply &reply) override;
    void deliverFailure(const ApiFailure &failure) override { emit finished(failure); }

private:
    QString m_account;
};

} // namespace creditdesk
