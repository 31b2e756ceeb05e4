#include "PacksJob.h"

#include "ApiJson.h"
#include "ServerConnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace creditdesk {

PacksJob::PacksJob(ServerConnection *connection)
    : ApiJob(connection)
{}

QNetworkReply *PacksJob::send(QNetworkAccessManager &manager)
{
    return manager.get(connection()->request(QStringLiteral("/v1/packs"), {}));
}

void PacksJob::answer(int status, const QByteArray &body, QNetworkReply &)
{
    const QJsonArray catalogue =
        QJsonDocument::fromJson(body).object().value(QLatin1String("catalogue")).toArray();
    if (status != 200 || catalogue.isEmpty() || !catalogue.first().isObject()) {
        fail(ApiFailure::malformed(tr("catalogue")));
        return;
    }
    const QJsonObject entry = catalogue.first().toObject();
    PackCatalogue c;
    c.preset = entry.value(QLatin1String("preset")).toString();
    c.title = entry.value(QLatin1String("title")).toString();
    c.unit = entry.value(QLatin1String("unit")).toString();
    c.customAmount = entry.value(QLatin1String("custom_amount")).toBool();
    if (entry.contains(QLatin1String("max_amount")))
        c.maxAmount = ApiJson::amount(entry.value(QLatin1String("max_amount")));
    QString error;
    for (const QJsonValue &v : entry.value(QLatin1String("packs")).toArray()) {
        const QJsonObject p = v.toObject();
        PackOffer offer;
        offer.name = p.value(QLatin1String("name")).toString();
        const auto amount = ApiJson::amount(p.value(QLatin1String("amount")));
        if (offer.name.isEmpty() || !amount) {
            fail(ApiFailure::malformed(tr("pack")));
            return;
        }
        offer.amount = *amount;
        if (p.value(QLatin1String("price")).isObject()) {
            auto price = ApiJson::price(p.value(QLatin1String("price")), &error);
            if (!price) {
                fail(ApiFailure::malformed(error));
                return;
            }
            offer.price = *price;
        }
        c.packs << offer;
    }
    succeeded();
    emit finished(c);
}

} // namespace creditdesk
