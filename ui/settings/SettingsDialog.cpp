#include "SettingsDialog.h"

#include "Config.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace creditdesk {

SettingsDialog::SettingsDialog(Config &config, QWidget *parent)
    : QDialog(parent)
    , m_config(config)
    , m_theme(new QComboBox(this))
    , m_interval(new QSpinBox(this))
    , m_account(new QLabel(this))
    , m_signOut(new QPushButton(tr("Sign out…"), this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings — CreditDesk"));
    setMinimumWidth(480);

    m_theme->setObjectName(QStringLiteral("themeChoice"));
    m_theme->setAccessibleName(tr("Theme"));
    m_theme->addItem(tr("Follow the system"), QStringLiteral("system"));
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    m_theme->setCurrentIndex(
        qMax(0, m_theme->findData(m_config.get(Config::GUI_Theme).toString())));

    m_interval->setObjectName(QStringLiteral("syncInterval"));
    m_interval->setAccessibleName(tr("Sync interval in seconds"));
    m_interval->setRange(10, 3600);
    m_interval->setSuffix(tr(" s"));
    m_interval->setValue(m_config.get(Config::Sync_IntervalSeconds).toInt());

    auto *look = new QGroupBox(tr("Look"), this);
    auto *lookForm = new QFormLayout(look);
    lookForm->addRow(tr("&Theme:"), m_theme);

    auto *sync = new QGroupBox(tr("Sync"), this);
    auto *syncForm = new QFormLayout(sync);
    syncForm->addRow(tr("Sync &every:"), m_interval);
    auto *syncNote = new QLabel(tr("While the window is visible; less often when hidden, and "
                                   "F5 syncs at once."),
                                this);
    syncNote->setWordWrap(true);
    syncNote->setForegroundRole(QPalette::PlaceholderText);
    syncForm->addRow(syncNote);

    auto *account = new QGroupBox(tr("Account"), this);
    auto *accountLayout = new QHBoxLayout(account);
    m_account->setObjectName(QStringLiteral("settingsAccount"));
    m_account->setWordWrap(true);
    m_account->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_signOut->setObjectName(QStringLiteral("signOutButton"));
    accountLayout->addWidget(m_account, 1);
    accountLayout->addWidget(m_signOut);
    setAccount({}, {});

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 16);
    layout->setSpacing(16);
    layout->addWidget(look);
    layout->addWidget(sync);
    layout->addWidget(account);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_theme, &QComboBox::currentIndexChanged, this, [this] {
        const QString name = m_theme->currentData().toString();
        m_config.set(Config::GUI_Theme, name);
        emit themeChosen(ThemeSetting::fromName(name));
    });
    connect(m_interval, &QSpinBox::valueChanged, this,
            [this](int seconds) { m_config.set(Config::Sync_IntervalSeconds, seconds); });
    connect(m_signOut, &QPushButton::clicked, this, &SettingsDialog::signOutRequested);
}

void SettingsDialog::setAccount(const QString &server, const QString &accountName)
{
    if (server.isEmpty()) {
        m_account->setText(tr("Not signed in."));
        m_signOut->setEnabled(false);
        return;
    }
    m_account->setText(
        tr("<b>%1</b><br>on %2").arg(accountName.toHtmlEscaped(), server.toHtmlEscaped()));
    m_signOut->setEnabled(true);
}

} // namespace creditdesk
