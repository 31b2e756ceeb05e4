#pragma once

#include "Answers.h"
#include "Credits.h"
#include "SyncedAccount.h"
#include "TimePoint.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace creditdesk {

// Reads the API's JSON shapes (docs/api/openapi.yaml) into the client's types, strictly: a
// required field missing or of the wrong type makes the whole read fail with `error` naming
// it, so a job reports Malformed instead of showing a half-read answer.
class ApiJson
{
public:
    static std::optional<Credits> amount(const QJsonValue &value);
    // A Time or null (NullableTime): null gives NoTime.
    static std::optional<TimePoint> time(const QJsonValue &value, bool nullable);
    static std::optional<PurchaseInfo> purchase(const QJsonObject &o, QString *error);
    static std::optional<RefundRequestInfo> refundRequest(const QJsonObject &o, QString *error);
    static std::optional<Price> price(const QJsonValue &value, QString *error);
    static std::optional<BalanceAnswer> balance(const QJsonObject &o, QString *error);
};

} // namespace creditdesk
