#pragma once

#include "SupportRecords.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace creditdesk {

// Reads the support endpoints' JSON (docs/api/openapi.yaml) into SupportRecords, as strictly
// as ApiJson: a required field missing or of the wrong type fails the whole read with `error`
// naming it, so a job reports Malformed rather than a half-read answer.
class SupportJson
{
public:
    static std::optional<AccountSearchPage> searchPage(const QJsonObject &o, QString *error);
    static std::optional<AccountProfile> profile(const QJsonObject &o, QString *error);
    static std::optional<SupportPurchase> purchase(const QJsonObject &o, QString *error);
    static std::optional<QueuedRefund> queuedRefund(const QJsonObject &o, QString *error);
    static std::optional<RefundQueuePage> refundQueue(const QJsonObject &o, QString *error);
    static std::optional<RefundDecision> decision(const QJsonObject &o, QString *error);
    static std::optional<AdjustmentOutcome> adjustment(const QJsonObject &o, QString *error);
    static std::optional<AuditPage> auditPage(const QJsonObject &o, QString *error);
    static std::optional<LedgerLine> ledgerLine(const QJsonObject &o, QString *error);
    static std::optional<Decider> decider(const QJsonObject &o, QString *error);
};

} // namespace creditdesk
