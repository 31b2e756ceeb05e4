#include "AccountFollowing.h"

#include "SyncedAccount.h"

namespace creditdesk {

void followAccount(SyncedAccount *&shown, SyncedAccount *account, QObject *view,
                   const std::function<void()> &changed)
{
    if (shown)
        QObject::disconnect(shown, nullptr, view, nullptr);
    shown = account;
    if (account)
        QObject::connect(account, &SyncedAccount::changed, view, changed);
    changed();
}

} // namespace creditdesk
