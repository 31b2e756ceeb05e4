#pragma once

#include "ApiFailure.h"
#include "ApiJob.h"
#include "SupportRecords.h"

#include <variant>

namespace creditdesk {

// GET /v1/accounts?q=&limit=&cursor= (support): one page of accounts whose email, name or id
// matches `query` (3+ characters: any part; 1–2: the start of name or email, or the exact id).
// Pass the previous page's nextCursor for the next page, with the same query.
class AccountSearchJob : public ApiJob
{
    Q_OBJECT
public:
    using Result = std::variant<AccountSearchPage, ApiFailure>;
    AccountSearchJob(ServerConnection *connection, QString query, QString cursor = {},
                     int limit = 50);
    const QString &query() const { return m_query; }

signals:
    void finished(const creditdesk::AccountSearchJob::Result &result);

protected:
    QNetworkReply *send(QNetworkAccessManager &manager) override;
    void answer(int status, const QByteArray &body, QNetworkReply &reply) override;
    void deliverFailure(const ApiFailure &failure) override { emit finished(failure); }

private:
    QString m_query;
    QString m_cursor;
    int m_limit;
};

} // namespace creditdesk
