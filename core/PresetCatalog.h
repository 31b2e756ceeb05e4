#pragma once

#include "Policy.h"

#include <QList>
#include <QString>

#include <memory>

namespace creditdesk {

// The presets that ship with CreditDesk, read once from the policy files embedded in the
// core library (resources/presets/*.json).
class PresetCatalog
{
public:
    static const PresetCatalog &builtIn();

    std::shared_ptr<const Policy> find(QStringView name) const;
    QList<std::shared_ptr<const Policy>> all() const { return m_presets; }
    QStringList names() const;

private:
    PresetCatalog();
    QList<std::shared_ptr<const Policy>> m_presets;
};

} // namespace creditdesk
