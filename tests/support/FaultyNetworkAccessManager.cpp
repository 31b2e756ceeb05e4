#include "FaultyNetworkAccessManager.h"

#include <QNetworkReply>
#include <QPointer>
#include <QTimer>
#include <QUrl>

namespace {

// Answers from memory (or never, for a hang) and finishes with an error when aborted.
class ScriptedReply : public QNetworkReply
{
public:
    ScriptedReply(QNetworkAccessManager::Operation op, const QNetworkRequest &request,
                  QObject *parent)
        : QNetworkReply(parent)
    {
        setRequest(request);
        setUrl(request.url());
        setOperation(op);
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }

    void answerLater(int status, const QList<QPair<QByteArray, QByteArray>> &headers,
                     QByteArray body, QNetworkReply::NetworkError error = NoError)
    {
        QTimer::singleShot(0, this, [this, status, headers, body = std::move(body), error] {
            if (isFinished())
                return;
            m_body = body;
            if (status > 0)
                setAttribute(QNetworkRequest::HttpStatusCodeAttribute, status);
            for (const auto &h : headers)
                setRawHeader(h.first, h.second);
            setHeader(QNetworkRequest::ContentLengthHeader, m_body.size());
            emit metaDataChanged();
            if (error != NoError) {
                setError(error, QStringLiteral("connection closed by the test"));
                emit errorOccurred(error);
            }
            if (!m_body.isEmpty()) {
                emit downloadProgress(m_body.size(), m_body.size());
                emit readyRead();
            }
            setFinished(true);
            emit finished();
        });
    }

    void abort() override
    {
        if (isFinished())
            return;
        setError(OperationCanceledError, QStringLiteral("Operation canceled"));
        emit errorOccurred(OperationCanceledError);
        setFinished(true);
        emit finished();
    }
    qint64 bytesAvailable() const override
    {
        return m_body.size() - m_pos + QNetworkReply::bytesAvailable();
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin<qint64>(maxSize, m_body.size() - m_pos);
        if (n <= 0)
            return isFinished() ? -1 : 0;
        memcpy(data, m_body.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }

private:
    QByteArray m_body;
    qint64 m_pos = 0;
};

// Lets the real request run, then drops or rewrites its answer.
class WrappedReply : public ScriptedReply
{
public:
    WrappedReply(QNetworkReply *inner, bool drop,
                 std::function<QByteArray(const QByteArray &)> transform, QObject *parent)
        : ScriptedReply(inner->operation(), inner->request(), parent)
        , m_inner(inner)
    {
        // The inner reply stays the manager's child: ~QNetworkAccessManager deletes every
        // reply it finds (recursively), so it must not also be this one's child.
        connect(inner, &QNetworkReply::finished, this, [this, drop, transform] {
            if (drop) {
                answerLater(0, {}, {}, RemoteHostClosedError);
                return;
            }
            const int status = m_inner->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            QByteArray body = m_inner->readAll();
            if (transform)
                body = transform(body);
            answerLater(status, m_inner->rawHeaderPairs(), body,
                        m_inner->error() == NoError || status > 0 ? NoError : m_inner->error());
        });
    }
    ~WrappedReply() override
    {
        if (m_inner)
            m_inner->deleteLater();
    }
    void abort() override
    {
        if (m_inner)
            m_inner->abort();
        ScriptedReply::abort();
    }

private:
    QPointer<QNetworkReply> m_inner;
};

} // namespace

int FaultyNetworkAccessManager::count(const QString &pathContains, const QByteArray &method) const
{
    int n = 0;
    for (const QString &line : m_log)
        if (line.contains(pathContains) &&
            (method.isEmpty() || line.startsWith(QString::fromLatin1(method) + u' ')))
            ++n;
    return n;
}

QNetworkReply *FaultyNetworkAccessManager::createRequest(Operation op,
                                                         const QNetworkRequest &request,
                                                         QIODevice *outgoingData)
{
    const QByteArray method = op == GetOperation    ? QByteArrayLiteral("GET")
                              : op == PostOperation ? QByteArrayLiteral("POST")
                                                    : QByteArrayLiteral("OTHER");
    m_log << QString::fromLatin1(method) + u' ' + request.url().path() +
                 (request.url().hasQuery() ? u'?' + request.url().query() : QString());
    for (qsizetype i = 0; i < m_rules.size(); ++i) {
        Rule &rule = m_rules[i];
        if ((!rule.method.isEmpty() && rule.method != method) ||
            !request.url().path().contains(rule.pathContains) || rule.times == 0)
            continue;
        if (rule.skip > 0) {
            --rule.skip;
            continue;
        }
        if (rule.times > 0)
            --rule.times;
        switch (rule.fault) {
        case Fault::Hang:
            return new ScriptedReply(op, request, this);
        case Fault::Canned: {
            auto *reply = new ScriptedReply(op, request, this);
            reply->answerLater(rule.status, rule.headers, rule.body);
            return reply;
        }
        case Fault::DropReply:
        case Fault::Transform:
            return new WrappedReply(QNetworkAccessManager::createRequest(op, request, outgoingData),
                                    rule.fault == Fault::DropReply, rule.transform, this);
        }
    }
    return QNetworkAccessManager::createRequest(op, request, outgoingData);
}
