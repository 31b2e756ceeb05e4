#include "ApiServer.h"

#include "ApiRouter.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>

namespace creditdesk {

ApiServer::ApiServer(ApiRouter &router, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_router(router)
{}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const ApiResponse answer = m_router.handle(request);
    const auto status = QHttpServerResponder::StatusCode(answer.status);
    QHttpServerResponse response =
        answer.status == 304 ? QHttpServerResponse(status)
                             : QHttpServerResponse(answer.contentType, answer.body, status);
    for (const auto &[name, value] : answer.headers)
        response.addHeader(name, value);
    response.write(makeResponder(request, socket));
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Unreached: handleRequest answers every request.
    QHttpServerResponse(QHttpServerResponder::StatusCode::NotFound)
        .write(makeResponder(request, socket));
}

} // namespace creditdesk
