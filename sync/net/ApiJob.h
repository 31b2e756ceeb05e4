#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class QNetworkAccessManager;
class QNetworkReply;
class QSslError;
class QTimer;

namespace creditdesk {

class ServerConnection;
struct ApiFailure;

// One request to the server, after Nextcloud's AbstractNetworkJob: one object per request,
// started once, finishing exactly once through its subclass's single `finished` signal that
// carries either the parsed result or an ApiFailure, then deleting itself (deleteLater).
//
// The transfer timeout counts from the last progress (bytes up or down), so a slow but moving
// download is not cut, a hang is. TLS: see ServerConnection — errors not covered by a pin
// abort the reply inside the handshake and the job waits for the member's decision; on
// "trust" it sends the request again (restart), on "abort" it fails with Kind::Tls.
// Every outcome is reported to the connection's state machine.
class ApiJob : public QObject
{
    Q_OBJECT
public:
    explicit ApiJob(ServerConnection *connection);
    ~ApiJob() override;

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }
    // Sends the request; returns at once.
    void start();
    // Gives up: finishes with a Network failure ("cancelled") unless already finished; the
    // connection's state is not touched (a cancel says nothing about the server).
    void abort();
    bool isFinished() const { return m_done; }
    ServerConnection *connection() const { return m_connection; }
    // How many times the request was sent (a restart after a TLS decision counts).
    int sends() const { return m_sends; }

    // For ServerConnection.
    void restart();
    void failTls(const QString &why);

protected:
    // Sends the request on `manager` (build it with connection()->request()).
    virtual QNetworkReply *send(QNetworkAccessManager &manager) = 0;
    // A 2xx or 304 answer arrived: parse it and call succeed… or fail().
    virtual void answer(int status, const QByteArray &body, QNetworkReply &reply) = 0;
    // Emit the subclass's finished signal with `failure`.
    virtual void deliverFailure(const ApiFailure &failure) = 0;

    // The subclass emitted its result: record success, schedule deletion.
    void succeeded();
    // Called from answer(): the result follows later (parsed off the UI thread); the subclass
    // then calls succeeded() or fail(), unless the job was aborted meanwhile (isFinished()).
    void answerLater() { m_answerPending = true; }
    // `noteState` false: the failure says nothing about the server (the job was cancelled).
    void fail(const ApiFailure &failure, bool noteState = true);

private:
    void onFinished();
    void onSslErrors(const QList<QSslError> &errors);
    void onTimeout();
    void finish();

    QPointer<ServerConnection> m_connection;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_timer;
    int m_timeoutMs = 30000;
    int m_sends = 0;
    bool m_done = false;
    bool m_timedOut = false;
    bool m_aborted = false;
    bool m_waitingForTrust = false;
    bool m_answerPending = false;
    QString m_tlsHost;
};

} // namespace creditdesk
