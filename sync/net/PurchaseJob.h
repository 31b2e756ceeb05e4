#pragma once

#include "ApiFailure.h"
#include "ApiJob.h"
#include "SyncedAccount.h"

#include <variant>

namespace creditdesk {

// POST /v1/accounts/{id}/purchases with an Idempotency-Key: buys a pack (or an amount). The
// same key and body answer the first answer again, so resending after a dropped reply is safe.
class PurchaseJob : public ApiJob
{
    Q_OBJECT
public:
    using Result = std::variant<PurchaseInfo, ApiFailure>;
    // `body` is the request's JSON text ({"pack": …} or {"amount": …}), kept byte for byte
    // with the key so that a retry sends exactly the same request.
    PurchaseJob(ServerConnection *connection, QString accountId, QByteArray idempotencyKey,
                QByteArray body);

signals:
    void finished(const creditdesk::PurchaseJob::Result &result);

protected:
    QNetworkReply *send(QNetworkAccessManager &manager) override;
    void answer(int status, const QByteArray &body, QNetworkReply &reply) override;
    void deliverFailure(const ApiFailure &failure) override { emit finished(failure); }

private:
    QString m_account;
    QByteArray m_key;
    QByteArray m_body;
};

} // namespace creditdesk
