// Server-side engine snapshots (issue 10): a cold account resumed from its stored snapshot
// plus the newer events answers exactly what a replay of every event answers; a snapshot of
// another format or policy, or one that does not read back, is ignored and rebuilt; verify
// replays the events and names a stored snapshot that disagrees with them. In process, on the
// real LedgerStore (SQLite in a temporary directory, or PostgreSQL under
// CREDITDESK_TEST_POSTGRES like every server test).
#include "AccountLedger.h"
#include "ApiError.h"
#include "LedgerCache.h"
#include "LedgerVerifier.h"
#include "ManualClock.h"
#include "PresetCatalog.h"
#include "ScenarioReplay.h"
#include "ServerProcess.h"
#include "ServerRuntime.h"
#include "SimulatedPaymentProvider.h"
#include "StoreRecords.h"
#include "TokenAuthenticator.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <random>

using namespace creditdesk;

namespace {

constexpr TimePoint Start = 1798761600; // 2027-01-01T00:00:00Z

QJsonObject taskStart(const Policy &policy, int feature, const QString &task, std::mt19937 &rng)
{
    const FeatureRule &f = policy.features[feature];
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("task_start")},
                  {QStringLiteral("task"), task},
                  {QStringLiteral("feature"), f.name}};
    switch (f.pricing) {
    case FeatureRule::Pricing::PerModel:
        o.insert(QStringLiteral("models"), int(1 + rng() % 3));
        break;
    case FeatureRule::Pricing::TierOfRequest:
        o.insert(QStringLiteral("tier"), policy.tiers[int(rng() % policy.tiers.size())].name);
        break;
    case FeatureRule::Pricing::PerThousandTokens:
        o.insert(QStringLiteral("tokens"), int(500 + rng() % 40000));
        break;
    case FeatureRule::Pricing::PerUnit:
        break;
    }
    return o;
}

// The answers a client reads of an engine at `at`: the summary's four and the whole ledger.
QByteArray answersAt(const CreditEngine &engine, TimePoint at)
{
    QByteArray out;
    for (const Query::Ask ask : {Query::Ask::Balance, Query::Ask::NextRefresh, Query::Ask::Limits,
                                 Query::Ask::Projection, Query::Ask::Ledger}) {
        Query q;
        q.ask = ask;
        q.at = at;
        out += ScenarioReplay::answerJson(engine, q) + '\n';
    }
    return out;
}

// Where two answer sets first differ (QCOMPARE cuts long strings short).
QByteArray firstDifference(const QByteArray &a, const QByteArray &b)
{
    qsizetype i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i])
        ++i;
    const qsizetype from = std::max<qsizetype>(0, i - 200);
    return "at " + QByteArray::number(i) + "\n  got:      " + a.mid(from, 400) +
           "\n  expected: " + b.mid(from, 400);
}

} // namespace

class TestServerSnapshots : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void coldAnswerEqualsReplay_data();
    void coldAnswerEqualsReplay();
    void cacheStoresAndResumesSnapshots();
    void staleSnapshotIgnoredAndRebuilt_data();
    void staleSnapshotIgnoredAndRebuilt();
    void verifyNamesASnapshotThatDisagrees();
    void tokenReadsWhatTheKeptEngineLacks();
    void batchedTokenReadsEqualSingleOnes_data();
    void batchedTokenReadsEqualSingleOnes();
    void prefetchedReadServesItsBatchOnly();
    void lastUsesNeverWaitForAnotherProcess();

private:
    // Writes `count` random events to `id` from `at` on; returns the time of the last one.
    TimePoint writeEvents(const QString &id, qint64 count, TimePoint at, std::mt19937 &rng);
    QString newAccount(const QString &preset, const QString &zone, TimePoint at);
    // Two unified-monthly accounts: `events` random events written to the first, the clock a
    // minute after the last of them (the token tests' reader and stranger).
    struct TwoAccounts
    {
        QString id;
        QString other;
        TimePoint last = 0;
    };
    TwoAccounts twoAccounts(qint64 events, std::mt19937 &rng);
    QByteArray wholeAnswers(const QString &id, TimePoint at);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SimulatedPaymentProvider> m_provider;
    std::unique_ptr<ServerRuntime> m_rt;
    int m_accounts = 0;
};

void TestServerSnapshots::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_unique<ManualClock>(Start);
    m_provider = std::make_unique<SimulatedPaymentProvider>(0, 0);
    m_rt = std::make_unique<ServerRuntime>(ServerProcess::databaseSpec(m_dir->path()), *m_clock,
                                           *m_provider);
}

void TestServerSnapshots::cleanup()
{
    m_rt.reset();
    m_provider.reset();
    m_clock.reset();
    m_dir.reset();
}

QString TestServerSnapshots::newAccount(const QString &preset, const QString &zone, TimePoint at)
{
    // Unique across test functions: on PostgreSQL the database outlives each runtime.
    const QString id = QStringLiteral("snap-%1-%2")
                           .arg(QString::fromLatin1(QTest::currentTestFunction()))
                           .arg(++m_accounts);
    m_rt->accounts.createAccount(QStringLiteral("Snapshot Tester"), preset, zone,
                                 id.toLower().replace(u'_', u'-'), {}, at);
    return id.toLower().replace(u'_', u'-');
}

TestServerSnapshots::TwoAccounts TestServerSnapshots::twoAccounts(qint64 events, std::mt19937 &rng)
{
    TwoAccounts two;
    two.id = newAccount(QStringLiteral("unified-monthly"), QStringLiteral("UTC"), Start);
    two.other = newAccount(QStringLiteral("unified-monthly"), QStringLiteral("UTC"), Start);
    two.last = writeEvents(two.id, events, Start, rng);
    m_clock->set(two.last + 60);
    return two;
}

TimePoint TestServerSnapshots::writeEvents(const QString &id, qint64 count, TimePoint at,
                                           std::mt19937 &rng)
{
    m_rt->store.beginWrite();
    AccountLedger *ledger = m_rt->cache.find(id);
    const Policy &policy = ledger->policy();
    QStringList open, ended;
    qint64 task = ledger->eventCount();
    for (qint64 i = 0; i < count; ++i) {
        // Minutes to days apart: refreshes, expiries and windows all come due in between.
        const quint32 gap = rng() % 100;
        at += gap < 70   ? 60 + rng() % 3600
              : gap < 95 ? 3600 + rng() % 86400
                         : 86400 * (1 + rng() % 6);
        AccountWriter::Transaction tx(m_rt->store, *ledger, at);
        const quint32 kind = rng() % 100;
        QJsonObject event;
        if (kind < 10) {
            static const char *const kinds[] = {"bonus", "promo", "trial", "referral"};
            event = {{QStringLiteral("type"), QStringLiteral("grant")},
                     {QStringLiteral("kind"), QString::fromLatin1(kinds[rng() % 4])},
                     {QStringLiteral("amount"), double(1 + rng() % 200000) / 1000.0}};
            if (rng() % 2)
                event.insert(QStringLiteral("expires_at"),
                             ledger->zone().format(at + 3600 * (1 + rng() % 400)));
        } else if (kind < 14) {
            event = {{QStringLiteral("type"), QStringLiteral("purchase")},
                     {QStringLiteral("amount"), double(1 + rng() % 50000) / 1000.0}};
        } else if (kind < 17 && !policy.plans.isEmpty()) {
            event = {{QStringLiteral("type"), QStringLiteral("subscribe")},
                     {QStringLiteral("plan"), policy.plans[int(rng() % policy.plans.size())].name}};
        } else if (kind < 19) {
            event = {{QStringLiteral("type"), QStringLiteral("debit")},
                     {QStringLiteral("amount"), double(1 + rng() % 3000) / 1000.0}};
        } else if (kind < 22 && !ended.isEmpty()) {
            event = {{QStringLiteral("type"), QStringLiteral("refund")},
                     {QStringLiteral("task"), ended[int(rng() % ended.size())]}};
        } else if (kind < 60 && !open.isEmpty()) {
            const QString t = open.takeAt(int(rng() % open.size()));
            static const char *const outcomes[] = {
                "success", "success", "success", "system_error", "content_violation", "cancelled"};
            event = {{QStringLiteral("type"), QStringLiteral("task_end")},
                     {QStringLiteral("task"), t},
                     {QStringLiteral("outcome"), QString::fromLatin1(outcomes[rng() % 6])},
                     {QStringLiteral("tokens"), int(100 + rng() % 50000)}};
            ended << t;
        } else {
            const QString t = QStringLiteral("t%1").arg(++task);
            event = taskStart(policy, int(rng() % policy.features.size()), t, rng);
            open << t;
        }
        tx.append(event);
    }
    m_rt->store.commit();
    return at;
}

QByteArray TestServerSnapshots::wholeAnswers(const QString &id, TimePoint at)
{
    AccountLedger whole(*m_rt->store.account(id), m_rt->presets);
    whole.applyStored(m_rt->store.events(id, 0));
    whole.advanceTo(at);
    return answersAt(whole.engine(), at);
}

void TestServerSnapshots::coldAnswerEqualsReplay_data()
{
    QTest::addColumn<int>("seed");
    for (int seed = 1; seed <= 12; ++seed)
        QTest::addRow("history %d", seed) << seed;
}

// The property: for a generated history, a snapshot stored after some of its events (with the
// engine moved on by reads to some later time), then more events, a cold look-up answers
// exactly what a replay of every event answers, now and later.
void TestServerSnapshots::coldAnswerEqualsReplay()
{
    QFETCH(int, seed);
    std::mt19937 rng(quint32(seed) * 7919u);
    const QStringList presets = PresetCatalog::builtIn().names();
    static const char *const zones[] = {"UTC", "Europe/Berlin", "America/Los_Angeles",
                                        "Asia/Kolkata"};
    const QString id = newAccount(presets[int(rng() % presets.size())],
                                  QString::fromLatin1(zones[rng() % 4]), Start);
    TimePoint at = writeEvents(id, 260 + rng() % 400, Start, rng);

    // A reader moves the engine on, then the snapshot is stored as LedgerCache stores it.
    m_rt->cache.forget(id);
    {
        LedgerCache reader(m_rt->store, m_rt->presets);
        AccountLedger *ledger = reader.find(id);
        QVERIFY(ledger);
        const TimePoint readAt = at + (seed % 4 == 0 ? 86400 * 7 : rng() % (86400 * 3));
        ledger->advanceTo(readAt);
        m_rt->store.saveSnapshot(id, ledger->snapshot());
        // Most histories go on after the read; some get an event from a process whose clock
        // was behind it (only a replay of the whole history places that one).
        if (seed % 4 != 0)
            at = readAt;
    }
    at = writeEvents(id, 1 + rng() % 300, at, rng);
    m_rt->cache.forget(id);

    LedgerCache cold(m_rt->store, m_rt->presets);
    AccountLedger *head = cold.find(id, nullptr, LedgerCache::Need::Head);
    QVERIFY(head);
    QCOMPARE(head->isHead(), seed % 4 != 0);
    QCOMPARE(cold.resumes(), 1);
    QCOMPARE(head->eventCount(), m_rt->store.eventCount(id));
    for (const TimePoint later : {at, at + 3600, at + 86400 * 40}) {
        head->advanceTo(later);
        const QByteArray got = answersAt(head->engine(), later);
        const QByteArray expected = wholeAnswers(id, later);
        QVERIFY2(got == expected, firstDifference(got, expected).constData());
    }
}

void TestServerSnapshots::cacheStoresAndResumesSnapshots()
{
    std::mt19937 rng(99);
    const QString id =
        newAccount(QStringLiteral("unified-monthly"), QStringLiteral("Europe/Berlin"), Start);
    const TimePoint last = writeEvents(id, LedgerCache::SnapshotEvery + 20, Start, rng);
    m_rt->cache.forget(id);

    // The first whole look-up replays and stores a snapshot for the next cold one.
    LedgerCache first(m_rt->store, m_rt->presets);
    QVERIFY(first.find(id));
    QCOMPARE(first.snapshotsStored(), 1);
    const auto stored = m_rt->store.snapshot(id);
    QVERIFY(stored);
    QCOMPARE(stored->eventCount, m_rt->store.eventCount(id));
    QCOMPARE(stored->format, AccountLedger::SnapshotFormat);

    // A summary look-up resumes it; a ledger-page look-up of the same account replays.
    LedgerCache second(m_rt->store, m_rt->presets);
    AccountLedger *head = second.find(id, nullptr, LedgerCache::Need::Head);
    QVERIFY(head && head->isHead());
    QCOMPARE(second.resumes(), 1);
    QCOMPARE(second.snapshotsStored(), 0);
    head->advanceTo(last + 60);
    QCOMPARE(answersAt(head->engine(), last + 60), wholeAnswers(id, last + 60));
    AccountLedger *whole = second.find(id);
    QVERIFY(whole && !whole->isHead());
    QCOMPARE(whole->eventCount(), stored->eventCount);

    // Through the API: the summary of a cold account is the whole history's.
    m_rt->cache.forget(id);
    Caller member;
    member.tokenId = QStringLiteral("tok_test");
    member.accountId = id;
    m_clock->set(last + 120);
    const ApiResponse cold = m_rt->accounts.summary(member, id, {});
    QVERIFY(m_rt->cache.find(id, nullptr, LedgerCache::Need::Head)->isHead());
    m_rt->cache.forget(id);
    QVERIFY(!m_rt->cache.find(id)->isHead());
    QCOMPARE(m_rt->accounts.summary(member, id, {}).body, cold.body);
}

void TestServerSnapshots::staleSnapshotIgnoredAndRebuilt_data()
{
    QTest::addColumn<QString>("what");
    QTest::addRow("format 1") << QStringLiteral("format");
    QTest::addRow("another policy") << QStringLiteral("policy");
    QTest::addRow("unreadable body") << QStringLiteral("body");
    QTest::addRow("engine of another preset") << QStringLiteral("preset");
}

void TestServerSnapshots::staleSnapshotIgnoredAndRebuilt()
{
    QFETCH(QString, what);
    std::mt19937 rng(5);
    const QString id = newAccount(QStringLiteral("unified-monthly"), QStringLiteral("UTC"), Start);
    const TimePoint last = writeEvents(id, LedgerCache::SnapshotEvery + 10, Start, rng);
    m_rt->cache.forget(id);

    StoredSnapshot bad;
    {
        LedgerCache reader(m_rt->store, m_rt->presets);
        bad = reader.find(id)->snapshot();
    }
    if (what == u"format") {
        bad.format = 1;
    } else if (what == u"policy") {
        bad.policyHash = QStringLiteral("0123456789abcdef");
    } else if (what == u"body") {
        bad.body = "{\"format\": 2, \"policy\": ";
    } else {
        // A well-formed snapshot of another preset's engine, stored under this account's hash.
        const QString other =
            newAccount(QStringLiteral("prepaid-tokens"), QStringLiteral("UTC"), Start);
        writeEvents(other, 3, Start, rng);
        const QByteArray otherBody = m_rt->cache.find(other)->snapshot().body;
        bad.body = otherBody;
    }
    m_rt->store.saveSnapshot(id, bad);

    LedgerCache cold(m_rt->store, m_rt->presets);
    AccountLedger *ledger = cold.find(id, nullptr, LedgerCache::Need::Head);
    QVERIFY(ledger);
    QVERIFY(!ledger->isHead());
    QCOMPARE(cold.resumes(), 0);
    ledger->advanceTo(last);
    QCOMPARE(answersAt(ledger->engine(), last), wholeAnswers(id, last));
    // Rebuilt: the stale row was replaced by a current one, which the next cold look-up uses.
    QCOMPARE(cold.snapshotsStored(), 1);
    const auto stored = m_rt->store.snapshot(id);
    QCOMPARE(stored->format, AccountLedger::SnapshotFormat);
    QCOMPARE(stored->policyHash, AccountLedger::policyHash(ledger->policy(), ledger->zone()));
    LedgerCache again(m_rt->store, m_rt->presets);
    QVERIFY(again.find(id, nullptr, LedgerCache::Need::Head)->isHead());
}

void TestServerSnapshots::verifyNamesASnapshotThatDisagrees()
{
    std::mt19937 rng(11);
    const QString id = newAccount(QStringLiteral("unified-monthly"), QStringLiteral("UTC"), Start);
    writeEvents(id, LedgerCache::SnapshotEvery + 5, Start, rng);
    m_rt->cache.forget(id);
    LedgerCache reader(m_rt->store, m_rt->presets);
    StoredSnapshot good = reader.find(id)->snapshot();
    m_rt->store.saveSnapshot(id, good);
    LedgerVerifier verifier(m_rt->store, m_rt->presets);
    QCOMPARE(verifier.verifyAccount(id), QStringList());
    QCOMPARE(verifier.snapshotsChecked(), 1);

    // The same snapshot with its last ledger entry changed: it reads back, so only verify can
    // tell.
    QJsonObject body = QJsonDocument::fromJson(good.body).object();
    QJsonArray ledger = body.value(QStringLiteral("ledger")).toArray();
    QJsonArray entry = ledger.last().toArray();
    entry[1] = entry[1].toInteger() + 1000;
    entry[2] = entry[2].toInteger() + 1000;
    ledger[ledger.size() - 1] = entry;
    body.insert(QStringLiteral("ledger"), ledger);
    good.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    m_rt->store.saveSnapshot(id, good);
    const QStringList problems = verifier.verifyAccount(id);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems[0].contains(QStringLiteral("engine snapshot")), qPrintable(problems[0]));
}

void TestServerSnapshots::tokenReadsWhatTheKeptEngineLacks()
{
    // A summary of a cold account reads the account row and its events with the token (one
    // round trip, not three), only for a token that may read the account, and answers as a
    // look-up that reads them itself.
    std::mt19937 rng(7);
    const TwoAccounts two = twoAccounts(20, rng);
    const QString &id = two.id, &other = two.other;
    const TimePoint last = two.last;
    QString memberId;
    const QString member =
        m_rt->auth.issue(Role::Member, id, QStringLiteral("reader"), Start, &memberId);
    const QString stranger = m_rt->auth.issue(Role::Member, other, QStringLiteral("other"), Start);
    const QString support = m_rt->auth.issue(Role::Support, {}, QStringLiteral("agent"), Start);
    // The account's own first events and the 20 written.
    const QList<StoredEvent> all = m_rt->store.events(id, 0);
    const qint64 n = all.size();
    QVERIFY(n >= 20);
    const auto read = [&](const QString &token, qint64 kept, qint64 max) {
        return m_rt->store.tokenWithCounts(TokenAuthenticator::hashOf(token), id, kept, max);
    };

    // Nothing kept: the row and every event.
    auto cold = read(member, -1, LedgerCache::ReadAheadEvents);
    QVERIFY(cold.token && cold.readAhead);
    QCOMPARE(cold.eventCount, n);
    QVERIFY(cold.readAhead->account);
    QCOMPARE(cold.readAhead->account->id, id);
    QCOMPARE(cold.readAhead->account->displayName, QStringLiteral("Snapshot Tester"));
    QCOMPARE(cold.readAhead->account->eventCount, n);
    QVERIFY(cold.readAhead->eventsRead);
    QCOMPARE(cold.readAhead->events.size(), n);
    for (qsizetype i = 0; i < all.size(); ++i) {
        QCOMPARE(cold.readAhead->events[i].seq, all[i].seq);
        QCOMPARE(cold.readAhead->events[i].body, all[i].body);
    }
    // Support reads any account's too.
    QVERIFY(read(support, -1, LedgerCache::ReadAheadEvents).readAhead->eventsRead);
    // An engine of n - 5 kept: the five after it, no row; of n: nothing to read.
    auto warm = read(member, n - 5, LedgerCache::ReadAheadEvents);
    QVERIFY(!warm.readAhead->account);
    QVERIFY(warm.readAhead->eventsRead);
    QCOMPARE(warm.readAhead->events.size(), 5);
    QCOMPARE(warm.readAhead->events.first().seq, n - 4);
    QVERIFY(read(member, n, LedgerCache::ReadAheadEvents).readAhead->eventsRead);
    QVERIFY(read(member, n, LedgerCache::ReadAheadEvents).readAhead->events.isEmpty());
    // More missing than asked for: the cache reads them itself.
    QVERIFY(!read(member, n - 5, 3).readAhead->eventsRead);
    // Another account's member, or a revoked token: no events read (the request is refused).
    auto foreign = read(stranger, -1, LedgerCache::ReadAheadEvents);
    QVERIFY(foreign.token);
    QVERIFY(!foreign.readAhead->eventsRead);
    QVERIFY(foreign.readAhead->events.isEmpty());

    // Through the authenticator and the summary: the same answer as a look-up of its own, and
    // the engine is kept with every event.
    m_rt->cache.forget(id);
    const Caller caller = m_rt->auth.authenticate("Bearer " + member.toLatin1(), id);
    QVERIFY(caller.counts.readAhead && caller.counts.readAhead->eventsRead);
    const QByteArray viaToken = m_rt->accounts.summary(caller, id, {}).body;
    QCOMPARE(m_rt->cache.keptEventCount(id), n);
    m_rt->cache.forget(id);
    Caller plain;
    plain.tokenId = memberId;
    plain.accountId = id;
    QCOMPARE(m_rt->accounts.summary(plain, id, {}).body, viaToken);

    // Revoked: refused, and nothing of the account read for it.
    QVERIFY(m_rt->store.revokeToken(memberId, last));
    QVERIFY(!read(member, -1, LedgerCache::ReadAheadEvents).readAhead->eventsRead);
    QVERIFY_THROWS_EXCEPTION(ApiError, m_rt->auth.authenticate("Bearer " + member.toLatin1(), id));
}

void TestServerSnapshots::batchedTokenReadsEqualSingleOnes_data()
{
    // Batches of up to 64 a statement, padded to 4, 16 or 64: each size, and one over 64.
    QTest::addColumn<int>("size");
    for (int size : {2, 3, 5, 16, 17, 64, 70})
        QTest::addRow("%d reads", size) << size;
}

void TestServerSnapshots::batchedTokenReadsEqualSingleOnes()
{
    // Requests that arrive together read their tokens and counts in one statement; each
    // answer is what its own read gives: the token, the counts, the account row and the newer
    // events, for every kind of token and kept engine, in the order asked.
    QFETCH(int, size);
    std::mt19937 rng(11);
    const TwoAccounts two = twoAccounts(30, rng);
    const QString &id = two.id, &other = two.other;
    const TimePoint last = two.last;
    writeEvents(other, 3, Start, rng);
    QString revokedId;
    const QString member = m_rt->auth.issue(Role::Member, id, QStringLiteral("m"), Start);
    const QString stranger = m_rt->auth.issue(Role::Member, other, QStringLiteral("o"), Start);
    const QString support = m_rt->auth.issue(Role::Support, {}, QStringLiteral("s"), Start);
    const QString revoked =
        m_rt->auth.issue(Role::Member, id, QStringLiteral("r"), Start, &revokedId);
    QVERIFY(m_rt->store.revokeToken(revokedId, last));
    const qint64 n = m_rt->store.eventCount(id);
    const QList<QString> tokens = {member, stranger, support, revoked,
                                   QStringLiteral("cdt_unknown")};
    const QList<QString> accounts = {id, other, QStringLiteral("no-such-account")};
    const QList<qint64> kept = {-1, 0, n - 7, n, n - 40}; // n - 40: more missing than read

    QList<LedgerStore::TokenRead> reads;
    for (int i = 0; i < size; ++i)
        reads.append({TokenAuthenticator::hashOf(tokens[int(rng() % tokens.size())]),
                      accounts[int(rng() % accounts.size())], kept[int(rng() % kept.size())]});
    const QList<LedgerStore::TokenAndCounts> batch = m_rt->store.tokensWithCounts(reads, 25);
    QCOMPARE(batch.size(), reads.size());
    for (int i = 0; i < size; ++i) {
        const LedgerStore::TokenRead &r = reads[i];
        const LedgerStore::TokenAndCounts one =
            m_rt->store.tokenWithCounts(r.hashHex, r.accountId, r.keptEvents, 25);
        const LedgerStore::TokenAndCounts &b = batch[i];
        const QByteArray what = QStringLiteral("read %1: account %2, kept %3")
                                    .arg(i)
                                    .arg(r.accountId)
                                    .arg(r.keptEvents)
                                    .toUtf8();
        QVERIFY2(bool(b.token) == bool(one.token), what.constData());
        if (!one.token)
            continue;
        QCOMPARE(b.token->id, one.token->id);
        QCOMPARE(b.token->revokedAt, one.token->revokedAt);
        QCOMPARE(b.eventCount, one.eventCount);
        QCOMPARE(b.pending, one.pending);
        QVERIFY2(b.readAhead && one.readAhead, what.constData());
        QCOMPARE(bool(b.readAhead->account), bool(one.readAhead->account));
        if (one.readAhead->account)
            QCOMPARE(b.readAhead->account->id, one.readAhead->account->id);
        QVERIFY2(b.readAhead->eventsRead == one.readAhead->eventsRead, what.constData());
        QCOMPARE(b.readAhead->events.size(), one.readAhead->events.size());
        for (qsizetype e = 0; e < one.readAhead->events.size(); ++e) {
            QCOMPARE(b.readAhead->events[e].seq, one.readAhead->events[e].seq);
            QCOMPARE(b.readAhead->events[e].body, one.readAhead->events[e].body);
        }
    }
}

void TestServerSnapshots::prefetchedReadServesItsBatchOnly()
{
    // A batch read answers the requests of its batch without reads of their own (a token
    // revoked after it was read is still let through there, as if answered first), the next
    // batch reads afresh and refuses it, and a request whose account this process wrote to
    // after the batch read reads again: it never answers from counts older than its own writes.
    std::mt19937 rng(5);
    const TwoAccounts two = twoAccounts(10, rng);
    const QString &id = two.id, &other = two.other;
    const TimePoint last = two.last;
    QString revokedId;
    const QByteArray member =
        "Bearer " + m_rt->auth.issue(Role::Member, id, QStringLiteral("m"), Start).toLatin1();
    const QByteArray stranger =
        "Bearer " + m_rt->auth.issue(Role::Member, other, QStringLiteral("o"), Start).toLatin1();
    const QByteArray revoked =
        "Bearer " +
        m_rt->auth.issue(Role::Member, id, QStringLiteral("r"), Start, &revokedId).toLatin1();
    QVERIFY(m_rt->cache.find(id)); // an engine kept, as after an earlier request
    const qint64 n = m_rt->store.eventCount(id);

    m_rt->auth.prefetch({{member, id}, {stranger, other}, {revoked, id}});
    // Revoked after the batch read: this request was read before it (as it would be were it
    // answered first), the next batch sees it.
    QVERIFY(m_rt->store.revokeToken(revokedId, last + 60));
    const Caller read = m_rt->auth.authenticate(member, id);
    QCOMPARE(read.counts.events, n);
    QVERIFY(m_rt->auth.authenticate(revoked, id).counts.events == n);
    m_rt->auth.dropPrefetched();
    QVERIFY_THROWS_EXCEPTION(ApiError, m_rt->auth.authenticate(revoked, id));

    m_rt->auth.prefetch({{member, id}, {stranger, other}, {revoked, id}});
    QVERIFY_THROWS_EXCEPTION(ApiError, m_rt->auth.authenticate(revoked, id));
    // Written by this process after the batch read: the counts are read again.
    writeEvents(id, 2, last, rng);
    QCOMPARE(m_rt->cache.keptEventCount(id), n + 2);
    QCOMPARE(m_rt->auth.authenticate(member, id).counts.events, n + 2);
    QCOMPARE(m_rt->auth.authenticate(stranger, other).counts.events, m_rt->store.eventCount(other));
    m_rt->auth.dropPrefetched();

    // Many requests with one token for one account in a batch (a client's burst, or many
    // connections of one client): one read serves them all.
    QString burstId;
    const QByteArray burst =
        "Bearer " +
        m_rt->auth.issue(Role::Member, id, QStringLiteral("b"), Start, &burstId).toLatin1();
    m_rt->auth.prefetch({{burst, id}, {burst, id}, {burst, id}});
    QVERIFY(m_rt->store.revokeToken(burstId, last + 60));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(m_rt->auth.authenticate(burst, id).counts.events, n + 2);
    m_rt->auth.dropPrefetched();
    QVERIFY_THROWS_EXCEPTION(ApiError, m_rt->auth.authenticate(burst, id));
}

void TestServerSnapshots::lastUsesNeverWaitForAnotherProcess()
{
    // "Last used" is a hint: a flush writes the tokens that are due (a minute since the last
    // write) and leaves the others. On PostgreSQL it never waits for a token another server
    // process is writing at the same moment: two processes flushing overlapping tokens used to
    // deadlock, and both stood still for a second.
    QString aId, bId, cId;
    const QString account =
        newAccount(QStringLiteral("unified-monthly"), QStringLiteral("UTC"), Start);
    m_rt->auth.issue(Role::Member, account, QStringLiteral("a"), Start, &aId);
    m_rt->auth.issue(Role::Member, account, QStringLiteral("b"), Start, &bId);
    m_rt->auth.issue(Role::Member, account, QStringLiteral("c"), Start, &cId);
    const auto lastUsed = [&](const QString &id) { return m_rt->store.tokenById(id)->lastUsedAt; };
    m_rt->store.touchTokens({{aId, Start + 100}, {bId, Start + 100}});
    QCOMPARE(lastUsed(aId), Start + 100);
    // Not due (30 s later) is left; due (a minute later) is written, in one flush.
    m_rt->store.touchTokens({{aId, Start + 130}, {bId, Start + 160}, {cId, Start + 160}});
    QCOMPARE(lastUsed(aId), Start + 100);
    QCOMPARE(lastUsed(bId), Start + 160);
    QCOMPARE(lastUsed(cId), Start + 160);

    if (!ServerProcess::databaseSpec(m_dir->path()).startsWith(u"postgres")) {
        // SQLite locks the whole database for a write, so there is no row to skip: a flush
        // waits its turn behind another process's write (busy timeout), as every write does.
        return;
    }
    // Another process (its own connection) is writing token a's last use, uncommitted.
    LedgerStore other(ServerProcess::databaseSpec(m_dir->path()));
    other.beginWrite();
    other.touchTokens({{aId, Start + 400}});
    QElapsedTimer took;
    took.start();
    m_rt->store.touchTokens({{aId, Start + 401}, {cId, Start + 401}});
    QVERIFY2(took.elapsed() < 500, "the flush waited for another process's row");
    QCOMPARE(lastUsed(cId), Start + 401);
    other.commit();
    QCOMPARE(lastUsed(aId), Start + 400); // the other process's, a second apart
}

QTEST_GUILESS_MAIN(TestServerSnapshots)
#include "tst_server_snapshots.moc"
