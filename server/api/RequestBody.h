#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace creditdesk {

// A request's JSON body, checked before anything happens: valid UTF-8 without lone surrogate
// escapes (QJsonDocument would quietly replace them), an object, only the fields the endpoint
// knows, each of the right type; string lengths count code points, as JSON Schema's maxLength
// does. Problems are thrown as ApiError 400 naming the field.
class RequestBody
{
public:
    static constexpr qsizetype MaxBytes = 64 * 1024;

    RequestBody(const QByteArray &body, const QStringList &allowedFields);

    const QJsonObject &object() const { return m_object; }
    bool has(const QString &field) const { return m_object.contains(field); }
    QString requiredString(const QString &field, int maxLength) const;
    std::optional<QString> optionalString(const QString &field, int maxLength) const;
    // The body in one canonical form (sorted keys, no spaces): what idempotency compares.
    QByteArray canonical() const;

    // Why `body` is not valid UTF-8 text with only well-paired \uD800-\uDFFF escapes, or an
    // empty string if it is.
    static QString textProblem(QByteArrayView body);
    // Code points in s (a surrogate pair counts once).
    static qsizetype codePoints(QStringView s);

private:
    QJsonObject m_object;
};

} // namespace creditdesk
