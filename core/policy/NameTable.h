#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <cstdint>
#include <span>
#include <vector>

namespace creditdesk {

// Interns strings (task ids, reasons) so the engine compares and stores small integers.
// A flat open-addressing table of ids, with each name's hash so that growing never hashes a
// string again: a scenario file can hold a million task ids, and a node-based hash spent about
// a microsecond per insert there. With that many names the table outgrows the caches: a reader
// with many names at hand interns them in batches (the slots of a batch are fetched at once).
// The names themselves sit end to end in one UTF-16 arena (about 20 bytes for a task id
// rather than 70 as separate QStrings); name() hands out copies.
class NameTable
{
public:
    int intern(const QString &name);
    int intern(QStringView name);
    int find(QStringView name) const;
    QString name(int id) const { return view(id).toString(); }
    QStringView view(int id) const
    {
        const std::uint32_t from = m_offsets[std::size_t(id)];
        return QStringView(m_chars.data() + from, qsizetype(m_offsets[std::size_t(id) + 1] - from));
    }
    int size() const { return int(m_offsets.size()) - 1; }
    QStringList names() const;
    // ids[i] = intern(names[i]), in order.
    void intern(std::span<const QStringView> names, std::span<int> ids);
    // Room for `count` names in all (of about 8 characters), so that a reader that knows
    // roughly how many are coming does not rebuild the table at every doubling.
    void reserve(std::size_t count);

private:
    struct Slot
    {
        std::uint32_t hash = 0;
        std::int32_t id = -1; // -1: empty
    };
    static std::uint32_t hashOf(QStringView name);
    // The slot holding `name`, or the empty slot where it would go.
    std::size_t slotOf(QStringView name, std::uint32_t hash) const;
    int insert(QStringView name, std::uint32_t hash, std::size_t slot);
    void rehash(std::size_t slotCount);

    std::vector<char16_t> m_chars;
    std::vector<std::uint32_t> m_offsets{0}; // name i is m_chars[m_offsets[i], m_offsets[i+1])
    std::vector<Slot> m_slots;               // a power of two in size, at most half full
};

} // namespace creditdesk
