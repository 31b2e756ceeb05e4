#pragma once

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableView;
class QTimer;

namespace creditdesk {

class Clock;
class LedgerEntryModel;
class SyncedAccount;
class TaskLogModel;

// The token log screen (seed 002's "Token Log"): tasks and purchases newest first with the
// selected row's ledger entries beneath, and a second tab of raw ledger entries with their
// balance after. Filters (what, feature, outcome, entry type, period) and a debounced text
// search narrow both (the tab shown at once, the other when it is shown); columns sort; "Export
// CSV" writes what is shown; a charged task can be the subject of a refund request (an intent
// signal: the app sends it). Ctrl+F searches.
class TokenLogView : public QWidget
{
    Q_OBJECT
public:
    explicit TokenLogView(const Clock &viewClock, QWidget *parent = nullptr);

    // Not owned. Reloads on the account's changed().
    void setAccount(SyncedAccount *account);
    TaskLogModel *taskModel() const { return m_tasks; }
    LedgerEntryModel *entryModel() const { return m_entries; }
    LedgerEntryModel *detailModel() const { return m_detail; }
    // Writes the current tab's rows, as filtered and sorted, to `path`. Empty on success, else
    // the reason (the export button asks for the path, then calls this).
    QString exportCsv(const QString &path) const;
    // Applies the filter widgets now instead of after the typing pause.
    void applyFilters();
    // Shows the "Ledger entries" tab with ledger entries [begin, end) selected (the plan
    // view's chart asks for a step's entries); clears the filters when they hide them.
    // Returns how many rows were selected.
    int selectEntries(std::size_t begin, std::size_t end);
    // Read-only (the support console shows a member's log): no refund request.
    void setReadOnly(bool readOnly);

signals:
    void refundRequested(const QString &taskId, const QString &reason);

private:
    void reload();
    void onCurrentRowChanged();
    void openRefundDialog();
    void chooseExportPath();
    void updateCount();
    void fillFeatureChoices();

    const Clock &m_clock;
    SyncedAccount *m_account = nullptr;
    TaskLogModel *m_tasks;
    LedgerEntryModel *m_entries;
    LedgerEntryModel *m_detail;
    QLineEdit *m_search;
    QComboBox *m_show;
    QComboBox *m_feature;
    QComboBox *m_outcome;
    QComboBox *m_entryType;
    QComboBox *m_period;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QPushButton *m_export;
    QPushButton *m_refund;
    QTabWidget *m_tabs;
    QTableView *m_taskTable;
    QTableView *m_entryTable;
    QTableView *m_detailTable;
    QLabel *m_detailHeading;
    QLabel *m_count;
    QTimer *m_debounce;
    bool m_readOnly = false;
};

} // namespace creditdesk
