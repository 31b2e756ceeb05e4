#include "MemberTab.h"

#include "AuditTrailView.h"
#include "DashboardView.h"
#include "ExplainView.h"
#include "LedgerEntryModel.h"
#include "MemberPurchasesView.h"
#include "SyncedAccount.h"
#include "ThemePalette.h"
#include "TokenLogView.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>

namespace creditdesk {

MemberTab::MemberTab(const MemberRef &member, const Clock &viewClock, QWidget *parent)
    : QWidget(parent)
    , m_member(member)
    , m_title(new QLabel(this))
    , m_zone(new QLabel(this))
    , m_status(new QLabel(this))
    , m_adjust(new QPushButton(tr("Adjust balance…"), this))
    , m_exportCsv(new QPushButton(tr("Export CSV…"), this))
    , m_exportScenario(new QPushButton(tr("Export scenario…"), this))
    , m_sections(new QTabWidget(this))
    , m_dashboard(new DashboardView(viewClock, this))
    , m_log(new TokenLogView(viewClock, this))
    , m_explain(new ExplainView(viewClock, this))
    , m_purchases(new MemberPurchasesView(this))
    , m_audit(new AuditTrailView(this))
{
    setObjectName(QStringLiteral("memberTab_") + member.accountId);
    setAccessibleName(tr("Member %1").arg(member.name.isEmpty() ? member.accountId : member.name));
    m_title->setObjectName(QStringLiteral("memberTitle"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setText(member.describe());
    m_zone->setObjectName(QStringLiteral("memberZone"));
    m_zone->setForegroundRole(QPalette::PlaceholderText);
    m_status->setObjectName(QStringLiteral("memberStatus"));
    m_adjust->setObjectName(QStringLiteral("adjustButton"));
    m_adjust->setAccessibleName(tr("Grant or remove credits"));
    m_exportCsv->setObjectName(QStringLiteral("exportCsvButton"));
    m_exportCsv->setAccessibleName(tr("Export the member's ledger as CSV"));
    m_exportScenario->setObjectName(QStringLiteral("exportScenarioButton"));
    m_exportScenario->setAccessibleName(
        tr("Export the member's history as a scenario file for creditdesk-cli simulate"));
    m_dashboard->setReadOnly(true);
    m_log->setReadOnly(true);
    m_sections->setObjectName(QStringLiteral("memberSections"));
    m_sections->setDocumentMode(true);
    m_sections->addTab(m_dashboard, tr("Dashboard"));
    m_sections->addTab(m_log, tr("Token log"));
    m_sections->addTab(m_explain, tr("Explain balance"));
    m_sections->addTab(m_purchases, tr("Purchases"));
    m_sections->addTab(m_audit, tr("Audit trail"));

    auto *head = new QHBoxLayout;
    auto *who = new QVBoxLayout;
    who->setSpacing(2);
    who->addWidget(m_title);
    who->addWidget(m_zone);
    who->addWidget(m_status);
    head->addLayout(who, 1);
    head->addWidget(m_adjust, 0, Qt::AlignTop);
    head->addWidget(m_exportCsv, 0, Qt::AlignTop);
    head->addWidget(m_exportScenario, 0, Qt::AlignTop);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 0);
    layout->setSpacing(8);
    layout->addLayout(head);
    layout->addWidget(m_sections, 1);

    connect(m_adjust, &QPushButton::clicked, this, &MemberTab::adjustRequested);
    connect(m_exportCsv, &QPushButton::clicked, this, &MemberTab::exportCsvRequested);
    connect(m_exportScenario, &QPushButton::clicked, this, &MemberTab::exportScenarioRequested);
    connect(m_sections, &QTabWidget::currentChanged, this,
            [this](int index) { emit sectionShown(Section(index)); });
    for (const char *name : {"entryTable", "taskTable", "detailTable"})
        if (auto *table = m_log->findChild<QTableView *>(QLatin1String(name)))
            connect(table, &QTableView::activated, this, &MemberTab::explainEntry);
    setAccount(nullptr);
}

void MemberTab::setAccount(SyncedAccount *account)
{
    m_account = account;
    m_dashboard->setAccount(account);
    m_log->setAccount(account);
    m_explain->setAccount(account);
    const bool ready = account != nullptr;
    m_adjust->setEnabled(ready);
    m_exportCsv->setEnabled(ready);
    m_exportScenario->setEnabled(ready);
    const QString zone =
        account && !account->timezone.isEmpty() ? account->timezone : m_member.timezone;
    const QTimeZone tz(zone.toUtf8());
    m_zone->setText(
        tr("Account %1 · every time below is the member's: %2 (%3) — hover a time for yours "
           "(%4)")
            .arg(m_member.accountId, zone,
                 tz.isValid() ? tz.displayName(QTimeZone::StandardTime, QTimeZone::OffsetName)
                              : QString(),
                 QString::fromLatin1(QTimeZone::systemTimeZoneId())));
    if (!ready)
        setStatus(tr("Loading the member's events…"), false);
}

void MemberTab::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(
        QStringLiteral("QLabel { color: %1; }")
            .arg(ThemePalette::color(palette(), problem ? ThemePalette::Tone::Critical
                                                        : ThemePalette::Tone::Muted)
                     .name()));
}

void MemberTab::setAdjustable(bool adjustable)
{
    m_adjust->setVisible(adjustable);
}

void MemberTab::showSection(Section section)
{
    m_sections->setCurrentIndex(section);
}

MemberTab::Section MemberTab::currentSection() const
{
    return Section(m_sections->currentIndex());
}

void MemberTab::refresh()
{
    m_dashboard->refresh();
}

void MemberTab::explainEntry(const QModelIndex &index)
{
    if (!m_account || !index.isValid())
        return;
    // Column 0 of both tables is the time; its export text is ISO 8601 with the offset.
    const QString iso = index.siblingAtColumn(0).data(LedgerEntryModel::ExportRole).toString();
    const QDateTime at = QDateTime::fromString(iso, Qt::ISODate);
    if (!at.isValid())
        return;
    m_explain->explainAt(at.toSecsSinceEpoch());
    showSection(ExplainSection);
}

} // namespace creditdesk
