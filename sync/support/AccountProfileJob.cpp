#include "AccountProfileJob.h"

#include "ServerConnection.h"
#include "SupportJson.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace creditdesk {

AccountProfileJob::AccountProfileJob(ServerConnection *connection, QString accountId)
    : ApiJob(connection)
    , m_account(std::move(accountId))
{}

QNetworkReply *AccountProfileJob::send(QNetworkAccessManager &manager)
{
    return manager.get(
        connection()->request(QStringLiteral("/v1/accounts/%1")
                                  .arg(QString::fromLatin1(QUrl::toPercentEncoding(m_account))),
                              {}));
}

void AccountProfileJob::answer(int, const QByteArray &body, QNetworkReply &)
{
    QString error;
    auto profile = SupportJson::profile(QJsonDocument::fromJson(body).object(), &error);
    if (!profile) {
        fail(ApiFailure::malformed(error));
        return;
    }
    succeeded();
    emit finished(*profile);
}

} // namespace creditdesk
