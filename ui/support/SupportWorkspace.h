#pragma once

#include "MemberRef.h"

#include <QList>
#include <QWidget>

class QLabel;
class QTabWidget;

namespace creditdesk {

class Clock;
class MemberSearchView;
class MemberTab;
class RefundQueueView;
class StatusBanner;

// The Support workspace a support token opens instead of the member's screens: "Find a
// member" and the refund queue as the first two tabs, then one closable tab per member opened
// (several at once; opening an open member again shows its tab). A banner above says what
// concerns the whole console — above all that the support token stopped being valid.
// Ctrl+K focuses the search, Ctrl+W closes the current member tab.
class SupportWorkspace : public QWidget
{
    Q_OBJECT
public:
    explicit SupportWorkspace(const Clock &viewClock, QWidget *parent = nullptr);

    MemberSearchView *search() const { return m_search; }
    RefundQueueView *refundQueue() const { return m_queue; }
    // The member's tab, made when new, and shown.
    MemberTab *openMember(const MemberRef &member);
    MemberTab *memberTab(const QString &accountId) const;
    QList<MemberTab *> memberTabs() const;
    // Closes every member tab (sign-out); memberClosed for each.
    void closeAllMembers();
    void showSearch();
    void showRefundQueue();
    void setAgent(const QString &label);
    // Empty text hides the banner.
    void setProblem(const QString &text);
    QString problem() const;

signals:
    void memberOpened(creditdesk::MemberTab *tab);
    void memberClosed(const QString &accountId);

private:
    void closeTab(int index);

    const Clock &m_clock;
    QTabWidget *m_tabs;
    MemberSearchView *m_search;
    RefundQueueView *m_queue;
    StatusBanner *m_banner;
    QLabel *m_agent;
    QString m_problem;
};

} // namespace creditdesk
