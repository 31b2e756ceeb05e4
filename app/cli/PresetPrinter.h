#pragma once

#include <QString>

namespace creditdesk {

struct Policy;

// Describes a preset for people: one line for the list, every rule for one preset.
class PresetPrinter
{
public:
    static QString oneLine(const Policy &policy);
    static QString fullRules(const Policy &policy);
};

} // namespace creditdesk
