#pragma once

#include "Caller.h"
#include "Policy.h"
#include "StoreRecords.h"

#include <QByteArray>

#include <cstddef>

namespace creditdesk {

class AccountLedger;
class AccountZone;
class JsonWriter;

// How the API writes its resources: fields in a fixed order, amounts as the engine's exact
// decimals, times in ISO 8601 with the account zone's offset.
class JsonViews
{
public:
    static void account(JsonWriter &w, const AccountRecord &account);
    // A search hit: the account with its email (null when none).
    static void accountMatch(JsonWriter &w, const AccountRecord &account);
    // The fields an agent knows a member by (id, name, email or null, preset, timezone), into
    // an object the caller opened: a search hit is these alone, the profile adds its own.
    static void memberFields(JsonWriter &w, const AccountRecord &account);
    // Who decided (Decider): the caller's token id, label and role.
    static void decider(JsonWriter &w, const Caller &caller);
    // A completed purchase's receipt, or null.
    static void receipt(JsonWriter &w, const PurchaseRecord &purchase, const AccountZone &zone);
    static void purchase(JsonWriter &w, const PurchaseRecord &purchase, const AccountZone &zone);
    static void refundRequest(JsonWriter &w, const RefundRequestRecord &request,
                              const AccountZone &zone);
    // Ledger entry i (0-based) of the account's engine; its cursor id is i + 1.
    static void ledgerEntry(JsonWriter &w, const AccountLedger &ledger, std::size_t i);
    static void time(JsonWriter &w, const AccountZone &zone, TimePoint t);
    // {"amount": 10, "currency": "USD"}, or null.
    static void price(JsonWriter &w, const std::optional<Price> &price);
};

} // namespace creditdesk
