#pragma once

#include "Answers.h"
#include "Credits.h"
#include "TimePoint.h"

#include <QDialog>

class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QStackedWidget;

namespace creditdesk {

class Clock;
class SyncedAccount;

// Grant or remove credits for a member. The form checks what it can before anything is sent
// (AdjustmentDraft's rules, with the engine's available for a debit: each message stands next
// to the field at fault); "Review" then shows the
// confirmation: the balance before and after, both computed by the engine on a copy of the
// member's synced history at the clock's now (nothing is applied). "Apply" emits submitted();
// the app sends it, then either closes the dialog (done()) or brings the server's refusal back
// to the form (showServerError()). While sending, the buttons wait: one click, one request.
class AdjustmentDialog : public QDialog
{
    Q_OBJECT
public:
    // The account's unit names the amounts; its maxAmount (the server's) bounds them.
    AdjustmentDialog(const SyncedAccount &account, const Clock &clock, QWidget *parent = nullptr);

    // Fills the form (tests, the screenshot) — as if typed.
    void setRequest(bool debit, const QString &amount, const QString &reason);
    // Runs the checks; true (and the confirmation shown) when they pass.
    bool review();
    void setBusy(bool busy);
    // The server refused: back to the form with its message beside `field` ("amount",
    // "reason", "expires_at") or above the form.
    void showServerError(const QString &field, const QString &message);
    bool isConfirming() const;
    BalanceAnswer balanceBefore() const { return m_before; }
    BalanceAnswer balanceAfter() const { return m_after; }

signals:
    void submitted(bool debit, creditdesk::Credits amount, const QString &reason,
                   creditdesk::TimePoint expiresAt);

private:
    void computeBalances(bool debit, Credits amount, TimePoint expiresAt);
    void updateExpiry();

    const SyncedAccount &m_account;
    const Clock &m_clock;
    QStackedWidget *m_pages;
    QRadioButton *m_grant;
    QRadioButton *m_debit;
    QLineEdit *m_amount;
    QLabel *m_amountError;
    QLineEdit *m_reason;
    QLabel *m_reasonError;
    QCheckBox *m_expires;
    QDateTimeEdit *m_expiresAt;
    QLabel *m_formError;
    QLabel *m_summary;
    QLabel *m_beforeLabel;
    QLabel *m_afterLabel;
    QPushButton *m_review;
    QPushButton *m_back;
    QPushButton *m_apply;
    Credits m_value;
    TimePoint m_expiry = Never;
    BalanceAnswer m_before;
    BalanceAnswer m_after;
};

} // namespace creditdesk
