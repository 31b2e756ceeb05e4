#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace creditdesk {

// Interns strings (task ids, reasons) so the engine compares and stores small integers.
class NameTable
{
public:
    int intern(const QString &name)
    {
        const auto it = m_index.constFind(name);
        if (it != m_index.constEnd())
            return *it;
        const int id = int(m_names.size());
        m_names << name;
        m_index.insert(name, id);
        return id;
    }
    int find(const QString &name) const { return m_index.value(name, -1); }
    const QString &name(int id) const { return m_names[id]; }
    int size() const { return int(m_names.size()); }
    const QStringList &names() const { return m_names; }

private:
    QStringList m_names;
    QHash<QString, int> m_index;
};

} // namespace creditdesk
