#pragma once

#include <QAbstractHttpServer>

namespace creditdesk {

class ApiRouter;

// The HTTPS listener: Qt HttpServer parses HTTP, every request goes to the ApiRouter, and the
// answer is written back with its status and headers. TLS only (1.2 or later).
class ApiServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit ApiServer(ApiRouter &router, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    ApiRouter &m_router;
};

} // namespace creditdesk
