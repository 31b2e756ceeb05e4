#include "RequestBody.h"

#include "ApiError.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>

namespace creditdesk {

namespace {

// The value of the 4 hex digits at body[at], or -1.
int hex4(QByteArrayView body, qsizetype at)
{
    if (at + 4 > body.size())
        return -1;
    int value = 0;
    for (qsizetype i = at; i < at + 4; ++i) {
        const char c = body[i];
        const int digit = c >= '0' && c <= '9'   ? c - '0'
                          : c >= 'a' && c <= 'f' ? c - 'a' + 10
                          : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                 : -1;
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

} // namespace

QString RequestBody::textProblem(QByteArrayView body)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    (void)utf8.decode(body);
    if (utf8.hasError())
        return QStringLiteral("the body is not valid UTF-8");
    // A backslash only occurs inside JSON strings (elsewhere the JSON is invalid anyway), and
    // an escaped character is skipped whole, so "\\ud800" is text, not an escape.
    for (qsizetype i = 0; i < body.size(); ++i) {
        if (body[i] != '\\')
            continue;
        if (i + 1 < body.size() && body[i + 1] == 'u') {
            const int unit = hex4(body, i + 2);
            if (unit >= 0xDC00 && unit <= 0xDFFF)
                return QStringLiteral("the body has a lone low surrogate (\\u%1)")
                    .arg(unit, 4, 16, QLatin1Char('0'));
            if (unit >= 0xD800 && unit <= 0xDBFF) {
                const bool paired = i + 7 < body.size() && body[i + 6] == '\\' &&
                                    body[i + 7] == 'u' && hex4(body, i + 8) >= 0xDC00 &&
                                    hex4(body, i + 8) <= 0xDFFF;
                if (!paired)
                    return QStringLiteral("the body has a lone high surrogate (\\u%1)")
                        .arg(unit, 4, 16, QLatin1Char('0'));
                i += 11; // both escapes
                continue;
            }
            if (unit >= 0)
                i += 5;
            continue;
        }
        ++i; // the escaped character
    }
    return {};
}

qsizetype RequestBody::codePoints(QStringView s)
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < s.size(); ++i, ++n)
        if (s[i].isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate())
            ++i;
    return n;
}

RequestBody::RequestBody(const QByteArray &body, const QStringList &allowedFields)
{
    if (body.trimmed().isEmpty())
        throw ApiError::badRequest(QStringLiteral("invalid_json"),
                                   QStringLiteral("the request needs a JSON object body"));
    const QString problem = textProblem(body);
    if (!problem.isEmpty())
        throw ApiError::badRequest(QStringLiteral("invalid_json"), problem);
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
    if (codePoints(s) > maxLength)
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
