#include "LedgerEntryModel.h"

#include "AccountHistory.h"
#include "AmountFormat.h"
#include "SyncedAccount.h"
#include "ThemePalette.h"
#include "TimeFormat.h"
#include "Wording.h"

#include <QGuiApplication>
#include <QDateTime>
#include <QJsonValue>
#include <QLocale>

namespace creditdesk {

LedgerEntryModel::LedgerEntryModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_times(std::make_unique<TimeFormat>())
    , m_amounts(std::make_unique<AmountFormat>())
{}

LedgerEntryModel::~LedgerEntryModel() = default;

void LedgerEntryModel::setAccount(const SyncedAccount *account)
{
    m_account = account;
    reload();
}

void LedgerEntryModel::reload()
{
    beginResetModel();
    if (m_account) {
        m_times = std::make_unique<TimeFormat>(m_account->history().zone());
        m_amounts = std::make_unique<AmountFormat>(m_account->unit);
    }
    rebuildRows();
    endResetModel();
}

void LedgerEntryModel::setFilter(const Filter &filter)
{
    if (filter == m_filter && !m_rangeMode)
        return;
    beginResetModel();
    m_filter = filter;
    m_rangeMode = false;
    rebuildRows();
    endResetModel();
}

void LedgerEntryModel::setRanges(std::vector<std::pair<std::size_t, std::size_t>> ranges)
{
    beginResetModel();
    m_rangeMode = true;
    m_ranges = std::move(ranges);
    rebuildRows();
    endResetModel();
}

bool LedgerEntryModel::accepts(std::size_t entry) const
{
    const AccountHistory &h = m_account->history();
    const LedgerEntry &e = h.engine().ledger()[entry];
    if (m_filter.types != 0 && !(m_filter.types & (1u << quint32(e.type))))
        return false;
    if (!m_filter.text.isEmpty()) {
        const bool task = e.task >= 0 && h.scenario().names->view(e.task).contains(
                                             m_filter.text, Qt::CaseInsensitive);
        if (!task && !note(entry).contains(m_filter.text, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

void LedgerEntryModel::rebuildRows()
{
    m_rows.clear();
    m_identity = false;
    m_count = 0;
    if (!m_account)
        return;
    const auto &ledger = m_account->history().engine().ledger();
    if (m_rangeMode) {
        for (const auto &[begin, end] : m_ranges)
            for (std::size_t i = begin; i < end && i < ledger.size(); ++i)
                m_rows.push_back(quint32(i));
        return;
    }
    if (m_filter == Filter()) {
        m_identity = true;
        m_count = ledger.size();
        return;
    }
    // The ledger is in time order: a date range is two binary searches, not a scan.
    const CreditEngine &engine = m_account->history().engine();
    const std::size_t first =
        m_filter.from == NoTime ? 0 : engine.firstEntryAtOrAfter(m_filter.from);
    const std::size_t last =
        m_filter.until == NoTime ? ledger.size() : engine.firstEntryAtOrAfter(m_filter.until);
    for (std::size_t i = last; i > first; --i)
        if (accepts(i - 1))
            m_rows.push_back(quint32(i - 1));
}

std::size_t LedgerEntryModel::entryAt(int row) const
{
    if (m_identity)
        return m_count - 1 - std::size_t(row);
    return m_rows[std::size_t(row)];
}

int LedgerEntryModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return int(m_identity ? m_count : m_rows.size());
}

int LedgerEntryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LedgerEntryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return section == Amount || section == BalanceAfter
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Type:
        return tr("Entry");
    case Bucket:
        return tr("Bucket");
    case Task:
        return tr("Task");
    case Amount:
        return tr("Amount");
    case BalanceAfter:
        return tr("Balance after");
    case Note:
        return tr("Note");
    default:
        return {};
    }
}

QString LedgerEntryModel::note(std::size_t entry) const
{
    const AccountHistory &h = m_account->history();
    const LedgerEntry &e = h.engine().ledger()[entry];
    QStringList parts;
    const int noteId = h.engine().entryNote(entry);
    if (noteId >= 0)
        parts << h.scenario().names->name(noteId);
    const QJsonObject &details = h.detailsOfEntry(entry);
    const QString reason = details.value(QLatin1String("reason")).toString();
    if (!reason.isEmpty() && noteId < 0)
        parts << reason;
    const QString purchase = details.value(QLatin1String("purchase")).toString();
    if (!purchase.isEmpty() && e.type == EntryType::Purchase)
        parts << purchase;
    if (e.type == EntryType::Reject)
        parts << Wording::rejectReason(e.reason, m_account->unit);
    if (e.uncovered.isPositive())
        parts << tr("%1 uncovered").arg(m_amounts->number(e.uncovered));
    return parts.join(QStringLiteral(" · "));
}

QVariant LedgerEntryModel::data(const QModelIndex &index, int role) const
{
    if (!m_account || !index.isValid() || index.row() >= rowCount())
        return {};
    const std::size_t entry = entryAt(index.row());
    const AccountHistory &h = m_account->history();
    const LedgerEntry &e = h.engine().ledger()[entry];
    const bool holds = e.type == EntryType::Reserve || e.type == EntryType::Release;
    if (role == Qt::TextAlignmentRole)
        return index.column() == Amount || index.column() == BalanceAfter
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole) {
        // Holds move no credits: they are shown muted so the eye follows real changes.
        if (holds || e.type == EntryType::Reject)
            return ThemePalette::color(QGuiApplication::palette(), ThemePalette::Tone::Muted);
        if (index.column() == Amount && e.amount.isPositive())
            return ThemePalette::color(QGuiApplication::palette(), ThemePalette::Tone::Good);
        return {};
    }
    const bool exporting = role == ExportRole;
    if (role != Qt::DisplayRole && !exporting && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Time:
        if (role == Qt::ToolTipRole) // the account's zone on screen; the reader's own on hover
            return tr("%1 in the account's zone (%2) · your time: %3")
                .arg(m_times->stamp(e.at), h.zone().id(),
                     QLocale().toString(QDateTime::fromSecsSinceEpoch(e.at).toLocalTime(),
                                        QLocale::ShortFormat));
        return exporting ? h.zone().format(e.at) : m_times->stamp(e.at);
    case Type:
        return exporting ? entryTypeName(e.type) : Wording::entryType(e.type);
    case Bucket:
        if (!e.hasBucket)
            return QString();
        return exporting ? bucketKindName(e.bucket)
                         : Wording::bucketKind(e.bucket, m_account->unit);
    case Task:
        return e.task >= 0 ? h.scenario().names->name(e.task) : QString();
    case Amount:
        return exporting ? e.amount.toString() : m_amounts->signedNumber(e.amount);
    case BalanceAfter:
        return exporting ? e.balanceAfter.toString() : m_amounts->number(e.balanceAfter);
    case Note:
        return note(entry);
    default:
        return {};
    }
}

} // namespace creditdesk
