#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <vector>

namespace creditdesk {

// Asks the kernel for 2 MB pages under large buffers that are about to be filled (a scenario
// file's million events, the history and engine tables replayed from it). On the virtual
// machines the project runs on, a first touch of a 4 KB page costs tens of microseconds (the
// hypervisor maps each one), and a million-event load touches ~300 MB: in 2 MB pages that is
// one fault per 2 MB instead of 512. A hint only: where the kernel has no such pages (or
// transparent huge pages are off) nothing changes but the call. Never used for small buffers.
class HugePages
{
public:
    // The 2 MB-aligned part of [data, data + bytes) is advised; below 4 MB nothing is.
    static void prefer(void *data, std::size_t bytes);

    // Room for `size` elements in `v`, grown geometrically like push_back, the new buffer
    // advised before anything is moved into it (moving first would touch it in 4 KB pages).
    template <class T> static void reserve(std::vector<T> &v, std::size_t size)
    {
        if (size <= v.capacity())
            return;
        std::vector<T> room;
        room.reserve(std::max(size, v.capacity() * 2));
        prefer(room.data(), room.capacity() * sizeof(T));
        room.insert(room.end(), std::make_move_iterator(v.begin()),
                    std::make_move_iterator(v.end()));
        v.swap(room);
    }
};

} // namespace creditdesk
