#pragma once

#include "BucketKind.h"
#include "Credits.h"
#include "CycleRule.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace creditdesk {

enum class Outcome : quint8 { Success, SystemError, ContentViolation, Cancelled };
inline constexpr int OutcomeCount = 4;
QString outcomeName(Outcome outcome);
std::optional<Outcome> outcomeFromName(QStringView name);

enum class Admission : quint8 {
    Positive, // a task may start while available > 0; the shortfall is written off
    Covers,   // a task may start only if available covers its cost, which is reserved
};

struct UsageWindowRule
{
    QString kind; // "5h", "7d": how the window is named in answers
    qint64 lengthSeconds = 0;
    Credits limit;
};

struct PlanRule
{
    QString name;
    Credits allotment;
    CycleRule cycle;
    QList<UsageWindowRule> windows; // shortest first
};

struct OneTimeGrant
{
    BucketKind kind = BucketKind::SignupFree;
    Credits amount;
};

struct RecurringGrant
{
    BucketKind kind = BucketKind::DailyFree;
    Credits amount;
    CycleRule cycle;
};

struct PriceTier
{
    QString name;
    Credits price;
};

struct FeatureRule
{
    enum class Pricing : quint8 {
        PerUnit,           // price × quantity
        PerThousandTokens, // price per 1,000 tokens processed
        PerModel,          // price × models × quantity (models up to maxModels)
        TierOfRequest,     // the request's tier's price × quantity
    };
    QString name;
    Pricing pricing = Pricing::PerUnit;
    Credits price;
    int maxModels = 10000; // PerModel only
    // What the feature's quantity counts, as a plural noun ("images", "seconds of video");
    // empty for token-priced features (they count tokens) and where the preset names none.
    QString quantityUnit;
};

// What a pack costs in money, as the preset names it ({"amount": 10, "currency": "USD"}).
struct Price
{
    Credits amount;   // in the currency's units, thousandths exact (never a double)
    QString currency; // ISO 4217 code, three capital letters
};

struct Pack
{
    QString name;
    Credits amount;
    std::optional<Price> price; // absent where the preset names no price
};

// One credit system, entirely as data: the engine reads nothing else about a preset.
struct Policy
{
    QString name;
    QString title;
    QString summary;
    QString unit; // "credits", "requests", "tokens": what the member calls them
    QStringList notes;
    Admission admission = Admission::Positive;
    QList<PlanRule> plans;
    QList<Pack> packs;
    QList<PriceTier> tiers;
    QList<FeatureRule> features;
    QList<OneTimeGrant> signupGrants;
    QList<RecurringGrant> signupRecurring;
    // Lower pays first; kinds without a rank come after all ranked kinds, together.
    std::array<int, BucketKindCount> priority{};
    // Per bucket kind: the features it may pay for (feature indexes); empty = every feature.
    std::array<QList<int>, BucketKindCount> payableFeatures;
    std::array<bool, OutcomeCount> chargedOutcomes{true, true, true, true};
    bool taskEndRequiresTokens = false;
    qint64 defaultTokens = 1000; // a token-priced task's estimate when none is given
    // The JSON object the policy was read from, as written: the server sends it to clients
    // (the events feed), which replay under it, and exports write it inline.
    QJsonObject source;

    int planIndex(QStringView planName) const;
    int packIndex(QStringView packName) const;
    int featureIndex(QStringView featureName) const;
    int tierIndex(QStringView tierName) const;
    bool hasApplicability() const;
    bool mayPay(BucketKind kind, int feature) const;
};

} // namespace creditdesk
