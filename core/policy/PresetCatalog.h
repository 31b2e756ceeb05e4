#pragma once

#include "ParseError.h"
#include "Policy.h"

#include <QList>
#include <QString>

#include <memory>
#include <variant>

namespace creditdesk {

// A set of presets by name: the ones that ship with CreditDesk, read once from the policy
// files embedded in the core library (resources/presets/*.json), or the preset files of a
// directory (a server started with --presets DIR). Names are unique within a catalogue.
class PresetCatalog
{
public:
    static const PresetCatalog &builtIn();
    // Every *.json file of `dir`, in file-name order. The first problem (unreadable file,
    // malformed policy, a name given twice, no file at all) is returned with its path
    // starting with the file's name: "tiered-tasks.json: packs[0].price.currency".
    static std::variant<PresetCatalog, ParseError> fromDirectory(const QString &dir);

    std::shared_ptr<const Policy> find(QStringView name) const;
    QList<std::shared_ptr<const Policy>> all() const { return m_presets; }
    QStringList names() const;

private:
    PresetCatalog() = default;
    QList<std::shared_ptr<const Policy>> m_presets;
};

} // namespace creditdesk
