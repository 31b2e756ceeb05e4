#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

namespace creditdesk {

// One HTTP request as the API sees it, with no socket behind it (the router and a fuzzer take
// it as it is). The path is split on the raw '/' first and each segment percent-decoded after,
// so "%2F" inside a segment never makes a new one. Header names are kept lower-case and looked
// up case-insensitively.
struct HttpRequest
{
    enum class Method { Get, Head, Post, Put, Patch, Delete, Options, Other };

    Method method = Method::Other;
    QByteArray methodName; // as sent, e.g. "GET"
    QByteArray target;     // as sent, e.g. "/v1/accounts?q=ada"
    QByteArray rawPath;    // the target up to '?', still percent-encoded
    QStringList segments;  // the path's non-empty segments, each decoded
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers; // (lower-case name, value)
    QByteArray body;
    QHostAddress peer;

    // The first value of header `name` (any case), or an empty array.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    // The path for messages: decoded segments joined with '/'.
    QString path() const;

    static Method methodFromName(QByteArrayView name);
    // Fills rawPath, segments and query from an origin-form target ("/path?query"). On a target
    // that is not one, or a segment that decodes to invalid UTF-8, a '/' or a control character,
    // returns false with *error saying why (the request is answered 400).
    bool setTarget(const QByteArray &target, QString *error);
};

} // namespace creditdesk
