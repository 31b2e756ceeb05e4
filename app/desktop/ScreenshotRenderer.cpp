#include "ScreenshotRenderer.h"

#include "AccountHistory.h"
#include "AccountListView.h"
#include "AdjustmentDialog.h"
#include "ClientSession.h"
#include "CreditEngine.h"
#include "DemoBar.h"
#include "DemoSession.h"
#include "DesktopClient.h"
#include "ExplainView.h"
#include "MainWindow.h"
#include "MemberSearchModel.h"
#include "MemberSearchView.h"
#include "MemberTab.h"
#include "PlanView.h"
#include "RefundQueueView.h"
#include "SettingsDialog.h"
#include "SignInDialog.h"
#include "SupportConsole.h"
#include "SupportWorkspace.h"
#include "SyncedAccount.h"
#include "ThemePalette.h"
#include "TrayIcon.h"
#include "WhatIfPanel.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QMenu>
#include <QPixmap>
#include <QPushButton>
#include <QTimer>

namespace creditdesk {

ScreenshotRenderer::ScreenshotRenderer(DesktopClient &client, QString directory, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_dir(std::move(directory))
{}

void ScreenshotRenderer::renderWhenReady(bool ready)
{
    if (ready) {
        // Let the window lay itself out and paint once before grabbing.
        QTimer::singleShot(0, this, &ScreenshotRenderer::render);
        return;
    }
    // After the first sync the pack catalogue and the views' timers still have a moment's work.
    connect(&m_client, &DesktopClient::accountShown, this,
            [this] { QTimer::singleShot(1500, this, &ScreenshotRenderer::render); });
    // A server that never answers still gets its screens drawn (with the state it is in).
    QTimer::singleShot(30000, this, &ScreenshotRenderer::render);
}

bool ScreenshotRenderer::save(QWidget &widget, const QString &name)
{
    // A text that changed just now asks for a new layout one level per event: the label, its
    // card, the page, the scroll area. A user's event loop gets there before the next frame;
    // the grab must too, or a sentence that took a second line is drawn clipped to one.
    for (int pass = 0; pass < 6; ++pass)
        QApplication::processEvents();
    const QPixmap pixmap = widget.grab();
    const QString path = QDir(m_dir).filePath(name + QStringLiteral(".png"));
    if (pixmap.isNull() || !pixmap.save(path, "PNG")) {
        emit failed(tr("cannot write %1").arg(path));
        return false;
    }
    m_written << path;
    return true;
}

bool ScreenshotRenderer::renderPlan(const QString &look)
{
    // The plan view over the last 30 days (band and markers), then a what-if and the advice for
    // the next two years, each card on its own.
    MainWindow &window = m_client.window();
    PlanView *plan = m_client.plan();
    window.showPage(MainWindow::PlanPage);
    plan->setRange(BalanceChart::Range::Month);
    plan->setAdviceDays(0);
    if (!save(window, QStringLiteral("plan-") + look))
        return false;
    if (!m_client.account())
        return true;
    const Policy &policy = m_client.account()->history().policy();
    WhatIf::Request request;
    request.feature = policy.featureIndex(u"deep_research") >= 0 ? QStringLiteral("deep_research")
                                                                 : policy.features.value(0).name;
    request.perDay = 30;
    request.days = 21;
    request.tokens = policy.defaultTokens;
    WhatIfPanel *panel = plan->whatIfPanel();
    panel->setRequest(request);
    panel->findChild<QPushButton *>(QStringLiteral("whatIfShow"))->click();
    if (!save(window, QStringLiteral("plan-what-if-") + look))
        return false;
    if (QWidget *card = plan->findChild<QWidget *>(QStringLiteral("whatIfCard")))
        if (!save(*card, QStringLiteral("what-if-") + look))
            return false;
    panel->findChild<QPushButton *>(QStringLiteral("whatIfClear"))->click();
    plan->setAdviceDays(730);
    if (QWidget *card = plan->findChild<QWidget *>(QStringLiteral("packAdviceCard")))
        if (!save(*card, QStringLiteral("pack-advice-") + look))
            return false;
    plan->setAdviceDays(0);
    return true;
}

void ScreenshotRenderer::render()
{
    if (m_done)
        return;
    m_done = true;
    if (!QDir().mkpath(m_dir)) {
        emit failed(tr("cannot create %1").arg(m_dir));
        return;
    }
    MainWindow &window = m_client.window();
    window.resize(1280, 820);
    window.show();
    const std::pair<ThemePalette::Scheme, QString> looks[] = {
        {ThemePalette::Scheme::Light, QStringLiteral("light")},
        {ThemePalette::Scheme::Dark, QStringLiteral("dark")}};
    const std::pair<MainWindow::Page, QString> pages[] = {
        {MainWindow::DashboardPage, QStringLiteral("dashboard")},
        {MainWindow::TokenLogPage, QStringLiteral("token-log")},
        {MainWindow::PacksPage, QStringLiteral("packs")}};
    for (const auto &[scheme, look] : looks) {
        window.applyTheme(scheme);
        for (const auto &[page, name] : pages) {
            window.showPage(page);
            if (!save(window, name + u'-' + look))
                return;
        }
        if (!renderPlan(look))
            return;
        if (window.demoBar()->isVisible() &&
            !save(*window.demoBar(), QStringLiteral("demo-bar-") + look))
            return;

        SignInDialog *signIn = m_client.signInDialog();
        signIn->setKeychainState(SignInDialog::KeychainState::Available);
        signIn->adjustSize();
        signIn->show();
        const bool signedIn = save(*signIn, QStringLiteral("sign-in-") + look);
        signIn->hide();
        if (!signedIn)
            return;

        SettingsDialog *settings = m_client.settingsDialog();
        settings->adjustSize();
        settings->show();
        const bool saved = save(*settings, QStringLiteral("settings-") + look);
        settings->hide();
        if (!saved)
            return;
    }
    window.showPage(MainWindow::DashboardPage);
    renderAccounts();
}

void ScreenshotRenderer::renderAccounts()
{
    DemoSession *demo = m_client.demo();
    if (!demo) {
        emit finished(m_written);
        return;
    }
    for (const auto &m : demo->members()) {
        ClientSession::Target target;
        target.server = demo->baseUrl();
        target.caCertificates = {demo->caCertificate()};
        target.accountId = m.accountId;
        target.accountName = m.name;
        target.token = m.token;
        m_client.addSession(target, false);
    }
    // Every member's first sync, or 20 s at most (a member that did not answer shows so).
    auto *poll = new QTimer(this);
    auto *clock = new QElapsedTimer;
    clock->start();
    connect(poll, &QTimer::timeout, this, [this, poll, clock] {
        bool ready = true;
        for (ClientSession *s : m_client.sessions())
            ready = ready && s->account() && !s->isSyncing();
        if (!ready && clock->elapsed() < 20000)
            return;
        poll->deleteLater();
        delete clock;
        QTimer::singleShot(300, this, &ScreenshotRenderer::finishAccounts);
    });
    poll->start(100);
}

void ScreenshotRenderer::finishAccounts()
{
    MainWindow &window = m_client.window();
    const std::pair<ThemePalette::Scheme, QString> looks[] = {
        {ThemePalette::Scheme::Light, QStringLiteral("light")},
        {ThemePalette::Scheme::Dark, QStringLiteral("dark")}};
    for (const auto &[scheme, look] : looks) {
        window.applyTheme(scheme);
        window.showPage(MainWindow::DashboardPage);
        if (!save(window, QStringLiteral("accounts-") + look))
            return;
        if (auto *dock = window.findChild<QDockWidget *>(QStringLiteral("accountsDock"));
            dock && dock->isVisible() && !save(*dock, QStringLiteral("account-list-") + look))
            return;
        // The tray menu as the desktop would pop it up (offscreen there is no tray to click).
        QMenu *menu = m_client.tray()->menu();
        menu->setPalette(QApplication::palette());
        menu->ensurePolished();
        menu->adjustSize();
        if (!save(*menu, QStringLiteral("tray-menu-") + look))
            return;
    }
    window.applyTheme(ThemePalette::Scheme::Light);
    if (m_client.demo()) {
        renderSupport();
        return;
    }
    emit finished(m_written);
}

void ScreenshotRenderer::when(std::function<bool()> ready, std::function<void()> then,
                              const QString &what, int timeoutMs)
{
    auto *timer = new QTimer(this);
    auto *elapsed = new QElapsedTimer;
    elapsed->start();
    timer->setInterval(100);
    connect(timer, &QTimer::timeout, this, [=, this] {
        if (ready()) {
            timer->deleteLater();
            delete elapsed;
            then();
        } else if (elapsed->elapsed() > timeoutMs) {
            timer->deleteLater();
            delete elapsed;
            emit failed(tr("the support console did not get ready: %1").arg(what));
        }
    });
    timer->start();
}

namespace {
const QString ShotMember = QStringLiteral("demo-unified-monthly");
}

void ScreenshotRenderer::renderSupport()
{
    m_client.demo()->chooseMember(SupportConsole::agentKey());
    MainWindow &window = m_client.window();
    SupportWorkspace *workspace = m_client.supportWorkspace();
    when([&window] { return window.isShowingSupport(); },
         [this, workspace] {
             // The demo members are in the search (their emails are the seed's).
             auto *field = workspace->findChild<QLineEdit *>(QStringLiteral("supportSearch"));
             field->setText(QStringLiteral("demo"));
             workspace->search()->searchNow();
             when(
                 [workspace] {
                     MemberSearchModel *m = workspace->search()->model();
                     return !m->isLoading() && m->rowCount() > 0;
                 },
                 [this, workspace] {
                     MemberSearchModel *m = workspace->search()->model();
                     MemberRef member;
                     for (int i = 0; i < m->rowCount(); ++i)
                         if (m->member(i).accountId == ShotMember)
                             member = m->member(i);
                     if (!member.isValid())
                         member = m->member(0);
                     workspace->openMember(member);
                     workspace->showSearch();
                     when(
                         [workspace, id = member.accountId] {
                             MemberTab *tab = workspace->memberTab(id);
                             return tab && tab->account() &&
                                    !workspace->refundQueue()->requests().isEmpty();
                         },
                         [this] { captureSupport(); }, tr("the member's first sync"));
                 },
                 tr("search results"));
         },
         tr("the support sign-in"));
}

void ScreenshotRenderer::captureSupport()
{
    MainWindow &window = m_client.window();
    SupportWorkspace *workspace = m_client.supportWorkspace();
    MemberTab *tab = workspace->memberTabs().value(0);
    SupportConsole *console = m_client.supportConsole();
    if (!tab || !console) {
        emit failed(tr("the support console closed"));
        return;
    }
    // The explain view at the member's last plan refresh (where "my credits vanished" starts).
    const AccountHistory &h = tab->account()->history();
    TimePoint moment = h.engine().now();
    for (const LedgerEntry &e : h.engine().ledger())
        if (e.type == EntryType::Refresh)
            moment = e.at;
    const QString id = tab->member().accountId;
    const std::pair<ThemePalette::Scheme, QString> looks[] = {
        {ThemePalette::Scheme::Light, QStringLiteral("light")},
        {ThemePalette::Scheme::Dark, QStringLiteral("dark")}};
    for (const auto &[scheme, look] : looks) {
        window.applyTheme(scheme);
        workspace->showSearch();
        if (!save(window, QStringLiteral("support-search-") + look))
            return;
        workspace->openMember(tab->member());
        tab->showSection(MemberTab::DashboardSection);
        if (!save(window, QStringLiteral("support-member-") + look))
            return;
        tab->explainView()->explainAt(moment);
        tab->showSection(MemberTab::ExplainSection);
        if (!save(window, QStringLiteral("support-explain-") + look))
            return;
        workspace->showRefundQueue();
        if (!save(window, QStringLiteral("support-refunds-") + look))
            return;
        AdjustmentDialog *dialog = console->adjustmentDialog(id);
        if (!dialog) {
            emit failed(tr("no adjustment dialog"));
            return;
        }
        dialog->setRequest(false, QStringLiteral("50"),
                           QStringLiteral("Goodwill: the video failed twice on our side"));
        dialog->show();
        dialog->review();
        dialog->adjustSize();
        const bool saved = save(*dialog, QStringLiteral("support-adjustment-") + look);
        dialog->close();
        if (!saved)
            return;
    }
    workspace->showSearch();
    emit finished(m_written);
}

} // namespace creditdesk
