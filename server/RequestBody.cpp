#include "RequestBody.h"

#include "ApiError.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace creditdesk {

RequestBody::RequestBody(const QByteArray &body, const QStringList &allowedFields)
{
    if (body.trimmed().isEmpty())
        throw ApiError::badRequest(QStringLiteral("invalid_json"),
                                   QStringLiteral("the request needs a JSON object body"));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        throw ApiError::badRequest(QStringLiteral("invalid_json"),
                                   QStringLiteral("the body is not valid JSON: %1 at offset %2")
                                       .arg(error.errorString())
                                       .arg(error.offset));
    if (!doc.isObject())
        throw ApiError::badRequest(QStringLiteral("invalid_json"),
                                   QStringLiteral("the body must be a JSON object"));
    m_object = doc.object();
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it)
        if (!allowedFields.contains(it.key()))
            throw ApiError::badRequest(
                QStringLiteral("unknown_field"),
                QStringLiteral("unknown field \"%1\" (this request takes: %2)")
                    .arg(it.key(), allowedFields.join(QStringLiteral(", "))),
                it.key());
}

QString RequestBody::requiredString(const QString &field, int maxLength) const
{
    if (!m_object.contains(field))
        throw ApiError::badRequest(QStringLiteral("missing_field"),
                                   QStringLiteral("\"%1\" is required").arg(field), field);
    const auto value = optionalString(field, maxLength);
    if (!value || value->trimmed().isEmpty())
        throw ApiError::badRequest(QStringLiteral("invalid_field"),
                                   QStringLiteral("\"%1\" must not be empty").arg(field), field);
    return *value;
}

std::optional<QString> RequestBody::optionalString(const QString &field, int maxLength) const
{
    if (!m_object.contains(field))
        return std::nullopt;
    const QJsonValue v = m_object.value(field);
    if (!v.isString())
        throw ApiError::badRequest(QStringLiteral("invalid_field"),
                                   QStringLiteral("\"%1\" must be a string").arg(field), field);
    const QString s = v.toString();
    if (s.size() > maxLength)
        throw ApiError::badRequest(
            QStringLiteral("invalid_field"),
            QStringLiteral("\"%1\" is longer than %2 characters").arg(field).arg(maxLength), field);
    return s;
}

QByteArray RequestBody::canonical() const
{
    return QJsonDocument(m_object).toJson(QJsonDocument::Compact);
}

} // namespace creditdesk
