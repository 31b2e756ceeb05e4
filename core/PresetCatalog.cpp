#include "PresetCatalog.h"

#include "PolicyReader.h"

#include <QDir>
#include <QFile>

namespace creditdesk {

PresetCatalog::PresetCatalog()
{
    const QDir dir(QStringLiteral(":/presets"));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot open embedded preset %s", qPrintable(name));
        auto result = PolicyReader::readDocument(file.readAll(), name);
        if (auto *error = std::get_if<ParseError>(&result))
            qFatal("embedded preset %s: %s", qPrintable(name), qPrintable(error->toString()));
        m_presets << std::make_shared<const Policy>(std::get<Policy>(std::move(result)));
    }
}

const PresetCatalog &PresetCatalog::builtIn()
{
    static const PresetCatalog catalog;
    return catalog;
}

std::shared_ptr<const Policy> PresetCatalog::find(QStringView name) const
{
    for (const auto &p : m_presets)
        if (p->name == name)
            return p;
    return nullptr;
}

QStringList PresetCatalog::names() const
{
    QStringList out;
    for (const auto &p : m_presets)
        out << p->name;
    return out;
}

} // namespace creditdesk
