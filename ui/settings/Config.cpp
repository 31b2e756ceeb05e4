#include "Config.h"

#include <QSettings>

namespace creditdesk {

namespace {

struct ConfigDirective
{
    const char *name;
    QVariant defaultValue;
};

// Indexed by ConfigKey: add a key in both places, in the same order.
const ConfigDirective &directive(Config::ConfigKey key)
{
    static const ConfigDirective table[] = {
        {"GUI/Theme", QStringLiteral("system")},
        {"GUI/MainWindowGeometry", QByteArray()},
        {"GUI/MainWindowState", QByteArray()},
        {"GUI/CurrentPage", 0},
        {"GUI/LastScenarioDirectory", QString()},
        {"Server/Url", QString()},
        {"Server/CaFile", QString()},
        {"Server/AccountId", QString()},
        {"Server/TokenInKeychain", false},
        {"Server/TrustedPins", QStringList()},
        {"Sync/IntervalSeconds", 30},
        {"Tray/KeepRunningOnClose", false},
        {"Notify/LowBalance", true},
        {"Notify/Refreshed", true},
        {"Notify/ExpiringLot", true},
        {"Notify/Purchase", true},
        {"Notify/Refund", true},
        {"Notify/ThresholdsAbsolute", false},
        {"Notify/LowPercent", 20},
        {"Notify/CriticalPercent", 5},
        {"Notify/LowAmount", 100},
        {"Notify/CriticalAmount", 20},
        {"Accounts/List", QStringList()},
        {"Support/RecentMembers", QStringList()},
    };
    static_assert(sizeof(table) / sizeof(table[0]) == Config::KeyCount,
                  "one directive per ConfigKey");
    return table[key];
}

} // namespace

Config::Config(const QString &path, QObject *parent)
    : QObject(parent)
    , m_settings(path.isEmpty() ? std::make_unique<QSettings>()
                                : std::make_unique<QSettings>(path, QSettings::IniFormat))
{}

Config::~Config() = default;

QString Config::keyName(ConfigKey key)
{
    return QString::fromLatin1(directive(key).name);
}

QVariant Config::defaultValue(ConfigKey key)
{
    return directive(key).defaultValue;
}

QVariant Config::get(ConfigKey key) const
{
    const ConfigDirective &d = directive(key);
    QVariant v = m_settings->value(QString::fromLatin1(d.name), d.defaultValue);
    // INI files keep every value as text: give it back in the default's type.
    if (d.defaultValue.isValid() && v.metaType() != d.defaultValue.metaType() &&
        v.canConvert(d.defaultValue.metaType()))
        v.convert(d.defaultValue.metaType());
    return v;
}

void Config::set(ConfigKey key, const QVariant &value)
{
    const QString name = keyName(key);
    if (m_settings->contains(name) && m_settings->value(name) == value)
        return;
    m_settings->setValue(name, value);
    emit changed(key);
}

void Config::remove(ConfigKey key)
{
    m_settings->remove(keyName(key));
    emit changed(key);
}

void Config::sync()
{
    m_settings->sync();
}

QString Config::fileName() const
{
    return m_settings->fileName();
}

} // namespace creditdesk
