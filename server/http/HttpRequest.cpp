#include "HttpRequest.h"

#include <QStringDecoder>

namespace creditdesk {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Decodes %XX escapes; false on a malformed escape.
bool percentDecode(QByteArrayView in, QByteArray *out)
{
    out->clear();
    out->reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out->append(in[i]);
            continue;
        }
        if (i + 2 >= in.size())
            return false;
        const int hi = hexValue(in[i + 1]), lo = hexValue(in[i + 2]);
        if (hi < 0 || lo < 0)
            return false;
        out->append(char(hi * 16 + lo));
        i += 2;
    }
    return true;
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers)
        if (key.size() == name.size() &&
            qstrnicmp(key.constData(), key.size(), name.data(), name.size()) == 0)
            return value;
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &pair : headers)
        if (pair.first.size() == name.size() &&
            qstrnicmp(pair.first.constData(), pair.first.size(), name.data(), name.size()) == 0)
            return true;
    return false;
}

QString HttpRequest::path() const
{
    return u'/' + segments.join(u'/');
}

HttpRequest::Method HttpRequest::methodFromName(QByteArrayView name)
{
    if (name == "GET")
        return Method::Get;
    if (name == "HEAD")
        return Method::Head;
    if (name == "POST")
        return Method::Post;
    if (name == "PUT")
        return Method::Put;
    if (name == "PATCH")
        return Method::Patch;
    if (name == "DELETE")
        return Method::Delete;
    if (name == "OPTIONS")
        return Method::Options;
    return Method::Other;
}

bool HttpRequest::setTarget(const QByteArray &targetBytes, QString *error)
{
    target = targetBytes;
    segments.clear();
    if (!target.startsWith('/')) {
        *error = QStringLiteral("the request target must be a path starting with '/'");
        return false;
    }
    // Only visible ASCII travels in a target; anything else is a client bug or an attack.
    for (const char c : target) {
        if (uchar(c) <= 0x20 || uchar(c) >= 0x7f) {
            *error = QStringLiteral("the request target has a byte that must be percent-encoded");
            return false;
        }
    }
    const qsizetype question = target.indexOf('?');
    rawPath = question < 0 ? target : target.left(question);
    const QByteArray rawQuery = question < 0 ? QByteArray() : target.mid(question + 1);
    query = QUrlQuery(QString::fromLatin1(rawQuery));

    QByteArray decoded;
    for (const QByteArray &raw : rawPath.split('/')) {
        if (raw.isEmpty())
            continue;
        if (!percentDecode(raw, &decoded)) {
            *error = QStringLiteral("the path has a malformed %-escape");
            return false;
        }
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString segment = utf8(decoded);
        if (utf8.hasError()) {
            *error = QStringLiteral("a path segment is not valid UTF-8");
            return false;
        }
        for (const QChar c : segment) {
            if (c == u'/' || c == u'\\' || c.category() == QChar::Other_Control) {
                *error = QStringLiteral("a path segment must not contain an encoded '/', '\\' "
                                        "or control character");
                return false;
            }
        }
        segments << segment;
    }
    return true;
}

} // namespace creditdesk
