#include "MainWindow.h"

#include "Config.h"
#include "DemoBar.h"
#include "OfflineBanner.h"
#include "ScenarioBar.h"
#include "WelcomePage.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace creditdesk {

namespace {

QWidget *placeholder(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setAlignment(Qt::AlignCenter);
    l->setWordWrap(true);
    l->setForegroundRole(QPalette::PlaceholderText);
    return l;
}

} // namespace

MainWindow::MainWindow(Config &config, QWidget *parent)
    : QMainWindow(parent)
    , m_config(config)
    , m_navigation(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_body(new QStackedWidget(this))
    , m_welcome(new WelcomePage(this))
    , m_banner(new OfflineBanner(this))
    , m_scenarioBar(new ScenarioBar(this))
    , m_demoBar(new DemoBar(this))
    , m_statusLine(new QLabel(this))
    , m_accountLine(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("CreditDesk"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/creditdesk.svg")));

    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Screens"));
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setFixedWidth(176);
    m_navigation->setSpacing(2);
    m_navigation->setStyleSheet(
        QStringLiteral("QListWidget#navigation { background: palette(window); padding: 8px; }"
                       "QListWidget#navigation { outline: none; }"
                       "QListWidget#navigation::item { padding: 8px 12px; border-radius: 6px; }"
                       "QListWidget#navigation::item:selected { background: palette(highlight);"
                       " color: palette(highlighted-text); }"));
    const QString names[] = {tr("Dashboard"), tr("Token log"), tr("Packs"), tr("Plan ahead")};
    const QString keys[] = {tr("Ctrl+1"), tr("Ctrl+2"), tr("Ctrl+3"), tr("Ctrl+4")};
    for (int i = 0; i < PageCount; ++i) {
        auto *item = new QListWidgetItem(names[i], m_navigation);
        item->setToolTip(tr("%1 (%2)").arg(names[i], keys[i]));
        m_pages->addWidget(placeholder(tr("Nothing to show yet."), m_pages));
    }
    m_pages->widget(DashboardPage)->setObjectName(QStringLiteral("dashboardPlaceholder"));
    m_pages->widget(TokenLogPage)->setObjectName(QStringLiteral("tokenLogPlaceholder"));
    m_pages->widget(PacksPage)->setObjectName(QStringLiteral("packsPlaceholder"));
    m_pages->widget(PlanPage)->setObjectName(QStringLiteral("planPlaceholder"));
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, [this](int row) {
        if (row >= 0) {
            emit pageWanted(Page(row));
            m_pages->setCurrentIndex(row);
            m_config.set(Config::GUI_CurrentPage, row);
        }
    });

    auto *separator = new QFrame(this);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Plain);
    separator->setForegroundRole(QPalette::Mid);

    auto *screens = new QWidget(this);
    auto *screensLayout = new QHBoxLayout(screens);
    screensLayout->setContentsMargins(0, 0, 0, 0);
    screensLayout->setSpacing(0);
    screensLayout->addWidget(m_navigation);
    screensLayout->addWidget(separator);
    screensLayout->addWidget(m_pages, 1);

    m_body->addWidget(m_welcome);
    m_body->addWidget(screens);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_demoBar);
    layout->addWidget(m_scenarioBar);
    layout->addWidget(m_banner);
    layout->addWidget(m_body, 1);
    setCentralWidget(central);
    m_demoBar->hide();
    m_scenarioBar->hide();

    m_statusLine->setObjectName(QStringLiteral("syncStatus"));
    m_statusLine->setAccessibleName(tr("Sync state"));
    m_accountLine->setObjectName(QStringLiteral("accountStatus"));
    statusBar()->addWidget(m_statusLine, 1);
    statusBar()->addPermanentWidget(m_accountLine);
    statusBar()->setSizeGripEnabled(true);

    connect(m_welcome, &WelcomePage::signInRequested, this, &MainWindow::signInRequested);
    connect(m_welcome, &WelcomePage::openScenarioRequested, this, &MainWindow::chooseScenarioFile);
    connect(m_banner, &OfflineBanner::retryRequested, this, &MainWindow::syncRequested);

    buildMenus();
    setSyncStatus({});
    setHasAccount(false);

    resize(1180, 780);
    const QByteArray geometry = m_config.get(Config::GUI_MainWindowGeometry).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = m_config.get(Config::GUI_MainWindowState).toByteArray();
    if (!state.isEmpty())
        restoreState(state);
    m_navigation->setCurrentRow(
        std::clamp(m_config.get(Config::GUI_CurrentPage).toInt(), 0, PageCount - 1));
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open scenario…"), this, &MainWindow::chooseScenarioFile);
    open->setObjectName(QStringLiteral("actionOpenScenario"));
    open->setShortcut(QKeySequence::Open);
    m_exportAction =
        file->addAction(tr("&Export log as CSV…"), this, &MainWindow::exportLogRequested);
    m_exportAction->setObjectName(QStringLiteral("actionExportCsv"));
    m_exportAction->setShortcut(QKeySequence(tr("Ctrl+E")));
    file->addSeparator();
    QAction *settings = file->addAction(tr("&Settings…"), this, &MainWindow::settingsRequested);
    settings->setObjectName(QStringLiteral("actionSettings"));
    settings->setShortcut(QKeySequence(tr("Ctrl+,")));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, [this] {
        m_quitting = true;
        if (close())
            emit quitRequested();
        m_quitting = false;
    });
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *account = menuBar()->addMenu(tr("&Account"));
    QAction *signIn = account->addAction(tr("Sign &in…"), this, &MainWindow::signInRequested);
    signIn->setObjectName(QStringLiteral("actionSignIn"));
    QAction *addAccount =
        account->addAction(tr("&Add account…"), this, &MainWindow::signInRequested);
    addAccount->setObjectName(QStringLiteral("actionAddAccount"));
    m_signOutAction = account->addAction(tr("Sign &out…"), this, &MainWindow::askSignOut);
    m_signOutAction->setObjectName(QStringLiteral("actionSignOut"));
    account->addSeparator();
    m_syncAction = account->addAction(tr("&Sync now"), this, &MainWindow::syncRequested);
    m_syncAction->setObjectName(QStringLiteral("actionSync"));
    m_syncAction->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(tr("Ctrl+R"))});

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const QString pageNames[] = {tr("&Dashboard"), tr("&Token log"), tr("&Packs"),
                                 tr("Plan &ahead")};
    for (int i = 0; i < PageCount; ++i) {
        QAction *a = view->addAction(pageNames[i], this, [this, i] { showPage(Page(i)); });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    view->addSeparator();
    QMenu *theme = view->addMenu(tr("T&heme"));
    auto *themes = new QActionGroup(this);
    const QString current = m_config.get(Config::GUI_Theme).toString();
    const std::pair<ThemePalette::Scheme, QString> choices[] = {
        {ThemePalette::Scheme::System, tr("&System")},
        {ThemePalette::Scheme::Light, tr("&Light")},
        {ThemePalette::Scheme::Dark, tr("&Dark")}};
    for (const auto &[value, label] : choices) {
        QAction *a = theme->addAction(label);
        a->setCheckable(true);
        a->setActionGroup(themes);
        a->setObjectName(QStringLiteral("actionTheme_") + ThemeSetting::name(value));
        a->setChecked(ThemeSetting::name(value) == current);
        connect(a, &QAction::triggered, this, [this, value = value] {
            m_config.set(Config::GUI_Theme, ThemeSetting::name(value));
            applyTheme(value);
        });
        m_themeActions << a;
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About CreditDesk"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("actionAbout"));
    about->setMenuRole(QAction::AboutRole);
    QAction *diagnostics =
        help->addAction(tr("&Copy diagnostics"), this, &MainWindow::copyDiagnosticsRequested);
    diagnostics->setObjectName(QStringLiteral("actionCopyDiagnostics"));
}

void MainWindow::setPage(Page which, QWidget *widget)
{
    QWidget *old = m_pages->widget(which);
    m_pages->insertWidget(which, widget);
    if (old) {
        m_pages->removeWidget(old);
        old->deleteLater();
    }
    m_pages->setCurrentIndex(std::max(0, m_navigation->currentRow()));
}

QWidget *MainWindow::page(Page which) const
{
    return m_pages->widget(which);
}

void MainWindow::showPage(Page which)
{
    m_navigation->setCurrentRow(which);
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_pages->currentIndex());
}

void MainWindow::setHasAccount(bool hasAccount)
{
    m_body->setCurrentIndex(hasAccount ? 1 : 0);
    m_syncAction->setEnabled(hasAccount);
    m_exportAction->setEnabled(hasAccount);
}

void MainWindow::setSupportWorkspace(QWidget *workspace)
{
    m_support = workspace;
    m_body->addWidget(workspace);
}

void MainWindow::showSupportWorkspace()
{
    if (!m_support)
        return;
    m_body->setCurrentWidget(m_support);
    m_syncAction->setEnabled(false);
    m_exportAction->setEnabled(false);
    m_signOutAction->setEnabled(true);
    m_statusLine->setText(tr("Support console"));
    m_statusLine->setStyleSheet({});
}

bool MainWindow::isShowingSupport() const
{
    return m_support && m_body->currentWidget() == m_support;
}

void MainWindow::setSyncStatus(const SyncStatus &status)
{
    m_status = status;
    m_statusLine->setText(isShowingSupport() ? tr("Support console") : status.text());
    ThemePalette::Tone tone = ThemePalette::Tone::Normal;
    switch (status.tone()) {
    case SyncStatus::Tone::Good:
        tone = ThemePalette::Tone::Good;
        break;
    case SyncStatus::Tone::Warning:
        tone = ThemePalette::Tone::Warning;
        break;
    case SyncStatus::Tone::Error:
        tone = ThemePalette::Tone::Critical;
        break;
    case SyncStatus::Tone::Normal:
        break;
    }
    m_statusLine->setStyleSheet(
        tone == ThemePalette::Tone::Normal
            ? QString()
            : QStringLiteral("QLabel { color: %1; }")
                  .arg(ThemePalette::color(QApplication::palette(), tone).name()));
    m_signOutAction->setEnabled(isShowingSupport() ||
                                (status.state != SyncStatus::State::SignedOut &&
                                 status.state != SyncStatus::State::Scenario));
}

void MainWindow::setAccountText(const QString &text)
{
    m_accountLine->setText(text);
}

void MainWindow::chooseScenarioFile()
{
    auto *chooser = new QFileDialog(this, tr("Open a scenario file"),
                                    m_config.get(Config::GUI_LastScenarioDirectory).toString(),
                                    tr("Scenario files (*.json);;All files (*)"));
    chooser->setObjectName(QStringLiteral("scenarioFileChooser"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::ExistingFile);
    chooser->setAcceptMode(QFileDialog::AcceptOpen);
    connect(chooser, &QFileDialog::fileSelected, this, [this](const QString &path) {
        m_config.set(Config::GUI_LastScenarioDirectory, QFileInfo(path).absolutePath());
        emit openScenarioRequested(path);
    });
    chooser->open();
}

void MainWindow::showScenarioError(const QString &path, const QString &error)
{
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Cannot open the scenario file"),
        tr("CreditDesk cannot read %1 as a scenario file.").arg(QFileInfo(path).fileName()),
        QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("scenarioErrorDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("%1\n\nFile: %2").arg(error, QDir::toNativeSeparators(path)));
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->open();
}

void MainWindow::askSignOut()
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Sign out"),
                                tr("Sign out of this account?"), QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("signOutDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("The token is removed from this computer. You can also delete "
                               "the cached copy of the account; it is fetched again when you "
                               "sign in."));
    QPushButton *keep = box->addButton(tr("Sign out, keep the cache"), QMessageBox::AcceptRole);
    keep->setObjectName(QStringLiteral("signOutKeepCache"));
    QPushButton *wipe =
        box->addButton(tr("Sign out and delete the cache"), QMessageBox::DestructiveRole);
    wipe->setObjectName(QStringLiteral("signOutDeleteCache"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(keep);
    connect(box, &QMessageBox::buttonClicked, this, [this, keep, wipe](QAbstractButton *b) {
        if (b == keep)
            emit signOutConfirmed(false);
        else if (b == wipe)
            emit signOutConfirmed(true);
    });
    box->open();
}

void MainWindow::applyTheme(ThemePalette::Scheme scheme)
{
    ThemePalette::apply(*qApp, scheme);
    // Style sheets resolve palette(...) when they are polished, not when the palette changes:
    // polish every one again so cards and bars follow the new look.
    for (QWidget *w : QApplication::allWidgets())
        if (!w->styleSheet().isEmpty())
            w->setStyleSheet(w->styleSheet());
    for (QAction *a : std::as_const(m_themeActions))
        a->setChecked(a->objectName().endsWith(ThemeSetting::name(scheme)));
    setSyncStatus(m_status); // its colour depends on the look
    emit themeApplied();
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(this);
    box->setObjectName(QStringLiteral("aboutDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About CreditDesk"));
    box->setIconPixmap(QIcon(QStringLiteral(":/icons/creditdesk.svg")).pixmap(64, 64));
    box->setText(tr("<b>CreditDesk %1</b>").arg(QApplication::applicationVersion()));
    box->setInformativeText(
        tr("Your AI service credits: balance, refreshes, usage and top-ups. Every number is "
           "computed on this computer from your account's events and checked against the "
           "server's.<br><br>Qt %1.")
            .arg(QString::fromLatin1(qVersion())));
    box->open();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_config.set(Config::GUI_MainWindowGeometry, saveGeometry());
    m_config.set(Config::GUI_MainWindowState, saveState());
    m_config.sync();
    if (m_keepRunning && !m_quitting) {
        // The app stays in the tray: hidden, still syncing (at the hidden pace).
        event->ignore();
        hide();
        return;
    }
    QMainWindow::closeEvent(event);
}

} // namespace creditdesk

namespace creditdesk {

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    updateSeen();
}

void MainWindow::hideEvent(QHideEvent *event)
{
    QMainWindow::hideEvent(event);
    updateSeen();
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::WindowStateChange)
        updateSeen();
}

void MainWindow::updateSeen()
{
    const bool seen = isVisible() && !isMinimized();
    if (seen == m_seen)
        return;
    m_seen = seen;
    emit seenChanged(seen);
}

} // namespace creditdesk
