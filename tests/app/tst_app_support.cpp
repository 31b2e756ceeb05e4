// The support console as an agent uses it (issue 9), against a real creditdesk-server process
// over HTTPS with its dev CA (tests/support DemoServer), the app's widgets offscreen, found by
// object name: role separation, search → tab → the server's numbers, explaining a balance at
// the moments each preset has them (= `creditdesk-cli simulate` on the export), adjustment
// validation and confirmation, a refund decision and the 409 of a second one, export →
// simulate, a token revoked while the console is open, and sign-out removing member data.

#include "AccountHistory.h"
#include "AdjustmentDialog.h"
#include "AmountFormat.h"
#include "ApiJson.h"
#include "AuditTrailView.h"
#include "Config.h"
#include "CreditEngine.h"
#include "DashboardView.h"
#include "DemoServer.h"
#include "DesktopClient.h"
#include "ExplainView.h"
#include "MainWindow.h"
#include "MemberSearchModel.h"
#include "MemberSearchView.h"
#include "MemberTab.h"
#include "RefundQueueView.h"
#include "RuleWording.h"
#include "SupportConsole.h"
#include "SupportWorkspace.h"
#include "SyncedAccount.h"
#include "TokenLogView.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace creditdesk;

namespace {

// What `creditdesk-cli simulate` answers for `scenario` (a file's text), or an empty object.
QJsonObject simulate(const QByteArray &scenario, QString *error)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("scenario.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(scenario) != scenario.size()) {
        *error = file.errorString();
        return {};
    }
    file.close();
    QProcess cli;
    cli.start(QStringLiteral(CREDITDESK_CLI), {QStringLiteral("simulate"), path});
    if (!cli.waitForFinished(20000) || cli.exitCode() != 0) {
        *error = QString::fromUtf8(cli.readAllStandardError());
        return {};
    }
    return QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
}

// The scenario file with its queries replaced by balance questions at `moments`.
QByteArray withBalanceQueries(const QByteArray &scenario, const QList<TimePoint> &moments,
                              const AccountZone &zone)
{
    QJsonObject o = QJsonDocument::fromJson(scenario).object();
    QJsonArray queries;
    for (TimePoint t : moments)
        queries.append(QJsonObject{{QStringLiteral("at"), zone.format(t)},
                                   {QStringLiteral("ask"), QStringLiteral("balance")}});
    o.insert(QStringLiteral("queries"), queries);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// The moment of a scenario file's first query.
TimePoint replayedAt(const QByteArray &scenario)
{
    const QString at = QJsonDocument::fromJson(scenario)
                           .object()
                           .value(QLatin1String("queries"))
                           .toArray()
                           .first()
                           .toObject()
                           .value(QLatin1String("at"))
                           .toString();
    return QDateTime::fromString(at, Qt::ISODate).toSecsSinceEpoch();
}

// Members the server seeds beside the demo's (all of them match "example.org"): more than two
// pages of the console's 50.
constexpr int SeededMembers = 120;

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestAppSupport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void memberTokenNeverSeesTheSupportWorkspace();
    void serverRefusesSupportEndpointsToMembers();
    void searchOpensMembersInTabsWithTheServersNumbers();
    void searchPagesPastTheFirstFifty();
    void explainAtRuleMomentsEqualsSimulate();
    void adjustmentValidation_data();
    void adjustmentValidation();
    void adjustmentConfirmsWithTheEnginesBalances();
    void refundDecisionRoundTripAndConflict();
    void exportReplaysToTheServersBalance();
    void signOutRemovesMemberData();
    void revokedTokenSaysSoAndChangesNothing();

private:
    // Signs the app in with `token` as `role` ("support" or empty for a member).
    void signIn(const QString &token, const QString &role, const QString &accountId = {});
    // Types `query` in the search, picks `accountId` with the keyboard, waits for its sync.
    MemberTab *openMember(const QString &query, const QString &accountId);

    DemoServer m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Config> m_config;
    std::unique_ptr<DesktopClient> m_client;
};

void TestAppSupport::initTestCase()
{
    // The demo members, and SeededMembers more (seed-000001…, example.org emails) so a
    // search has pages beyond the first 50.
    QVERIFY2(m_server.start({QStringLiteral("--seed-accounts"), QString::number(SeededMembers)}),
             qPrintable(m_server.output()));
    QVERIFY(!m_server.supportToken.isEmpty());
}

void TestAppSupport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_config = std::make_unique<Config>(m_dir->filePath(QStringLiteral("creditdesk.ini")));
    m_client = std::make_unique<DesktopClient>(*m_config);
    m_client->setDataDirectory(m_dir->filePath(QStringLiteral("accounts")));
    m_client->window().resize(1280, 820);
    m_client->window().show();
}

void TestAppSupport::cleanup()
{
    m_client.reset();
    m_config.reset();
    m_dir.reset();
}

void TestAppSupport::signIn(const QString &token, const QString &role, const QString &accountId)
{
    ClientSession::Target target;
    target.server = m_server.url();
    target.caCertificates = m_server.ca();
    target.token = token;
    target.role = role;
    target.accountId = role == u"support" ? SupportConsole::agentKey() : accountId;
    m_client->startSession(target);
}

MemberTab *TestAppSupport::openMember(const QString &query, const QString &accountId)
{
    SupportWorkspace *workspace = m_client->supportWorkspace();
    auto *field = workspace->findChild<QLineEdit *>(QStringLiteral("supportSearch"));
    auto *results = workspace->findChild<QListView *>(QStringLiteral("supportResults"));
    if (!field || !results)
        return nullptr;
    workspace->showSearch();
    field->clear();
    QTest::keyClicks(field, query);
    MemberSearchModel *model = workspace->search()->model();
    // Debounced: the request leaves after the pause, the rows come with the answer.
    if (!QTest::qWaitFor([&] { return model->query() == query && !model->isLoading(); }, 10000))
        return nullptr;
    int row = -1;
    for (int i = 0; i < model->rowCount(); ++i)
        if (model->member(i).accountId == accountId)
            row = i;
    if (row < 0)
        return nullptr;
    // The keyboard: ↓ from the field walks the results, Enter opens.
    results->setCurrentIndex(QModelIndex());
    for (int i = 0; i <= row; ++i)
        QTest::keyClick(field, Qt::Key_Down);
    QTest::keyClick(field, Qt::Key_Return);
    MemberTab *tab = workspace->memberTab(accountId);
    if (!tab)
        return nullptr;
    SupportConsole *console = m_client->supportConsole();
    if (!QTest::qWaitFor(
            [&] {
                ClientSession *s = console->memberSession(accountId);
                return tab->account() && s && s->account() &&
                       s->account()->verification.state == Verification::State::Verified;
            },
            20000))
        return nullptr;
    return tab;
}

void TestAppSupport::memberTokenNeverSeesTheSupportWorkspace()
{
    const QString member = QStringLiteral("demo-unified-monthly");
    signIn(m_server.memberTokens.value(member), {}, member);
    QTRY_VERIFY_WITH_TIMEOUT(m_client->isShowingAccount(), 20000);
    QVERIFY(!m_client->window().isShowingSupport());
    QVERIFY(!m_client->supportConsole());
    QVERIFY(!m_client->supportWorkspace()->isVisible());

    // A member token that claims the support role (a doctored setting) is checked by /v1/me.
    signIn(m_server.memberTokens.value(member), QStringLiteral("support"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_client->supportConsole(), 10000);
    QVERIFY(!m_client->window().isShowingSupport());

    // The support token shows the workspace, and no member screens.
    signIn(m_server.supportToken, QStringLiteral("support"));
    QTRY_VERIFY_WITH_TIMEOUT(m_client->window().isShowingSupport(), 10000);
    QVERIFY(m_client->supportWorkspace()->isVisible());
    QVERIFY(m_client->supportConsole()->isReady());
    QVERIFY(!m_client->account());
}

void TestAppSupport::serverRefusesSupportEndpointsToMembers()
{
    const QString token = m_server.memberTokens.value(QStringLiteral("demo-unified-monthly"));
    for (const QString &path :
         {QStringLiteral("/v1/accounts?q=demo"), QStringLiteral("/v1/refund-requests"),
          QStringLiteral("/v1/accounts/demo-tiered-tasks/audit")})
        QCOMPARE(m_server.api().get(path, token).status, 403);
    QCOMPARE(
        m_server.api().get(QStringLiteral("/v1/accounts?q=demo"), m_server.supportToken).status,
        200);
}

void TestAppSupport::searchOpensMembersInTabsWithTheServersNumbers()
{
    signIn(m_server.supportToken, QStringLiteral("support"));
    QTRY_VERIFY_WITH_TIMEOUT(m_client->window().isShowingSupport(), 10000);
    const QStringList members = m_server.memberTokens.keys();
    QVERIFY(members.size() >= 5);
    // By id (the full id), then two more by part of the id; several tabs at once.
    for (const QString &id : {members.at(0), members.at(1), members.at(2)}) {
        MemberTab *tab = openMember(id, id);
        QVERIFY2(tab, qPrintable(id));
        const ApiClient::Reply summary = m_server.api().get(
            QStringLiteral("/v1/accounts/%1/summary").arg(id), m_server.supportToken);
        QCOMPARE(summary.status, 200);
        const auto available = ApiJson::amount(summary.json.value(QLatin1String("balance"))
                                                   .toObject()
                                                   .value(QLatin1String("available")));
        QVERIFY(available);
        const auto *shown =
            tab->dashboard()->findChild<QLabel *>(QStringLiteral("availableBalance"));
        QVERIFY(shown);
        QCOMPARE(shown->text(), AmountFormat(tab->account()->unit).number(*available));
        // Read-only: the member's own actions are not offered.
        QVERIFY(
            tab->dashboard()->findChild<QPushButton *>(QStringLiteral("topUpButton"))->isHidden());
        QVERIFY(tab->tokenLog()->findChild<QPushButton *>(QStringLiteral("logRefund"))->isHidden());
    }
    QCOMPARE(m_client->supportWorkspace()->memberTabs().size(), 3);
    // Opening an open member shows its tab, not a second one; recent members are remembered.
    QVERIFY(openMember(members.at(0), members.at(0)));
    QCOMPARE(m_client->supportWorkspace()->memberTabs().size(), 3);
    const QStringList recent = m_config->get(Config::Support_RecentMembers).toStringList();
    QCOMPARE(recent.size(), 3);
    QVERIFY(recent.first().contains(members.at(0)));
}

// More than a page of members: the agent scrolls the results to their end (the view asks for
// the next page), then walks on with ↓ from the search field (past the last row: the page
// after); every matching member shows once, in the server's order, none missing.
void TestAppSupport::searchPagesPastTheFirstFifty()
{
    signIn(m_server.supportToken, QStringLiteral("support"));
    QTRY_VERIFY_WITH_TIMEOUT(m_client->window().isShowingSupport(), 10000);
    SupportWorkspace *workspace = m_client->supportWorkspace();
    workspace->showSearch();
    auto *field = workspace->findChild<QLineEdit *>(QStringLiteral("supportSearch"));
    auto *results = workspace->findChild<QListView *>(QStringLiteral("supportResults"));
    auto *status = workspace->findChild<QLabel *>(QStringLiteral("supportSearchStatus"));
    QVERIFY(field && results && status);
    MemberSearchModel *model = workspace->search()->model();
    const QString query = QStringLiteral("example.org");
    QTest::keyClicks(field, query);
    QTRY_VERIFY_WITH_TIMEOUT(model->query() == query && !model->isLoading(), 10000);
    QCOMPARE(model->rowCount(), 50);
    QVERIFY(model->canFetchMore({}));
    QVERIFY2(status->text().contains(QStringLiteral("scroll for more")),
             qPrintable(status->text()));

    // Scrolled to the end (the wheel, the scroll bar's thumb): the next 50.
    QScrollBar *bar = results->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    bar->setValue(bar->maximum());
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == 100 && !model->isLoading(), 10000);

    // ↓ from the field down to the last row: the rest, then nothing more to fetch.
    field->setFocus();
    results->setCurrentIndex(model->index(90));
    for (int i = 0; i < 40 && model->rowCount() < SeededMembers; ++i) {
        QTest::keyClick(field, Qt::Key_Down);
        QVERIFY(QTest::qWaitFor([&] { return !model->isLoading(); }, 10000));
    }
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), SeededMembers, 10000);
    QVERIFY(!model->canFetchMore({}));
    QTRY_VERIFY(!status->text().contains(QStringLiteral("scroll for more")));
    QVERIFY2(status->text().contains(QString::number(SeededMembers)), qPrintable(status->text()));

    // Each seeded member once, in the server's order (lower-cased name, then id), no gap.
    QStringList shown, expected;
    for (int i = 0; i < model->rowCount(); ++i)
        shown << model->member(i).accountId;
    QSet<QString> unique(shown.cbegin(), shown.cend());
    QCOMPARE(unique.size(), shown.size());
    for (int n = 1; n <= SeededMembers; ++n)
        QVERIFY2(unique.contains(QStringLiteral("seed-%1").arg(n, 6, 10, QLatin1Char('0'))),
                 qPrintable(QString::number(n)));
    QString cursor;
    do {
        const ApiClient::Reply page = m_server.api().get(
            QStringLiteral("/v1/accounts?q=%1&limit=37%2")
                .arg(query, cursor.isEmpty() ? QString() : QStringLiteral("&cursor=") + cursor),
            m_server.supportToken);
        QCOMPARE(page.status, 200);
        for (const QJsonValue &a : page.json.value(QLatin1String("accounts")).toArray())
            expected << a.toObject().value(QLatin1String("id")).toString();
        cursor = page.json.value(QLatin1String("next_cursor")).toString();
    } while (!cursor.isEmpty());
    QCOMPARE(shown, expected);

    // The last one opens like any other.
    results->setCurrentIndex(model->index(SeededMembers - 1));
    QTest::keyClick(field, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(workspace->memberTab(shown.last()), 10000);
}

void TestAppSupport::explainAtRuleMomentsEqualsSimulate()
{
    signIn(m_server.supportToken, QStringLiteral("support"));
    QTRY_VERIFY_WITH_TIMEOUT(m_client->window().isShowingSupport(), 10000);
    SupportConsole *console = m_client->supportConsole();
    int refreshes = 0, refunds = 0, failed = 0;
    for (const QString &id : m_server.memberTokens.keys()) {
        MemberTab *tab = openMember(id, id);
        QVERIFY2(tab, qPrintable(id));
        const SyncedAccount &account = *tab->account();
        const AccountHistory &h = account.history();
        const auto &ledger = h.engine().ledger();
        // The moments this preset has: a refresh's expiry, a refund, a task that failed.
        QList<TimePoint> moments;
        QList<QString> kinds;
        const auto note = [&](TimePoint t, const QString &kind) {
            if (!kinds.contains(kind)) {
                moments << t;
                kinds << kind;
            }
        };
        for (std::size_t i = 0; i < ledger.size(); ++i) {
            const LedgerEntry &e = ledger[i];
            if (e.type == EntryType::Refresh)
                note(e.at, QStringLiteral("refresh"));
            else if (e.type == EntryType::Refund)
                note(e.at, QStringLiteral("refund"));
        }
        // A task that failed and was not charged (its end may write no entry at all).
        for (const TaskSummary &t : h.tasks())
            if (t.endEvent >= 0 && !t.rejected &&
                !h.policy().chargedOutcomes[std::size_t(h.event(t.endEvent).outcome)]) {
                note(h.event(t.endEvent).at, QStringLiteral("failed"));
                break;
            }
        QVERIFY2(!moments.isEmpty() || account.preset == u"prepaid-tokens", qPrintable(id));
        if (moments.isEmpty())
            continue;
        const QString exported = m_dir->filePath(id + QStringLiteral(".json"));
        QCOMPARE(console->exportScenario(id, exported), QString());
        QString error;
        const QJsonObject answers =
            simulate(withBalanceQueries(readFile(exported), moments, h.zone()), &error);
        QVERIFY2(!answers.isEmpty(), qPrintable(error));
        const QJsonArray list = answers.value(QLatin1String("answers")).toArray();
        QCOMPARE(list.size(), moments.size());
        for (int m = 0; m < moments.size(); ++m) {
            tab->explainView()->explainAt(moments[m]);
            const ExplainView::Explanation &x = tab->explainView()->explanation();
            const auto expected =
                ApiJson::amount(list[m].toObject().value(QLatin1String("available")));
            QVERIFY(expected);
            QCOMPARE(x.balance.available.toString(), expected->toString());
            QVERIFY(!x.steps.isEmpty());
            QVERIFY(!tab->explainView()->text().isEmpty());
            const QString words = tab->explainView()->text();
            // The rule ids the spec's table gives for the step at that moment (written here
            // from the table, not read back from the engine), and their words.
            const auto stepAt = [&](EntryType type) -> const RuleWording::Step * {
                for (const RuleWording::Step &st : x.steps)
                    if (st.entry.at == moments[m] && st.entry.type == type && !st.taskOnly)
                        return &st;
                return nullptr;
            };
            if (kinds[m] == u"refresh") {
                ++refreshes;
                const RuleWording::Step *refresh = stepAt(EntryType::Refresh);
                QVERIFY(refresh);
                const QString cycle = refresh->entry.bucket == BucketKind::DailyFree
                                          ? QStringLiteral("refresh.daily_midnight")
                                      : account.preset == u"coding-weekly"
                                          ? QStringLiteral("refresh.rolling_days")
                                          : QStringLiteral("refresh.monthly_anniversary");
                QVERIFY2(refresh->rules.contains(cycle),
                         qPrintable(id + u' ' + refresh->rules.join(u',')));
                if (const RuleWording::Step *expire = stepAt(EntryType::Expire)) {
                    QVERIFY(expire->rules.contains(QStringLiteral("expire.no_rollover")));
                    QVERIFY(expire->rules.contains(cycle));
                    QVERIFY2(words.contains(QStringLiteral("expired, no rollover")),
                             qPrintable(words.right(600)));
                }
                QVERIFY2(words.contains(QStringLiteral("refresh")), qPrintable(words.right(600)));
            } else if (kinds[m] == u"refund") {
                ++refunds;
                const RuleWording::Step *refund = stepAt(EntryType::Refund);
                QVERIFY(refund);
                QVERIFY(refund->rules.contains(refund->entry.bucket == BucketKind::Refund
                                                   ? QStringLiteral("refund.to_refund_lot")
                                                   : QStringLiteral("refund.to_lots")));
                QVERIFY2(words.contains(QStringLiteral("refunded")), qPrintable(words.right(600)));
            } else {
                ++failed;
                bool free = false;
                for (const RuleWording::Step &st : x.steps)
                    free = free || (st.entry.at == moments[m] &&
                                    st.rules.contains(QStringLiteral("task.outcome_free")));
                QVERIFY2(free, qPrintable(id));
                QVERIFY2(words.contains(QStringLiteral("charged on success only")),
                         qPrintable(words.right(600)));
            }
        }
    }
    QVERIFY(refreshes >= 3);
    QVERIFY(refunds >= 1);
    QVERIFY(failed >= 1);
}

void TestAppSupport::adjustmentValidation_data()
{
    QTest::addColumn<bool>("debit");
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("field"); // adjustAmountError / adjustReasonError
    QTest::addColumn<QString>("words");

    QTest::newRow("four decimals") << false << "1.2345"
                                   << "goodwill"
                                   << "adjustAmountError"
                                   << "three decimals";
    QTest::newRow("not a number") << false << "12,5x"
                                  << "goodwill"
                                  << "adjustAmountError"
                                  << "not a number";
    QTest::newRow("zero") << false << "0.000"
                          << "goodwill"
                          << "adjustAmountError"
                          << "more than zero";
    QTest::newRow("above maximum") << false << "1000000000000.001"
                                   << "goodwill"
                                   << "adjustAmountError"
                                   << "maximum";
    QTest::newRow("debit above available") << true << "999999999"
                                           << "goodwill"
                                           << "adjustAmountError"
                                           << "available";
    QTest::newRow("no reason") << false << "10"
                               << "   "
                               << "adjustReasonError"
                               << "reason is required";
}

void TestAppSupport::adjustmentValidation()
{
    QFETCH(bool, debit);
    QFETCH(QString, amount);
    QFETCH(QString, reason);
    QFETCH(QString, field);
    QFETCH(QString, words);
    signIn(m_server.supportToken, QStringLiteral("support"));
    QTRY_VERIFY_WITH_TIMEOUT(m_client->window().isShowingSupport(), 10000);
    const QString id = QStringLiteral("demo-prepaid-tokens");
    QVERIFY(openMember(id, id));
    AdjustmentDialog *dialog = m_client->supportConsole()->adjustmentDialog(id);
    QVERIFY(dialog);
    dialog->show();
    dialog->setRequest(debit, amount, reason);
    const int auditBefore =
        m_server.api()
            .get(QStringLiteral("/v1/accounts/%1/audit").arg(id), m_server.supportToken)
            .json.value(QLatin1String("entries"))
            .toArray()
            .size();
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("adjustReview")),
                      Qt::LeftButton);
    QVERIFY(!dialog->isConfirming());
    auto *message = dialog->findChild<QLabel *>(field);
    QVERIFY(message);
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(words, Qt::CaseInsensitive), qPrintable(message->text()));
    // Nothing was sent.
    QTest::qWait(200);
    QCOMPARE(m_server.api()
                 .get(QStringLiteral("/v1/accounts/%1/audit").arg(id), m_server.supportToken)
                 .json.value(QLatin1String("entries"))
                 .toArray()
                 .size(),
             auditBefore);
}

void TestAppSupport::adjustmentConfirmsWithTheEnginesBalances()
{
    signIn(m_server.supportToken, QStringLiteral("support"));
    QTRY_VERIFY_WITH_TIMEOUT(m_client->window().isShowingSupport(), 10000);
    const QString id = QStringLiteral("demo-coding-weekly");
    MemberTab *tab = openMember(id, id);
    QVERIFY(tab);
    AdjustmentDialog *dialog = m_client->supportConsole()->adjustmentDialog(id);
    QVERIFY(dialog);
    dialog->show();
    dialog->setRequest(false, QStringLiteral("12.345"), QStringLiteral("goodwill: slow video"));
    QVERIFY(dialog->review());
    QVERIFY(dialog->isConfirming());
    const Credits before = dialog->balanceBefore().available;
    QCOMPARE((dialog->balanceAfter().available - before).toString(), QStringLiteral("12.345"));
    QVERIFY(
        dialog->findChild<QLabel *>(QStringLiteral("adjustBalanceAfter"))
            ->text()
            .contains(AmountFormat(tab->account()->unit).number(dialog->balanceAfter().available)));
    QSignalSpy closed(dialog, &QDialog::finished);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("adjustApply")),
                      Qt::LeftButton);
    QVERIFY(closed.wait(10000));
    // The server applied it; the member's tab syncs it, and the audit trail lists it.
    const ApiClient::Reply summary = m_server.api().get(
        QStringLiteral("/v1/accounts/%1/summary").arg(id), m_server.supportToken);
    const auto available = ApiJson::amount(
        summary.json.value(QLatin1String("balance")).toObject().value(QLatin1String("available")));
    QVERIFY(available);
    QTRY_COMPARE_WITH_TIMEOUT(tab->account()
                                  ->history()
                                  .engineAt(std::max(tab->account()->serverAsOf,
                                                     tab->account()->history().engine().now()))
                                  ->balance()
                                  .available.toString(),
                              available->toString(), 10000);
    tab->showSection(MemberTab::AuditSection);
    QTRY_VERIFY_WITH_TIMEOUT(tab->audit()->rowCount() > 0, 10000);
}

void TestAppSupport::refundDecisionRoundTripAndConflict()
{
    signIn(m_server.supportToken, QStringLiteral("support"));
    QTRY_VERIFY_WITH_TIMEOUT(m_client->window().isShowingSupport(), 10000);
    RefundQueueView *queue = m_client->supportWorkspace()->refundQueue();
    QTRY_VERIFY_WITH_TIMEOUT(!queue->requests().isEmpty(), 10000);
    // Newest first, open ones (the default filter).
    const QList<QueuedRefund> open = queue->requests();
    for (int i = 1; i < open.size(); ++i)
        QVERIFY(open[i - 1].createdAt >= open[i].createdAt);
    for (const QueuedRefund &r : open)
        QCOMPARE(r.status, QStringLiteral("open"));
    QVERIFY2(open.size() >= 2, "the demo seed leaves open refund requests");

    // Approve the first through the UI.
    const QueuedRefund first = open.first();
    queue->select(first.id);
    QTest::mouseClick(queue->findChild<QPushButton *>(QStringLiteral("refundApprove")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(queue->message().contains(QStringLiteral("Approved")), 10000);
    const ApiClient::Reply decided = m_server.api().get(
        QStringLiteral("/v1/accounts/%1/refund-requests?status=approved").arg(first.accountId),
        m_server.supportToken);
    QVERIFY(decided.body.contains(first.id.toUtf8()));

    // Another agent decides the second first; this one's approval gets the 409 in words.
    const QueuedRefund second = open.at(1);
    const ApiClient::Reply other = m_server.api().post(
        QStringLiteral("/v1/refund-requests/%1/decline").arg(second.id), m_server.supportToken,
        R"({"reason": "duplicate of an earlier request"})");
    QCOMPARE(other.status, 200);
    queue->select(second.id);
    QTest::mouseClick(queue->findChild<QPushButton *>(QStringLiteral("refundApprove")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(queue->message().contains(QStringLiteral("Nothing was changed")),
                             10000);
    QVERIFY2(queue->message().contains(QStringLiteral("declined")), qPrintable(queue->message()));
    // Declining needs a reason before anything is sent.
    for (const QueuedRefund &r : queue->requests())
        if (r.status == u"open") {
            queue->select(r.id);
            QTest::mouseClick(queue->findChild<QPushButton *>(QStringLiteral("refundDecline")),
                              Qt::LeftButton);
            QVERIFY(queue->message().contains(QStringLiteral("reason is required")));
            break;
        }
}

void TestAppSupport::exportReplaysToTheServersBalance()
{
    signIn(m_server.supportToken, QStringLiteral("support"));
    QTRY_VERIFY_WITH_TIMEOUT(m_client->window().isShowingSupport(), 10000);
    for (const QString &id : m_server.memberTokens.keys()) {
        MemberTab *tab = openMember(id, id);
        QVERIFY2(tab, qPrintable(id));
        const QString path = m_dir->filePath(id + QStringLiteral("-export.json"));
        QCOMPARE(m_client->supportConsole()->exportScenario(id, path), QString());
        const QString csv = m_dir->filePath(id + QStringLiteral(".csv"));
        QCOMPARE(m_client->supportConsole()->exportCsv(id, csv), QString());
        QCOMPARE(readFile(csv).count('\n'),
                 qsizetype(tab->account()->history().engine().ledger().size() + 1));
        QString error;
        const QJsonObject answers = simulate(readFile(path), &error);
        QVERIFY2(!answers.isEmpty(), qPrintable(error));
        const auto replayed = ApiJson::amount(answers.value(QLatin1String("answers"))
                                                  .toArray()
                                                  .first()
                                                  .toObject()
                                                  .value(QLatin1String("available")));
        const ApiClient::Reply summary = m_server.api().get(
            QStringLiteral("/v1/accounts/%1/summary").arg(id), m_server.supportToken);
        const auto server = ApiJson::amount(summary.json.value(QLatin1String("balance"))
                                                .toObject()
                                                .value(QLatin1String("available")));
        QVERIFY(replayed && server);
        QCOMPARE(replayed->toString(), server->toString());
        // The file opens back in the app: a read-only tab with the same balance.
        if (id == m_server.memberTokens.firstKey()) {
            QVERIFY(m_client->openScenario(path));
            MemberTab *file = m_client->supportWorkspace()->memberTab(
                QStringLiteral("file:") + QFileInfo(path).absoluteFilePath());
            QVERIFY(file && file->account());
            QCOMPARE(file->account()
                         ->history()
                         .engineAt(replayedAt(readFile(path)))
                         ->balance()
                         .available.toString(),
                     server->toString());
        }
    }
}

void TestAppSupport::signOutRemovesMemberData()
{
    signIn(m_server.supportToken, QStringLiteral("support"));
    QTRY_VERIFY_WITH_TIMEOUT(m_client->window().isShowingSupport(), 10000);
    const QStringList members = m_server.memberTokens.keys();
    QVERIFY(openMember(members.at(0), members.at(0)));
    QVERIFY(openMember(members.at(1), members.at(1)));
    const QString root = m_client->supportConsole()->cacheRoot();
    QDir cacheRoot(root);
    QVERIFY(cacheRoot.exists());
    QStringList files;
    for (const QString &sub : cacheRoot.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        files << QDir(cacheRoot.filePath(sub)).entryList(QDir::Files);
    QVERIFY2(!files.isEmpty(), "the member sessions keep their events on disk");
    QVERIFY(!m_config->get(Config::Support_RecentMembers).toStringList().isEmpty());

    QSignalSpy confirmed(&m_client->window(), &MainWindow::signOutConfirmed);
    emit m_client->window().signOutConfirmed(false); // even "keep the cache" deletes members'
    QVERIFY(!m_client->supportConsole());
    QVERIFY(m_client->supportWorkspace()->memberTabs().isEmpty());
    QVERIFY(!m_client->window().isShowingSupport());
    QTRY_VERIFY(!QDir(root).exists());
    QVERIFY(m_config->get(Config::Support_RecentMembers).toStringList().isEmpty());
    QCOMPARE(m_client->supportWorkspace()->search()->model()->rowCount(), 0);
}

void TestAppSupport::revokedTokenSaysSoAndChangesNothing()
{
    // A second support token, so the shared one stays valid for the other tests.
    QProcess add;
    add.start(QStringLiteral(CREDITDESK_SERVER),
              {QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--data"),
               m_server.dataDir(), QStringLiteral("--role"), QStringLiteral("support"),
               QStringLiteral("--label"), QStringLiteral("Temp agent")});
    QVERIFY(add.waitForFinished(20000));
    const QString out = QString::fromUtf8(add.readAllStandardOutput());
    const QRegularExpressionMatch token =
        QRegularExpression(QStringLiteral("(cdt_\\S+)")).match(out);
    QVERIFY2(token.hasMatch(), qPrintable(out + QString::fromUtf8(add.readAllStandardError())));
    const QString temp = token.captured(1);
    const QString tokenId = m_server.api()
                                .get(QStringLiteral("/v1/me"), temp)
                                .json.value(QLatin1String("token_id"))
                                .toString();
    QVERIFY(!tokenId.isEmpty());

    signIn(temp, QStringLiteral("support"));
    QTRY_VERIFY_WITH_TIMEOUT(m_client->window().isShowingSupport(), 10000);
    const QString id = QStringLiteral("demo-tiered-tasks");
    QVERIFY(openMember(id, id));
    AdjustmentDialog *dialog = m_client->supportConsole()->adjustmentDialog(id);
    QVERIFY(dialog);
    dialog->show();
    dialog->setRequest(false, QStringLiteral("5"), QStringLiteral("goodwill"));
    QVERIFY(dialog->review());

    QProcess revoke;
    revoke.start(QStringLiteral(CREDITDESK_SERVER),
                 {QStringLiteral("token"), QStringLiteral("revoke"), QStringLiteral("--data"),
                  m_server.dataDir(), QStringLiteral("--id"), tokenId});
    QVERIFY(revoke.waitForFinished(20000));
    QCOMPARE(revoke.exitCode(), 0);
    const int auditBefore =
        m_server.api()
            .get(QStringLiteral("/v1/accounts/%1/audit").arg(id), m_server.supportToken)
            .json.value(QLatin1String("entries"))
            .toArray()
            .size();

    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("adjustApply")),
                      Qt::LeftButton);
    auto *formError = dialog->findChild<QLabel *>(QStringLiteral("adjustFormError"));
    QTRY_VERIFY_WITH_TIMEOUT(formError->isVisible(), 10000);
    QVERIFY2(formError->text().contains(QStringLiteral("no longer valid")),
             qPrintable(formError->text()));
    QVERIFY(m_client->supportWorkspace()->problem().contains(QStringLiteral("no longer valid")));
    QVERIFY(m_client->supportConsole()->tokenRejected());
    QCOMPARE(m_server.api()
                 .get(QStringLiteral("/v1/accounts/%1/audit").arg(id), m_server.supportToken)
                 .json.value(QLatin1String("entries"))
                 .toArray()
                 .size(),
             auditBefore);
}

QTEST_MAIN(TestAppSupport)
#include "tst_app_support.moc"
