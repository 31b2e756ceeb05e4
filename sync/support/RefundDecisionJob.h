#pragma once

#include "ApiFailure.h"
#include "ApiJob.h"
#include "SupportRecords.h"

#include <variant>

namespace creditdesk {

// POST /v1/refund-requests/{id}/approve {note} or …/decline {reason} (support). Finishes with
// the decision (who, when, refunded, balance before and after), or RefundAlreadyDecided when
// another agent decided it first (409 refund_request_closed: who and when), or a failure.
class RefundDecisionJob : public ApiJob
{
    Q_OBJECT
public:
    enum class Verdict : quint8 { Approve, Decline };
    using Result = std::variant<RefundDecision, RefundAlreadyDecided, ApiFailure>;
    // `text`: the approval's note (may be empty) or the decline's reason (required).
    RefundDecisionJob(ServerConnection *connection, QString requestId, Verdict verdict,
                      QString text);

signals:
    void finished(const creditdesk::RefundDecisionJob::Result &result);

protected:
    QNetworkReply *send(QNetworkAccessManager &manager) override;
    void answer(int status, const QByteArray &body, QNetworkReply &reply) override;
    void deliverFailure(const ApiFailure &failure) override;

private:
    QString m_request;
    Verdict m_verdict;
    QString m_text;
};

} // namespace creditdesk
