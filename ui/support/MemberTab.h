#pragma once

#include "MemberRef.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTabWidget;

namespace creditdesk {

class AuditTrailView;
class Clock;
class DashboardView;
class ExplainView;
class MemberPurchasesView;
class SyncedAccount;
class TokenLogView;

// One member opened in the support console: the same dashboard and token log the member sees
// (read-only: no top-up, no refund request), from the same events feed, with the member's time
// zone named above them (the agent's own time on hover); the balance explanation; purchases
// with their receipts; the audit trail; and the agent's actions — adjust, export CSV, export
// a scenario file. A click (double-click or Enter) on an entry of the log explains the balance
// at that entry's moment. The tab shows; the app fetches and acts.
class MemberTab : public QWidget
{
    Q_OBJECT
public:
    enum Section { DashboardSection, LogSection, ExplainSection, PurchasesSection, AuditSection };

    MemberTab(const MemberRef &member, const Clock &viewClock, QWidget *parent = nullptr);

    const MemberRef &member() const { return m_member; }
    // Not owned; nullptr while the first sync runs.
    void setAccount(SyncedAccount *account);
    SyncedAccount *account() const { return m_account; }
    void setStatus(const QString &text, bool problem);
    // A scenario file's tab has no server to adjust: the action goes.
    void setAdjustable(bool adjustable);
    void showSection(Section section);
    Section currentSection() const;
    void refresh();

    DashboardView *dashboard() const { return m_dashboard; }
    TokenLogView *tokenLog() const { return m_log; }
    ExplainView *explainView() const { return m_explain; }
    MemberPurchasesView *purchases() const { return m_purchases; }
    AuditTrailView *audit() const { return m_audit; }

signals:
    void adjustRequested();
    void exportCsvRequested();
    void exportScenarioRequested();
    // The purchases or audit section was opened: the app (re)loads it.
    void sectionShown(creditdesk::MemberTab::Section section);

private:
    void explainEntry(const QModelIndex &index);

    MemberRef m_member;
    SyncedAccount *m_account = nullptr;
    QLabel *m_title;
    QLabel *m_zone;
    QLabel *m_status;
    QPushButton *m_adjust;
    QPushButton *m_exportCsv;
    QPushButton *m_exportScenario;
    QTabWidget *m_sections;
    DashboardView *m_dashboard;
    TokenLogView *m_log;
    ExplainView *m_explain;
    MemberPurchasesView *m_purchases;
    AuditTrailView *m_audit;
};

} // namespace creditdesk
