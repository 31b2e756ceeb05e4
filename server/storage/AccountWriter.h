#pragma once

#include "AccountLedger.h"
#include "ApiError.h"
#include "Caller.h"
#include "Clock.h"
#include "LedgerCache.h"
#include "LedgerStore.h"

#include <QJsonObject>

#include <functional>

namespace creditdesk {

// One write to one account, all or nothing: inside a write transaction (SQLite: BEGIN
// IMMEDIATE, so a second server process on the same file waits), with the account caught up
// with every event already committed, new events are stored and applied to the engine; the
// rows that go with them (purchase, idempotency key, audit) commit in the same transaction.
// If anything throws, the transaction rolls back and the in-memory engine is dropped, so
// neither the database nor the cache keeps half of it.
class AccountWriter
{
public:
    class Transaction
    {
    public:
        Transaction(LedgerStore &store, AccountLedger &ledger, TimePoint now)
            : m_store(store)
            , m_ledger(ledger)
            , m_now(now)
        {}
        LedgerStore &store() { return m_store; }
        AccountLedger &ledger() { return m_ledger; }
        // The time of the events written now (never before the history's last one).
        TimePoint now() const { return m_now; }
        // Validates the event (the core's reader), stores it and applies it. Returns the
        // ledger entries it wrote. A malformed event throws ApiError 400 naming the field.
        std::vector<LedgerEntry> append(QJsonObject event, const QJsonObject &note = {});
        void audit(const Caller &caller, const QString &action, const QJsonObject &detail);

    private:
        LedgerStore &m_store;
        AccountLedger &m_ledger;
        TimePoint m_now;
    };

    AccountWriter(LedgerStore &store, LedgerCache &cache, const Clock &clock)
        : m_store(store)
        , m_cache(cache)
        , m_clock(clock)
    {}

    // Runs before every write of an account, outside its transaction (PurchaseService settles
    // the account's due payments there, so a write never works on a stale balance).
    std::function<void(const QString &accountId)> beforeWrite;

    template <typename Fn> auto write(const QString &accountId, Fn &&fn)
    {
        if (beforeWrite && !m_store.inTransaction())
            beforeWrite(accountId);
        m_store.beginWrite();
        AccountLedger *ledger = nullptr;
        qint64 eventsBefore = 0;
        try {
            m_store.lockAccount(accountId);
            ledger = m_cache.find(accountId);
            if (!ledger)
                throw ApiError::notFound(QStringLiteral("no account %1").arg(accountId));
            eventsBefore = ledger->eventCount();
            Transaction tx(m_store, *ledger, ledger->nextEventTime(m_clock.now()));
            if constexpr (std::is_void_v<decltype(fn(tx))>) {
                fn(tx);
                beforeCommit();
                m_store.commit();
            } else {
                auto result = fn(tx);
                beforeCommit();
                m_store.commit();
                return result;
            }
        } catch (...) {
            m_store.rollback();
            if (!ledger || ledger->eventCount() != eventsBefore)
                m_cache.forget(accountId);
            throw;
        }
    }

    // Parses an event for validation only (nothing stored): ApiError 400 on a problem.
    static Event validate(const AccountLedger &ledger, const QJsonObject &event);

private:
    // Fault injection for the crash tests: with CREDITDESK_TEST_KILL_BEFORE_COMMIT=N in the
    // environment, the process kills itself (SIGKILL) with its N-th write transaction open,
    // every row of it written but not committed. Without the variable it does nothing.
    static void beforeCommit();

    LedgerStore &m_store;
    LedgerCache &m_cache;
    const Clock &m_clock;
};

} // namespace creditdesk
