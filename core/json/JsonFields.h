#pragma once

#include "Credits.h"
#include "JsonDom.h"
#include "ParseError.h"
#include "TimePoint.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <array>
#include <optional>
#include <string_view>

namespace creditdesk {

// Typed, path-aware access to the fields of one JSON object. Every reader in the core goes
// through it (or through JsonDomFields below, its twin over a json::Document) so that every
// file gets the same strict checks and the same error wording.
// Problems are thrown as ParseError and caught once, at the reader's public entry point.
class JsonFields
{
public:
    JsonFields(const QJsonValue &value, QString path);

    const QString &path() const { return m_path; }
    QString pathOf(QStringView key) const;
    bool has(QStringView key) const;
    QJsonValue value(QStringView key) const { return m_object.value(key); }
    const QJsonObject &object() const { return m_object; }

    QString string(QStringView key) const;
    std::optional<QString> optionalString(QStringView key) const;
    Credits positiveAmount(QStringView key) const;
    std::optional<Credits> optionalPositiveAmount(QStringView key) const;
    Credits nonNegativeAmount(QStringView key) const;
    TimePoint time(QStringView key) const;
    std::optional<TimePoint> optionalTime(QStringView key) const;
    // A whole number >= minimum (JSON numbers are judged by value: 80000.0 is whole).
    qint64 wholeNumber(QStringView key, qint64 minimum) const;
    std::optional<qint64> optionalWholeNumber(QStringView key, qint64 minimum) const;
    std::optional<bool> optionalBool(QStringView key) const;

    [[noreturn]] void fail(QStringView key, const QString &message) const;
    [[noreturn]] static void failAt(const QString &path, const QString &message);

private:
    QJsonValue require(QStringView key) const;

    QJsonObject m_object;
    QString m_path;
};

// Where an object sits in its file, spelled out only when a message needs it: the root (no
// array), or `array[index]` (scenario events are read by the million).
struct JsonPath
{
    std::string_view array;
    qsizetype index = -1;

    QString toString() const;
};

// The name of a member (ASCII) as a word: its first 7 bytes (little-endian order) and its
// length in the top byte, computed when the program is compiled for the readers' literals.
// Two words, so that it travels in registers.
struct FieldKey
{
    constexpr FieldKey(const char *literal)
        : FieldKey(std::string_view(literal))
    {}
    constexpr FieldKey(std::string_view key)
        : text(key.data())
        , tag(tagOf(key))
    {}

    static constexpr std::uint64_t tagOf(std::string_view key)
    {
        std::uint64_t word = std::uint64_t(key.size() < 255 ? key.size() : 255) << 56;
        for (std::size_t i = 0; i < key.size() && i < 7; ++i)
            word |= std::uint64_t(static_cast<unsigned char>(key[i])) << (8 * i);
        return word;
    }
    std::size_t size() const { return std::size_t(tag >> 56); }
    std::string_view name() const { return std::string_view(text, size()); }

    const char *text;
    std::uint64_t tag;
};

// JsonFields over an object of a json::Document: the same checks and messages; strings are
// decoded only for what is asked.
class JsonDomFields
{
public:
    JsonDomFields(const json::Document &document, std::uint32_t node, JsonPath path);

    QString path() const { return m_path.toString(); }
    QString pathOf(FieldKey key) const;
    bool has(FieldKey key) const { return value(key) != json::NoNode; }
    // The member's node, or json::NoNode when it is absent or null: an optional field given
    // as null is not given (answers write null for "none", so files do too).
    std::uint32_t value(FieldKey key) const
    {
        if (m_keyCount < 0 || key.size() >= 255)
            return notNull(m_document.member(m_object, key.name()));
        for (int i = m_keyCount - 1; i >= 0; --i) { // the last one counts
            const Key &k = m_keys[std::size_t(i)];
            if (k.tag == key.tag && (key.size() <= 7 || sameTail(k.text, key)))
                return notNull(k.value);
        }
        return json::NoNode;
    }
    const json::Document &document() const { return m_document; }
    std::uint32_t notNull(std::uint32_t node) const
    {
        return node != json::NoNode && m_document[node].kind == json::Kind::Null ? json::NoNode
                                                                                 : node;
    }

    QString string(FieldKey key) const;
    // The string node itself (checked to be a string).
    const json::Node &stringNode(FieldKey key) const
    {
        const json::Node &v = require(key);
        if (v.kind != json::Kind::String)
            failNotString(key);
        return v;
    }
    std::optional<QString> optionalString(FieldKey key) const;
    Credits positiveAmount(FieldKey key) const;
    std::optional<Credits> optionalPositiveAmount(FieldKey key) const;
    Credits nonNegativeAmount(FieldKey key) const;
    TimePoint time(FieldKey key) const;
    std::optional<TimePoint> optionalTime(FieldKey key) const;
    qint64 wholeNumber(FieldKey key, qint64 minimum) const;
    std::optional<qint64> optionalWholeNumber(FieldKey key, qint64 minimum) const;
    std::optional<bool> optionalBool(FieldKey key) const;

    [[noreturn]] void fail(FieldKey key, const QString &message) const;
    [[noreturn]] static void failAt(const QString &path, const QString &message)
    {
        JsonFields::failAt(path, message);
    }

private:
    const json::Node &require(FieldKey key) const
    {
        const std::uint32_t v = value(key);
        if (v == json::NoNode)
            failMissing(key);
        return m_document[v];
    }
    // Whether a key of key.size() bytes at `text` ends as `key` does (past the tag's 7 bytes).
    static bool sameTail(const char *text, FieldKey key);
    [[noreturn]] void failMissing(FieldKey key) const;
    [[noreturn]] void failNotString(FieldKey key) const;

    const json::Document &m_document;
    std::uint32_t m_object;
    JsonPath m_path;
    // The members' keys, for lookups without a pass over the document's nodes. Not used (-1)
    // for an object with many members, or escaped or long keys.
    struct Key
    {
        std::uint64_t tag; // as FieldKey's
        const char *text;
        std::uint32_t value;
    };
    static constexpr int MaxKeys = 16;
    std::array<Key, MaxKeys> m_keys;
    int m_keyCount = 0;
};

} // namespace creditdesk
