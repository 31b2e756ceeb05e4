#include "ApiError.h"

#include "JsonWriter.h"

namespace creditdesk {

ApiError::ApiError(int status, QString code, QString message, QString field)
    : m_status(status)
    , m_code(std::move(code))
    , m_message(std::move(message))
    , m_field(std::move(field))
{}

ApiError ApiError::badRequest(const QString &code, const QString &message, const QString &field)
{
    return ApiError(400, code, message, field);
}

ApiError ApiError::notFound(const QString &what)
{
    return ApiError(404, QStringLiteral("not_found"), what);
}

ApiError ApiError::forbidden(const QString &message)
{
    return ApiError(403, QStringLiteral("forbidden"), message);
}

ApiError ApiError::conflict(const QString &code, const QString &message, const QString &field)
{
    return ApiError(409, code, message, field);
}

QByteArray ApiError::toJson() const
{
    JsonWriter w;
    w.beginObject().key("error").beginObject();
    w.key("code").value(m_code);
    w.key("message").value(m_message);
    if (!m_field.isEmpty())
        w.key("field").value(m_field);
    if (!m_details.isEmpty())
        w.key("details").raw(m_details);
    w.endObject().endObject();
    return w.take();
}

} // namespace creditdesk
