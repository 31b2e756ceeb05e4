#pragma once

#include <functional>

class QObject;

namespace creditdesk {

class SyncedAccount;

// How an account view (dashboard, packs, plan) follows the account it shows: `shown` becomes
// `account`, the view's subscription to the old account's changed() is dropped and one to the
// new account's is made (`changed` runs on each), and `changed` runs once now so the view
// shows the new account (or nothing, for nullptr) at once.
void followAccount(SyncedAccount *&shown, SyncedAccount *account, QObject *view,
                   const std::function<void()> &changed);

} // namespace creditdesk
