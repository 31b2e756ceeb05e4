#pragma once

#include "ApiFailure.h"
#include "ApiJob.h"
#include "SupportRecords.h"

#include <variant>

namespace creditdesk {

// GET /v1/accounts/{id}/purchases?status=&limit=: a member's purchases newest first, each with
// its payment state (pending / completed when / failed why) and, once completed, its receipt.
class SupportPurchasesJob : public ApiJob
{
    Q_OBJECT
public:
    using Result = std::variant<QList<SupportPurchase>, ApiFailure>;
    // `status` empty: every state.
    SupportPurchasesJob(ServerConnection *connection, QString accountId, QString status = {},
                        int limit = 100);

signals:
    void finished(const creditdesk::SupportPurchasesJob::Result &result);

protected:
    QNetworkReply *send(QNetworkAccessManager &manager) override;
    void answer(int status, const QByteArray &body, QNetworkReply &reply) override;
    void deliverFailure(const ApiFailure &failure) override { emit finished(failure); }

private:
    QString m_account;
    QString m_status;
    int m_limit;
};

} // namespace creditdesk
