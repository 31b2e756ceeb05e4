#include "SupportConsole.h"

#include "AccountHistory.h"
#include "AccountSearchJob.h"
#include "AdjustmentDialog.h"
#include "AdjustmentDraft.h"
#include "AdjustmentJob.h"
#include "AmountFormat.h"
#include "AuditTrailJob.h"
#include "AuditTrailView.h"
#include "Clock.h"
#include "Config.h"
#include "CsvExport.h"
#include "LedgerEntryModel.h"
#include "MeJob.h"
#include "MemberPurchasesView.h"
#include "MemberSearchModel.h"
#include "MemberSearchView.h"
#include "MemberTab.h"
#include "RecentMembers.h"
#include "RefundDecisionJob.h"
#include "RefundQueueJob.h"
#include "RefundQueueView.h"
#include "ScenarioFileAccount.h"
#include "ScenarioWriter.h"
#include "ServerConnection.h"
#include "SupportPurchasesJob.h"
#include "SupportWorkspace.h"
#include "SyncedAccount.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSaveFile>

namespace creditdesk {

SupportConsole::SupportConsole(ClientSession::Target agent, const Clock &clock, QString cacheRoot,
                               SupportWorkspace &workspace, Config &config, TlsDecider *decider,
                               QObject *parent)
    : QObject(parent)
    , m_agent(std::move(agent))
    , m_clock(clock)
    , m_cacheRoot(std::move(cacheRoot))
    , m_workspace(workspace)
    , m_config(config)
    , m_decider(decider)
    , m_connection(new ServerConnection(m_agent.server, clock, this))
    , m_recent(std::make_unique<RecentMembers>(config))
{
    m_connection->addCaCertificates(m_agent.caCertificates);
    m_connection->setTrustedPins(m_agent.trustedPins);
    m_connection->setTlsDecider(decider);
    m_connection->setToken(m_agent.token);

    MemberSearchView *search = m_workspace.search();
    connect(search, &MemberSearchView::pageWanted, this, &SupportConsole::search);
    // Every member the agent picks (again) moves to the front of the recent ones.
    connect(search, &MemberSearchView::memberChosen, this, [this](const MemberRef &m) {
        m_recent->remember(m);
        m_workspace.search()->setRecent(m_recent->list());
    });
    connect(&m_workspace, &SupportWorkspace::memberOpened, this, &SupportConsole::openMember);
    connect(&m_workspace, &SupportWorkspace::memberClosed, this, &SupportConsole::closeMember);
    RefundQueueView *queue = m_workspace.refundQueue();
    connect(queue, &RefundQueueView::reloadRequested, this,
            [this](const QString &status) { loadRefundQueue(status, {}); });
    connect(queue, &RefundQueueView::moreRequested, this, &SupportConsole::loadRefundQueue);
    connect(queue, &RefundQueueView::decisionRequested, this, &SupportConsole::decideRefund);
}

SupportConsole::~SupportConsole()
{
    for (const QPointer<ClientSession> &s : std::as_const(m_sessions))
        delete s.data();
}

void SupportConsole::start()
{
    auto *job = new MeJob(m_connection);
    job->setTimeoutMs(15000);
    connect(job, &MeJob::finished, this, [this](const MeJob::Result &r) {
        if (const auto *failure = std::get_if<ApiFailure>(&r)) {
            emit refused(failure->kind == ApiFailure::Kind::Unauthorized
                             ? tr("The server does not accept this support token (unknown or "
                                  "revoked).")
                             : failure->message);
            return;
        }
        const MeInfo &me = std::get<MeInfo>(r);
        if (me.role != u"support") {
            emit refused(tr("This token belongs to a member, not to a support agent."));
            return;
        }
        m_ready = true;
        m_label = me.label.isEmpty() ? tr("support agent") : me.label;
        m_workspace.setAgent(m_label);
        m_workspace.setProblem({});
        m_workspace.search()->setRecent(m_recent->list());
        loadRefundQueue(m_workspace.refundQueue()->statusFilter(), {});
        emit ready();
    });
    job->start();
}

QString SupportConsole::rejectedMessage() const
{
    return tr("Your support token is no longer valid (revoked or expired): the server refused "
              "the action and nothing was changed. Sign out, then sign in with a valid token.");
}

bool SupportConsole::noteRejected(const ApiFailure &failure)
{
    if (failure.kind != ApiFailure::Kind::Unauthorized)
        return false;
    if (!m_tokenRejected) {
        m_tokenRejected = true;
        m_workspace.setProblem(rejectedMessage());
        // The member sessions use the same token: stop them asking.
        for (const QPointer<ClientSession> &s : std::as_const(m_sessions))
            if (s)
                s->signOut(false);
    }
    return true;
}

void SupportConsole::search(const QString &query, const QString &cursor)
{
    if (m_tokenRejected) {
        m_workspace.search()->showFailure(query, cursor, rejectedMessage());
        return;
    }
    auto *job = new AccountSearchJob(m_connection, query, cursor, 50);
    connect(job, &AccountSearchJob::finished, this,
            [this, query, cursor](const AccountSearchJob::Result &r) {
                if (const auto *failure = std::get_if<ApiFailure>(&r)) {
                    m_workspace.search()->showFailure(query, cursor,
                                                      noteRejected(*failure) ? rejectedMessage()
                                                                             : failure->message);
                    return;
                }
                const AccountSearchPage &page = std::get<AccountSearchPage>(r);
                QList<MemberRef> members;
                for (const AccountMatch &a : page.accounts)
                    members << MemberRef{a.id, a.name, a.email, a.preset, a.timezone};
                m_workspace.search()->showPage(query, cursor, members, page.nextCursor);
            });
    job->start();
}

ClientSession *SupportConsole::memberSession(const QString &accountId) const
{
    return m_sessions.value(accountId).data();
}

SyncedAccount *SupportConsole::accountOf(const QString &accountId) const
{
    if (const auto file = m_files.find(accountId); file != m_files.end())
        return file->second.get();
    ClientSession *s = memberSession(accountId);
    return s ? s->account() : nullptr;
}

bool SupportConsole::openScenarioFile(const QString &path, QString *error)
{
    auto opened = ScenarioFileAccount::open(path);
    if (const auto *problem = std::get_if<ParseError>(&opened)) {
        *error = problem->toString();
        return false;
    }
    auto &[account, viewTime] = std::get<ScenarioFileAccount::Opened>(opened);
    Q_UNUSED(viewTime);
    MemberRef ref;
    ref.accountId = QStringLiteral("file:") + QFileInfo(path).absoluteFilePath();
    ref.name = QFileInfo(path).fileName();
    ref.preset = account->preset;
    ref.timezone = account->timezone;
    account->displayName = ref.name;
    m_files[ref.accountId] = std::move(account);
    m_workspace.openMember(ref);
    return true;
}

void SupportConsole::openMember(MemberTab *tab)
{
    const MemberRef member = tab->member();
    if (const auto file = m_files.find(member.accountId); file != m_files.end()) {
        // A file handed back: read-only, nothing to sync, nothing to remember.
        tab->setAccount(file->second.get());
        tab->setAdjustable(false);
        tab->setStatus(tr("Scenario file, read-only: the history it holds, replayed here."), false);
        connect(tab, &MemberTab::exportCsvRequested, this,
                [this, tab] { chooseExport(tab, false); });
        connect(tab, &MemberTab::exportScenarioRequested, this,
                [this, tab] { chooseExport(tab, true); });
        return;
    }

    ClientSession::Target target = m_agent;
    target.accountId = member.accountId;
    target.accountName = member.name;
    target.role.clear(); // the member session reads the member's feed
    // One directory per server and agent, all under the root that sign-out deletes.
    const QString dir =
        m_cacheRoot + u'/' +
        QString::fromLatin1(QCryptographicHash::hash((m_agent.server.toString() + m_label).toUtf8(),
                                                     QCryptographicHash::Sha256)
                                .toHex()
                                .left(16));
    auto *session = new ClientSession(target, m_clock, dir, m_decider, this);
    m_sessions.insert(member.accountId, session);
    const QString id = member.accountId;
    connect(session, &ClientSession::accountReady, this, [this, id](SyncedAccount *account) {
        if (MemberTab *t = m_workspace.memberTab(id)) {
            t->setAccount(account);
            updateTab(id);
        }
    });
    connect(session, &ClientSession::statusChanged, this, [this, id] { updateTab(id); });
    connect(session, &ClientSession::synced, this, [this, id](const EventsSync::Report &) {
        if (MemberTab *t = m_workspace.memberTab(id)) {
            if (!t->account())
                t->setAccount(accountOf(id));
            t->refresh();
        }
        updateTab(id);
    });
    connect(tab, &MemberTab::sectionShown, this,
            [this, tab](MemberTab::Section section) { loadSection(tab, section); });
    connect(tab, &MemberTab::exportCsvRequested, this, [this, tab] { chooseExport(tab, false); });
    connect(tab, &MemberTab::exportScenarioRequested, this,
            [this, tab] { chooseExport(tab, true); });
    connect(tab, &MemberTab::adjustRequested, this, [this, id] {
        if (AdjustmentDialog *d = adjustmentDialog(id))
            d->open();
    });
    if (m_tokenRejected) {
        tab->setStatus(rejectedMessage(), true);
        return;
    }
    QString error;
    if (!session->start(&error))
        tab->setStatus(tr("The member's events cannot be kept here: %1").arg(error), true);
}

void SupportConsole::updateTab(const QString &accountId)
{
    MemberTab *tab = m_workspace.memberTab(accountId);
    ClientSession *s = memberSession(accountId);
    if (!tab || !s)
        return;
    if (s->lastReport().failure && noteRejected(*s->lastReport().failure)) {
        tab->setStatus(rejectedMessage(), true);
        return;
    }
    bool error = false;
    const QString banner = s->bannerText(&error);
    tab->setStatus(banner.isEmpty() ? s->status().text() : banner, error);
}

void SupportConsole::closeMember(const QString &accountId)
{
    m_files.erase(accountId);
    if (m_adjustment && m_adjustment->property("account").toString() == accountId)
        m_adjustment->deleteLater();
    const QPointer<ClientSession> s = m_sessions.take(accountId);
    if (s) {
        s->signOut(true); // its cache file goes with the tab
        s->deleteLater();
    }
}

void SupportConsole::signOut()
{
    if (m_adjustment)
        delete m_adjustment.data();
    m_workspace.closeAllMembers(); // closeMember() for each: sessions stop, cache files go
    for (const QPointer<ClientSession> &s : std::as_const(m_sessions))
        if (s) {
            s->signOut(true);
            delete s.data();
        }
    m_sessions.clear();
    m_files.clear();
    QDir(m_cacheRoot).removeRecursively();
    m_recent->forget();
    m_workspace.search()->setRecent({});
    m_workspace.search()->model()->setQuery({});
    m_workspace.refundQueue()->showPage({}, false);
    m_workspace.setAgent({});
    m_workspace.setProblem({});
    m_connection->signOut();
    m_ready = false;
}

void SupportConsole::loadSection(MemberTab *tab, int section)
{
    const QString id = tab->member().accountId;
    SyncedAccount *account = accountOf(id);
    const AccountZone zone = account ? account->history().zone() : AccountZone();
    const QString unit = account ? account->unit : QStringLiteral("credits");
    if (section == MemberTab::PurchasesSection) {
        auto *job = new SupportPurchasesJob(m_connection, id);
        connect(job, &SupportPurchasesJob::finished, tab,
                [this, tab, zone, unit](const SupportPurchasesJob::Result &r) {
                    if (const auto *failure = std::get_if<ApiFailure>(&r)) {
                        tab->purchases()->showFailure(noteRejected(*failure) ? rejectedMessage()
                                                                             : failure->message);
                        return;
                    }
                    tab->purchases()->setPurchases(std::get<QList<SupportPurchase>>(r), zone, unit);
                });
        job->start();
    } else if (section == MemberTab::AuditSection) {
        AuditFilter filter;
        filter.accountId = id;
        auto *job = new AuditTrailJob(m_connection, filter);
        connect(job, &AuditTrailJob::finished, tab,
                [this, tab, zone, unit](const AuditTrailJob::Result &r) {
                    if (const auto *failure = std::get_if<ApiFailure>(&r)) {
                        tab->audit()->showFailure(noteRejected(*failure) ? rejectedMessage()
                                                                         : failure->message);
                        return;
                    }
                    tab->audit()->setRows(std::get<AuditPage>(r).rows, zone, unit);
                });
        job->start();
    }
}

void SupportConsole::reloadRefundQueue()
{
    loadRefundQueue(m_workspace.refundQueue()->statusFilter(), {});
}

void SupportConsole::loadRefundQueue(const QString &status, const QString &cursor)
{
    RefundQueueFilter filter;
    filter.status = status;
    filter.cursor = cursor;
    auto *job = new RefundQueueJob(m_connection, filter);
    connect(job, &RefundQueueJob::finished, this, [this, cursor](const RefundQueueJob::Result &r) {
        RefundQueueView *queue = m_workspace.refundQueue();
        if (const auto *failure = std::get_if<ApiFailure>(&r)) {
            queue->showFailure(noteRejected(*failure) ? rejectedMessage() : failure->message);
            return;
        }
        queue->showPage(std::get<RefundQueuePage>(r), !cursor.isEmpty());
    });
    job->start();
}

void SupportConsole::decideRefund(const QString &requestId, bool approve, const QString &text)
{
    auto *job = new RefundDecisionJob(
        m_connection, requestId,
        approve ? RefundDecisionJob::Verdict::Approve : RefundDecisionJob::Verdict::Decline, text);
    connect(job, &RefundDecisionJob::finished, this, [this](const RefundDecisionJob::Result &r) {
        RefundQueueView *queue = m_workspace.refundQueue();
        if (const auto *failure = std::get_if<ApiFailure>(&r)) {
            queue->showFailure(noteRejected(*failure)
                                   ? rejectedMessage()
                                   : tr("Not decided: %1").arg(failure->message));
            return;
        }
        if (const auto *closed = std::get_if<RefundAlreadyDecided>(&r)) {
            queue->showAlreadyDecided(*closed);
            return;
        }
        const RefundDecision &d = std::get<RefundDecision>(r);
        queue->showDecision(d);
        // The member's ledger (and app) show the result with the next events.
        if (ClientSession *s = memberSession(d.request.accountId))
            s->syncNow();
    });
    job->start();
}

AdjustmentDialog *SupportConsole::adjustmentDialog(const QString &accountId)
{
    SyncedAccount *account = accountOf(accountId);
    MemberTab *tab = m_workspace.memberTab(accountId);
    if (!account || !tab)
        return nullptr;
    if (m_adjustment)
        delete m_adjustment.data();
    auto *dialog = new AdjustmentDialog(*account, m_clock, tab);
    dialog->setProperty("account", accountId);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_adjustment = dialog;
    connect(
        dialog, &AdjustmentDialog::submitted, this,
        [this, accountId](bool debit, Credits amount, const QString &reason, TimePoint expiresAt) {
            sendAdjustment(accountId, debit, amount.toString(), reason,
                           expiresAt == Never ? NoTime : expiresAt);
        });
    return dialog;
}

void SupportConsole::sendAdjustment(const QString &accountId, bool debit, const QString &amount,
                                    const QString &reason, qint64 expiresAt)
{
    if (m_tokenRejected) {
        if (m_adjustment)
            m_adjustment->showServerError({}, rejectedMessage());
        return;
    }
    AdjustmentDraft draft;
    draft.type = debit ? AdjustmentDraft::Type::Debit : AdjustmentDraft::Type::Grant;
    draft.amountText = amount;
    draft.reason = reason;
    draft.expiresAt = expiresAt;
    auto *job = new AdjustmentJob(m_connection, accountId, draft);
    connect(job, &AdjustmentJob::finished, this, [this, accountId](const AdjustmentJob::Result &r) {
        if (const auto *failure = std::get_if<ApiFailure>(&r)) {
            const bool rejected = noteRejected(*failure);
            if (m_adjustment)
                m_adjustment->showServerError(
                    rejected                                        ? QString()
                    : failure->errorCode == u"insufficient_credits" ? QStringLiteral("amount")
                                                                    : failure->errorField,
                    rejected                          ? rejectedMessage()
                    : failure->errorMessage.isEmpty() ? failure->message
                                                      : failure->errorMessage);
            return;
        }
        const AdjustmentOutcome &o = std::get<AdjustmentOutcome>(r);
        if (m_adjustment)
            m_adjustment->accept();
        SyncedAccount *account = accountOf(accountId);
        const AmountFormat amounts(account ? account->unit : QStringLiteral("credits"));
        const QString text =
            (o.type == u"debit" ? tr("Removed %1: available %2 → %3.")
                                : tr("Granted %1: available %2 → %3."))
                .arg(amounts.withUnit(o.amount), amounts.number(o.balanceBefore.available),
                     amounts.number(o.balanceAfter.available));
        if (MemberTab *tab = m_workspace.memberTab(accountId)) {
            tab->setStatus(text, false);
            if (tab->currentSection() == MemberTab::AuditSection)
                loadSection(tab, MemberTab::AuditSection);
        }
        emit told(text);
        if (ClientSession *s = memberSession(accountId))
            s->syncNow();
    });
    job->start();
}

QString SupportConsole::exportCsv(const QString &accountId, const QString &path) const
{
    SyncedAccount *account = accountOf(accountId);
    if (!account)
        return tr("the member's events are not here yet");
    LedgerEntryModel entries;
    entries.setAccount(account);
    entries.reload();
    return CsvExport::write(entries, path, LedgerEntryModel::ExportRole);
}

QString SupportConsole::exportScenario(const QString &accountId, const QString &path) const
{
    SyncedAccount *account = accountOf(accountId);
    if (!account)
        return tr("the member's events are not here yet");
    const AccountHistory &h = account->history();
    Scenario scenario = h.scenario();
    // The policy the client replays is the server's (the events feed's), so write it inline:
    // simulate then replays exactly this, whatever preset files it was built with.
    if (!scenario.inlinePolicy.isEmpty())
        scenario.presetName.clear();
    Query balance;
    balance.ask = Query::Ask::Balance;
    balance.at = std::max(m_clock.now(), h.lastEventAt() == NoTime ? 0 : h.lastEventAt());
    scenario.queries = {balance};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    file.write(ScenarioWriter::write(scenario));
    if (!file.commit())
        return file.errorString();
    return {};
}

void SupportConsole::chooseExport(MemberTab *tab, bool scenario)
{
    const QString id = tab->member().accountId;
    auto *chooser = new QFileDialog(
        tab,
        scenario ? tr("Export %1 as a scenario file").arg(tab->member().name)
                 : tr("Export %1's ledger as CSV").arg(tab->member().name),
        QStringLiteral("%1%2").arg(id, scenario ? QStringLiteral(".json") : QStringLiteral(".csv")),
        scenario ? tr("Scenario files (*.json)") : tr("CSV files (*.csv)"));
    chooser->setObjectName(scenario ? QStringLiteral("exportScenarioChooser")
                                    : QStringLiteral("exportCsvChooser"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setAcceptMode(QFileDialog::AcceptSave);
    chooser->setDefaultSuffix(scenario ? QStringLiteral("json") : QStringLiteral("csv"));
    connect(chooser, &QFileDialog::fileSelected, this, [this, id, scenario](const QString &path) {
        const QString problem = scenario ? exportScenario(id, path) : exportCsv(id, path);
        emit told(problem.isEmpty()
                      ? (scenario ? tr("Exported to %1 — replay it with creditdesk-cli simulate, "
                                       "or open it with File › Open scenario.")
                                  : tr("Exported to %1."))
                            .arg(QDir::toNativeSeparators(path))
                      : tr("The export failed: %1").arg(problem));
    });
    chooser->open();
}

} // namespace creditdesk
