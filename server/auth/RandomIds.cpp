#include "RandomIds.h"

#include <QByteArray>
#include <QRandomGenerator>

namespace creditdesk {

namespace {
QByteArray randomBytes(int n)
{
    QByteArray bytes(n, Qt::Uninitialized);
    for (int i = 0; i < n; ++i)
        bytes[i] = char(QRandomGenerator::system()->bounded(256));
    return bytes;
}
} // namespace

QString RandomIds::make(const char *prefix)
{
    return QString::fromLatin1(prefix) + u'_' + QString::fromLatin1(randomBytes(10).toHex());
}

QString RandomIds::token()
{
    return QStringLiteral("cdt_") +
           QString::fromLatin1(randomBytes(32).toBase64(QByteArray::Base64UrlEncoding |
                                                        QByteArray::OmitTrailingEquals));
}

} // namespace creditdesk
