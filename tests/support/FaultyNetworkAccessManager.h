#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QString>

#include <functional>

// A QNetworkAccessManager that passes requests to the real server except where a rule says
// to inject a fault a real server cannot make on demand: a hang, a reply dropped after the
// server processed the request, a canned answer (a truncated body, a 429), or a body changed
// on its way back. ServerConnection::setNetworkAccessManager() puts it under the client.
class FaultyNetworkAccessManager : public QNetworkAccessManager
{
    Q_OBJECT
public:
    enum class Fault { Hang, DropReply, Canned, Transform };
    struct Rule
    {
        QByteArray method; // "GET", "POST"; empty: any
        QString pathContains;
        Fault fault = Fault::Hang;
        int times = 1; // -1: every time
        int skip = 0;  // matching requests let through untouched before the fault starts
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        std::function<QByteArray(const QByteArray &)> transform;
    };

    using QNetworkAccessManager::QNetworkAccessManager;

    static Rule rule(const QByteArray &method, const QString &pathContains, Fault fault,
                     int times = 1)
    {
        Rule r;
        r.method = method;
        r.pathContains = pathContains;
        r.fault = fault;
        r.times = times;
        return r;
    }

    void addRule(const Rule &rule) { m_rules << rule; }
    void clearRules() { m_rules.clear(); }
    // Requests seen (method + path + query), faulted or not.
    QStringList log() const { return m_log; }
    int count(const QString &pathContains, const QByteArray &method = {}) const;
    void clearLog() { m_log.clear(); }

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    QList<Rule> m_rules;
    QStringList m_log;
};
