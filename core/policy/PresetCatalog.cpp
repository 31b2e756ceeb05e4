#include "PresetCatalog.h"

#include "PolicyReader.h"

#include <QDir>
#include <QFile>

namespace creditdesk {

namespace {

// Where in which file: "name.json" alone, or "name.json: features[2].price".
ParseError inFile(const QString &file, const ParseError &error)
{
    return ParseError{error.path.isEmpty() ? file : file + QStringLiteral(": ") + error.path,
                      error.message};
}

} // namespace

std::variant<PresetCatalog, ParseError> PresetCatalog::fromDirectory(const QString &path)
{
    const QDir dir(path);
    if (!dir.exists())
        return ParseError{path, QStringLiteral("no such directory")};
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        return ParseError{path, QStringLiteral("no preset files (*.json) in it")};
    PresetCatalog catalog;
    for (const QString &name : files) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            return ParseError{name, QStringLiteral("cannot read: %1").arg(file.errorString())};
        auto result = PolicyReader::readDocument(file.readAll(), QString());
        if (auto *error = std::get_if<ParseError>(&result))
            return inFile(name, *error);
        auto policy = std::make_shared<const Policy>(std::get<Policy>(std::move(result)));
        if (catalog.find(policy->name))
            return ParseError{
                name + QStringLiteral(": name"),
                QStringLiteral("preset \"%1\" is given by another file too").arg(policy->name)};
        catalog.m_presets << std::move(policy);
    }
    return catalog;
}

const PresetCatalog &PresetCatalog::builtIn()
{
    static const PresetCatalog catalog = [] {
        auto result = fromDirectory(QStringLiteral(":/presets"));
        if (auto *error = std::get_if<ParseError>(&result))
            qFatal("embedded preset %s", qPrintable(error->toString()));
        return std::get<PresetCatalog>(std::move(result));
    }();
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
