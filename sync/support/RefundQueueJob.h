#pragma once

#include "ApiFailure.h"
#include "ApiJob.h"
#include "SupportRecords.h"

#include <variant>

namespace creditdesk {

// What part of the refund queue to read: a state (empty: all), one account (empty: all), the
// page after `cursor` (a previous page's nextCursor), at most `limit`.
struct RefundQueueFilter
{
    QString status;
    QString accountId;
    QString cursor;
    int limit = 100;
};

// GET /v1/refund-requests (support): members' refund requests newest first, each with the
// member's reason, the task's detail and ledger entries, and who decided it when.
class RefundQueueJob : public ApiJob
{
    Q_OBJECT
public:
    using Result = std::variant<RefundQueuePage, ApiFailure>;
    RefundQueueJob(ServerConnection *connection, RefundQueueFilter filter = {});

signals:
    void finished(const creditdesk::RefundQueueJob::Result &result);

protected:
    QNetworkReply *send(QNetworkAccessManager &manager) override;
    void answer(int status, const QByteArray &body, QNetworkReply &reply) override;
    void deliverFailure(const ApiFailure &failure) override { emit finished(failure); }

private:
    RefundQueueFilter m_filter;
};

} // namespace creditdesk
