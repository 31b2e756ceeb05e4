#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace creditdesk {

class ClientSession;
class Clock;

// "Copy diagnostics" (Help menu): what a support ticket needs, as plain text — the app's
// version, the platform, Qt's version, and for each account its server host, account id, sync
// state, the last errors with their times, the cache file's size and schema versions. Never a
// token (nor anything the keychain holds): it is put on the clipboard and pasted into tickets.
class DiagnosticsReport
{
    Q_DECLARE_TR_FUNCTIONS(DiagnosticsReport)
public:
    static QString text(const QList<ClientSession *> &sessions, const ClientSession *shown,
                        const Clock &clock);
};

} // namespace creditdesk
