// Renders the ui library's screens offscreen, light and dark, to PNG files (not a test):
//   QT_QPA_PLATFORM=offscreen build/tests/ui/ui_shots DIR
#include "AccountHistory.h"
#include "DashboardView.h"
#include "IsoTime.h"
#include "LogHistory.h"
#include "ManualClock.h"
#include "PacksView.h"
#include "ScenarioFileAccount.h"
#include "SyncedAccount.h"
#include "TaskLogModel.h"
#include "ThemePalette.h"
#include "TokenLogView.h"

#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QTableView>

#include <cstdio>

using namespace creditdesk;

namespace {
std::unique_ptr<SyncedAccount> open(const QByteArray &json)
{
    auto r = ScenarioFileAccount::fromJson(json, QStringLiteral("Ada Lovelace"));
    if (auto *e = std::get_if<ParseError>(&r)) {
        std::fprintf(stderr, "%s\n", qPrintable(e->toString()));
        std::exit(1);
    }
    auto account = std::move(std::get<ScenarioFileAccount::Opened>(r).account);
    account->source = SyncedAccount::Source::Server;
    return account;
}

void save(QWidget *w, const QString &dir, const QString &name)
{
    QCoreApplication::processEvents();
    const QString path = dir + u'/' + name + QStringLiteral(".png");
    w->grab().save(path);
    std::printf("%s\n", qPrintable(path));
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("shots");
    QDir().mkpath(dir);

    auto unified = open(
        QByteArrayLiteral(R"({"format": 1, "preset": "unified-monthly", "timezone": "Europe/Paris",
      "events": [
        {"at": "2026-10-27T17:00:00+01:00", "type": "subscribe", "plan": "pro"},
        {"at": "2026-11-20T09:00:00+01:00", "type": "task_start", "task": "r1", "feature": "research"},
        {"at": "2026-11-20T09:40:00+01:00", "type": "task_end", "task": "r1", "outcome": "success", "tokens": 180000},
        {"at": "2026-11-22T14:00:00+01:00", "type": "task_start", "task": "c1", "feature": "code"},
        {"at": "2026-11-22T14:30:00+01:00", "type": "task_end", "task": "c1", "outcome": "success", "tokens": 260000},
        {"at": "2026-11-24T11:00:00+01:00", "type": "task_start", "task": "a1", "feature": "agent"},
        {"at": "2026-11-24T11:50:00+01:00", "type": "task_end", "task": "a1", "outcome": "success", "tokens": 95000},
        {"at": "2026-11-25T08:00:00+01:00", "type": "task_start", "task": "ch1", "feature": "chat"},
        {"at": "2026-11-25T08:05:00+01:00", "type": "task_end", "task": "ch1", "outcome": "content_violation", "tokens": 30000},
        {"at": "2026-11-25T10:30:00+01:00", "type": "task_start", "task": "i1", "feature": "image"},
        {"at": "2026-11-25T10:31:00+01:00", "type": "task_end", "task": "i1", "outcome": "success", "tokens": 12000},
        {"at": "2026-11-25T11:00:00+01:00", "type": "grant", "kind": "bonus", "amount": 120, "expires_at": "2026-11-28T17:00:00+01:00"}
      ]})"));
    PurchaseInfo pending;
    pending.id = QStringLiteral("pur_81c2");
    pending.status = QStringLiteral("pending");
    pending.amount = Credits::whole(500);
    unified->purchases.push_back(pending);
    ManualClock unifiedClock(*IsoTime::parse(u"2026-11-25T12:00:00+01:00"));

    auto images = open(QByteArrayLiteral(
        R"({"format": 1, "preset": "daily-free-images", "timezone": "Europe/Berlin",
      "events": [{"at": "2026-11-20T10:00:00+01:00", "type": "signup"},
                 {"at": "2026-11-24T10:05:00+01:00", "type": "purchase", "amount": 125},
                 {"at": "2026-11-25T09:00:00+01:00", "type": "task_start", "task": "v1", "feature": "video"},
                 {"at": "2026-11-25T09:02:00+01:00", "type": "task_end", "task": "v1", "outcome": "success"},
                 {"at": "2026-11-25T11:00:00+01:00", "type": "task_start", "task": "i1", "feature": "image"},
                 {"at": "2026-11-25T11:00:30+01:00", "type": "task_end", "task": "i1", "outcome": "success"}]})"));
    images->customAmount = true;
    images->maxAmount = Credits::whole(10000);
    ManualClock imagesClock(*IsoTime::parse(u"2026-11-25T23:59:20+01:00"));

    auto tiered = open(
        QByteArrayLiteral(R"({"format": 1, "preset": "tiered-tasks", "timezone": "America/New_York",
      "events": [{"at": "2026-11-01T09:00:00-05:00", "type": "signup"},
                 {"at": "2026-11-01T09:00:00-05:00", "type": "subscribe", "plan": "pro"},
                 {"at": "2026-11-20T09:00:00-05:00", "type": "task_start", "task": "v1", "feature": "video", "quantity": 17},
                 {"at": "2026-11-20T09:10:00-05:00", "type": "task_end", "task": "v1", "outcome": "success"}]})"));
    tiered->packs[0].price = Price{Credits::whole(10), QStringLiteral("USD")};
    tiered->packs[1].price = Price{Credits::whole(25), QStringLiteral("USD")};
    tiered->packs[2].price = Price{Credits::whole(50), QStringLiteral("USD")};
    PurchaseInfo done;
    done.id = QStringLiteral("pur_7f3a");
    done.status = QStringLiteral("completed");
    done.pack = QStringLiteral("pack_25");
    done.amount = Credits::whole(2750);
    done.price = tiered->packs[1].price;
    done.createdAt = *IsoTime::parse(u"2026-11-10T11:58:00-05:00");
    PurchaseInfo failed = done;
    failed.id = QStringLiteral("pur_9b01");
    failed.status = QStringLiteral("failed");
    failed.failureReason = QStringLiteral("card declined");
    failed.pack = QStringLiteral("pack_10");
    failed.amount = Credits::whole(1000);
    failed.price = tiered->packs[0].price;
    tiered->purchases = {failed, done};
    ManualClock tieredClock(*IsoTime::parse(u"2026-11-25T12:00:00-05:00"));

    auto busy = LogHistory::build(3000);
    busy->source = SyncedAccount::Source::Server;
    ManualClock busyClock(busy->history().lastEventAt() + 600);

    for (const auto scheme : {ThemePalette::Scheme::Light, ThemePalette::Scheme::Dark}) {
        ThemePalette::apply(app, scheme);
        const QString suffix = scheme == ThemePalette::Scheme::Light ? QStringLiteral("-light")
                                                                     : QStringLiteral("-dark");
        {
            DashboardView view(unifiedClock);
            view.resize(1000, 1180);
            view.setAccount(unified.get());
            view.setStatusLine(QStringLiteral("✓ verified with server at 11:58"));
            view.show();
            save(&view, dir, QStringLiteral("dashboard-unified") + suffix);
            view.setBanner(QStringLiteral(
                "Offline since 11:52 (server not reachable) — showing the cached numbers"));
            view.setStatusLine(QStringLiteral("offline since 11:52"), ThemePalette::Tone::Critical);
            save(&view, dir, QStringLiteral("dashboard-offline") + suffix);
        }
        {
            DashboardView view(imagesClock);
            view.resize(1000, 1100);
            view.setAccount(images.get());
            view.setStatusLine(QStringLiteral("✓ verified with server at 23:58"));
            view.show();
            save(&view, dir, QStringLiteral("dashboard-images") + suffix);
        }
        {
            DashboardView view(tieredClock);
            view.resize(1000, 1000);
            view.setAccount(tiered.get());
            view.show();
            save(&view, dir, QStringLiteral("dashboard-tiered-low") + suffix);
        }
        {
            DashboardView view(tieredClock);
            view.resize(1000, 700);
            view.show();
            view.setBanner(QStringLiteral("Connecting to credits.example.com…"),
                           ThemePalette::Tone::Muted);
            save(&view, dir, QStringLiteral("dashboard-empty") + suffix);
        }
        {
            TokenLogView view(busyClock);
            view.resize(1400, 860);
            view.setAccount(busy.get());
            view.show();
            auto *table = view.findChild<QTableView *>(QStringLiteral("taskTable"));
            for (int r = 0; r < 40; ++r)
                if (view.taskModel()->isRefundable(r)) {
                    table->setCurrentIndex(view.taskModel()->index(r, 0));
                    break;
                }
            save(&view, dir, QStringLiteral("tokenlog") + suffix);
            view.findChild<QTabWidget *>(QStringLiteral("logTabs"))->setCurrentIndex(1);
            save(&view, dir, QStringLiteral("ledger") + suffix);
        }
        {
            PacksView view(tieredClock);
            view.resize(1000, 760);
            view.setAccount(tiered.get());
            view.show();
            save(&view, dir, QStringLiteral("packs") + suffix);
            view.askToBuyPack(QStringLiteral("pack_25"));
            auto *dialog = view.findChild<QDialog *>(QStringLiteral("purchaseConfirmDialog"));
            save(dialog, dir, QStringLiteral("packs-confirm") + suffix);
            dialog->reject();
        }
        {
            PacksView view(imagesClock);
            view.resize(1000, 600);
            view.setAccount(images.get());
            view.show();
            save(&view, dir, QStringLiteral("packs-custom") + suffix);
        }
    }
    return 0;
}
