#pragma once

#include "Credits.h"
#include "ParseError.h"
#include "TimePoint.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace creditdesk {

// Typed, path-aware access to the fields of one JSON object. Every reader in the core goes
// through it so that every file gets the same strict checks and the same error wording.
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

} // namespace creditdesk
