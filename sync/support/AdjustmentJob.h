#pragma once

#include "AdjustmentDraft.h"
#include "ApiFailure.h"
#include "ApiJob.h"
#include "SupportRecords.h"

#include <variant>

namespace creditdesk {

// POST /v1/accounts/{id}/adjustments (support): grants or debits credits with a reason (a dry
// run when the draft says so: nothing written, the balances before and after all the same).
// The server refuses what AdjustmentDraft::check refuses (400 naming the field) and a debit
// above what is available (409 insufficient_credits): both arrive as ApiFailure (Http) with
// errorCode and errorField.
class AdjustmentJob : public ApiJob
{
    Q_OBJECT
public:
    using Result = std::variant<AdjustmentOutcome, ApiFailure>;
    AdjustmentJob(ServerConnection *connection, QString accountId, AdjustmentDraft draft);

signals:
    void finished(const creditdesk::AdjustmentJob::Result &result);

protected:
    QNetworkReply *send(QNetworkAccessManager &manager) override;
    void answer(int status, const QByteArray &body, QNetworkReply &reply) override;
    void deliverFailure(const ApiFailure &failure) override { emit finished(failure); }

private:
    QString m_account;
    AdjustmentDraft m_draft;
};

} // namespace creditdesk
