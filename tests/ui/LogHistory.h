#pragma once

#include <memory>

namespace creditdesk {

class SyncedAccount;

// A deterministic busy account for the token-log tests and benchmark: the daily-free-images
// preset (reservations, applicability, daily refreshes), `tasks` tasks across every feature
// with every outcome, purchases by amount, bonus grants that expire, support debits with a
// reason, refunds, a few tasks left running, and refund requests in every state.
class LogHistory
{
public:
    static std::unique_ptr<SyncedAccount> build(int tasks);
};

} // namespace creditdesk
