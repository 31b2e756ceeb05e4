#include "MeJob.h"

#include "ServerConnection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace creditdesk {

MeJob::MeJob(ServerConnection *connection)
    : ApiJob(connection)
{}

QNetworkReply *MeJob::send(QNetworkAccessManager &manager)
{
    return manager.get(connection()->request(QStringLiteral("/v1/me"), {}));
}

void MeJob::answer(int status, const QByteArray &body, QNetworkReply &)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    const QJsonValue role = o.value(QLatin1String("role"));
    if (status != 200 || !role.isString()) {
        fail(ApiFailure::malformed(tr("identity")));
        return;
    }
    MeInfo me;
    me.tokenId = o.value(QLatin1String("token_id")).toString();
    me.role = role.toString();
    me.label = o.value(QLatin1String("label")).toString();
    const QJsonObject account = o.value(QLatin1String("account")).toObject();
    me.accountId = account.value(QLatin1String("id")).toString();
    me.accountName = account.value(QLatin1String("name")).toString();
    me.preset = account.value(QLatin1String("preset")).toString();
    me.timezone = account.value(QLatin1String("timezone")).toString();
    if (me.role == u"member" && me.accountId.isEmpty()) {
        fail(ApiFailure::malformed(tr("account")));
        return;
    }
    succeeded();
    emit finished(me);
}

} // namespace creditdesk
