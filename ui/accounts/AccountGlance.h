#pragma once

#include "Credits.h"
#include "NotificationPlanner.h"
#include "SyncStatus.h"
#include "TimePoint.h"

#include <QCoreApplication>
#include <QString>

namespace creditdesk {

class SyncedAccount;

// One account at a glance, for the account list and the tray: its name and server, the
// available balance in words, a state (normal / low / empty / offline) and, when the balance
// or a usage window is exhausted, when it comes back ("back at 15:00", "back in 28m"). Every
// number is the engine's answer at `now`; the low line is the first notification threshold.
struct AccountGlance
{
    Q_DECLARE_TR_FUNCTIONS(AccountGlance)
public:
    enum class State : quint8 { Unknown, Normal, Low, Empty, Offline };

    QString key; // which account (the app's key: server + account id)
    QString name;
    QString host;
    State state = State::Unknown;
    bool syncing = false;
    Credits available;
    QString availableText; // "1,230 credits available", or "Loading…" before any data
    QString backText;      // "back at 15:00", "back in 28m", or empty
    QString statusText;    // the sync state in one line
    TimePoint backAt = NoTime;

    // `account` null: nothing cached yet. `status`: the session's sync state.
    static AccountGlance of(const SyncedAccount *account, const SyncStatus &status, TimePoint now,
                            const NotificationPlanner::Settings &thresholds);
    // "Ada — 1,230 credits · back in 28m": one line for a menu.
    QString line() const;
    // The state in a word ("Low", "Empty", "Offline"), empty when normal.
    QString stateWord() const;
};

} // namespace creditdesk
