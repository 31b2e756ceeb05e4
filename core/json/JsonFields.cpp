#include "JsonFields.h"

#include "IsoTime.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

namespace creditdesk {

namespace {

// The checks and their wording, shared by JsonFields and JsonDomFields. `fail(message)` throws.
enum class Sign { Positive, NonNegative };

template <typename Fail> Credits checkedAmount(bool isNumber, double value, Sign sign, Fail fail)
{
    if (!isNumber)
        fail(QStringLiteral("expected a number"));
    const auto amount = Credits::fromJsonNumber(value);
    if (!amount)
        fail(QStringLiteral("an amount has at most 3 fractional digits"));
    if (sign == Sign::Positive && !amount->isPositive())
        fail(QStringLiteral("an amount must be greater than 0"));
    if (sign == Sign::NonNegative && amount->isNegative())
        fail(QStringLiteral("an amount must not be negative"));
    return *amount;
}

template <typename Fail>
qint64 checkedWholeNumber(bool isNumber, double d, qint64 minimum, Fail fail)
{
    if (!isNumber || !std::isfinite(d) || d != std::floor(d) || d < double(minimum) || d > 9.0e15)
        fail(QStringLiteral("expected a whole number >= %1").arg(minimum));
    return qint64(d);
}

QString timeNotAString()
{
    return QStringLiteral("not an ISO 8601 time (expected a string like 2027-01-01T00:00:00Z)");
}

QString notATime(const QString &text)
{
    return QStringLiteral("not an ISO 8601 time with an offset "
                          "(YYYY-MM-DDThh:mm:ss followed by Z or ±hh:mm): \"%1\"")
        .arg(text);
}

} // namespace

// ---- JsonFields (QJsonObject) -------------------------------------------------------------

JsonFields::JsonFields(const QJsonValue &value, QString path)
    : m_path(std::move(path))
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
    // An optional field given as null is not given.
    return m_object.contains(key) && !m_object.value(key).isNull();
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
    return checkedAmount(v.isDouble(), v.toDouble(), Sign::Positive,
                         [&](const QString &message) { fail(key, message); });
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
    return checkedAmount(v.isDouble(), v.toDouble(), Sign::NonNegative,
                         [&](const QString &message) { fail(key, message); });
}

TimePoint JsonFields::time(QStringView key) const
{
    const QJsonValue v = require(key);
    if (!v.isString())
        fail(key, timeNotAString());
    const auto t = IsoTime::parse(v.toString());
    if (!t)
        fail(key, notATime(v.toString()));
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
    return checkedWholeNumber(v.isDouble(), v.toDouble(), minimum,
                              [&](const QString &message) { fail(key, message); });
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

// ---- JsonDomFields (json::Document) -------------------------------------------------------

QString JsonPath::toString() const
{
    if (index < 0)
        return QString();
    return QString::fromLatin1(array.data(), qsizetype(array.size())) + u'[' +
           QString::number(index) + u']';
}

namespace {
// A key's tag as FieldKey::tagOf() makes it.
std::uint64_t tagOf(const char *text, std::size_t size, const char *end)
{
    if (std::endian::native == std::endian::little && end - text >= 8) {
        std::uint64_t word;
        std::memcpy(&word, text, 8);
        const std::uint64_t mask = (std::uint64_t(1) << (8 * std::min<std::size_t>(size, 7))) - 1;
        return (word & mask) | std::uint64_t(size) << 56;
    }
    return FieldKey::tagOf(std::string_view(text, size));
}
} // namespace

JsonDomFields::JsonDomFields(const json::Document &document, std::uint32_t node, JsonPath path)
    : m_document(document)
    , m_object(node)
    , m_path(path)
{
    const json::Node &object = document[node];
    if (object.kind != json::Kind::Object)
        failAt(m_path.toString(), QStringLiteral("expected an object"));
    for (std::uint32_t key = node + 1; key < object.end; key = document.next(key + 1)) {
        const json::Node &k = document[key];
        if (m_keyCount == MaxKeys || k.flags == json::Escaped || k.bytes >= 255) {
            m_keyCount = -1;
            break;
        }
        m_keys[std::size_t(m_keyCount++)] =
            Key{tagOf(k.text, std::size_t(k.bytes), document.end()), k.text, key + 1};
    }
}

QString JsonDomFields::pathOf(FieldKey key) const
{
    const QString name = QString::fromLatin1(key.text, qsizetype(key.size()));
    const QString base = m_path.toString();
    return base.isEmpty() ? name : base + u'.' + name;
}

void JsonDomFields::fail(FieldKey key, const QString &message) const
{
    failAt(pathOf(key), message);
}

bool JsonDomFields::sameTail(const char *text, FieldKey key)
{
    return std::memcmp(text + 7, key.text + 7, key.size() - 7) == 0;
}

void JsonDomFields::failMissing(FieldKey key) const
{
    fail(key, QStringLiteral("missing"));
}

void JsonDomFields::failNotString(FieldKey key) const
{
    fail(key, QStringLiteral("expected a string"));
}

QString JsonDomFields::string(FieldKey key) const
{
    return json::toString(stringNode(key));
}

std::optional<QString> JsonDomFields::optionalString(FieldKey key) const
{
    if (!has(key))
        return std::nullopt;
    return string(key);
}

Credits JsonDomFields::positiveAmount(FieldKey key) const
{
    const json::Node &v = require(key);
    return checkedAmount(v.kind == json::Kind::Number, v.number, Sign::Positive,
                         [&](const QString &message) { fail(key, message); });
}

std::optional<Credits> JsonDomFields::optionalPositiveAmount(FieldKey key) const
{
    if (!has(key))
        return std::nullopt;
    return positiveAmount(key);
}

Credits JsonDomFields::nonNegativeAmount(FieldKey key) const
{
    const json::Node &v = require(key);
    return checkedAmount(v.kind == json::Kind::Number, v.number, Sign::NonNegative,
                         [&](const QString &message) { fail(key, message); });
}

TimePoint JsonDomFields::time(FieldKey key) const
{
    const json::Node &v = require(key);
    if (v.kind != json::Kind::String)
        fail(key, timeNotAString());
    std::optional<TimePoint> t;
    if (v.flags == json::PlainAscii && v.bytes <= 32) { // all good times
        std::array<char16_t, 32> text;
        for (qsizetype i = 0; i < v.bytes; ++i)
            text[std::size_t(i)] = char16_t(static_cast<unsigned char>(v.text[i]));
        t = IsoTime::parse(QStringView(text.data(), v.bytes));
    } else {
        t = IsoTime::parse(json::toString(v));
    }
    if (!t)
        fail(key, notATime(json::toString(v)));
    return *t;
}

std::optional<TimePoint> JsonDomFields::optionalTime(FieldKey key) const
{
    if (!has(key))
        return std::nullopt;
    return time(key);
}

qint64 JsonDomFields::wholeNumber(FieldKey key, qint64 minimum) const
{
    const json::Node &v = require(key);
    return checkedWholeNumber(v.kind == json::Kind::Number, v.number, minimum,
                              [&](const QString &message) { fail(key, message); });
}

std::optional<qint64> JsonDomFields::optionalWholeNumber(FieldKey key, qint64 minimum) const
{
    if (!has(key))
        return std::nullopt;
    return wholeNumber(key, minimum);
}

std::optional<bool> JsonDomFields::optionalBool(FieldKey key) const
{
    const std::uint32_t v = value(key);
    if (v == json::NoNode)
        return std::nullopt;
    if (m_document[v].kind != json::Kind::Bool)
        fail(key, QStringLiteral("expected true or false"));
    return m_document[v].flags != 0;
}

} // namespace creditdesk
