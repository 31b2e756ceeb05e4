#pragma once

#include <QByteArray>
#include <QString>

namespace creditdesk {

// A request the API refuses: an HTTP status and the body {"error": {"code", "message",
// "field"?, "details"?}}. Thrown by handlers before anything is written, caught once by the router.
class ApiError
{
public:
    ApiError(int status, QString code, QString message, QString field = {});

    static ApiError badRequest(const QString &code, const QString &message,
                               const QString &field = {});
    static ApiError notFound(const QString &what);
    static ApiError forbidden(const QString &message);
    static ApiError conflict(const QString &code, const QString &message,
                             const QString &field = {});

    int status() const { return m_status; }
    const QString &code() const { return m_code; }
    const QString &message() const { return m_message; }
    const QString &field() const { return m_field; }
    // `error.details`: a JSON object saying what the request clashed with (a refund request
    // decided already: who and when).
    ApiError &withDetails(QByteArray detailsJson)
    {
        m_details = std::move(detailsJson);
        return *this;
    }
    QByteArray toJson() const;

private:
    int m_status;
    QString m_code;
    QString m_message;
    QString m_field;
    QByteArray m_details;
};

} // namespace creditdesk
