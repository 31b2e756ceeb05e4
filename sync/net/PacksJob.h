#pragma once

#include "ApiFailure.h"
#include "ApiJob.h"
#include "SyncedAccount.h"

#include <variant>

namespace creditdesk {

// What the member's preset sells (one entry of GET /v1/packs' catalogue).
struct PackCatalogue
{
    QString preset;
    QString title;
    QString unit;
    QList<PackOffer> packs;
    bool customAmount = false;
    std::optional<Credits> maxAmount; // the server's published maximum, when it sends one
};

// GET /v1/packs: the member's preset's catalogue.
class PacksJob : public ApiJob
{
    Q_OBJECT
public:
    using Result = std::variant<PackCatalogue, ApiFailure>;
    explicit PacksJob(ServerConnection *connection);

signals:
    void finished(const creditdesk::PacksJob::Result &result);

protected:
    QNetworkReply *send(QNetworkAccessManager &manager) override;
    void answer(int status, const QByteArray &body, QNetworkReply &reply) override;
    void deliverFailure(const ApiFailure &failure) override { emit finished(failure); }
};

} // namespace creditdesk
