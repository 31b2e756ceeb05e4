#include "JsonFields.h"

#include "IsoTime.h"

#include <cmath>

namespace creditdesk {

JsonFields::JsonFields(const QJsonValue &value, QString path) : m_path(std::move(path))
{
    if (!value.isObject())
        failAt(m_path, QStringLiteral("expected an object"));
    m_object = value.toObject();
}

QString JsonFields::pathOf(QStringView key) const
{
    return m_path.isEmpty() ? key.toString() : m_path + u'.' + key.toString();
}

bool JsonFields::has(QStringView key) const
{
    return m_object.contains(key);
}

void JsonFields::fail(QStringView key, const QString &message) const
{
    failAt(pathOf(key), message);
}

void JsonFields::failAt(const QString &path, const QString &message)
{
    throw ParseError{path, message};
}

QJsonValue JsonFields::require(QStringView key) const
{
    if (!m_object.contains(key))
        fail(key, QStringLiteral("missing"));
    return m_object.value(key);
}

QString JsonFields::string(QStringView key) const
{
    const QJsonValue v = require(key);
    if (!v.isString())
        fail(key, QStringLiteral("expected a string"));
    return v.toString();
}

std::optional<QString> JsonFields::optionalString(QStringView key) const
{
    if (!has(key))
        return std::nullopt;
    return string(key);
}

Credits JsonFields::positiveAmount(QStringView key) const
{
    const QJsonValue v = require(key);
    if (!v.isDouble())
        fail(key, QStringLiteral("expected a number"));
    const auto amount = Credits::fromJsonNumber(v.toDouble());
    if (!amount)
        fail(key, QStringLiteral("an amount has at most 3 fractional digits"));
    if (!amount->isPositive())
        fail(key, QStringLiteral("an amount must be greater than 0"));
    return *amount;
}

std::optional<Credits> JsonFields::optionalPositiveAmount(QStringView key) const
{
    if (!has(key))
        return std::nullopt;
    return positiveAmount(key);
}

Credits JsonFields::nonNegativeAmount(QStringView key) const
{
    const QJsonValue v = require(key);
    if (!v.isDouble())
        fail(key, QStringLiteral("expected a number"));
    const auto amount = Credits::fromJsonNumber(v.toDouble());
    if (!amount)
        fail(key, QStringLiteral("an amount has at most 3 fractional digits"));
    if (amount->isNegative())
        fail(key, QStringLiteral("an amount must not be negative"));
    return *amount;
}

TimePoint JsonFields::time(QStringView key) const
{
    const QJsonValue v = require(key);
    if (!v.isString())
        fail(key, QStringLiteral("not an ISO 8601 time (expected a string like "
                                 "2027-01-01T00:00:00Z)"));
    const auto t = IsoTime::parse(v.toString());
    if (!t)
        fail(key, QStringLiteral("not an ISO 8601 time with an offset "
                                 "(YYYY-MM-DDThh:mm:ss followed by Z or ±hh:mm): \"%1\"")
                      .arg(v.toString()));
    return *t;
}

std::optional<TimePoint> JsonFields::optionalTime(QStringView key) const
{
    if (!has(key))
        return std::nullopt;
    return time(key);
}

qint64 JsonFields::wholeNumber(QStringView key, qint64 minimum) const
{
    const QJsonValue v = require(key);
    const QString expectation = QStringLiteral("expected a whole number >= %1").arg(minimum);
    if (!v.isDouble())
        fail(key, expectation);
    const double d = v.toDouble();
    if (!std::isfinite(d) || d != std::floor(d) || d < double(minimum) || d > 9.0e15)
        fail(key, expectation);
    return qint64(d);
}

std::optional<qint64> JsonFields::optionalWholeNumber(QStringView key, qint64 minimum) const
{
    if (!has(key))
        return std::nullopt;
    return wholeNumber(key, minimum);
}

std::optional<bool> JsonFields::optionalBool(QStringView key) const
{
    if (!has(key))
        return std::nullopt;
    const QJsonValue v = m_object.value(key);
    if (!v.isBool())
        fail(key, QStringLiteral("expected true or false"));
    return v.toBool();
}

} // namespace creditdesk
