#pragma once

#include "ApiResponse.h"
#include "Caller.h"
#include "ServiceContext.h"

namespace creditdesk {

// Task start and end: the member's usage reports. The engine admits or rejects a start (a
// rejection is recorded, as the rules say) and settles an end; the server only checks that
// the request is well formed and that the task it names is open.
class TaskService
{
public:
    explicit TaskService(ServiceContext &context)
        : m_ctx(context)
    {}

    ApiResponse start(const Caller &caller, const QString &accountId, const QByteArray &body);
    ApiResponse end(const Caller &caller, const QString &accountId, const QString &taskId,
                    const QByteArray &body);

private:
    ServiceContext &m_ctx;
};

} // namespace creditdesk
