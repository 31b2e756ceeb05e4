#pragma once

#include "ApiFailure.h"
#include "ApiJob.h"
#include "SupportRecords.h"

#include <variant>

namespace creditdesk {

// What part of the audit trail to read: one account (empty: every account), one action
// (empty: all; "adjustment.grant", "refund_request.approve"…), the page after `cursor`.
struct AuditFilter
{
    QString accountId;
    QString action;
    QString cursor;
    int limit = 100;
};

// GET /v1/accounts/{id}/audit or /v1/audit (support): the append-only audit trail newest
// first: who, when, what, why, and the balance before and after each adjustment and refund
// decision.
class AuditTrailJob : public ApiJob
{
    Q_OBJECT
public:
    using Result = std::variant<AuditPage, ApiFailure>;
    AuditTrailJob(ServerConnection *connection, AuditFilter filter = {});

signals:
    void finished(const creditdesk::AuditTrailJob::Result &result);

protected:
    QNetworkReply *send(QNetworkAccessManager &manager) override;
    void answer(int status, const QByteArray &body, QNetworkReply &reply) override;
    void deliverFailure(const ApiFailure &failure) override { emit finished(failure); }

private:
    AuditFilter m_filter;
};

} // namespace creditdesk
