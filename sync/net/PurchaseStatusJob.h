#pragma once

#include "ApiFailure.h"
#include "ApiJob.h"
#include "SyncedAccount.h"

#include <variant>

namespace creditdesk {

// GET /v1/accounts/{id}/purchases/{purchase}: one purchase's state (pending → completed/failed).
class PurchaseStatusJob : public ApiJob
{
    Q_OBJECT
public:
    using Result = std::variant<PurchaseInfo, ApiFailure>;
    PurchaseStatusJob(ServerConnection *connection, QString accountId, QString purchaseId);

signals:
    void finished(const creditdesk::PurchaseStatusJob::Result &result);

protected:
    QNetworkReply *send(QNetworkAccessManager &manager) override;
    void answer(int status, const QByteArray &body, QNetworkReply &reply) override;
    void deliverFailure(const ApiFailure &failure) override { emit finished(failure); }

private:
    QString m_account;
    QString m_purchase;
};

} // namespace creditdesk
