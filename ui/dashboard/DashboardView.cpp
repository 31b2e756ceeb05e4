#include "DashboardView.h"

#include "AccountFollowing.h"
#include "AccountHistory.h"
#include "AmountFormat.h"
#include "CardParts.h"
#include "Clock.h"
#include "CountdownChip.h"
#include "StatusBanner.h"
#include "SyncedAccount.h"
#include "TimeFormat.h"
#include "UsageBar.h"
#include "Wording.h"

#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLayoutItem>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace creditdesk {

namespace {
void clearLayout(QLayout *layout)
{
    while (QLayoutItem *item = layout->takeAt(0)) {
        if (QWidget *w = item->widget())
            delete w;
        else if (QLayout *inner = item->layout())
            clearLayout(inner);
        delete item;
    }
}

QString colourOf(const QWidget *w, ThemePalette::Tone tone)
{
    return ThemePalette::color(w->palette(), tone).name();
}
} // namespace

DashboardView::DashboardView(const Clock &viewClock, QWidget *parent)
    : QWidget(parent)
    , m_clock(viewClock)
    , m_times(std::make_unique<TimeFormat>())
    , m_amounts(std::make_unique<AmountFormat>())
    , m_ticker(new QTimer(this))
{
    setObjectName(QStringLiteral("dashboardView"));
    setAccessibleName(tr("Dashboard"));

    QScrollArea *scroll = makeCardPage(this, QStringLiteral("dashboardContent"), {});
    scroll->setObjectName(QStringLiteral("dashboardScroll"));
    QWidget *content = scroll->widget();

    auto *column = new QVBoxLayout(content);
    column->setContentsMargins(24, 16, 24, 24);
    column->setSpacing(16);

    m_banner = new StatusBanner(content);
    m_banner->setObjectName(QStringLiteral("dashboardBanner"));
    column->addWidget(m_banner);

    // 1. The answer.
    auto *top = makeCard(content, QStringLiteral("balanceCard"));
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(20, 16, 20, 16);
    topLayout->setSpacing(4);
    auto *titleRow = new QHBoxLayout;
    m_title = new QLabel(top);
    m_title->setObjectName(QStringLiteral("accountTitle"));
    m_title->setForegroundRole(QPalette::PlaceholderText);
    m_badge = new QLabel(tr("Scenario · read-only"), top);
    m_badge->setObjectName(QStringLiteral("scenarioBadge"));
    m_badge->setAccessibleName(tr("Scenario file, read-only"));
    m_badge->setStyleSheet(QStringLiteral("QLabel { border: 1px solid palette(highlight);"
                                          " color: palette(highlight); border-radius: 9px;"
                                          " padding: 1px 8px; }"));
    m_badge->setVisible(false);
    titleRow->addWidget(m_title);
    titleRow->addWidget(m_badge);
    titleRow->addStretch(1);
    topLayout->addLayout(titleRow);

    auto *balanceRow = new QHBoxLayout;
    balanceRow->setSpacing(8);
    m_available = new QLabel(QStringLiteral("—"), top);
    m_available->setObjectName(QStringLiteral("availableBalance"));
    m_available->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_available->setFocusPolicy(Qt::TabFocus);
    QFont big = m_available->font();
    big.setPointSizeF(big.pointSizeF() * 2.5);
    big.setWeight(QFont::DemiBold);
    m_available->setFont(big);
    m_unit = new QLabel(top);
    m_unit->setObjectName(QStringLiteral("balanceUnit"));
    QFont unitFont = m_unit->font();
    unitFont.setPointSizeF(unitFont.pointSizeF() * 1.25);
    m_unit->setFont(unitFont);
    balanceRow->addWidget(m_available, 0, Qt::AlignBaseline);
    balanceRow->addWidget(m_unit, 0, Qt::AlignBaseline);
    balanceRow->addStretch(1);
    topLayout->addLayout(balanceRow);
    m_reserved = new QLabel(top);
    m_reserved->setObjectName(QStringLiteral("reservedLine"));
    topLayout->addWidget(m_reserved);
    m_status = new QLabel(top);
    m_status->setObjectName(QStringLiteral("statusLine"));
    m_status->setVisible(false);
    topLayout->addWidget(m_status);
    m_plan = new QLabel(top);
    m_plan->setObjectName(QStringLiteral("planLine"));
    m_plan->setContentsMargins(0, 4, 0, 0);
    topLayout->addWidget(m_plan);
    column->addWidget(top);

    // 2. When it comes back.
    auto *when = makeCard(content, QStringLiteral("refreshCard"));
    auto *whenLayout = new QVBoxLayout(when);
    whenLayout->setContentsMargins(20, 16, 20, 16);
    whenLayout->setSpacing(8);
    whenLayout->addWidget(makeHeading(tr("When it comes back"), when));
    m_chips = new QVBoxLayout;
    m_chips->setSpacing(6);
    whenLayout->addLayout(m_chips);
    m_windowsHeading = new QLabel(tr("Usage windows"), when);
    m_windowsHeading->setForegroundRole(QPalette::PlaceholderText);
    m_windowsHeading->setContentsMargins(0, 6, 0, 0);
    whenLayout->addWidget(m_windowsHeading);
    m_bars = new QVBoxLayout;
    m_bars->setSpacing(6);
    whenLayout->addLayout(m_bars);
    column->addWidget(when);

    // 3. How long it lasts.
    auto *lasts = makeCard(content, QStringLiteral("projectionCard"));
    auto *lastsLayout = new QVBoxLayout(lasts);
    lastsLayout->setContentsMargins(20, 16, 20, 16);
    lastsLayout->setSpacing(8);
    lastsLayout->addWidget(makeHeading(tr("How long it lasts"), lasts));
    auto *verdictRow = new QHBoxLayout;
    verdictRow->setSpacing(8);
    m_verdict = new QLabel(lasts);
    m_verdict->setObjectName(QStringLiteral("projectionVerdict"));
    QFont bold = m_verdict->font();
    bold.setBold(true);
    m_verdict->setFont(bold);
    m_projection = new QLabel(lasts);
    m_projection->setObjectName(QStringLiteral("projectionLine"));
    m_projection->setWordWrap(true);
    m_projection->setTextInteractionFlags(Qt::TextSelectableByMouse);
    verdictRow->addWidget(m_verdict, 0, Qt::AlignTop);
    verdictRow->addWidget(m_projection, 1);
    lastsLayout->addLayout(verdictRow);
    auto *canDo = new QLabel(tr("What you can still do"), lasts);
    canDo->setForegroundRole(QPalette::PlaceholderText);
    canDo->setContentsMargins(0, 6, 0, 0);
    lastsLayout->addWidget(canDo);
    m_capacity = new QGridLayout;
    m_capacity->setHorizontalSpacing(24);
    m_capacity->setVerticalSpacing(4);
    lastsLayout->addLayout(m_capacity);
    m_capacityNote = new QLabel(lasts);
    m_capacityNote->setObjectName(QStringLiteral("capacityNote"));
    m_capacityNote->setWordWrap(true);
    lastsLayout->addWidget(m_capacityNote);
    column->addWidget(lasts);

    // 4. Where it is.
    auto *where = makeCard(content, QStringLiteral("bucketCard"));
    auto *whereLayout = new QVBoxLayout(where);
    whereLayout->setContentsMargins(20, 16, 20, 16);
    whereLayout->setSpacing(8);
    whereLayout->addWidget(makeHeading(tr("Where it is"), where));
    m_expiryNotice = new QLabel(where);
    m_expiryNotice->setObjectName(QStringLiteral("expiryNotice"));
    m_expiryNotice->setWordWrap(true);
    whereLayout->addWidget(m_expiryNotice);
    m_buckets = new QGridLayout;
    m_buckets->setHorizontalSpacing(24);
    m_buckets->setVerticalSpacing(6);
    m_buckets->setColumnStretch(2, 1);
    whereLayout->addLayout(m_buckets);
    column->addWidget(where);

    // 5. What to do.
    auto *act = new QHBoxLayout;
    m_pending = new QLabel(content);
    m_pending->setObjectName(QStringLiteral("pendingPurchases"));
    m_pending->setWordWrap(true);
    m_topUp = new QPushButton(content);
    m_topUp->setObjectName(QStringLiteral("topUpButton"));
    m_topUp->setVisible(false);
    m_topUp->setDefault(true);
    m_topUp->setStyleSheet(QStringLiteral(
        "QPushButton#topUpButton { background: palette(highlight); color: "
        "palette(highlighted-text);"
        " border: none; border-radius: 6px; padding: 8px 16px; font-weight: 600; }"
        "QPushButton#topUpButton:focus { outline: none; border: 2px solid palette(text); }"));
    act->addWidget(m_pending, 1);
    act->addWidget(m_topUp, 0, Qt::AlignRight | Qt::AlignTop);
    column->addLayout(act);
    column->addStretch(1);

    connect(m_topUp, &QPushButton::clicked, this, [this] { emit topUpRequested(m_suggestedPack); });
    m_ticker->setSingleShot(true);
    connect(m_ticker, &QTimer::timeout, this, &DashboardView::tick);
    content->setMaximumWidth(1100);
    renderEmpty();
}

DashboardView::~DashboardView() = default;

void DashboardView::setAccount(SyncedAccount *account)
{
    followAccount(m_account, account, this, [this] { accountChanged(); });
}

void DashboardView::accountChanged()
{
    // A sync: whatever refresh passed is now confirmed (or corrected) by the server's events.
    m_unconfirmed.clear();
    refresh();
}

TimePoint DashboardView::confirmedUntil() const
{
    if (!m_account || m_account->source != SyncedAccount::Source::Server)
        return NoTime; // a scenario file has no server to confirm anything
    return m_account->serverAsOf == NoTime ? 0 : m_account->serverAsOf;
}

void DashboardView::setStatusLine(const QString &text, ThemePalette::Tone tone)
{
    m_status->setText(text);
    m_status->setAccessibleName(text);
    m_status->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(colourOf(this, tone)));
    m_status->setVisible(!text.isEmpty());
}

void DashboardView::setBanner(const QString &text, ThemePalette::Tone tone)
{
    m_banner->showMessage(text, tone);
}

void DashboardView::refresh()
{
    if (!m_account) {
        renderEmpty();
        return;
    }
    const AccountHistory &h = m_account->history();
    m_times = std::make_unique<TimeFormat>(h.zone());
    m_amounts = std::make_unique<AmountFormat>(m_account->unit);
    const TimePoint now = m_clock.now();
    m_answers = DashboardAnswers::compute(h, now);
    render();
}

void DashboardView::renderEmpty()
{
    m_answers = DashboardAnswers();
    m_title->setText(tr("No account yet"));
    m_available->setText(QStringLiteral("—"));
    m_available->setAccessibleName(tr("Available balance: not loaded yet"));
    m_unit->clear();
    m_reserved->setText(tr("Sign in or open a scenario file to see your balance."));
    m_plan->clear();
    m_badge->setVisible(false);
    clearLayout(m_chips);
    clearLayout(m_bars);
    clearLayout(m_capacity);
    clearLayout(m_buckets);
    m_windowsHeading->setVisible(false);
    m_verdict->clear();
    m_projection->setText(tr("Nothing to project yet."));
    m_capacityNote->clear();
    m_expiryNotice->setVisible(false);
    m_pending->clear();
    m_topUp->setVisible(false);
    m_ticker->stop();
}

void DashboardView::render()
{
    renderBalance();
    renderRefreshes();
    renderWindows();
    renderProjection();
    renderCapacities();
    renderBuckets();
    renderPurchases();
    scheduleTick();
}

QString DashboardView::planDescription() const
{
    const Policy &policy = m_account->history().policy();
    if (m_answers.plan < 0 || m_answers.plan >= policy.plans.size())
        return {}; // no plan: the title above already says what the account is
    const PlanRule &plan = policy.plans[m_answers.plan];
    QString cycle;
    switch (plan.cycle.unit) {
    case CycleRule::Unit::Months:
        cycle = plan.cycle.count == 1 ? tr("renews monthly")
                                      : tr("renews every %1 months").arg(plan.cycle.count);
        break;
    case CycleRule::Unit::Days:
        cycle = plan.cycle.count == 1   ? tr("renews daily")
                : plan.cycle.count == 7 ? tr("renews weekly")
                                        : tr("renews every %1 days").arg(plan.cycle.count);
        break;
    case CycleRule::Unit::None:
        cycle = tr("no renewal");
        break;
    }
    QString text = tr("%1 plan · %2").arg(Wording::featureName(plan.name), cycle);
    if (plan.allotment.isPositive())
        text = tr("%1 · %2 per cycle").arg(text, m_amounts->withUnit(plan.allotment));
    return text;
}

void DashboardView::renderBalance()
{
    const BalanceAnswer &b = m_answers.balance;
    const QString name =
        m_account->displayName.isEmpty() ? m_account->accountId : m_account->displayName;
    const Policy &policy = m_account->history().policy();
    m_title->setText(name.isEmpty() ? policy.title : tr("%1 · %2").arg(name, policy.title));
    m_badge->setVisible(m_account->source == SyncedAccount::Source::ScenarioFile);
    m_available->setText(m_amounts->number(b.available));
    m_unit->setText(tr("%1 available").arg(m_account->unit));
    m_available->setAccessibleName(
        tr("Available balance: %1").arg(m_amounts->withUnit(b.available)));
    const ThemePalette::Tone tone =
        b.available.isPositive() ? ThemePalette::Tone::Normal : ThemePalette::Tone::Critical;
    m_available->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(colourOf(this, tone)));
    QString reserved =
        b.reserved.isZero()
            ? tr("Nothing reserved")
            : tr("%1 reserved for running tasks").arg(m_amounts->withUnit(b.reserved));
    reserved = tr("%1 · %2 in total").arg(reserved, m_amounts->number(b.total));
    if (!b.available.isPositive())
        reserved = tr("Out of %1 · %2").arg(m_account->unit, reserved);
    m_reserved->setText(reserved);
    m_reserved->setAccessibleName(reserved);
    m_plan->setText(planDescription());
    m_plan->setAccessibleName(m_plan->text());
    m_plan->setVisible(!m_plan->text().isEmpty());
}

void DashboardView::renderRefreshes()
{
    clearLayout(m_chips);
    if (m_answers.refreshes.isEmpty()) {
        auto *none =
            new QLabel(tr("Nothing refreshes on this plan: what you have is what you buy."),
                       m_chips->parentWidget());
        none->setObjectName(QStringLiteral("noRefresh"));
        none->setWordWrap(true);
        m_chips->addWidget(none);
        return;
    }
    const TimePoint confirmed = confirmedUntil();
    QList<RefreshRow> rows;
    for (const RefreshRow &r : m_unconfirmed)
        if (confirmed != NoTime && confirmed < r.at && r.at <= m_clock.now())
            rows.push_back(r);
    rows += m_answers.refreshes;
    for (const RefreshRow &r : rows) {
        auto *chip = new CountdownChip(m_chips->parentWidget());
        chip->setTarget(Wording::bucketKind(r.kind, m_account->unit), r.at);
        chip->updateText(m_clock.now(), confirmed, *m_times);
        auto *row = new QHBoxLayout;
        row->addWidget(chip);
        row->addStretch(1);
        m_chips->addLayout(row);
    }
}

void DashboardView::renderWindows()
{
    clearLayout(m_bars);
    m_windowsHeading->setVisible(!m_answers.windows.isEmpty());
    const TimePoint now = m_clock.now();
    for (const WindowRow &w : m_answers.windows) {
        auto *bar = new UsageBar(m_bars->parentWidget());
        bar->setObjectName(QStringLiteral("usageBar_%1").arg(w.kind));
        const QString length = tr("%1 window").arg(w.kind);
        const int permille =
            w.limit.isPositive()
                ? int(std::min<WideInt>(1000, WideInt(w.used.milli()) * 1000 / w.limit.milli()))
                : 0;
        QString text;
        ThemePalette::Tone tone = ThemePalette::Tone::Normal;
        if (w.openedAt == NoTime) {
            text = tr("%1 · used 0 of %2 · starts with your next task")
                       .arg(length, m_amounts->number(w.limit));
        } else if (w.used >= w.limit) {
            text =
                tr("%1 · limit reached until %2").arg(length, m_times->whenShort(w.resetsAt, now));
            tone = ThemePalette::Tone::Critical;
        } else {
            text = tr("%1 · used %2 of %3 · resets %4")
                       .arg(length, m_amounts->number(w.used), m_amounts->number(w.limit),
                            m_times->relative(w.resetsAt, now));
            if (permille >= 800)
                tone = ThemePalette::Tone::Warning;
        }
        bar->set(text, permille, tone);
        m_bars->addWidget(bar);
    }
}

void DashboardView::renderProjection()
{
    const ProjectionAnswer &p = m_answers.projection;
    const TimePoint now = m_clock.now();
    const QString burn = m_amounts->rate(p.burnPerDay);
    QString sentence;
    QString verdict;
    ThemePalette::Tone tone = ThemePalette::Tone::Good;
    m_suggestedPack.clear();
    if (!m_answers.balance.available.isPositive()) {
        verdict = tr("✕ Out");
        tone = ThemePalette::Tone::Critical;
        sentence = p.nextRefreshAt != NoTime
                       ? tr("You have no %1 left until your refresh on %2.")
                             .arg(m_account->unit, m_times->absolute(p.nextRefreshAt, now))
                       : tr("You have no %1 left. Top up to keep working.").arg(m_account->unit);
    } else if (p.burnPerDay.isZero()) {
        verdict = tr("✓ Fine");
        sentence = tr("No usage in the last %1 days: your balance is holding.")
                       .arg(DashboardAnswers::ProjectionDays);
    } else if (p.runsOutAt == NoTime) {
        verdict = tr("✓ Fine");
        sentence = tr("At your pace, %1 a day, it lasts for years.").arg(burn);
    } else if (p.runsOutBeforeRefresh && p.nextRefreshAt != NoTime) {
        verdict = tr("⚠ Short");
        tone = ThemePalette::Tone::Warning;
        sentence = tr("At your pace, %1 a day, you run out on %2 — before your refresh on %3.")
                       .arg(burn, m_times->absolute(p.runsOutAt, now),
                            m_times->date(p.nextRefreshAt, now));
    } else if (p.runsOutBeforeRefresh) {
        const bool soon = p.runsOutAt - now < 7 * SecondsPerDay;
        verdict = soon ? tr("⚠ Low") : tr("✓ Fine");
        tone = soon ? ThemePalette::Tone::Warning : ThemePalette::Tone::Good;
        sentence = tr("At your pace, %1 a day, you run out on %2 (%3).")
                       .arg(burn, m_times->absolute(p.runsOutAt, now),
                            m_times->relativeDays(p.runsOutAt, now));
    } else {
        verdict = tr("✓ Fine");
        sentence = tr("At your pace, %1 a day, you would run out on %2 — after your refresh. "
                      "You're fine.")
                       .arg(burn, m_times->date(p.runsOutAt, now));
    }
    m_verdict->setText(verdict);
    m_verdict->setAccessibleName(verdict);
    m_projection->setText(sentence);
    m_projection->setAccessibleName(sentence);
    const QString colour = colourOf(this, tone);
    m_verdict->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(colour));
    m_projection->setStyleSheet(QStringLiteral("QLabel { color: %1; }")
                                    .arg(tone == ThemePalette::Tone::Good
                                             ? colourOf(this, ThemePalette::Tone::Normal)
                                             : colour));

    // The one action that helps, when it helps.
    const bool bad = tone != ThemePalette::Tone::Good;
    const Policy &policy = m_account->history().policy();
    QString label;
    for (const DashboardAnswers::PackEffect &e : m_answers.packs)
        if (e.lastsToRefresh) {
            m_suggestedPack = policy.packs[e.pack].name;
            label = tr("Top up — %1 lasts you to the refresh").arg(m_suggestedPack);
            break;
        }
    if (label.isEmpty())
        label = tr("Top up…");
    m_topUp->setText(label);
    m_topUp->setAccessibleName(label);
    m_topUp->setVisible(bad && !m_readOnly && m_account->source == SyncedAccount::Source::Server);
}

void DashboardView::renderCapacities()
{
    clearLayout(m_capacity);
    const Policy &policy = m_account->history().policy();
    QWidget *parent = m_capacity->parentWidget();
    int row = 0;
    QStringList notes;
    TimePoint limitUntil = NoTime;
    for (const WindowRow &w : m_answers.windows)
        if (w.openedAt != NoTime && w.used >= w.limit)
            limitUntil = limitUntil == NoTime ? w.resetsAt : std::max(limitUntil, w.resetsAt);
    const int columns = m_answers.capacities.size() > 6 ? 3 : 2;
    int index = 0;
    for (const DashboardAnswers::Capacity &c : m_answers.capacities) {
        const FeatureRule &feature = policy.features[c.feature];
        QString text;
        if (!c.count) {
            text = tr("%1: free right now").arg(Wording::featureName(feature.name));
        } else if (c.tokensPerTask > 0) {
            text = Wording::capacity(feature, *c.count * c.tokensPerTask, *m_amounts);
        } else {
            text = Wording::capacity(feature, *c.count, *m_amounts);
        }
        // Two features counting the same thing ("messages", "searches") say which is which.
        int sameWord = 0;
        for (const FeatureRule &other : policy.features)
            sameWord +=
                !feature.quantityUnit.isEmpty() && other.quantityUnit == feature.quantityUnit;
        if (sameWord > 1)
            text = tr("%1 · %2").arg(text, Wording::featureName(feature.name));
        if (c.tier >= 0)
            text = tr("%1 at %2 tier").arg(text, Wording::featureName(policy.tiers[c.tier].name));
        if (c.limitReached && limitUntil != NoTime)
            text = tr("%1 — limit reached until %2")
                       .arg(text, m_times->whenShort(limitUntil, m_clock.now()));
        auto *label = new QLabel(text, parent);
        label->setObjectName(
            c.tier >= 0
                ? QStringLiteral("capacity_%1_%2").arg(feature.name, policy.tiers[c.tier].name)
                : QStringLiteral("capacity_%1").arg(feature.name));
        label->setAccessibleName(text);
        if ((c.count && *c.count == 0) || c.limitReached)
            label->setForegroundRole(QPalette::PlaceholderText);
        m_capacity->addWidget(label, index / columns, index % columns);
        ++index;
        row = index / columns;
        if (!c.cannotPay.isEmpty() && c.tier <= 0) {
            QStringList kinds;
            for (BucketKind k : c.cannotPay)
                kinds << Wording::bucketAdjective(k);
            const QString note = tr("%1 %2 don't pay for %3")
                                     .arg(kinds.join(tr(" and ")), m_account->unit,
                                          Wording::featureName(feature.name));
            notes << note.left(1).toUpper() + note.mid(1);
        }
    }
    Q_UNUSED(row);
    if (m_answers.capacities.isEmpty())
        m_capacity->addWidget(new QLabel(tr("This plan has no features priced yet."), parent), 0,
                              0);
    m_capacityNote->setText(notes.join(QStringLiteral("\n")));
    m_capacityNote->setVisible(!notes.isEmpty());
    m_capacityNote->setForegroundRole(QPalette::PlaceholderText);
}

void DashboardView::renderBuckets()
{
    clearLayout(m_buckets);
    QWidget *parent = m_buckets->parentWidget();
    const TimePoint now = m_clock.now();
    // Soonest-expiring first, the way they are spent when ranks tie; never-expiring last.
    QList<BucketRow> rows = m_answers.balance.buckets;
    std::stable_sort(rows.begin(), rows.end(), [](const BucketRow &a, const BucketRow &b) {
        return a.expiresAt < b.expiresAt;
    });
    if (rows.isEmpty()) {
        auto *empty = new QLabel(tr("No %1 left in any bucket.").arg(m_account->unit), parent);
        empty->setObjectName(QStringLiteral("bucketsEmpty"));
        m_buckets->addWidget(empty, 0, 0, 1, 3);
    }
    QString notice;
    for (int i = 0; i < rows.size(); ++i) {
        const BucketRow &b = rows[i];
        auto *kind = new QLabel(Wording::bucketKind(b.kind, m_account->unit), parent);
        kind->setObjectName(QStringLiteral("bucketKind_%1").arg(i));
        auto *amount = new QLabel(m_amounts->number(b.remaining), parent);
        amount->setObjectName(QStringLiteral("bucketAmount_%1").arg(i));
        amount->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QString expiry;
        if (b.expiresAt == Never)
            expiry = tr("never expire");
        else
            expiry = tr("expire %1, %2")
                         .arg(m_times->relativeDays(b.expiresAt, now),
                              m_times->absolute(b.expiresAt, now));
        auto *when = new QLabel(expiry, parent);
        when->setObjectName(QStringLiteral("bucketExpiry_%1").arg(i));
        when->setForegroundRole(QPalette::PlaceholderText);
        const QString sentence =
            tr("%1 %2 %3 %4")
                .arg(m_amounts->number(b.remaining), Wording::bucketAdjective(b.kind),
                     m_account->unit, expiry);
        for (QLabel *l : {kind, amount, when})
            l->setAccessibleName(sentence);
        m_buckets->addWidget(kind, i, 0);
        m_buckets->addWidget(amount, i, 1);
        m_buckets->addWidget(when, i, 2);
        // The lot that disappears soonest without being spent, if within a week and not the
        // plan's own (the refresh chip already tells that story).
        if (notice.isEmpty() && b.kind != BucketKind::Plan && b.kind != BucketKind::DailyFree &&
            b.expiresAt != Never && b.expiresAt - now <= 7 * SecondsPerDay)
            notice = sentence;
    }
    m_expiryNotice->setText(notice);
    m_expiryNotice->setAccessibleName(notice);
    m_expiryNotice->setVisible(!notice.isEmpty());
    m_expiryNotice->setStyleSheet(
        QStringLiteral("QLabel { color: %1; }").arg(colourOf(this, ThemePalette::Tone::Warning)));
}

void DashboardView::renderPurchases()
{
    QStringList lines;
    for (const PurchaseInfo &p : m_account->purchases) {
        const QString what = p.pack.isEmpty()
                                 ? m_amounts->withUnit(p.amount)
                                 : tr("%1 (%2)").arg(p.pack, m_amounts->withUnit(p.amount));
        if (p.status == u"pending")
            lines << tr("%1 — waiting for payment, usually under a minute").arg(what);
        else if (p.status == u"failed")
            lines << tr("✕ %1 — payment failed%2")
                         .arg(what, p.failureReason.isEmpty() ? QString()
                                                              : tr(": %1").arg(p.failureReason));
    }
    m_pending->setText(lines.join(QStringLiteral("\n")));
    m_pending->setAccessibleName(m_pending->text());
    m_pending->setVisible(!lines.isEmpty());
}

void DashboardView::tick()
{
    if (!m_account)
        return;
    const TimePoint now = m_clock.now();
    // A refresh, expiry or reset reached: the engine answers again (the chip would otherwise
    // count past zero).
    const TimePoint confirmed = confirmedUntil();
    if (now >= m_answers.nextChange() || now < m_answers.at) {
        if (confirmed != NoTime)
            for (const RefreshRow &r : m_answers.refreshes)
                if (r.at <= now && confirmed < r.at)
                    m_unconfirmed.push_back(r);
        refresh();
        return;
    }
    for (CountdownChip *chip : findChildren<CountdownChip *>())
        chip->updateText(now, confirmed, *m_times);
    renderWindows();
    scheduleTick();
}

void DashboardView::scheduleTick()
{
    const TimePoint now = m_clock.now();
    qint64 wait = 60;
    const auto consider = [&](TimePoint target) {
        if (target == NoTime || target == Never || target <= now)
            return;
        const qint64 left = target - now;
        // Each second in the last minute; otherwise when the minute shown changes.
        wait = std::min(wait, left <= 60 ? 1 : (left % 60 == 0 ? 60 : left % 60));
    };
    for (const RefreshRow &r : m_answers.refreshes)
        consider(r.at);
    for (const WindowRow &w : m_answers.windows)
        consider(w.resetsAt);
    consider(m_answers.nextChange());
    m_ticker->start(int(wait * 1000));
}

void DashboardView::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    if (readOnly)
        m_topUp->setVisible(false);
}

} // namespace creditdesk
