#pragma once

#include "ClientSession.h"
#include "MemberRef.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <map>
#include <memory>

namespace creditdesk {

class AdjustmentDialog;
class Clock;
class Config;
class MemberTab;
class RecentMembers;
class ServerConnection;
class SupportWorkspace;
class SyncedAccount;
class TlsDecider;
struct ApiFailure;

// The app's side of a support agent's sign-in: checks the token's role (GET /v1/me) and only
// then fills the Support workspace; answers its intents with the support endpoints (search,
// refund queue and decisions, adjustments, purchases, audit trail) on a connection of its own;
// and opens each member the agent picks as a member session of its own (the events feed,
// synced into a cache under `cacheRoot`, read with the support token), shown in a tab.
//
// Promises: member data never outlives the agent's sign-out — signOut() closes every tab,
// stops every member session, deletes `cacheRoot` with every cache in it and forgets the
// recent members. A token the server no longer accepts (401) is said at the action that met
// it and in the workspace's banner, and since the server checks the token before anything,
// nothing is half-done; the console then sends nothing more.
class SupportConsole : public QObject
{
    Q_OBJECT
public:
    // What a support sign-in is stored under (keychain, settings) in place of an account id.
    static QString agentKey() { return QStringLiteral("@support"); }

    SupportConsole(ClientSession::Target agent, const Clock &clock, QString cacheRoot,
                   SupportWorkspace &workspace, Config &config, TlsDecider *decider,
                   QObject *parent = nullptr);
    ~SupportConsole() override;

    // Asks /v1/me; emits ready() for a support token, refused() for anything else.
    void start();
    bool isReady() const { return m_ready; }
    bool tokenRejected() const { return m_tokenRejected; }
    QString agentLabel() const { return m_label; }
    const QString &cacheRoot() const { return m_cacheRoot; }
    ServerConnection &connection() const { return *m_connection; }
    // The member session behind an open tab (nullptr if none).
    ClientSession *memberSession(const QString &accountId) const;
    void signOut();

    // Writes every ledger entry of the open member to `path` as CSV; empty, or why not.
    QString exportCsv(const QString &accountId, const QString &path) const;
    // Writes the open member's history as a scenario file (format 1, the policy inline, one
    // balance query at now) that `creditdesk-cli simulate` replays; empty, or why not.
    QString exportScenario(const QString &accountId, const QString &path) const;
    // The adjustment dialog for the open member (not shown; the app or a test opens it).
    AdjustmentDialog *adjustmentDialog(const QString &accountId);
    // Reloads the refund queue with the workspace's filter.
    void reloadRefundQueue();
    // Opens a scenario file (an export handed back) read-only in a tab of its own; false with
    // the reader's error in *error.
    bool openScenarioFile(const QString &path, QString *error);

signals:
    void ready();
    void refused(const QString &message);
    // An action finished (for the status bar): what happened, in words.
    void told(const QString &message);

private:
    void search(const QString &query, const QString &cursor);
    void openMember(MemberTab *tab);
    void closeMember(const QString &accountId);
    void loadSection(MemberTab *tab, int section);
    void loadRefundQueue(const QString &status, const QString &cursor);
    void decideRefund(const QString &requestId, bool approve, const QString &text);
    void chooseExport(MemberTab *tab, bool scenario);
    void sendAdjustment(const QString &accountId, bool debit, const QString &amount,
                        const QString &reason, qint64 expiresAt);
    // Whether the failure is a 401; if so the console says so everywhere and stops.
    bool noteRejected(const ApiFailure &failure);
    QString rejectedMessage() const;
    void updateTab(const QString &accountId);
    SyncedAccount *accountOf(const QString &accountId) const;

    ClientSession::Target m_agent;
    const Clock &m_clock;
    QString m_cacheRoot;
    SupportWorkspace &m_workspace;
    Config &m_config;
    TlsDecider *m_decider;
    ServerConnection *m_connection;
    std::unique_ptr<RecentMembers> m_recent;
    QHash<QString, QPointer<ClientSession>> m_sessions;
    // Scenario files opened in tabs, by their tab's id ("file:" and the path).
    std::map<QString, std::unique_ptr<SyncedAccount>> m_files;
    QPointer<AdjustmentDialog> m_adjustment;
    QString m_label;
    bool m_ready = false;
    bool m_tokenRejected = false;
};

} // namespace creditdesk
