#include "DesktopClient.h"

#include "Config.h"
#include "DemoBar.h"
#include "DemoSession.h"
#include "MainWindow.h"
#include "OfflineBanner.h"
#include "ScenarioBar.h"
#include "ScenarioReader.h"
#include "SettingsDialog.h"
#include "SignInDialog.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QTimer>

namespace creditdesk {

DesktopClient::DesktopClient(Config &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_window(std::make_unique<MainWindow>(config))
{
    MainWindow &w = *m_window;
    connect(&w, &MainWindow::openScenarioRequested, this, &DesktopClient::openScenario);
    connect(&w, &MainWindow::signInRequested, this, &DesktopClient::showSignIn);
    connect(&w, &MainWindow::settingsRequested, this, &DesktopClient::showSettings);
    connect(w.scenarioBar(), &ScenarioBar::momentChosen, this, &DesktopClient::setMoment);
}

DesktopClient::~DesktopClient() = default;

bool DesktopClient::openScenario(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_window->showScenarioError(path, tr("The file cannot be read: %1.").arg(file.errorString()));
        return false;
    }
    auto read = ScenarioReader::read(file.readAll());
    if (const auto *error = std::get_if<ParseError>(&read)) {
        m_window->showScenarioError(path, error->toString());
        return false;
    }
    const Scenario &scenario = std::get<Scenario>(read);
    TimePoint first = NoTime, last = NoTime;
    for (const Event &e : scenario.events) {
        if (first == NoTime || e.at < first)
            first = e.at;
        if (last == NoTime || e.at > last)
            last = e.at;
    }
    if (first == NoTime)
        first = last = 0;
    m_zone = QTimeZone(scenario.zone.id().toUtf8());
    MainWindow &w = *m_window;
    w.scenarioBar()->setFile(QFileInfo(path).fileName());
    w.scenarioBar()->setSpan(first, last, m_zone);
    w.scenarioBar()->show();
    w.setHasAccount(true);
    SyncStatus status;
    status.state = SyncStatus::State::Scenario;
    w.setSyncStatus(status);
    w.setAccountText(tr("Scenario: %1").arg(QFileInfo(path).fileName()));
    w.setWindowTitle(tr("%1 — CreditDesk").arg(QFileInfo(path).fileName()));
    setMoment(last);
    w.scenarioBar()->setMoment(last);
    m_showing = true;
    emit accountShown();
    return true;
}

void DesktopClient::setMoment(TimePoint t)
{
    m_moment = t;
}

bool DesktopClient::startDemo(TimePoint start, QString *error)
{
    m_demo = new DemoSession(start, this);
    if (!m_demo->start(error))
        return false;
    MainWindow &w = *m_window;
    DemoBar *bar = w.demoBar();
    const auto fill = [this, bar] {
        QList<QPair<QString, QString>> members;
        for (const auto &m : m_demo->members())
            members.append({m.accountId, tr("%1 · %2").arg(m.name, m.preset)});
        bar->setMembers(members);
        bar->setCurrentMember(m_demo->currentMember());
    };
    fill();
    bar->show();
    connect(bar, &DemoBar::memberChosen, m_demo, &DemoSession::chooseMember);
    connect(bar, &DemoBar::playToggled, m_demo, &DemoSession::setPlaying);
    connect(bar, &DemoBar::advanceRequested, m_demo, &DemoSession::advance);
    connect(bar, &DemoBar::resetRequested, m_demo, &DemoSession::reset);
    connect(m_demo, &DemoSession::playingChanged, bar, &DemoBar::setPlaying);
    connect(m_demo, &DemoSession::restarted, this, fill);
    connect(m_demo, &DemoSession::clockMoved, this, &DesktopClient::updateDemoClock);
    connect(m_demo, &DemoSession::failed, this, [this](const QString &message) {
        m_window->offlineBanner()->showMessage(tr("The demo could not restart: %1").arg(message),
                                               true);
    });
    w.setWindowTitle(tr("CreditDesk — demo"));
    updateDemoClock();
    w.setHasAccount(true);
    QTimer::singleShot(0, this, [this] {
        m_showing = true;
        emit accountShown();
    });
    return true;
}

void DesktopClient::updateDemoClock()
{
    if (!m_demo)
        return;
    const QDateTime t = QDateTime::fromSecsSinceEpoch(m_demo->clock().now(), m_zone);
    m_window->demoBar()->setClockText(
        QLocale().toString(t, QStringLiteral("ddd d MMM yyyy, HH:mm")) +
        QStringLiteral(" (%1)").arg(QString::fromLatin1(m_zone.id())));
}

SignInDialog *DesktopClient::signInDialog()
{
    if (!m_signIn) {
        m_signIn = new SignInDialog(m_window.get());
        m_signIn->setServerUrl(m_config.get(Config::Server_Url).toString());
        m_signIn->setCaFile(m_config.get(Config::Server_CaFile).toString());
    }
    return m_signIn;
}

SettingsDialog *DesktopClient::settingsDialog()
{
    if (!m_settings) {
        m_settings = new SettingsDialog(m_config, m_window.get());
        connect(m_settings, &SettingsDialog::themeChosen, m_window.get(), &MainWindow::applyTheme);
        connect(m_settings, &SettingsDialog::signOutRequested, m_window.get(),
                &MainWindow::askSignOut);
    }
    return m_settings;
}

void DesktopClient::showSignIn()
{
    signInDialog()->open();
}

void DesktopClient::showSettings()
{
    settingsDialog()->open();
}

} // namespace creditdesk
