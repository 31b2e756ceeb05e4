#include "NameTable.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace creditdesk {

std::uint32_t NameTable::hashOf(QStringView name)
{
    std::uint32_t h = std::uint32_t(name.size());
    for (const QChar c : name)
        h = h * 31 + c.unicode();
    // murmur3's finalizer: every bit of the slot depends on every character
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h;
}

std::size_t NameTable::slotOf(QStringView name, std::uint32_t hash) const
{
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot &s = m_slots[i];
        if (s.id < 0)
            return i;
        if (s.hash == hash) {
            const QStringView other = view(s.id);
            if (other.size() == name.size() &&
                std::memcmp(other.data(), name.data(), std::size_t(name.size()) * 2) == 0)
                return i;
        }
    }
}

int NameTable::find(QStringView name) const
{
    if (m_slots.empty())
        return -1;
    return m_slots[slotOf(name, hashOf(name))].id;
}

int NameTable::intern(QStringView name)
{
    if (m_slots.empty())
        rehash(16);
    const std::uint32_t hash = hashOf(name);
    const std::size_t slot = slotOf(name, hash);
    if (m_slots[slot].id >= 0)
        return m_slots[slot].id;
    return insert(name, hash, slot);
}

int NameTable::intern(const QString &name)
{
    return intern(QStringView(name));
}

QStringList NameTable::names() const
{
    QStringList out;
    out.reserve(size());
    for (int i = 0; i < size(); ++i)
        out << name(i);
    return out;
}

void NameTable::intern(std::span<const QStringView> names, std::span<int> ids)
{
    constexpr std::size_t Batch = 64;
    std::array<std::uint32_t, Batch> hashes;
    for (std::size_t from = 0; from < names.size(); from += Batch) {
        const std::size_t count = std::min(Batch, names.size() - from);
        if (m_slots.empty())
            rehash(16);
        for (std::size_t i = 0; i < count; ++i) {
            hashes[i] = hashOf(names[from + i]);
#if defined(__GNUC__)
            __builtin_prefetch(&m_slots[hashes[i] & (m_slots.size() - 1)]);
#endif
        }
        for (std::size_t i = 0; i < count; ++i) {
            const QStringView name = names[from + i];
            const std::size_t slot = slotOf(name, hashes[i]);
            ids[from + i] =
                m_slots[slot].id >= 0 ? m_slots[slot].id : insert(name, hashes[i], slot);
        }
    }
}

int NameTable::insert(QStringView name, std::uint32_t hash, std::size_t slot)
{
    const int id = size();
    const char16_t *from = name.utf16();
    if (from >= m_chars.data() && from < m_chars.data() + m_chars.size()) {
        // A view into this table: copy it first, the arena may move as it grows.
        const QString copy = name.toString();
        return insert(copy, hash, slot);
    }
    m_chars.insert(m_chars.end(), from, from + name.size());
    m_offsets.push_back(std::uint32_t(m_chars.size()));
    m_slots[slot] = Slot{hash, id};
    if (std::size_t(size()) * 2 > m_slots.size())
        rehash(m_slots.size() * 2);
    return id;
}

void NameTable::reserve(std::size_t count)
{
    std::size_t wanted = std::max<std::size_t>(16, m_slots.size());
    while (wanted < count * 2)
        wanted *= 2;
    if (wanted > m_slots.size())
        rehash(wanted);
    m_offsets.reserve(count + 1);
    m_chars.reserve(count * 8);
}

void NameTable::rehash(std::size_t slotCount)
{
    std::vector<Slot> table(slotCount);
    const std::size_t mask = slotCount - 1;
    for (const Slot &s : m_slots) {
        if (s.id < 0)
            continue;
        std::size_t i = s.hash & mask;
        while (table[i].id >= 0)
            i = (i + 1) & mask;
        table[i] = s;
    }
    m_slots = std::move(table);
}

} // namespace creditdesk
