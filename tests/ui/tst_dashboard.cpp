// The dashboard shows exactly the engine's answers: for scenario files with known answers
// (.expected.json, what `creditdesk-cli simulate` prints), at each query's moment, the balance,
// buckets, refreshes, usage windows and projection on screen equal the expected ones. And the
// countdown, driven by a ManualClock, crosses a refresh the way a member would see it.
#include "AccountHistory.h"
#include "AmountFormat.h"
#include "CountdownChip.h"
#include "DashboardView.h"
#include "IsoTime.h"
#include "ManualClock.h"
#include "ScenarioFileAccount.h"
#include "ScenarioReader.h"
#include "SyncedAccount.h"
#include "UsageBar.h"
#include "Wording.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace creditdesk;

namespace {
QString testFile(const QString &name)
{
    return QStringLiteral(CREDITDESK_TESTS_DIR "/") + name;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A number as the label shows it ("1,230.5") back to exact credits.
Credits shown(const QString &text)
{
    QString plain = text;
    plain.remove(u',');
    plain.replace(QStringLiteral("\u2212"), QStringLiteral("-"));
    const auto c = Credits::parse(plain.trimmed());
    if (!c)
        qWarning("not a number: %s", qPrintable(text));
    return c.value_or(Credits::fromMilli(-999999999));
}

Credits expectedCredits(const QJsonValue &v)
{
    return Credits::fromJsonNumber(v.toDouble()).value_or(Credits());
}

TimePoint expectedTime(const QJsonValue &v)
{
    return IsoTime::parse(v.toString()).value_or(NoTime);
}
} // namespace

class TestDashboard : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void answersEqualExpected_data();
    void answersEqualExpected();
    void countdownCrossesRefresh();
    void staleUntilSynced();
    void emptyAndBannerStates();
    void capacityWordsAndApplicability();
    void lowBalanceOffersTopUp();
};

void TestDashboard::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestDashboard::answersEqualExpected_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = {
        QStringLiteral("reference/01-unified-monthly-basics.json"),
        QStringLiteral("reference/02-coding-weekly.json"),
        QStringLiteral("reference/03-prepaid-tokens.json"),
        QStringLiteral("reference/04-tiered-tasks.json"),
        QStringLiteral("reference/05-daily-free-images.json"),
        QStringLiteral("reference/06-usage-windows.json"),
        QStringLiteral("scenarios/h04-unified-bonus-order-expiry.json"),
        QStringLiteral("scenarios/h07-unified-window-boundary.json"),
        QStringLiteral("scenarios/h11-prepaid-promotion-refund-debit.json"),
        QStringLiteral("scenarios/h15-daily-free-autumn-25h.json"),
        QStringLiteral("scenarios/h18-coding-weekly-downgrade-open-reservation.json"),
    };
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << f;
}

void TestDashboard::answersEqualExpected()
{
    QFETCH(QString, file);
    const QByteArray text = readAll(testFile(file));
    auto read = ScenarioReader::read(text);
    QVERIFY(std::holds_alternative<Scenario>(read));
    const Scenario &scenario = std::get<Scenario>(read);
    const QJsonArray answers =
        QJsonDocument::fromJson(
            readAll(testFile(file.chopped(5) + QStringLiteral(".expected.json"))))
            .object()
            .value(QStringLiteral("answers"))
            .toArray();
    QCOMPARE(answers.size(), qsizetype(scenario.queries.size()));

    auto opened = ScenarioFileAccount::fromJson(text, QStringLiteral("test"));
    QVERIFY(std::holds_alternative<ScenarioFileAccount::Opened>(opened));
    SyncedAccount &account = *std::get<ScenarioFileAccount::Opened>(opened).account;
    ManualClock clock(scenario.queries.empty() ? 0 : scenario.queries.front().at);
    DashboardView view(clock);
    view.resize(900, 1200);
    view.show();
    view.setAccount(&account);

    int checked = 0;
    for (std::size_t i = 0; i < scenario.queries.size(); ++i) {
        const Query &q = scenario.queries[i];
        const QJsonObject want = answers[qsizetype(i)].toObject();
        clock.set(q.at);
        view.refresh();
        const QString where = QStringLiteral("%1 query %2").arg(file).arg(i);
        switch (q.ask) {
        case Query::Ask::Balance: {
            auto *available = view.findChild<QLabel *>(QStringLiteral("availableBalance"));
            QVERIFY(available);
            QCOMPARE(shown(available->text()), expectedCredits(want[u"available"]));
            auto *reserved = view.findChild<QLabel *>(QStringLiteral("reservedLine"));
            const Credits wantReserved = expectedCredits(want[u"reserved"]);
            if (wantReserved.isZero())
                QVERIFY2(reserved->text().contains(QStringLiteral("Nothing reserved")),
                         qPrintable(where));
            else
                QVERIFY2(
                    reserved->text().contains(AmountFormat(account.unit).withUnit(wantReserved)),
                    qPrintable(where + reserved->text()));
            // Buckets: the same (kind, amount, expiry) rows, soonest-expiring first.
            QList<Credits> wantAmounts;
            for (const QJsonValue &b : want[u"buckets"].toArray())
                wantAmounts << expectedCredits(b[u"remaining"]);
            QList<Credits> got;
            for (int r = 0;; ++r) {
                auto *amount = view.findChild<QLabel *>(QStringLiteral("bucketAmount_%1").arg(r));
                if (!amount)
                    break;
                got << shown(amount->text());
            }
            std::sort(wantAmounts.begin(), wantAmounts.end());
            std::sort(got.begin(), got.end());
            QCOMPARE(got, wantAmounts);
            ++checked;
            break;
        }
        case Query::Ask::NextRefresh: {
            QList<TimePoint> wantTimes;
            for (const QJsonValue &r : want[u"refreshes"].toArray())
                wantTimes << expectedTime(r[u"at"]);
            QList<TimePoint> got;
            for (CountdownChip *chip : view.findChildren<CountdownChip *>())
                got << chip->target();
            QCOMPARE(got, wantTimes);
            ++checked;
            break;
        }
        case Query::Ask::Limits: {
            const QJsonArray windows = want[u"windows"].toArray();
            const QList<UsageBar *> bars = view.findChildren<UsageBar *>();
            QCOMPARE(bars.size(), windows.size());
            for (int w = 0; w < windows.size(); ++w) {
                const QJsonObject row = windows[w].toObject();
                const Credits used = expectedCredits(row[u"used"]);
                const Credits limit = expectedCredits(row[u"limit"]);
                const AmountFormat f(account.unit);
                const QString barText = bars[w]->text();
                if (used >= limit && !row[u"opened_at"].isNull())
                    QVERIFY2(barText.contains(QStringLiteral("limit reached until")),
                             qPrintable(barText));
                else
                    QVERIFY2(
                        barText.contains(
                            QStringLiteral("used %1 of %2").arg(f.number(used), f.number(limit))),
                        qPrintable(where + u' ' + barText));
            }
            ++checked;
            break;
        }
        case Query::Ask::Projection: {
            if (q.windowDays != DashboardAnswers::ProjectionDays)
                break;
            const ProjectionAnswer &p = view.answers().projection;
            QCOMPARE(p.burnPerDay, expectedCredits(want[u"burn_per_day"]));
            QCOMPARE(p.runsOutAt,
                     want[u"runs_out_at"].isNull() ? NoTime : expectedTime(want[u"runs_out_at"]));
            QCOMPARE(p.runsOutBeforeRefresh, want[u"runs_out_before_refresh"].toBool());
            auto *line = view.findChild<QLabel *>(QStringLiteral("projectionLine"));
            auto *verdict = view.findChild<QLabel *>(QStringLiteral("projectionVerdict"));
            QVERIFY(!verdict->text().isEmpty());
            if (p.burnPerDay.isPositive() && view.answers().balance.available.isPositive())
                QVERIFY2(line->text().contains(AmountFormat(account.unit).rate(p.burnPerDay)),
                         qPrintable(line->text()));
            if (p.runsOutBeforeRefresh && p.nextRefreshAt != NoTime &&
                view.answers().balance.available.isPositive())
                QVERIFY2(line->text().contains(QStringLiteral("before your refresh")),
                         qPrintable(line->text()));
            ++checked;
            break;
        }
        case Query::Ask::Affordable: {
            // The capacity line for that feature shows the engine's count.
            const QString feature = account.history().policy().features[q.request.feature].name;
            auto *label = view.findChild<QLabel *>(QStringLiteral("capacity_%1").arg(feature));
            if (!label || q.request.quantityMilli != Credits::Scale || q.request.tokens >= 0 ||
                q.request.models != 1 || q.request.tierGiven)
                break;
            if (want[u"count"].isNull()) {
                QVERIFY(label->text().contains(QStringLiteral("free")));
            } else if (account.history().policy().features[q.request.feature].pricing !=
                       FeatureRule::Pricing::PerThousandTokens) {
                QVERIFY2(
                    label->text().startsWith(QLocale().toString(want[u"count"].toInteger()) + u' '),
                    qPrintable(label->text()));
            }
            ++checked;
            break;
        }
        default:
            break;
        }
    }
    QVERIFY2(checked > 0, "no query of this file was compared");
}

void TestDashboard::countdownCrossesRefresh()
{
    auto opened = ScenarioFileAccount::open(
        testFile(QStringLiteral("reference/01-unified-monthly-basics.json")));
    SyncedAccount &account = *std::get<ScenarioFileAccount::Opened>(opened).account;
    const TimePoint refreshAt = *IsoTime::parse(u"2027-03-10T09:00:00+01:00");
    ManualClock clock(refreshAt - 2 * SecondsPerDay - 5 * 3600 - 120);
    DashboardView view(clock);
    view.setAccount(&account);
    const auto chipText = [&] {
        const QList<CountdownChip *> chips = view.findChildren<CountdownChip *>();
        return chips.isEmpty() ? QString() : chips.front()->text();
    };
    // More than a day away: days and hours, then the date and local time.
    QCOMPARE(chipText(), QStringLiteral("Plan credits refresh in 2d 5h · Wed 10 Mar 09:00"));
    clock.set(refreshAt - 28 * 60 - 30);
    view.tick();
    QCOMPARE(chipText(), QStringLiteral("Plan credits refresh in 28m · at 09:00"));
    clock.set(refreshAt - 59);
    view.tick();
    QCOMPARE(chipText(), QStringLiteral("Plan credits refresh in <1m · at 09:00"));
    QVERIFY(!chipText().contains(QStringLiteral("0m")));
    clock.set(refreshAt - 1);
    view.tick();
    QCOMPARE(chipText(), QStringLiteral("Plan credits refresh in <1m · at 09:00"));
    auto *available = view.findChild<QLabel *>(QStringLiteral("availableBalance"));
    QCOMPARE(available->text(), QStringLiteral("975"));
    // Crossing: the engine answers again — a fresh allotment, and the next month's countdown.
    clock.set(refreshAt);
    view.tick();
    QCOMPARE(available->text(), QStringLiteral("1,000"));
    QCOMPARE(chipText(),
             QStringLiteral(
                 "Plan credits refresh in 30d 23h · Sat 10 Apr 09:00")); // Paris moves to summer
                                                                         // time on 28 Mar
    QCOMPARE(view.answers().refreshes.front().at, *IsoTime::parse(u"2027-04-10T09:00:00+02:00"));
}

void TestDashboard::staleUntilSynced()
{
    auto opened = ScenarioFileAccount::open(
        testFile(QStringLiteral("reference/01-unified-monthly-basics.json")));
    SyncedAccount &account = *std::get<ScenarioFileAccount::Opened>(opened).account;
    account.source = SyncedAccount::Source::Server;
    const TimePoint refreshAt = *IsoTime::parse(u"2027-03-10T09:00:00+01:00");
    account.serverAsOf = refreshAt - 3600;
    ManualClock clock(refreshAt - 30);
    DashboardView view(clock);
    view.setAccount(&account);
    QCOMPARE(view.findChildren<CountdownChip *>().size(), 1);
    clock.set(refreshAt + 5);
    view.tick();
    QList<CountdownChip *> chips = view.findChildren<CountdownChip *>();
    QCOMPARE(chips.size(), 2);
    QVERIFY(chips[0]->isStale());
    QCOMPARE(chips[0]->text(),
             QStringLiteral("Plan credits refreshed at 09:00 · not yet confirmed by the server"));
    QVERIFY(!chips[1]->isStale());
    // The next sync confirms it: the stale chip goes.
    account.serverAsOf = refreshAt + 10;
    emit account.changed();
    chips = view.findChildren<CountdownChip *>();
    QCOMPARE(chips.size(), 1);
    QVERIFY(!chips[0]->isStale());
}

void TestDashboard::emptyAndBannerStates()
{
    ManualClock clock(0);
    DashboardView view(clock);
    view.resize(800, 600);
    view.show();
    auto *available = view.findChild<QLabel *>(QStringLiteral("availableBalance"));
    QCOMPARE(available->text(), QStringLiteral("—"));
    QVERIFY(!available->accessibleName().isEmpty());
    view.setBanner(QStringLiteral("Offline since 13:58 (timeout) — showing cached numbers"));
    auto *banner = view.findChild<QWidget *>(QStringLiteral("dashboardBanner"));
    QVERIFY(banner->isVisible());
    view.setBanner(QString());
    QVERIFY(!banner->isVisible());
    view.setStatusLine(QStringLiteral("verified with server at 14:03"));
    auto *status = view.findChild<QLabel *>(QStringLiteral("statusLine"));
    QCOMPARE(status->text(), QStringLiteral("verified with server at 14:03"));
}

void TestDashboard::capacityWordsAndApplicability()
{
    // Daily free images at signup: 30 signup + 15 daily free, which pay for images only.
    auto opened = ScenarioFileAccount::fromJson(QByteArrayLiteral(
        R"({"format": 1, "preset": "daily-free-images", "timezone": "Europe/Berlin",
            "events": [{"at": "2027-01-05T10:00:00+01:00", "type": "signup"},
                       {"at": "2027-01-05T10:05:00+01:00", "type": "purchase", "amount": 125}]})"));
    SyncedAccount &account = *std::get<ScenarioFileAccount::Opened>(opened).account;
    ManualClock clock(*IsoTime::parse(u"2027-01-05T12:00:00+01:00"));
    DashboardView view(clock);
    view.setAccount(&account);
    // 45 free + 125 purchased pay 34 images; video (60) only from the 125 purchased: 2.
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("capacity_image"))->text(),
             QStringLiteral("34 images")); // the policy's quantity word
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("capacity_video"))->text(),
             QStringLiteral("2 videos"));
    QCOMPARE(Wording::singular(QStringLiteral("seconds of video")),
             QStringLiteral("second of video"));
    QCOMPARE(Wording::singular(QStringLiteral("searches")), QStringLiteral("search"));
    QCOMPARE(Wording::singular(QStringLiteral("deep-research tasks")),
             QStringLiteral("deep-research task"));
    auto *note = view.findChild<QLabel *>(QStringLiteral("capacityNote"));
    QVERIFY2(note->text().contains(QStringLiteral("don't pay for video")),
             qPrintable(note->text()));
    auto *unit = view.findChild<QLabel *>(QStringLiteral("balanceUnit"));
    QCOMPARE(unit->text(), QStringLiteral("credits available"));
    // Token-priced features say how many tokens the balance covers.
    auto tokens = ScenarioFileAccount::open(
        testFile(QStringLiteral("reference/01-unified-monthly-basics.json")));
    SyncedAccount &unified = *std::get<ScenarioFileAccount::Opened>(tokens).account;
    clock.set(*IsoTime::parse(u"2027-02-13T12:00:00+01:00"));
    view.setAccount(&unified);
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("capacity_chat"))->text(),
             QStringLiteral("≈ 975,000 chat tokens"));
}

void TestDashboard::lowBalanceOffersTopUp()
{
    auto opened = ScenarioFileAccount::fromJson(QByteArrayLiteral(
        R"({"format": 1, "preset": "tiered-tasks", "timezone": "UTC",
            "events": [{"at": "2027-01-01T00:00:00Z", "type": "signup"},
                       {"at": "2027-01-01T00:00:00Z", "type": "subscribe", "plan": "pro"},
                       {"at": "2027-01-02T00:00:00Z", "type": "task_start", "task": "v1", "feature": "video", "quantity": 15},
                       {"at": "2027-01-02T00:10:00Z", "type": "task_end", "task": "v1", "outcome": "success"}]})"));
    SyncedAccount &account = *std::get<ScenarioFileAccount::Opened>(opened).account;
    account.source = SyncedAccount::Source::Server;
    ManualClock clock(*IsoTime::parse(u"2027-01-03T00:00:00Z"));
    DashboardView view(clock);
    view.show();
    view.setAccount(&account);
    // 1,500 a day over the last 7 days (10,500 / 7) against 600 left: short before the refresh.
    QVERIFY(view.answers().projection.runsOutBeforeRefresh);
    auto *button = view.findChild<QPushButton *>(QStringLiteral("topUpButton"));
    QVERIFY(button->isVisible());
    QVERIFY2(button->text().startsWith(QStringLiteral("Top up")), qPrintable(button->text()));
    QSignalSpy spy(&view, &DashboardView::topUpRequested);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
}

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
