#pragma once

#include "ApiFailure.h"
#include "Credits.h"
#include "SyncedAccount.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace creditdesk {

class AccountCache;
class ServerConnection;

// Buying credits without ever buying twice. One purchase intent = one Idempotency-Key (a
// UUID), created once and written to the cache BEFORE the request is sent, with the request
// body byte for byte. The key is reused for everything that is still that intent:
//  - a second buy() of the same thing before the server accepted the first (a double click)
//    sends nothing new;
//  - a timeout or a dropped reply is retried with the same key and body (the server answers
//    the first answer again), automatically a few times, then by retry();
//  - after a restart, resume() sends unanswered intents again and polls pending ones.
// The amount is checked against SyncedAccount::maxAmount before anything is sent. A purchase
// is followed pending → completed/failed by polling PurchaseStatusJob; the key is forgotten
// once the server gave a final state (or refused the request outright, 4xx).
class PurchaseFlow : public QObject
{
    Q_OBJECT
public:
    PurchaseFlow(ServerConnection *connection, AccountCache *cache, SyncedAccount *account,
                 QString accountId, QObject *parent = nullptr);

    // The account whose purchases list is kept up to date and whose maxAmount is checked.
    void setAccount(SyncedAccount *account) { m_account = account; }
    void setPollIntervalMs(int ms) { m_pollMs = ms; }
    void setAutomaticRetries(int n) { m_retries = n; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // Returns the intent's key, or an empty key when refused (refused() says why). `amount`
    // is what the pack gives (for the maximum check).
    QByteArray buyPack(const QString &pack, Credits amount,
                       const QString &paymentMethod = QStringLiteral("card"));
    QByteArray buyAmount(Credits amount, const QString &paymentMethod = QStringLiteral("card"));
    // Sends an unanswered intent again (same key); polls an accepted one.
    void retry(const QByteArray &key);
    // After a restart: every intent the cache still holds.
    void resume();
    // Intents not finished yet (keys).
    QList<QByteArray> openIntents() const;

signals:
    // The server's view of the purchase: pending, then completed or failed.
    void progressed(const QByteArray &key, const creditdesk::PurchaseInfo &purchase);
    // Final: completed or failed; the key is forgotten.
    void settled(const QByteArray &key, const creditdesk::PurchaseInfo &purchase);
    // The request got no answer after the automatic retries; the intent is kept (retry()).
    void stalled(const QByteArray &key, const creditdesk::ApiFailure &failure);
    // Not sent at all (over the maximum, the cache could not record it) or refused by the
    // server (4xx, e.g. an unknown pack): in words.
    void refused(const QByteArray &key, const QString &why);

private:
    QByteArray submit(const QByteArray &body, Credits amount);
    void send(const QByteArray &key);
    void poll(const QByteArray &key, const QString &purchaseId);
    void record(const QByteArray &key, const PurchaseInfo &purchase);

    QPointer<ServerConnection> m_connection;
    AccountCache *m_cache;
    QPointer<SyncedAccount> m_account;
    QString m_accountId;
    int m_pollMs = 1000;
    int m_retries = 2;
    int m_timeoutMs = 30000;
    QHash<QByteArray, QByteArray> m_bodies;   // key -> request body
    QHash<QByteArray, QString> m_purchaseIds; // key -> purchase id, once accepted
    QHash<QByteArray, int> m_attempts;
    QSet<QByteArray> m_inFlight;
};

} // namespace creditdesk
