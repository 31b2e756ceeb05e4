#include "TaskLogModel.h"

#include "AccountHistory.h"
#include "AmountFormat.h"
#include "HugePages.h"
#include "SyncedAccount.h"
#include "ThemePalette.h"
#include "TimeFormat.h"
#include "Wording.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QJsonValue>
#include <QLocale>
#include <QPalette>

#include <algorithm>
#include <array>
#include <iterator>
#include <limits>
#include <memory>

namespace creditdesk {

namespace {
// Sort ranks of the outcome column: what a member groups by.
enum OutcomeRank : qint64 {
    RankCompleted,
    RankRunning,
    RankSystemError,
    RankContent,
    RankCancelled,
    RankNotStarted,
    RankEvent
};

// Case-insensitive "contains" for the search: an ASCII needle (task ids, order ids) is folded
// once and compared with a plain loop, which is several times faster than Qt's general
// case-folding search over half a million names; anything else takes Qt's way.
bool containsFolded(QStringView hay, QStringView needleLower, bool asciiNeedle)
{
    if (!asciiNeedle)
        return hay.contains(needleLower, Qt::CaseInsensitive);
    const qsizetype n = needleLower.size();
    if (n == 0)
        return true;
    const auto fold = [](char16_t c) { return c >= u'A' && c <= u'Z' ? char16_t(c + 32) : c; };
    for (qsizetype i = 0; i + n <= hay.size(); ++i) {
        qsizetype j = 0;
        while (j < n && fold(hay[i + j].unicode()) == needleLower[j].unicode())
            ++j;
        if (j == n)
            return true;
    }
    return false;
}

bool isTaskEvent(EventType type)
{
    return type == EventType::TaskStart || type == EventType::TaskEnd || type == EventType::Refund;
}
} // namespace

TaskLogModel::TaskLogModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_times(std::make_unique<TimeFormat>())
    , m_amounts(std::make_unique<AmountFormat>())
{}

TaskLogModel::~TaskLogModel() = default;

void TaskLogModel::setAccount(const SyncedAccount *account)
{
    if (account != m_account) { // another account's log: its own sort room
        m_sortWords.reset();
        m_sortScratch.reset();
        m_sortRoom = 0;
    }
    m_account = account;
    reload();
}

const TimeFormat &TaskLogModel::times() const
{
    return *m_times;
}

void TaskLogModel::reload()
{
    beginResetModel();
    m_all.clear();
    m_shown.clear();
    m_refundByTask.clear();
    m_purchaseById.clear();
    if (!m_account) {
        endResetModel();
        return;
    }
    const AccountHistory &h = m_account->history();
    m_times = std::make_unique<TimeFormat>(h.zone());
    m_amounts = std::make_unique<AmountFormat>(m_account->unit);

    // Both sources are already in time order (events as applied, tasks by first start): a
    // merge of the two, read backwards, is newest first without sorting a million rows.
    // The row vectors are megabytes on a million-event log: in huge pages where the kernel has
    // them (a first touch of each 4 KB page is costly on a virtual machine).
    std::vector<RowRef> events;
    std::vector<RowRef> tasks;
    HugePages::reserve(tasks, h.tasks().size());
    // Every task has at least one event of its own: the rest is at most this many.
    HugePages::reserve(events, std::size_t(h.eventCount()) -
                                   std::min(std::size_t(h.eventCount()), h.tasks().size()));
    for (qint64 i = 0; i < h.eventCount(); ++i) {
        const Event &e = h.event(i);
        if (!isTaskEvent(e.type))
            events.push_back({e.at, qint32(i), Kind::EventRow});
    }
    const auto &summaries = h.tasks();
    for (std::size_t i = 0; i < summaries.size(); ++i) {
        const TaskSummary &t = summaries[i];
        const int first = t.startEvent >= 0 ? t.startEvent
                          : t.endEvent >= 0 ? t.endEvent
                                            : t.refundEvent;
        tasks.push_back({first >= 0 ? h.event(first).at : 0, qint32(i), Kind::TaskRow});
    }
    const auto byTime = [](const RowRef &a, const RowRef &b) { return a.at < b.at; };
    // Events arrive in time order from a scenario file; a sync may append late ones.
    if (!std::is_sorted(events.begin(), events.end(), byTime))
        std::stable_sort(events.begin(), events.end(), byTime);
    if (!std::is_sorted(tasks.begin(), tasks.end(), byTime))
        std::stable_sort(tasks.begin(), tasks.end(), byTime);
    HugePages::reserve(m_all,
                       events.size() + tasks.size() + std::size_t(m_account->purchases.size()));
    std::merge(events.begin(), events.end(), tasks.begin(), tasks.end(), std::back_inserter(m_all),
               byTime);
    // Purchases the server knows and the history does not hold yet (pending, failed).
    for (qsizetype i = 0; i < m_account->purchases.size(); ++i) {
        const PurchaseInfo &p = m_account->purchases[i];
        m_purchaseById.insert(p.id, int(i));
        if (p.status != u"completed")
            m_all.push_back(
                {p.createdAt == NoTime ? 0 : p.createdAt, qint32(i), Kind::PendingPurchaseRow});
    }
    std::reverse(m_all.begin(), m_all.end());
    if (!std::is_sorted(m_all.begin(), m_all.end(),
                        [](const RowRef &a, const RowRef &b) { return a.at > b.at; }))
        std::stable_sort(m_all.begin(), m_all.end(),
                         [](const RowRef &a, const RowRef &b) { return a.at > b.at; });

    for (qsizetype i = 0; i < m_account->refundRequests.size(); ++i) {
        const int name = h.scenario().names->find(m_account->refundRequests[i].task);
        // refundRequests is newest first: the first one seen for a task is its latest.
        if (name >= 0 && !m_refundByTask.contains(name))
            m_refundByTask.insert(name, int(i));
    }
    applyFilterAndSort();
    endResetModel();
}

void TaskLogModel::setFilter(const Filter &filter)
{
    if (filter == m_filter)
        return;
    beginResetModel();
    m_filter = filter;
    applyFilterAndSort();
    endResetModel();
}

int TaskLogModel::featureOf(const RowRef &row) const
{
    const AccountHistory &h = m_account->history();
    if (row.kind == Kind::TaskRow) {
        const TaskSummary &t = h.tasks()[std::size_t(row.index)];
        return t.startEvent >= 0 ? h.event(t.startEvent).request.feature : -1;
    }
    if (row.kind == Kind::EventRow) {
        const Event &e = h.event(row.index);
        if (e.type == EventType::Promotion)
            return e.request.feature;
    }
    return -1;
}

bool TaskLogModel::accepts(const RowRef &row) const
{
    const Filter &f = m_filter;
    if (f.from != NoTime && row.at < f.from)
        return false;
    if (f.until != NoTime && row.at >= f.until)
        return false;
    const AccountHistory &h = m_account->history();
    const bool isPurchase =
        row.kind == Kind::PendingPurchaseRow ||
        (row.kind == Kind::EventRow && h.event(row.index).type == EventType::Purchase);
    switch (f.show) {
    case Show::All:
        break;
    case Show::Tasks:
        if (row.kind != Kind::TaskRow)
            return false;
        break;
    case Show::Purchases:
        if (!isPurchase)
            return false;
        break;
    case Show::Other:
        if (row.kind == Kind::TaskRow || isPurchase)
            return false;
        break;
    }
    if (f.feature >= 0 && featureOf(row) != f.feature)
        return false;
    if (f.outcome != OutcomeFilter::Any) {
        if (row.kind != Kind::TaskRow)
            return false;
        const TaskSummary &t = h.tasks()[std::size_t(row.index)];
        const bool ended = t.endEvent >= 0;
        const creditdesk::Outcome outcome =
            ended ? h.event(t.endEvent).outcome : creditdesk::Outcome::Success;
        switch (f.outcome) {
        case OutcomeFilter::Any:
            break;
        case OutcomeFilter::Completed:
            if (t.rejected || !ended || outcome != creditdesk::Outcome::Success)
                return false;
            break;
        case OutcomeFilter::SystemError:
            if (t.rejected || !ended || outcome != creditdesk::Outcome::SystemError)
                return false;
            break;
        case OutcomeFilter::ContentViolation:
            if (t.rejected || !ended || outcome != creditdesk::Outcome::ContentViolation)
                return false;
            break;
        case OutcomeFilter::Cancelled:
            if (t.rejected || !ended || outcome != creditdesk::Outcome::Cancelled)
                return false;
            break;
        case OutcomeFilter::NotStarted:
            if (!t.rejected)
                return false;
            break;
        case OutcomeFilter::Running:
            if (t.rejected || ended)
                return false;
            break;
        case OutcomeFilter::Refunded:
            if (!t.refunded.isPositive())
                return false;
            break;
        }
    }
    if (!f.text.isEmpty()) {
        const auto has = [&](QStringView s) { return containsFolded(s, m_needle, m_asciiNeedle); };
        const auto nameMatches = [&](int id) {
            return id >= 0 && std::size_t(id) < m_nameMatch.size() && m_nameMatch[std::size_t(id)];
        };
        switch (row.kind) {
        case Kind::TaskRow: {
            const TaskSummary &t = h.tasks()[std::size_t(row.index)];
            if (nameMatches(t.task))
                break;
            // The feature costs a look at the start event: only when some feature matches.
            const int feature = m_anyFeatureMatch ? featureOf(row) : -1;
            const bool featureMatches = feature >= 0 &&
                                        std::size_t(feature) < m_featureMatch.size() &&
                                        m_featureMatch[std::size_t(feature)];
            if (!featureMatches)
                return false;
            break;
        }
        case Kind::EventRow: {
            const Event &e = h.event(row.index);
            if (m_typeMatch[std::size_t(e.type)] || (e.note >= 0 && nameMatches(e.note)) ||
                (e.pack >= 0 && has(h.policy().packs[e.pack].name)))
                break;
            // Most events carry no details: no look-ups for them.
            const QJsonObject &details = h.detailsOfEvent(row.index);
            if (details.isEmpty() || (!has(details.value(QLatin1String("purchase")).toString()) &&
                                      !has(details.value(QLatin1String("reason")).toString())))
                return false;
            break;
        }
        case Kind::PendingPurchaseRow: {
            const PurchaseInfo &p = m_account->purchases[row.index];
            if (!has(p.id) && !has(p.pack) && !m_typeMatch[std::size_t(EventType::Purchase)])
                return false;
            break;
        }
        }
    }
    return true;
}

void TaskLogModel::applyFilterAndSort()
{
    m_shown.clear();
    if (!m_account)
        return;
    const bool everything = m_filter == Filter();
    // Translated words are made once per filtering, not once per row.
    m_needle = m_filter.text.toLower();
    m_asciiNeedle = true;
    for (const QChar c : m_needle)
        m_asciiNeedle = m_asciiNeedle && c.unicode() < 128;
    // Whether the search text matches each event type's word and each feature's name: asked
    // once here, not once per row.
    for (std::size_t t = 0; t < m_typeMatch.size(); ++t)
        m_typeMatch[t] =
            !m_filter.text.isEmpty() &&
            Wording::eventType(EventType(t)).contains(m_filter.text, Qt::CaseInsensitive);
    m_featureMatch.assign(std::size_t(m_account->history().policy().features.size()), false);
    for (std::size_t f = 0; f < m_featureMatch.size(); ++f)
        m_featureMatch[f] = !m_filter.text.isEmpty() &&
                            m_account->history().policy().features[qsizetype(f)].name.contains(
                                m_filter.text, Qt::CaseInsensitive);
    m_anyFeatureMatch =
        std::find(m_featureMatch.begin(), m_featureMatch.end(), true) != m_featureMatch.end();
    m_nameMatch.clear();
    if (!m_filter.text.isEmpty()) {
        // One sequential pass over the names (they sit end to end in the table).
        const NameTable &names = *m_account->history().scenario().names;
        m_nameMatch.resize(std::size_t(names.size()));
        for (int id = 0; id < names.size(); ++id)
            m_nameMatch[std::size_t(id)] = containsFolded(names.view(id), m_needle, m_asciiNeedle);
    }
    HugePages::reserve(m_shown, everything ? m_all.size() : m_all.size() / 4);
    for (std::size_t i = 0; i < m_all.size(); ++i)
        if (everything || accepts(m_all[i]))
            m_shown.push_back(qint32(i));
    if (m_sortColumn < 0 || (m_sortColumn == Started && m_sortOrder == Qt::DescendingOrder))
        return; // m_all is already newest first
    if (m_sortColumn == Started) {
        std::reverse(m_shown.begin(), m_shown.end());
        return;
    }
    // Keys are looked up once per row (not per comparison), then a least-significant-digit
    // radix sort over only the bytes the keys' range needs: stable, so ties keep newest first,
    // and linear — a few passes over half a million rows instead of ~10 M comparisons. Where
    // the range fits in 32 bits (amounts, outcomes, features…) key and row share one 64-bit
    // word: two buffers of 8 bytes a row, never zeroed, are all the memory it touches.
    const std::size_t n = m_shown.size();
    if (n < 2)
        return;
    if (m_sortRoom < n) {
        m_sortWords = std::make_unique_for_overwrite<quint64[]>(n);
        m_sortScratch = std::make_unique_for_overwrite<quint64[]>(n);
        HugePages::prefer(m_sortWords.get(), n * sizeof(quint64));
        HugePages::prefer(m_sortScratch.get(), n * sizeof(quint64));
        m_sortRoom = n;
    }
    quint64 *words = m_sortWords.get();
    qint64 lo = std::numeric_limits<qint64>::max();
    qint64 hi = std::numeric_limits<qint64>::min();
    for (std::size_t i = 0; i < n; ++i) {
        const qint64 key = sortKey(m_all[std::size_t(m_shown[i])], m_sortColumn);
        words[i] = quint64(key);
        lo = std::min(lo, key);
        hi = std::max(hi, key);
    }
    if (lo == hi)
        return;
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    const auto ordered = [&](quint64 word) {
        const qint64 key = qint64(word);
        return descending ? quint64(hi) - quint64(key) : quint64(key) - quint64(lo);
    };
    const quint64 range = quint64(hi) - quint64(lo);
    std::array<std::size_t, 257> count{};
    if (range <= 0xffffffffULL) {
        for (std::size_t i = 0; i < n; ++i)
            words[i] = (ordered(words[i]) << 32) | quint32(m_shown[i]);
        quint64 *scratch = m_sortScratch.get();
        for (int shift = 32; shift < 64 && (range >> (shift - 32)) != 0; shift += 8) {
            count.fill(0);
            for (std::size_t i = 0; i < n; ++i)
                ++count[((words[i] >> shift) & 0xff) + 1];
            for (std::size_t b = 1; b < count.size(); ++b)
                count[b] += count[b - 1];
            for (std::size_t i = 0; i < n; ++i)
                scratch[count[(words[i] >> shift) & 0xff]++] = words[i];
            std::swap(words, scratch);
        }
        for (std::size_t i = 0; i < n; ++i)
            m_shown[i] = qint32(words[i] & 0xffffffffULL);
        return;
    }
    // A wider range (times, with "never" as the largest): the key beside the row.
    struct Item
    {
        quint64 key;
        qint32 row;
    };
    auto items = std::make_unique_for_overwrite<Item[]>(n);
    auto scratch = std::make_unique_for_overwrite<Item[]>(n);
    for (std::size_t i = 0; i < n; ++i)
        items[i] = {ordered(words[i]), m_shown[i]};
    for (int shift = 0; shift < 64 && (range >> shift) != 0; shift += 8) {
        count.fill(0);
        for (std::size_t i = 0; i < n; ++i)
            ++count[((items[i].key >> shift) & 0xff) + 1];
        for (std::size_t b = 1; b < count.size(); ++b)
            count[b] += count[b - 1];
        for (std::size_t i = 0; i < n; ++i)
            scratch[count[(items[i].key >> shift) & 0xff]++] = items[i];
        items.swap(scratch);
    }
    for (std::size_t i = 0; i < n; ++i)
        m_shown[i] = items[i].row;
}

qint64 TaskLogModel::sortKey(const RowRef &row, int column) const
{
    const AccountHistory &h = m_account->history();
    const TaskSummary *t = row.kind == Kind::TaskRow ? &h.tasks()[std::size_t(row.index)] : nullptr;
    switch (column) {
    case Started:
        return row.at;
    case Ended:
        if (t)
            return t->endEvent >= 0 ? h.event(t->endEvent).at : std::numeric_limits<qint64>::max();
        if (row.kind == Kind::PendingPurchaseRow) {
            const TimePoint s = m_account->purchases[row.index].settledAt;
            return s == NoTime ? std::numeric_limits<qint64>::max() : s;
        }
        return row.at;
    case What: {
        // Features first (in policy order), then event kinds.
        const int feature = featureOf(row);
        if (t)
            return feature;
        if (row.kind == Kind::PendingPurchaseRow)
            return 1000 + qint64(EventType::Purchase);
        return 1000 + qint64(h.event(row.index).type);
    }
    case Task:
        // Names in first-seen order: sorting by the text itself would compare strings a
        // million times; this groups rows of one id together and is stable.
        return t ? t->task : -1;
    case Details:
        if (t) {
            const qint64 end = t->endEvent >= 0 ? h.event(t->endEvent).request.tokens : -1;
            return end >= 0 ? end
                            : (t->startEvent >= 0 ? h.event(t->startEvent).request.tokens : -1);
        }
        return -1;
    case Outcome: {
        if (!t)
            return RankEvent;
        if (t->rejected)
            return RankNotStarted;
        if (t->endEvent < 0)
            return RankRunning;
        switch (h.event(t->endEvent).outcome) {
        case creditdesk::Outcome::Success:
            return RankCompleted;
        case creditdesk::Outcome::SystemError:
            return RankSystemError;
        case creditdesk::Outcome::ContentViolation:
            return RankContent;
        case creditdesk::Outcome::Cancelled:
            return RankCancelled;
        }
        return RankEvent;
    }
    case Amount: {
        if (t)
            return -t->charged.milli();
        if (row.kind == Kind::PendingPurchaseRow)
            return m_account->purchases[row.index].amount.milli();
        const Event &e = h.event(row.index);
        switch (e.type) {
        case EventType::Purchase:
            return e.pack >= 0 ? h.policy().packs[e.pack].amount.milli() : e.amount.milli();
        case EventType::Grant:
            return e.amount.milli();
        case EventType::Debit:
            return -e.amount.milli();
        default:
            return 0;
        }
    }
    case Refunded:
        return t ? t->refunded.milli() : 0;
    case RefundRequest: {
        const int r = refundRequestOf(row);
        if (r < 0)
            return 0;
        const QString &s = m_account->refundRequests[r].status;
        return s == u"open" ? 1 : s == u"approved" ? 2 : 3;
    }
    default:
        return 0;
    }
}

void TaskLogModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<qint32> oldShown;
    if (!before.isEmpty())
        oldShown = m_shown;
    m_sortColumn = column;
    m_sortOrder = order;
    applyFilterAndSort();
    if (!before.isEmpty()) {
        // Persistent indexes (the selection) follow their rows.
        std::vector<qint32> positionOf(m_all.size(), -1);
        for (std::size_t i = 0; i < m_shown.size(); ++i)
            positionOf[std::size_t(m_shown[i])] = qint32(i);
        QModelIndexList after;
        after.reserve(before.size());
        for (const QModelIndex &idx : before) {
            const qint32 row = positionOf[std::size_t(oldShown[std::size_t(idx.row())])];
            after.push_back(row < 0 ? QModelIndex() : index(row, idx.column()));
        }
        changePersistentIndexList(before, after);
    }
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

int TaskLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

int TaskLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TaskLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return section == Amount || section == Refunded
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const QString unit = m_account ? m_account->unit : QString();
    switch (section) {
    case Started:
        return tr("Started");
    case Ended:
        return tr("Ended");
    case What:
        return tr("What");
    case Task:
        return tr("Task / order");
    case Details:
        return tr("Details");
    case Outcome:
        return tr("Outcome");
    case Amount:
        return unit.isEmpty() ? tr("Amount") : tr("Amount (%1)").arg(unit);
    case Refunded:
        return tr("Refunded");
    case RefundRequest:
        return tr("Refund request");
    default:
        return {};
    }
}

QVariant TaskLogModel::data(const QModelIndex &index, int role) const
{
    if (!m_account || !index.isValid() || index.row() >= int(m_shown.size()))
        return {};
    const RowRef &row = m_all[std::size_t(m_shown[std::size_t(index.row())])];
    switch (role) {
    case Qt::DisplayRole:
        return text(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Details || index.column() == Outcome ||
            index.column() == RefundRequest)
            return text(row, index.column());
        if (index.column() == Started || index.column() == Ended) {
            // Times show in the account's zone; whoever reads them (a support agent far
            // away) sees their own on hover.
            const QDateTime at =
                QDateTime::fromString(exportText(row, index.column()), Qt::ISODate);
            if (at.isValid())
                return tr("%1 in the account's zone (%2) · your time: %3")
                    .arg(text(row, index.column()), m_times->zone().id(),
                         QLocale().toString(at.toLocalTime(), QLocale::ShortFormat));
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Amount || index.column() == Refunded
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole: {
        const QPalette palette = QGuiApplication::palette();
        if (row.kind == Kind::PendingPurchaseRow)
            return ThemePalette::color(palette, ThemePalette::Tone::Muted);
        if (row.kind == Kind::TaskRow) {
            const TaskSummary &t = m_account->history().tasks()[std::size_t(row.index)];
            if (t.rejected)
                return ThemePalette::color(palette, ThemePalette::Tone::Muted);
        }
        if (index.column() == Refunded)
            return ThemePalette::color(palette, ThemePalette::Tone::Good);
        return {};
    }
    case ExportRole:
        return exportText(row, index.column());
    case TaskIdRole:
        return taskId(index.row());
    case RefundableRole:
        return isRefundable(index.row());
    default:
        return {};
    }
}

int TaskLogModel::refundRequestOf(const RowRef &row) const
{
    if (row.kind != Kind::TaskRow)
        return -1;
    const TaskSummary &t = m_account->history().tasks()[std::size_t(row.index)];
    return m_refundByTask.value(t.task, -1);
}

int TaskLogModel::purchaseOf(const RowRef &row) const
{
    if (row.kind == Kind::PendingPurchaseRow)
        return row.index;
    if (row.kind != Kind::EventRow)
        return -1;
    const QJsonObject &details = m_account->history().detailsOfEvent(row.index);
    const QString id = details.value(QLatin1String("purchase")).toString();
    return id.isEmpty() ? -1 : m_purchaseById.value(id, -1);
}

QString TaskLogModel::taskDetails(const RowRef &row) const
{
    const AccountHistory &h = m_account->history();
    const TaskSummary &t = h.tasks()[std::size_t(row.index)];
    QStringList parts;
    if (t.startEvent >= 0) {
        const Event &start = h.event(t.startEvent);
        const TaskRequest &r = start.request;
        const FeatureRule *feature = r.feature >= 0 && r.feature < h.policy().features.size()
                                         ? &h.policy().features[r.feature]
                                         : nullptr;
        if (feature && feature->pricing == FeatureRule::Pricing::PerModel)
            parts << (r.models == 1 ? tr("1 model") : tr("%1 models").arg(r.models));
        if (r.tierGiven && r.tier >= 0 && r.tier < h.policy().tiers.size())
            parts << tr("tier %1").arg(Wording::featureName(h.policy().tiers[r.tier].name));
        if (r.quantityMilli != Credits::Scale)
            parts << tr("quantity %1").arg(m_amounts->number(Credits::fromMilli(r.quantityMilli)));
        const qint64 processed = t.endEvent >= 0 ? h.event(t.endEvent).request.tokens : -1;
        if (processed >= 0)
            parts << tr("%1 tokens").arg(m_amounts->count(processed));
        else if (r.tokens >= 0)
            parts << tr("%1 tokens estimated").arg(m_amounts->count(r.tokens));
    }
    if (t.uncovered.isPositive())
        parts << tr("%1 uncovered").arg(m_amounts->number(t.uncovered));
    return parts.join(QStringLiteral(" · "));
}

QString TaskLogModel::eventDetails(const RowRef &row) const
{
    const AccountHistory &h = m_account->history();
    const Policy &policy = h.policy();
    if (row.kind == Kind::PendingPurchaseRow) {
        const PurchaseInfo &p = m_account->purchases[row.index];
        QStringList parts;
        parts << (p.pack.isEmpty() ? tr("custom amount") : p.pack);
        if (p.price)
            parts << m_amounts->price(p.price->amount, p.price->currency);
        if (!p.paymentMethod.isEmpty())
            parts << p.paymentMethod;
        return parts.join(QStringLiteral(" · "));
    }
    const Event &e = h.event(row.index);
    const QJsonObject &details = h.detailsOfEvent(row.index);
    switch (e.type) {
    case EventType::Signup:
        return tr("signup grants and free allowances begin");
    case EventType::Subscribe:
        return e.plan >= 0 ? tr("plan %1").arg(policy.plans[e.plan].name) : QString();
    case EventType::Grant: {
        QString text = Wording::bucketAdjective(e.kind);
        if (e.until != Never)
            text = tr("%1 · expires %2").arg(text, m_times->absolute(e.until));
        const QString reason = details.value(QLatin1String("reason")).toString();
        return reason.isEmpty() ? text : tr("%1 · %2").arg(text, reason);
    }
    case EventType::Purchase: {
        QStringList parts;
        parts << (e.pack >= 0 ? policy.packs[e.pack].name : tr("custom amount"));
        const int p = purchaseOf(row);
        if (p >= 0 && m_account->purchases[p].price) {
            const Price &price = *m_account->purchases[p].price;
            parts << m_amounts->price(price.amount, price.currency);
        }
        return parts.join(QStringLiteral(" · "));
    }
    case EventType::Debit: {
        if (e.note >= 0)
            return h.scenario().names->name(e.note);
        return details.value(QLatin1String("reason")).toString();
    }
    case EventType::Promotion:
        return tr("%1 free %2 – %3")
            .arg(e.request.feature >= 0
                     ? Wording::featureName(policy.features[e.request.feature].name)
                     : QString(),
                 m_times->absolute(e.from), m_times->absolute(e.until));
    default:
        return {};
    }
}

QString TaskLogModel::outcomeText(const RowRef &row) const
{
    const AccountHistory &h = m_account->history();
    if (row.kind == Kind::TaskRow) {
        const TaskSummary &t = h.tasks()[std::size_t(row.index)];
        if (t.rejected)
            return tr("Not started — %1")
                .arg(Wording::rejectReason(t.rejectReason, m_account->unit));
        if (t.endEvent < 0)
            return t.startEvent >= 0 ? tr("Running") : QString();
        const creditdesk::Outcome o = h.event(t.endEvent).outcome;
        return Wording::outcome(o, h.policy().chargedOutcomes[std::size_t(o)]);
    }
    const int p = purchaseOf(row);
    if (p >= 0) {
        const PurchaseInfo &info = m_account->purchases[p];
        QString s = Wording::purchaseStatus(row.kind == Kind::EventRow ? QStringLiteral("completed")
                                                                       : info.status);
        if (info.status == u"failed" && !info.failureReason.isEmpty())
            s = tr("%1: %2").arg(s, info.failureReason);
        return s;
    }
    if (row.kind == Kind::EventRow && h.event(row.index).type == EventType::Purchase)
        return Wording::purchaseStatus(QStringLiteral("completed"));
    return {};
}

QString TaskLogModel::text(const RowRef &row, int column) const
{
    const AccountHistory &h = m_account->history();
    const TaskSummary *t = row.kind == Kind::TaskRow ? &h.tasks()[std::size_t(row.index)] : nullptr;
    switch (column) {
    case Started:
        return m_times->stamp(row.at);
    case Ended:
        if (t) {
            if (t->endEvent < 0)
                return {};
            // The same day as the start: the time alone reads faster down a column.
            const TimePoint end = h.event(t->endEvent).at;
            const QString stamp = m_times->stamp(end);
            return h.zone().localDate(end) == h.zone().localDate(row.at) ? stamp.mid(11) : stamp;
        }
        if (row.kind == Kind::PendingPurchaseRow) {
            const TimePoint s = m_account->purchases[row.index].settledAt;
            return s == NoTime ? QString() : m_times->stamp(s);
        }
        return {};
    case What: {
        if (t) {
            const int feature = featureOf(row);
            return feature >= 0 ? Wording::featureName(h.policy().features[feature].name)
                                : tr("task");
        }
        if (row.kind == Kind::PendingPurchaseRow)
            return Wording::eventType(EventType::Purchase);
        const Event &e = h.event(row.index);
        if (e.type == EventType::Grant)
            return tr("%1 grant").arg(Wording::bucketAdjective(e.kind));
        return Wording::eventType(e.type);
    }
    case Task:
        if (t)
            return h.scenario().names->name(t->task);
        if (const int p = purchaseOf(row); p >= 0)
            return m_account->purchases[p].id;
        if (row.kind == Kind::EventRow)
            return h.detailsOfEvent(row.index).value(QLatin1String("purchase")).toString();
        return {};
    case Details:
        return t ? taskDetails(row) : eventDetails(row);
    case Outcome:
        return outcomeText(row);
    case Amount: {
        if (t)
            return t->charged.isZero()
                       ? (t->rejected || t->endEvent < 0 ? QString()
                                                         : m_amounts->number(t->charged))
                       : m_amounts->signedNumber(-t->charged);
        if (row.kind == Kind::PendingPurchaseRow)
            return m_amounts->signedNumber(m_account->purchases[row.index].amount);
        const Event &e = h.event(row.index);
        switch (e.type) {
        case EventType::Purchase:
            return m_amounts->signedNumber(e.pack >= 0 ? h.policy().packs[e.pack].amount
                                                       : e.amount);
        case EventType::Grant:
            return m_amounts->signedNumber(e.amount);
        case EventType::Debit:
            return m_amounts->signedNumber(-e.amount);
        default:
            return {};
        }
    }
    case Refunded:
        return t && t->refunded.isPositive() ? m_amounts->signedNumber(t->refunded) : QString();
    case RefundRequest: {
        const int r = refundRequestOf(row);
        if (r < 0)
            return {};
        const RefundRequestInfo &info = m_account->refundRequests[r];
        const QString state = Wording::refundStatus(info.status);
        return info.decision.isEmpty() ? state : tr("%1: %2").arg(state, info.decision);
    }
    default:
        return {};
    }
}

QString TaskLogModel::exportText(const RowRef &row, int column) const
{
    const AccountHistory &h = m_account->history();
    const TaskSummary *t = row.kind == Kind::TaskRow ? &h.tasks()[std::size_t(row.index)] : nullptr;
    // Plain, locale-free values for spreadsheets: ISO times, "-12.5" amounts.
    switch (column) {
    case Started:
        return h.zone().format(row.at);
    case Ended:
        if (t)
            return t->endEvent >= 0 ? h.zone().format(h.event(t->endEvent).at) : QString();
        if (row.kind == Kind::PendingPurchaseRow) {
            const TimePoint s = m_account->purchases[row.index].settledAt;
            return s == NoTime ? QString() : h.zone().format(s);
        }
        return {};
    case Amount: {
        if (t)
            return (-t->charged).toString();
        if (row.kind == Kind::PendingPurchaseRow)
            return m_account->purchases[row.index].amount.toString();
        const Event &e = h.event(row.index);
        switch (e.type) {
        case EventType::Purchase:
            return (e.pack >= 0 ? h.policy().packs[e.pack].amount : e.amount).toString();
        case EventType::Grant:
            return e.amount.toString();
        case EventType::Debit:
            return (-e.amount).toString();
        default:
            return {};
        }
    }
    case Refunded:
        return t ? t->refunded.toString() : QString();
    default:
        return text(row, column);
    }
}

std::vector<std::pair<std::size_t, std::size_t>> TaskLogModel::entryRanges(int row) const
{
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    if (!m_account || row < 0 || row >= int(m_shown.size()))
        return ranges;
    const RowRef &ref = m_all[std::size_t(m_shown[std::size_t(row)])];
    const AccountHistory &h = m_account->history();
    if (ref.kind == Kind::TaskRow) {
        const TaskSummary &t = h.tasks()[std::size_t(ref.index)];
        for (const int e : {t.startEvent, t.endEvent, t.refundEvent})
            if (e >= 0)
                ranges.push_back(h.entriesOfEvent(e));
    } else if (ref.kind == Kind::EventRow) {
        ranges.push_back(h.entriesOfEvent(ref.index));
    }
    return ranges;
}

QString TaskLogModel::taskId(int row) const
{
    if (!m_account || row < 0 || row >= int(m_shown.size()))
        return {};
    const RowRef &ref = m_all[std::size_t(m_shown[std::size_t(row)])];
    if (ref.kind != Kind::TaskRow)
        return {};
    return m_account->history().scenario().names->name(
        m_account->history().tasks()[std::size_t(ref.index)].task);
}

bool TaskLogModel::isRefundable(int row) const
{
    if (!m_account || row < 0 || row >= int(m_shown.size()))
        return false;
    const RowRef &ref = m_all[std::size_t(m_shown[std::size_t(row)])];
    if (ref.kind != Kind::TaskRow)
        return false;
    const TaskSummary &t = m_account->history().tasks()[std::size_t(ref.index)];
    if (!t.charged.isPositive() || t.refunded.isPositive() || t.endEvent < 0)
        return false;
    const int r = refundRequestOf(ref);
    return r < 0 || m_account->refundRequests[r].status == u"declined";
}

QString TaskLogModel::describe(int row) const
{
    if (!m_account || row < 0 || row >= int(m_shown.size()))
        return {};
    const RowRef &ref = m_all[std::size_t(m_shown[std::size_t(row)])];
    QStringList parts;
    for (int c : {What, Task, Started, Outcome}) {
        const QString s = text(ref, c);
        if (!s.isEmpty())
            parts << s;
    }
    return parts.join(QStringLiteral(" · "));
}

} // namespace creditdesk
