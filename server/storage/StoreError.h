#pragma once

#include <QString>

#include <stdexcept>

namespace creditdesk {

// A database failure: the request it happened in is answered 500 (503 when the database was
// busy for too long) and its transaction rolled back.
class StoreError : public std::runtime_error
{
public:
    StoreError(const QString &message, bool busy = false)
        : std::runtime_error(message.toStdString())
        , m_busy(busy)
    {}
    bool busy() const { return m_busy; }

private:
    bool m_busy;
};

} // namespace creditdesk
