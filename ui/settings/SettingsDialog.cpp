#include "SettingsDialog.h"

#include "Config.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QSystemTrayIcon>
#include <QVBoxLayout>

namespace creditdesk {

SettingsDialog::SettingsDialog(Config &config, QWidget *parent)
    : QDialog(parent)
    , m_config(config)
    , m_theme(new QComboBox(this))
    , m_interval(new QSpinBox(this))
    , m_keepInTray(new QCheckBox(tr("&Keep running in the tray when the window is closed"), this))
    , m_percent(new QRadioButton(tr("% of the plan's allotment"), this))
    , m_absolute(new QRadioButton(tr("Amounts"), this))
    , m_lowPercent(new QSpinBox(this))
    , m_criticalPercent(new QSpinBox(this))
    , m_lowAmount(new QSpinBox(this))
    , m_criticalAmount(new QSpinBox(this))
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
    layout->addWidget(buildNotifications());
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

QWidget *SettingsDialog::buildNotifications()
{
    auto *box = new QGroupBox(tr("Tray and notifications"), this);
    box->setObjectName(QStringLiteral("notificationSettings"));
    auto *form = new QFormLayout(box);

    m_keepInTray->setObjectName(QStringLiteral("keepInTray"));
    m_keepInTray->setChecked(m_config.get(Config::Tray_KeepRunningOnClose).toBool());
    // Without a tray there is nowhere to keep running: closing quits, whatever is ticked.
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        m_keepInTray->setToolTip(tr("This desktop shows no tray icons: closing the window "
                                    "quits."));
    form->addRow(m_keepInTray);
    connect(m_keepInTray, &QCheckBox::toggled, this,
            [this](bool on) { m_config.set(Config::Tray_KeepRunningOnClose, on); });

    const std::pair<Config::ConfigKey, QString> kinds[] = {
        {Config::Notify_LowBalance, tr("Credits &running low")},
        {Config::Notify_Refreshed, tr("Credits &refreshed")},
        {Config::Notify_ExpiringLot, tr("Credits &expiring unused within a day")},
        {Config::Notify_Purchase, tr("A &purchase settled or failed")},
        {Config::Notify_Refund, tr("A re&fund request decided")},
    };
    auto *kindsBox = new QWidget(box);
    auto *kindsLayout = new QVBoxLayout(kindsBox);
    kindsLayout->setContentsMargins(0, 0, 0, 0);
    kindsLayout->setSpacing(4);
    for (const auto &[key, label] : kinds) {
        auto *check = new QCheckBox(label, kindsBox);
        check->setObjectName(QStringLiteral("notify_") + Config::keyName(key).section(u'/', 1));
        check->setChecked(m_config.get(key).toBool());
        connect(check, &QCheckBox::toggled, this,
                [this, key = key](bool on) { m_config.set(key, on); });
        kindsLayout->addWidget(check);
        m_kinds << check;
    }
    form->addRow(tr("Notify when:"), kindsBox);

    m_percent->setObjectName(QStringLiteral("thresholdsPercent"));
    m_absolute->setObjectName(QStringLiteral("thresholdsAbsolute"));
    auto *modes = new QButtonGroup(box);
    modes->addButton(m_percent);
    modes->addButton(m_absolute);
    (m_config.get(Config::Notify_ThresholdsAbsolute).toBool() ? m_absolute : m_percent)
        ->setChecked(true);
    auto *modeRow = new QWidget(box);
    auto *modeLayout = new QHBoxLayout(modeRow);
    modeLayout->setContentsMargins(0, 0, 0, 0);
    modeLayout->addWidget(m_percent);
    modeLayout->addWidget(m_absolute);
    modeLayout->addStretch(1);
    form->addRow(tr("Low-balance thresholds:"), modeRow);

    const auto setUp = [this](QSpinBox *spin, const char *name, const QString &accessible,
                              Config::ConfigKey key, int max, const QString &suffix) {
        spin->setObjectName(QString::fromLatin1(name));
        spin->setAccessibleName(accessible);
        spin->setRange(0, max);
        spin->setSuffix(suffix);
        spin->setValue(m_config.get(key).toInt());
        connect(spin, &QSpinBox::valueChanged, this,
                [this, key](int value) { m_config.set(key, value); });
    };
    setUp(m_lowPercent, "lowPercent", tr("First threshold, percent"), Config::Notify_LowPercent,
          100, tr(" %"));
    setUp(m_criticalPercent, "criticalPercent", tr("Second threshold, percent"),
          Config::Notify_CriticalPercent, 100, tr(" %"));
    setUp(m_lowAmount, "lowAmount", tr("First threshold, amount"), Config::Notify_LowAmount,
          100000000, QString());
    setUp(m_criticalAmount, "criticalAmount", tr("Second threshold, amount"),
          Config::Notify_CriticalAmount, 100000000, QString());
    auto *levels = new QWidget(box);
    auto *levelsLayout = new QHBoxLayout(levels);
    levelsLayout->setContentsMargins(0, 0, 0, 0);
    for (QSpinBox *spin : {m_lowPercent, m_criticalPercent, m_lowAmount, m_criticalAmount})
        levelsLayout->addWidget(spin);
    levelsLayout->addStretch(1);
    form->addRow(tr("Warn at:"), levels);
    connect(m_absolute, &QRadioButton::toggled, this, [this](bool on) {
        m_config.set(Config::Notify_ThresholdsAbsolute, on);
        updateThresholdFields();
    });
    updateThresholdFields();
    return box;
}

void SettingsDialog::updateThresholdFields()
{
    const bool absolute = m_absolute->isChecked();
    m_lowPercent->setVisible(!absolute);
    m_criticalPercent->setVisible(!absolute);
    m_lowAmount->setVisible(absolute);
    m_criticalAmount->setVisible(absolute);
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
