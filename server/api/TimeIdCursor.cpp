#include "TimeIdCursor.h"

#include "ApiError.h"

#include <QUrlQuery>

namespace creditdesk {

namespace {
constexpr auto Base64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
}

QString TimeIdCursor::write(TimePoint at, const QString &id)
{
    return QString::fromLatin1((QByteArray::number(at) + ' ' + id.toUtf8()).toBase64(Base64));
}

TimeIdCursor TimeIdCursor::read(const QUrlQuery &query)
{
    const QString text = query.queryItemValue(QStringLiteral("cursor"), QUrl::FullyDecoded);
    TimeIdCursor c;
    if (text.isEmpty())
        return c;
    const auto bad = [] {
        return ApiError::badRequest(QStringLiteral("invalid_parameter"),
                                    QStringLiteral("\"cursor\" is not one this server wrote"),
                                    QStringLiteral("cursor"));
    };
    if (text.size() > 400)
        throw bad();
    const auto decoded = QByteArray::fromBase64Encoding(
        text.toLatin1(), Base64 | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        throw bad();
    const qsizetype space = decoded.decoded.indexOf(' ');
    bool ok = false;
    c.at = space > 0 ? decoded.decoded.left(space).toLongLong(&ok) : 0;
    if (!ok || c.at <= 0)
        throw bad();
    c.id = QString::fromUtf8(decoded.decoded.mid(space + 1));
    return c;
}

} // namespace creditdesk
