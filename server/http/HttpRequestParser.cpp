#include "HttpRequestParser.h"

#include <algorithm>
#include <limits>

namespace creditdesk {

namespace {

// RFC 9110 tchar: what method and header names are made of.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool isToken(QByteArrayView s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), isTokenChar);
}

bool isWhitespace(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimmed(QByteArrayView s)
{
    while (!s.isEmpty() && isWhitespace(s.front()))
        s = s.sliced(1);
    while (!s.isEmpty() && isWhitespace(s.back()))
        s.chop(1);
    return s;
}

// Does the comma-separated list `value` hold `token` (any case)?
bool listHas(QByteArrayView value, QByteArrayView token)
{
    for (const QByteArray &item : value.toByteArray().split(','))
        if (trimmed(item).compare(token, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

} // namespace

HttpRequestParser::HttpRequestParser(const HttpLimits &limits)
    : m_limits(limits)
{}

HttpRequestParser::Progress HttpRequestParser::feed(QByteArrayView data)
{
    if (m_state == State::Failed)
        return Progress::Failed;
    m_buffer.append(data);
    return run();
}

HttpRequestParser::Progress HttpRequestParser::readBody()
{
    if (m_state == State::HeadReady)
        m_state = State::Body;
    return run();
}

void HttpRequestParser::next()
{
    m_state = State::Head;
    m_scanned = 0;
    m_request = HttpRequest();
    m_contentLength = 0;
    m_keepAlive = true;
    m_expectsContinue = false;
}

HttpRequestParser::Progress HttpRequestParser::fail(int status, const QString &code,
                                                    const QString &message)
{
    m_state = State::Failed;
    m_errorStatus = status;
    m_errorCode = code;
    m_errorMessage = message;
    return Progress::Failed;
}

HttpRequestParser::Progress HttpRequestParser::run()
{
    switch (m_state) {
    case State::Head: {
        // Empty lines before a request line are ignored (RFC 9112 2.2).
        qsizetype skip = 0;
        while (m_buffer.size() >= skip + 2 && m_buffer[skip] == '\r' && m_buffer[skip + 1] == '\n')
            skip += 2;
        if (skip > 0) {
            m_buffer.remove(0, skip);
            m_scanned = std::max<qsizetype>(0, m_scanned - skip);
        }
        // Only the new bytes (and the 3 before them, which may start the CRLFCRLF) are scanned.
        const qsizetype from = std::max<qsizetype>(0, m_scanned - 3);
        const qsizetype end = m_buffer.indexOf("\r\n\r\n", from);
        if (end < 0) {
            m_scanned = m_buffer.size();
            if (m_buffer.size() > m_limits.maxHeaderBytes)
                return fail(431, QStringLiteral("header_too_large"),
                            QStringLiteral("the request line and headers have at most %1 bytes")
                                .arg(m_limits.maxHeaderBytes));
            return Progress::NeedMore;
        }
        const qsizetype headSize = end + 4;
        if (headSize > m_limits.maxHeaderBytes)
            return fail(431, QStringLiteral("header_too_large"),
                        QStringLiteral("the request line and headers have at most %1 bytes")
                            .arg(m_limits.maxHeaderBytes));
        if (!parseHead(QByteArrayView(m_buffer).first(end)))
            return Progress::Failed;
        m_buffer.remove(0, headSize);
        m_scanned = 0;
        if (!checkFraming())
            return Progress::Failed;
        m_state = State::HeadReady;
        return Progress::HeadReady;
    }
    case State::HeadReady:
        return Progress::HeadReady;
    case State::Body:
        if (m_buffer.size() < m_contentLength)
            return Progress::NeedMore;
        m_request.body = m_buffer.left(m_contentLength);
        m_buffer.remove(0, m_contentLength);
        m_state = State::Complete;
        return Progress::Complete;
    case State::Complete:
        return Progress::Complete;
    case State::Failed:
        return Progress::Failed;
    }
    return Progress::Failed;
}

bool HttpRequestParser::parseRequestLine(QByteArrayView line)
{
    const auto bad = [&](const QString &message) {
        fail(400, QStringLiteral("bad_request"), message);
        return false;
    };
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype lastSpace = line.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace == firstSpace)
        return bad(QStringLiteral("the request line must be \"METHOD TARGET HTTP/1.1\""));
    const QByteArrayView method = line.first(firstSpace);
    const QByteArrayView target = line.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArrayView version = line.sliced(lastSpace + 1);
    if (!isToken(method) || method.size() > 20)
        return bad(QStringLiteral("the request method is not a token"));
    if (version.size() != 8 || !version.startsWith("HTTP/") || version[6] != '.')
        return bad(QStringLiteral("the request line must end with the HTTP version"));
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        fail(505, QStringLiteral("http_version_not_supported"),
             QStringLiteral("this server speaks HTTP/1.1 (and 1.0)"));
        return false;
    }
    m_keepAlive = version == "HTTP/1.1";
    m_request.methodName = method.toByteArray();
    m_request.method = HttpRequest::methodFromName(method);
    QString error;
    if (!m_request.setTarget(target.toByteArray(), &error))
        return bad(error);
    return true;
}

bool HttpRequestParser::parseHead(QByteArrayView head)
{
    const auto bad = [&](const QString &message) {
        fail(400, QStringLiteral("bad_request"), message);
        return false;
    };
    qsizetype lineStart = 0;
    bool first = true;
    while (lineStart <= head.size()) {
        qsizetype lineEnd = head.indexOf("\r\n", lineStart);
        if (lineEnd < 0)
            lineEnd = head.size();
        const QByteArrayView line = head.sliced(lineStart, lineEnd - lineStart);
        lineStart = lineEnd + 2;
        // A bare CR or LF, NUL or another control byte: never valid in a head.
        for (const char c : line)
            if ((uchar(c) < 0x20 && c != '\t') || c == 0x7f)
                return bad(QStringLiteral("the request head has a control character"));
        if (first) {
            first = false;
            if (!parseRequestLine(line))
                return false;
            continue;
        }
        if (m_request.headers.size() >= m_limits.maxHeaderCount) {
            fail(431, QStringLiteral("header_too_large"),
                 QStringLiteral("a request has at most %1 headers").arg(m_limits.maxHeaderCount));
            return false;
        }
        if (!line.isEmpty() && isWhitespace(line.front()))
            return bad(QStringLiteral("folded header lines are not accepted"));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return bad(QStringLiteral("a header line must be \"Name: value\""));
        m_request.headers.append(qMakePair(line.first(colon).toByteArray().toLower(),
                                           trimmed(line.sliced(colon + 1)).toByteArray()));
    }
    return true;
}

bool HttpRequestParser::checkFraming()
{
    const auto bad = [&](int status, const QString &code, const QString &message) {
        fail(status, code, message);
        return false;
    };
    int lengths = 0;
    QByteArray length;
    bool transferEncoding = false;
    for (const auto &[name, value] : m_request.headers) {
        if (name == "content-length") {
            ++lengths;
            length = value;
        } else if (name == "transfer-encoding") {
            transferEncoding = true;
        } else if (name == "connection") {
            if (listHas(value, "close"))
                m_keepAlive = false;
        } else if (name == "expect") {
            m_expectsContinue = listHas(value, "100-continue");
        }
    }
    // Two framings of one body are how requests are smuggled past a proxy: refuse both.
    if (lengths > 1)
        return bad(400, QStringLiteral("bad_request"),
                   QStringLiteral("a request has at most one Content-Length header"));
    if (transferEncoding && lengths > 0)
        return bad(400, QStringLiteral("bad_request"),
                   QStringLiteral("a request has Content-Length or Transfer-Encoding, not both"));
    if (transferEncoding)
        return bad(411, QStringLiteral("length_required"),
                   QStringLiteral("send the body with a Content-Length; Transfer-Encoding "
                                  "(chunked) is not accepted"));
    if (lengths == 0)
        return true;
    if (length.isEmpty() ||
        !std::all_of(length.begin(), length.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return bad(400, QStringLiteral("bad_request"),
                   QStringLiteral("Content-Length must be a whole number of bytes"));
    // Leading zeros say nothing; more than 18 digits is beyond any cap.
    QByteArrayView digits = length;
    while (digits.size() > 1 && digits.front() == '0')
        digits = digits.sliced(1);
    bool ok = false;
    const qint64 declared = digits.size() <= 18 ? digits.toByteArray().toLongLong(&ok) : -1;
    // Over the cap is not refused here: the caller refuses it from the head (after deciding
    // whether the request is authorized at all), before reading a byte of the body.
    m_contentLength = ok ? declared : std::numeric_limits<qint64>::max();
    return true;
}

} // namespace creditdesk
