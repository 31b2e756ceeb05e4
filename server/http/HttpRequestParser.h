#pragma once

#include "HttpLimits.h"
#include "HttpRequest.h"

#include <QByteArray>
#include <QString>

#include <algorithm>

namespace creditdesk {

// Turns the bytes of one connection into requests, one at a time, in time linear in the bytes:
// each byte is scanned once for the blank line that ends a head, and the head is parsed once.
// A head over the limits is refused (431) as soon as it is too long, without waiting for the
// rest. Bodies need one Content-Length (digits only); Transfer-Encoding is refused: 411 alone,
// 400 with a Content-Length, as are two Content-Lengths (request smuggling). The caller looks
// at the head (HeadReady) before asking for the body, so it can refuse a request without
// reading its body — one whose declared body is over the cap (bodyTooLarge()) in particular.
class HttpRequestParser
{
public:
    enum class Progress { NeedMore, HeadReady, Complete, Failed };

    explicit HttpRequestParser(const HttpLimits &limits);

    // Takes bytes received from the client and parses as far as they go.
    Progress feed(QByteArrayView data);
    // After HeadReady: goes on with the body (bytes already received count).
    Progress readBody();
    // Forgets the finished request and starts on the next, keeping bytes received after it.
    void next();

    HttpRequest &request() { return m_request; }
    const HttpRequest &request() const { return m_request; }
    // The declared body length (also after a 413: then over the cap).
    qint64 contentLength() const { return m_contentLength; }
    // The declared body is over the cap (readBody() must not be called: answer 413).
    bool bodyTooLarge() const { return m_contentLength > m_limits.maxBodyBytes; }
    // Body bytes declared by the head that have not arrived yet.
    qint64 unreceivedBodyBytes() const
    {
        return std::max<qint64>(0, m_contentLength - m_buffer.size());
    }
    // HTTP/1.1 without "Connection: close".
    bool keepAlive() const { return m_keepAlive; }
    bool expectsContinue() const { return m_expectsContinue; }
    // Bytes of a request not yet complete are buffered (the header timer should run).
    bool hasBufferedBytes() const { return !m_buffer.isEmpty(); }

    // After Failed: the status to answer with (400, 411, 431 or 505), a code and a message.
    int errorStatus() const { return m_errorStatus; }
    const QString &errorCode() const { return m_errorCode; }
    const QString &errorMessage() const { return m_errorMessage; }

private:
    enum class State { Head, HeadReady, Body, Complete, Failed };

    Progress run();
    Progress fail(int status, const QString &code, const QString &message);
    bool parseHead(QByteArrayView head);
    bool parseRequestLine(QByteArrayView line);
    bool checkFraming();

    HttpLimits m_limits;
    State m_state = State::Head;
    QByteArray m_buffer;
    qsizetype m_scanned = 0; // bytes of m_buffer already searched for the blank line
    HttpRequest m_request;
    qint64 m_contentLength = 0;
    bool m_keepAlive = true;
    bool m_expectsContinue = false;
    int m_errorStatus = 0;
    QString m_errorCode;
    QString m_errorMessage;
};

} // namespace creditdesk
