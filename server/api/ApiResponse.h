#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace creditdesk {

// What a handler answers: status, JSON body and any extra headers (ETag, Location...).
struct ApiResponse
{
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray contentType = QByteArrayLiteral("application/json");
};

} // namespace creditdesk
