#pragma once

#include "ApiFailure.h"
#include "ApiJob.h"
#include "SyncedAccount.h"

#include <variant>

namespace creditdesk {

// POST /v1/accounts/{id}/refund-requests {task, reason}: asks support to refund a charged task.
class RefundRequestJob : public ApiJob
{
    Q_OBJECT
public:
    using Result = std::variant<RefundRequestInfo, ApiFailure>;
    RefundRequestJob(ServerConnection *connection, QString accountId, QString task, QString reason);

signals:
    void finished(const creditdesk::RefundRequestJob::Result &result);

protected:
    QNetworkReply *send(QNetworkAccessManager &manager) override;
    void answer(int status, const QByteArray &body, QNetworkReply &reply) override;
    void deliverFailure(const ApiFailure &failure) override { emit finished(failure); }

private:
    QString m_account;
    QString m_task;
    QString m_reason;
};

} // namespace creditdesk
