#pragma once

#include "TimePoint.h"

#include <QAbstractTableModel>

#include <memory>
#include <utility>
#include <vector>

namespace creditdesk {

class SyncedAccount;
class TimeFormat;
class AmountFormat;

// Raw ledger entries with their balance after, straight from the account's engine ledger:
// one row is one LedgerEntry, read in place (no copies), formatted only when a view asks.
// Two uses: the token log's "Ledger entries" tab (every entry, newest first, filtered by type,
// date range and text) and the detail pane (only the entries of the selected task's or
// event's events, oldest first).
class LedgerEntryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Type, Bucket, Task, Amount, BalanceAfter, Note, ColumnCount };
    enum Role { ExportRole = Qt::UserRole + 1 };
    struct Filter
    {
        quint32 types = 0; // bit (1 << EntryType): shown types; 0 = every type
        TimePoint from = NoTime;
        TimePoint until = NoTime;
        QString text; // task id or reason, case-insensitive
        bool operator==(const Filter &) const = default;
    };

    explicit LedgerEntryModel(QObject *parent = nullptr);
    ~LedgerEntryModel() override;

    void setAccount(const SyncedAccount *account);
    void reload();
    void setFilter(const Filter &filter);
    const Filter &filter() const { return m_filter; }
    // Shows only these entry ranges, oldest first (the detail pane); an empty list shows none.
    void setRanges(std::vector<std::pair<std::size_t, std::size_t>> ranges);
    // The entry behind a row (an index into the engine's ledger).
    std::size_t entryAt(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void rebuildRows();
    bool accepts(std::size_t entry) const;
    QString note(std::size_t entry) const;

    const SyncedAccount *m_account = nullptr;
    bool m_rangeMode = false;
    std::vector<std::pair<std::size_t, std::size_t>> m_ranges;
    bool m_identity = true;      // every entry, newest first, without an index vector
    std::vector<quint32> m_rows; // entry indexes when filtered or in range mode
    std::size_t m_count = 0;     // ledger size when m_identity
    Filter m_filter;
    std::unique_ptr<TimeFormat> m_times;
    std::unique_ptr<AmountFormat> m_amounts;
};

} // namespace creditdesk
