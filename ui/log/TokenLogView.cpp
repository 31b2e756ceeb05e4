#include "TokenLogView.h"

#include "AccountHistory.h"
#include "Clock.h"
#include "CsvExport.h"
#include "LedgerEntryModel.h"
#include "RefundRequestDialog.h"
#include "SyncedAccount.h"
#include "TaskLogModel.h"
#include "Wording.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelection>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace creditdesk {

namespace {
QTableView *makeTable(QAbstractItemModel *model, const QString &name, const QString &accessible,
                      QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setAccessibleName(accessible);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->setTextElideMode(Qt::ElideRight);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    // Fixed row heights: the view never measures a million rows.
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 10);
    table->horizontalHeader()->setHighlightSections(false);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    return table;
}

void setColumnWidths(QTableView *table, const QList<int> &chars)
{
    const int em = table->fontMetrics().horizontalAdvance(u'0');
    for (int c = 0; c < chars.size(); ++c)
        table->setColumnWidth(c, chars[c] * em + 16);
}
} // namespace

TokenLogView::TokenLogView(const Clock &viewClock, QWidget *parent)
    : QWidget(parent)
    , m_clock(viewClock)
    , m_tasks(new TaskLogModel(this))
    , m_entries(new LedgerEntryModel(this))
    , m_detail(new LedgerEntryModel(this))
    , m_search(new QLineEdit(this))
    , m_show(new QComboBox(this))
    , m_feature(new QComboBox(this))
    , m_outcome(new QComboBox(this))
    , m_entryType(new QComboBox(this))
    , m_period(new QComboBox(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_export(new QPushButton(tr("Export CSV…"), this))
    , m_refund(new QPushButton(tr("Request refund…"), this))
    , m_tabs(new QTabWidget(this))
    , m_detailHeading(new QLabel(this))
    , m_count(new QLabel(this))
    , m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("tokenLogView"));
    setAccessibleName(tr("Token log"));
    m_detail->setRanges({});

    m_search->setObjectName(QStringLiteral("logSearch"));
    m_search->setAccessibleName(tr("Search the log"));
    m_search->setPlaceholderText(tr("Search task, feature, order or reason  (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(240);

    m_show->setObjectName(QStringLiteral("logShow"));
    m_show->setAccessibleName(tr("Show"));
    m_show->addItem(tr("Everything"), int(TaskLogModel::Show::All));
    m_show->addItem(tr("Tasks"), int(TaskLogModel::Show::Tasks));
    m_show->addItem(tr("Purchases"), int(TaskLogModel::Show::Purchases));
    m_show->addItem(tr("Grants and plan"), int(TaskLogModel::Show::Other));

    m_feature->setObjectName(QStringLiteral("logFeature"));
    m_feature->setAccessibleName(tr("Feature"));
    m_feature->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_outcome->setObjectName(QStringLiteral("logOutcome"));
    m_outcome->setAccessibleName(tr("Outcome"));
    using OF = TaskLogModel::OutcomeFilter;
    m_outcome->addItem(tr("Any outcome"), int(OF::Any));
    m_outcome->addItem(tr("Completed"), int(OF::Completed));
    m_outcome->addItem(tr("System error"), int(OF::SystemError));
    m_outcome->addItem(tr("Blocked by content rules"), int(OF::ContentViolation));
    m_outcome->addItem(tr("Cancelled"), int(OF::Cancelled));
    m_outcome->addItem(tr("Not started"), int(OF::NotStarted));
    m_outcome->addItem(tr("Running"), int(OF::Running));
    m_outcome->addItem(tr("Refunded"), int(OF::Refunded));

    m_entryType->setObjectName(QStringLiteral("logEntryType"));
    m_entryType->setAccessibleName(tr("Entry type"));
    const auto bit = [](EntryType t) { return 1u << quint32(t); };
    m_entryType->addItem(tr("All entries"), 0u);
    m_entryType->addItem(tr("Charges"), bit(EntryType::Charge));
    m_entryType->addItem(tr("Refunds"), bit(EntryType::Refund));
    m_entryType->addItem(tr("Grants and refreshes"),
                         bit(EntryType::Grant) | bit(EntryType::Refresh));
    m_entryType->addItem(tr("Purchases"), bit(EntryType::Purchase));
    m_entryType->addItem(tr("Expiries"), bit(EntryType::Expire));
    m_entryType->addItem(tr("Debits"), bit(EntryType::Debit));
    m_entryType->addItem(tr("Holds (reserve and release)"),
                         bit(EntryType::Reserve) | bit(EntryType::Release));
    m_entryType->addItem(tr("Rejected"), bit(EntryType::Reject));

    m_period->setObjectName(QStringLiteral("logPeriod"));
    m_period->setAccessibleName(tr("Period"));
    m_period->addItem(tr("All time"), 0);
    m_period->addItem(tr("Last 24 hours"), 1);
    m_period->addItem(tr("Last 7 days"), 7);
    m_period->addItem(tr("Last 30 days"), 30);
    m_period->addItem(tr("Dates…"), -1);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setVisible(false);
    }
    m_from->setObjectName(QStringLiteral("logFrom"));
    m_from->setAccessibleName(tr("From date"));
    m_to->setObjectName(QStringLiteral("logTo"));
    m_to->setAccessibleName(tr("To date (inclusive)"));

    m_export->setObjectName(QStringLiteral("logExport"));
    m_export->setAccessibleName(tr("Export what is shown as CSV"));
    m_refund->setObjectName(QStringLiteral("logRefund"));
    m_refund->setAccessibleName(tr("Request a refund for the selected task"));
    m_refund->setEnabled(false);
    m_refund->setToolTip(tr("Select a charged task to ask support for a refund"));

    auto *filters = new QHBoxLayout;
    filters->setSpacing(8);
    filters->addWidget(m_search, 3);
    filters->addWidget(m_show);
    filters->addWidget(m_feature);
    filters->addWidget(m_outcome);
    filters->addWidget(m_entryType);
    filters->addWidget(m_period);
    filters->addWidget(m_from);
    filters->addWidget(m_to);
    m_entryType->setVisible(false);

    m_taskTable = makeTable(m_tasks, QStringLiteral("taskTable"), tr("Tasks and purchases"), this);
    m_entryTable = makeTable(m_entries, QStringLiteral("entryTable"), tr("Ledger entries"), this);
    m_detailTable = makeTable(m_detail, QStringLiteral("detailTable"),
                              tr("Ledger entries of the selected row"), this);
    // Amounts must stay in view at 1280 px: outcome and details elide first.
    setColumnWidths(m_taskTable, {19, 9, 13, 9, 16, 22, 12, 9});
    setColumnWidths(m_entryTable, {19, 10, 20, 12, 10, 14});
    setColumnWidths(m_detailTable, {19, 10, 20, 12, 10, 14});
    m_taskTable->setSortingEnabled(false);
    m_taskTable->horizontalHeader()->setSortIndicator(TaskLogModel::Started, Qt::DescendingOrder);
    m_taskTable->horizontalHeader()->setSortIndicatorShown(true);
    m_taskTable->setSortingEnabled(true);

    m_detailHeading->setObjectName(QStringLiteral("detailHeading"));
    m_detailHeading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailHeading->setText(tr("Select a row to see the ledger entries it wrote."));
    m_detailHeading->setWordWrap(true);

    auto *detailBox = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detailBox);
    detailLayout->setContentsMargins(0, 8, 0, 0);
    detailLayout->setSpacing(4);
    detailLayout->addWidget(m_detailHeading);
    detailLayout->addWidget(m_detailTable);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("logSplitter"));
    split->addWidget(m_taskTable);
    split->addWidget(detailBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    m_tabs->setObjectName(QStringLiteral("logTabs"));
    m_tabs->setAccessibleName(tr("Log views"));
    m_tabs->addTab(split, tr("Tasks and purchases"));
    m_tabs->addTab(m_entryTable, tr("Ledger entries"));
    m_tabs->setDocumentMode(true);

    m_count->setObjectName(QStringLiteral("logCount"));
    m_count->setForegroundRole(QPalette::PlaceholderText);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count, 1);
    bottom->addWidget(m_refund);
    bottom->addWidget(m_export);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 12);
    layout->setSpacing(8);
    layout->addLayout(filters);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(bottom);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &TokenLogView::applyFilters);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    for (QComboBox *combo : {m_show, m_feature, m_outcome, m_entryType})
        connect(combo, &QComboBox::currentIndexChanged, this, &TokenLogView::applyFilters);
    connect(m_period, &QComboBox::currentIndexChanged, this, [this] {
        const bool custom = m_period->currentData().toInt() < 0;
        m_from->setVisible(custom);
        m_to->setVisible(custom);
        applyFilters();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &TokenLogView::applyFilters);
    connect(m_to, &QDateEdit::dateChanged, this, &TokenLogView::applyFilters);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        const bool tasks = tab == 0;
        m_show->setVisible(tasks);
        m_feature->setVisible(tasks);
        m_outcome->setVisible(tasks);
        m_entryType->setVisible(!tasks);
        m_refund->setVisible(tasks && !m_readOnly);
        applyFilters(); // the tab now shown follows the filters (and counts its rows)
    });
    connect(m_taskTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TokenLogView::onCurrentRowChanged);
    connect(m_tasks, &QAbstractItemModel::modelReset, this, &TokenLogView::onCurrentRowChanged);
    connect(m_refund, &QPushButton::clicked, this, &TokenLogView::openRefundDialog);
    connect(m_export, &QPushButton::clicked, this, &TokenLogView::chooseExportPath);

    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    setTabOrder(m_search, m_show);
    setTabOrder(m_show, m_feature);
    setTabOrder(m_feature, m_outcome);
    setTabOrder(m_outcome, m_entryType);
    setTabOrder(m_entryType, m_period);
    setTabOrder(m_period, m_from);
    setTabOrder(m_from, m_to);
    setTabOrder(m_to, m_tabs);
    setTabOrder(m_tabs, m_taskTable);
    setTabOrder(m_taskTable, m_detailTable);
    setTabOrder(m_detailTable, m_refund);
    setTabOrder(m_refund, m_export);
    updateCount();
}

void TokenLogView::setAccount(SyncedAccount *account)
{
    if (m_account)
        disconnect(m_account, nullptr, this, nullptr);
    m_account = account;
    if (m_account)
        connect(m_account, &SyncedAccount::changed, this, &TokenLogView::reload);
    reload();
}

void TokenLogView::fillFeatureChoices()
{
    const QSignalBlocker block(m_feature);
    const QString previous = m_feature->currentData().toString();
    m_feature->clear();
    m_feature->addItem(tr("All features"), QString());
    if (m_account)
        for (const FeatureRule &f : m_account->history().policy().features)
            m_feature->addItem(Wording::featureName(f.name), f.name);
    const int keep = m_feature->findData(previous);
    m_feature->setCurrentIndex(keep < 0 ? 0 : keep);
}

void TokenLogView::reload()
{
    fillFeatureChoices();
    if (m_account) {
        const QDate last = m_account->history().zone().localDate(m_clock.now());
        const QSignalBlocker a(m_from), b(m_to);
        // Custom dates the member chose survive a sync; otherwise they follow the view time.
        if (m_period->currentData().toInt() >= 0) {
            m_from->setDate(last.addDays(-30));
            m_to->setDate(last);
        }
    }
    m_tasks->setAccount(m_account);
    m_entries->setAccount(m_account);
    m_detail->setAccount(m_account);
    m_detail->setRanges({});
    applyFilters();
}

int TokenLogView::selectEntries(std::size_t begin, std::size_t end)
{
    m_tabs->setCurrentWidget(m_entryTable);
    const auto rowsOf = [&] {
        QItemSelection rows;
        for (int row = 0; row < m_entries->rowCount(); ++row) {
            const std::size_t entry = m_entries->entryAt(row);
            if (entry >= begin && entry < end)
                rows.select(m_entries->index(row, 0),
                            m_entries->index(row, m_entries->columnCount() - 1));
        }
        return rows;
    };
    QItemSelection rows = rowsOf();
    if (rows.isEmpty()) {
        m_search->clear();
        m_entryType->setCurrentIndex(0);
        m_period->setCurrentIndex(0);
        applyFilters();
        rows = rowsOf();
    }
    m_entryTable->selectionModel()->select(rows, QItemSelectionModel::ClearAndSelect);
    int count = 0;
    for (const QItemSelectionRange &r : rows)
        count += r.height();
    if (!rows.isEmpty()) {
        m_entryTable->scrollTo(rows.first().topLeft(), QAbstractItemView::PositionAtCenter);
        m_entryTable->selectionModel()->setCurrentIndex(rows.first().topLeft(),
                                                        QItemSelectionModel::NoUpdate);
    }
    m_entryTable->setFocus();
    return count;
}

void TokenLogView::applyFilters()
{
    m_debounce->stop();
    TaskLogModel::Filter tf;
    LedgerEntryModel::Filter ef;
    tf.show = TaskLogModel::Show(m_show->currentData().toInt());
    tf.outcome = TaskLogModel::OutcomeFilter(m_outcome->currentData().toInt());
    if (m_account) {
        const QString feature = m_feature->currentData().toString();
        tf.feature = feature.isEmpty() ? -1 : m_account->history().policy().featureIndex(feature);
        const int period = m_period->currentData().toInt();
        const TimePoint now = m_clock.now();
        if (period > 0) {
            tf.from = now - period * SecondsPerDay;
        } else if (period < 0) {
            const AccountZone &zone = m_account->history().zone();
            tf.from = zone.startOfDay(m_from->date());
            tf.until = zone.startOfDay(m_to->date().addDays(1));
        }
    }
    tf.text = m_search->text().trimmed();
    ef.types = m_entryType->currentData().toUInt();
    ef.from = tf.from;
    ef.until = tf.until;
    ef.text = tf.text;
    // Only the tab shown is filtered: a million ledger entries are not walked for a search
    // the member looks at in the tasks tab. The other tab is filtered when it is shown.
    if (m_tabs->currentIndex() == 0)
        m_tasks->setFilter(tf);
    else
        m_entries->setFilter(ef);
    updateCount();
}

void TokenLogView::updateCount()
{
    if (!m_account) {
        m_count->setText(tr("No account open"));
        return;
    }
    const QLocale locale;
    if (m_account->history().isPartial()) {
        // A cold start paints the balance from the cache's head first; the rows follow.
        m_count->setText(tr("Loading %1 events from this computer…")
                             .arg(locale.toString(m_account->history().headEventCount())));
        return;
    }
    if (m_tabs->currentIndex() == 0)
        m_count->setText(
            tr("%1 of %2 rows")
                .arg(locale.toString(m_tasks->rowCount()), locale.toString(m_tasks->totalRows())));
    else
        m_count->setText(
            tr("%1 of %2 ledger entries")
                .arg(locale.toString(m_entries->rowCount()),
                     locale.toString(qulonglong(m_account->history().engine().ledger().size()))));
}

void TokenLogView::onCurrentRowChanged()
{
    const QModelIndex current = m_taskTable->selectionModel()->currentIndex();
    const int row = current.isValid() ? current.row() : -1;
    m_detail->setRanges(m_tasks->entryRanges(row));
    m_refund->setEnabled(m_tasks->isRefundable(row) && m_account &&
                         m_account->source == SyncedAccount::Source::Server);
    if (row < 0)
        m_detailHeading->setText(tr("Select a row to see the ledger entries it wrote."));
    else if (m_detail->rowCount() == 0)
        m_detailHeading->setText(tr("%1 — no ledger entries").arg(m_tasks->describe(row)));
    else
        m_detailHeading->setText(m_tasks->describe(row));
}

void TokenLogView::openRefundDialog()
{
    const QModelIndex current = m_taskTable->selectionModel()->currentIndex();
    if (!current.isValid() || !m_tasks->isRefundable(current.row()))
        return;
    auto *dialog = new RefundRequestDialog(m_tasks->taskId(current.row()),
                                           m_tasks->describe(current.row()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { emit refundRequested(dialog->taskId(), dialog->reason()); });
    dialog->open();
}

void TokenLogView::chooseExportPath()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV"),
                                                      m_tabs->currentIndex() == 0
                                                          ? QStringLiteral("token-log.csv")
                                                          : QStringLiteral("ledger-entries.csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const QString error = exportCsv(path);
    m_count->setText(error.isEmpty() ? tr("Exported to %1").arg(path) : error);
}

QString TokenLogView::exportCsv(const QString &path) const
{
    if (m_tabs->currentIndex() == 0)
        return CsvExport::write(*m_tasks, path, TaskLogModel::ExportRole);
    return CsvExport::write(*m_entries, path, LedgerEntryModel::ExportRole);
}

void TokenLogView::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    if (readOnly)
        m_refund->setVisible(false);
}

} // namespace creditdesk
