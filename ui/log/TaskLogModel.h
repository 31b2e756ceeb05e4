#pragma once

#include "TimePoint.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QString>

#include <array>
#include <memory>
#include <utility>
#include <vector>

namespace creditdesk {

class SyncedAccount;
class TimeFormat;
class AmountFormat;

// The token log's main table: one row per task (its TaskSummary: start and end, feature,
// models/tier/quantity/tokens as its events hold them, outcome, charged, refunded, refund
// request state) and one per other event (purchases with pack, price and payment state;
// grants; plan changes; debits with their reason; promotions), plus purchases the server still
// reports as pending or failed, newest first.
//
// Built for a million events: a row is 16 bytes pointing into the account's own
// AccountHistory (nothing is copied out of the ledger or the events), text is made only when a
// view asks data() for a visible cell, and filtering and sorting compute a vector of row
// indexes (no proxy model walks every row per keystroke). Money is never computed here: the
// amounts shown are the TaskSummary's and the events' own.
class TaskLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Started,
        Ended,
        What,
        Task,
        Details,
        Outcome,
        Amount,
        Refunded,
        RefundRequest,
        ColumnCount
    };
    enum Role {
        ExportRole = Qt::UserRole + 1, // machine-readable text for CSV (ISO times, plain decimals)
        TaskIdRole,                    // the task id of a task row, else empty
        RefundableRole,                // bool: a charged task without a refund or open request
    };
    enum class Show { All, Tasks, Purchases, Other };
    enum class OutcomeFilter {
        Any,
        Completed,
        SystemError,
        ContentViolation,
        Cancelled,
        NotStarted,
        Running,
        Refunded
    };
    struct Filter
    {
        Show show = Show::All;
        int feature = -1; // feature index in the policy; -1: every feature
        OutcomeFilter outcome = OutcomeFilter::Any;
        TimePoint from = NoTime;  // inclusive
        TimePoint until = NoTime; // exclusive
        QString text;             // task id, feature, purchase id, reason: case-insensitive
        bool operator==(const Filter &) const = default;
    };

    explicit TaskLogModel(QObject *parent = nullptr);
    ~TaskLogModel() override;

    // Shows `account` (not owned; nullptr clears). Call reload() after it changed.
    void setAccount(const SyncedAccount *account);
    void reload();
    void setFilter(const Filter &filter);
    const Filter &filter() const { return m_filter; }
    // Rows before filtering: every task and event the log can show.
    int totalRows() const { return int(m_all.size()); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // The ledger entries [begin, end) that row's events wrote (start, end, refund of a task;
    // the event itself otherwise): the detail pane shows them.
    std::vector<std::pair<std::size_t, std::size_t>> entryRanges(int row) const;
    QString taskId(int row) const;
    bool isRefundable(int row) const;
    // A one-paragraph description of the row, for the detail pane's heading.
    QString describe(int row) const;

private:
    enum class Kind : quint8 { TaskRow, EventRow, PendingPurchaseRow };
    struct RowRef
    {
        TimePoint at = 0;
        qint32 index = 0; // tasks() index, event index or purchases index
        Kind kind = Kind::TaskRow;
    };

    bool accepts(const RowRef &row) const;
    QString text(const RowRef &row, int column) const;
    QString exportText(const RowRef &row, int column) const;
    qint64 sortKey(const RowRef &row, int column) const;
    int featureOf(const RowRef &row) const;
    int refundRequestOf(const RowRef &row) const;
    int purchaseOf(const RowRef &row) const;
    QString taskDetails(const RowRef &row) const;
    QString eventDetails(const RowRef &row) const;
    QString outcomeText(const RowRef &row) const;
    void applyFilterAndSort();
    const TimeFormat &times() const;

    const SyncedAccount *m_account = nullptr;
    std::vector<RowRef> m_all;   // newest first
    std::vector<qint32> m_shown; // indexes into m_all, in display order
    Filter m_filter;
    int m_sortColumn = -1; // -1: newest first
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    QHash<int, int> m_refundByTask;     // task name id -> refundRequests index
    QHash<QString, int> m_purchaseById; // purchase id -> purchases index
    std::array<bool, 9> m_typeMatch{};  // the search text is in that EventType's word
    std::vector<bool> m_featureMatch;   // the search text is in that feature's name
    bool m_anyFeatureMatch = false;
    // The search text is in that name (NameTable id: task ids, reasons), found in one pass
    // over the table rather than row by row (a million rows point all over it).
    std::vector<bool> m_nameMatch;
    QString m_needle; // the search text, lower case
    bool m_asciiNeedle = true;
    std::unique_ptr<TimeFormat> m_times;
    std::unique_ptr<AmountFormat> m_amounts;
    // The sort's two buffers (one 64-bit word a row), kept between sorts: on a million-event
    // log most of a sort's time was the first touch of fresh buffers, which only the first
    // sort pays now (8 bytes a row each; dropped when another account is shown).
    std::unique_ptr<quint64[]> m_sortWords;
    std::unique_ptr<quint64[]> m_sortScratch;
    std::size_t m_sortRoom = 0;
};

} // namespace creditdesk
