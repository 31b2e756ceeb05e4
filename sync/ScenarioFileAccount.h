#pragma once

#include "ParseError.h"
#include "ScenarioHistoryReader.h"
#include "TimePoint.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <variant>

class QObject;

namespace creditdesk {

class SyncedAccount;

// Opens a scenario file (format 1) as a read-only account: the events replayed into an
// AccountHistory by the same core reader `creditdesk-cli simulate` uses, wrapped in a
// SyncedAccount whose source is ScenarioFile. Promises: a malformed or unreadable file gives
// the reader's ParseError (JSON path and reason), never a crash and never a half-filled account.
class ScenarioFileAccount
{
public:
    struct Opened
    {
        std::unique_ptr<SyncedAccount> account;
        // The moment the file is about: its last query, else its last event (NoTime if empty).
        TimePoint viewTime = NoTime;
    };
    using Result = std::variant<Opened, ParseError>;

    static Result open(const QString &path, QObject *parent = nullptr);
    static Result fromJson(const QByteArray &json, const QString &name = {},
                           QObject *parent = nullptr);

private:
    static Opened fromHistory(ScenarioHistoryReader::Read read, const QString &name,
                              QObject *parent);
};

} // namespace creditdesk
