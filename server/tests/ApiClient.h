#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>

#include <memory>
#include <vector>

// An HTTPS client of the API for the tests: Qt Network, trusting only the server's test CA.
class ApiClient
{
public:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QJsonObject json;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QString errorString;
        QList<QNetworkReply::RawHeaderPair> headers;
        QByteArray header(const QByteArray &name) const;
        // The error body's code and field ({"error": {"code", "field"}}).
        QString errorCode() const;
        QString errorField() const;
    };
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    // A request body: `o` as compact JSON.
    static QByteArray json(const QJsonObject &o);

    // `connections`: separate managers, so many requests run at once (6 per manager).
    ApiClient(quint16 port, const QString &caPath, int connections = 1);

    Reply get(const QString &path, const QString &token, const Headers &headers = {});
    Reply post(const QString &path, const QString &token, const QByteArray &body,
               const Headers &headers = {});
    // Starts a request and returns at once; collect with waitAll().
    QNetworkReply *send(const QByteArray &method, const QString &path, const QString &token,
                        const QByteArray &body = {}, const Headers &headers = {}, int lane = 0);
    // Waits for every reply (generous timeout) and returns them in order.
    static std::vector<Reply> waitAll(const QList<QNetworkReply *> &replies,
                                      int timeoutMs = 120000);

    QNetworkRequest request(const QString &path, const QString &token, const Headers &headers,
                            bool trustCa = true) const;
    QNetworkAccessManager &manager(int lane = 0) { return *m_managers[std::size_t(lane)]; }
    quint16 port() const { return m_port; }

private:
    quint16 m_port;
    QList<QSslCertificate> m_ca;
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
};
