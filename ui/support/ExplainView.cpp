#include "ExplainView.h"

#include "AccountHistory.h"
#include "AmountFormat.h"
#include "BalanceWalk.h"
#include "Clock.h"
#include "NameTable.h"
#include "SyncedAccount.h"
#include "TimeFormat.h"
#include "Wording.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QTimeZone>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace creditdesk {

namespace {

enum Column { When, What, Bucket, Amount, BalanceAfter, Why, Rules, ColumnCount };

QString zoneId(const SyncedAccount &account)
{
    return account.timezone.isEmpty() ? QStringLiteral("UTC") : account.timezone;
}

QString localTime(TimePoint at)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(at, QTimeZone::systemTimeZone()),
                              QStringLiteral("ddd d MMM yyyy HH:mm:ss t"));
}

} // namespace

ExplainView::ExplainView(const Clock &viewClock, QWidget *parent)
    : QWidget(parent)
    , m_clock(viewClock)
    , m_moment(new QDateTimeEdit(this))
    , m_explain(new QPushButton(tr("Explain"), this))
    , m_now(new QPushButton(tr("Now"), this))
    , m_copy(new QPushButton(tr("Copy as text"), this))
    , m_balance(new QLabel(this))
    , m_buckets(new QLabel(this))
    , m_zoneNote(new QLabel(this))
    , m_steps(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("explainView"));
    m_moment->setObjectName(QStringLiteral("explainMoment"));
    m_moment->setAccessibleName(tr("Moment to explain, in the member's time zone"));
    m_moment->setCalendarPopup(true);
    m_moment->setTimeSpec(Qt::UTC);
    m_moment->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_explain->setObjectName(QStringLiteral("explainButton"));
    m_explain->setAccessibleName(tr("Explain the balance at this moment"));
    m_explain->setDefault(true);
    m_now->setObjectName(QStringLiteral("explainNow"));
    m_now->setAccessibleName(tr("Explain the balance now"));
    m_copy->setObjectName(QStringLiteral("explainCopy"));
    m_copy->setAccessibleName(tr("Copy the explanation as text"));
    m_copy->setEnabled(false);
    m_balance->setObjectName(QStringLiteral("explainBalance"));
    m_balance->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_balance->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_balance->setFont(big);
    m_buckets->setObjectName(QStringLiteral("explainBuckets"));
    m_buckets->setWordWrap(true);
    m_zoneNote->setObjectName(QStringLiteral("explainZone"));
    m_zoneNote->setForegroundRole(QPalette::PlaceholderText);

    m_steps->setObjectName(QStringLiteral("explainSteps"));
    m_steps->setAccessibleName(tr("The entries that made the balance, oldest first"));
    m_steps->setRootIsDecorated(false);
    m_steps->setAlternatingRowColors(true);
    m_steps->setUniformRowHeights(true);
    m_steps->setWordWrap(false);
    m_steps->setColumnCount(ColumnCount);
    m_steps->setHeaderLabels({tr("When"), tr("What"), tr("Bucket"), tr("Amount"),
                              tr("Balance after"), tr("Why"), tr("Rule ids")});
    const int em = m_steps->fontMetrics().horizontalAdvance(u'0');
    const int widths[] = {17, 9, 17, 10, 11, 70, 30};
    for (int c = 0; c < ColumnCount; ++c)
        m_steps->setColumnWidth(c, widths[c] * em);
    // The words take the room there is; the ids keep theirs (the words are what an agent
    // reads and pastes).
    m_steps->header()->setStretchLastSection(false);
    m_steps->header()->setSectionResizeMode(Why, QHeaderView::Stretch);

    auto *pick = new QHBoxLayout;
    auto *label = new QLabel(tr("Balance at"), this);
    label->setBuddy(m_moment);
    pick->addWidget(label);
    pick->addWidget(m_moment);
    pick->addWidget(m_explain);
    pick->addWidget(m_now);
    pick->addStretch(1);
    pick->addWidget(m_copy);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(8);
    layout->addLayout(pick);
    layout->addWidget(m_zoneNote);
    layout->addWidget(m_balance);
    layout->addWidget(m_buckets);
    layout->addWidget(m_steps, 1);

    connect(m_explain, &QPushButton::clicked, this, [this] {
        if (m_account)
            explainAt(QDateTime(m_moment->date(), m_moment->time(),
                                QTimeZone(zoneId(*m_account).toUtf8()))
                          .toSecsSinceEpoch());
    });
    connect(m_now, &QPushButton::clicked, this, [this] { explainAt(m_clock.now()); });
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(text()); });
    render();
}

ExplainView::~ExplainView() = default;

void ExplainView::setAccount(SyncedAccount *account)
{
    m_account = account;
    m_explanation = {};
    render();
}

ExplainView::Explanation ExplainView::explain(const SyncedAccount &account, TimePoint at)
{
    Explanation x;
    x.at = at;
    const AccountHistory &h = account.history();
    const BalanceExplanation walk = BalanceWalk(h).at(at);
    x.balance = walk.balance;
    const NameTable &names = *h.scenario().names;
    // What the history knows of each task by then: its feature, its outcome, its rules.
    QHash<int, const WalkTask *> tasks;
    for (const WalkTask &t : walk.tasks)
        tasks.insert(t.task, &t);
    const auto describeTask = [&](RuleWording::Step &s, int task) {
        s.task = names.name(task);
        const WalkTask *t = tasks.value(task);
        if (!t)
            return;
        if (t->startEvent >= 0) {
            const int f = h.event(t->startEvent).request.feature;
            if (f >= 0 && f < h.policy().features.size())
                s.feature = h.policy().features.at(f).name;
        }
        if (t->settledEvent >= 0) {
            s.outcomeKnown = true;
            s.outcome = h.event(t->settledEvent).outcome;
        }
    };
    QSet<int> settledShown;
    for (const WalkStep &w : walk.steps) {
        RuleWording::Step s;
        s.entry = w.entry;
        s.rules = w.entry.rules.names();
        if (w.entry.task >= 0) {
            describeTask(s, w.entry.task);
            // The task's own rules (free outcome, promotion) go with the entry that settled it.
            const WalkTask *t = tasks.value(w.entry.task);
            if (t && !t->rules.isEmpty() && w.event >= 0 && w.event == t->settledEvent &&
                !settledShown.contains(t->task)) {
                s.rules << t->rules.names();
                settledShown.insert(t->task);
            }
        }
        if (w.note >= 0)
            s.note = names.name(w.note);
        else if (w.event >= 0)
            s.note = h.detailsOfEvent(w.event).value(QLatin1String("reason")).toString();
        x.steps << s;
    }
    // Tasks whose rules made no entry at all (a failed task under positive admission): a step
    // of their own at the moment they settled, so "the failed video cost nothing" is said.
    for (const WalkTask &t : walk.tasks) {
        if (t.rules.isEmpty() || settledShown.contains(t.task) || t.settledEvent < 0)
            continue;
        RuleWording::Step s;
        s.taskOnly = true;
        s.entry.at = h.event(t.settledEvent).at;
        s.entry.task = t.task;
        s.entry.type = EntryType::Release;
        s.entry.balanceAfter = Credits();
        describeTask(s, t.task);
        s.rules = t.rules.names();
        // Where it happened in the walk: after the last step at or before its time.
        qsizetype pos = x.steps.size();
        while (pos > 0 && x.steps.at(pos - 1).entry.at > s.entry.at)
            --pos;
        s.entry.balanceAfter = pos > 0 ? x.steps.at(pos - 1).entry.balanceAfter : Credits();
        x.steps.insert(pos, s);
    }
    return x;
}

void ExplainView::explainAt(TimePoint at)
{
    if (!m_account)
        return;
    // The picker holds the member's wall-clock time (Qt 6.4's QDateTimeEdit has no time zone
    // of its own): shown as a zone-less value, read back in the member's zone.
    const QDateTime wall =
        QDateTime::fromSecsSinceEpoch(at, QTimeZone(zoneId(*m_account).toUtf8()));
    m_moment->setDateTime(QDateTime(wall.date(), wall.time(), Qt::UTC));
    m_explanation = explain(*m_account, at);
    render();
}

void ExplainView::render()
{
    m_steps->clear();
    m_copy->setEnabled(m_account && m_explanation.at != NoTime);
    m_explain->setEnabled(m_account);
    m_now->setEnabled(m_account);
    if (!m_account) {
        m_balance->setText(tr("Open a member to explain a balance."));
        m_buckets->clear();
        m_zoneNote->clear();
        return;
    }
    const QString zone = zoneId(*m_account);
    m_zoneNote->setText(tr("Times in the member's zone, %1; hover a time for yours.").arg(zone));
    if (m_explanation.at == NoTime) {
        m_balance->setText(tr("Pick a moment (or click an entry in the log) and press Explain."));
        m_buckets->clear();
        return;
    }
    const AccountHistory &h = m_account->history();
    const TimeFormat times(h.zone());
    const AmountFormat amounts(m_account->unit);
    const RuleWording words(h.policy(), times, amounts, zone);
    const BalanceAnswer &b = m_explanation.balance;
    m_balance->setText(tr("Balance at %1 %2: %3 available (%4 total, %5 reserved)")
                           .arg(times.absolute(m_explanation.at), zone,
                                amounts.withUnit(b.available), amounts.number(b.total),
                                amounts.number(b.reserved)));
    m_balance->setToolTip(tr("Your time: %1").arg(localTime(m_explanation.at)));
    QStringList buckets;
    for (const BucketRow &r : b.buckets)
        buckets << (r.expiresAt == Never
                        ? tr("%1: %2 (no expiry)")
                              .arg(Wording::bucketKind(r.kind, m_account->unit),
                                   amounts.number(r.remaining))
                        : tr("%1: %2 (expires %3)")
                              .arg(Wording::bucketKind(r.kind, m_account->unit),
                                   amounts.number(r.remaining), times.absolute(r.expiresAt)));
    m_buckets->setText(
        buckets.isEmpty()
            ? tr("No credits in any bucket.")
            : tr("Bucket by bucket, in the order they are spent: %1").arg(buckets.join(tr(" · "))));
    QList<QTreeWidgetItem *> items;
    items.reserve(m_explanation.steps.size());
    for (const RuleWording::Step &s : m_explanation.steps) {
        auto *item = new QTreeWidgetItem;
        item->setText(When, times.stamp(s.entry.at));
        item->setToolTip(When, tr("Your time: %1").arg(localTime(s.entry.at)));
        item->setText(What, s.taskOnly ? tr("Task") : Wording::entryType(s.entry.type));
        item->setText(Bucket, s.entry.hasBucket
                                  ? Wording::bucketKind(s.entry.bucket, m_account->unit)
                                  : QString());
        item->setText(Amount, s.taskOnly ? QString() : amounts.signedNumber(s.entry.amount));
        item->setTextAlignment(Amount, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(BalanceAfter, amounts.number(s.entry.balanceAfter));
        item->setTextAlignment(BalanceAfter, Qt::AlignRight | Qt::AlignVCenter);
        const QString why = words.sentence(s);
        item->setText(Why, why);
        item->setToolTip(Why, why);
        item->setText(Rules, s.rules.join(QStringLiteral(", ")));
        items << item;
    }
    m_steps->addTopLevelItems(items);
    if (!items.isEmpty())
        m_steps->scrollToItem(items.last());
}

QString ExplainView::text() const
{
    if (!m_account || m_explanation.at == NoTime)
        return {};
    const AccountHistory &h = m_account->history();
    const TimeFormat times(h.zone());
    const AmountFormat amounts(m_account->unit);
    const QString zone = zoneId(*m_account);
    const RuleWording words(h.policy(), times, amounts, zone);
    QStringList lines;
    lines << m_balance->text() << m_buckets->text() << QString();
    for (const RuleWording::Step &s : m_explanation.steps)
        lines << tr("%1 %2  %3  → %4  %5")
                     .arg(times.stamp(s.entry.at), zone, amounts.signedNumber(s.entry.amount),
                          amounts.number(s.entry.balanceAfter), words.sentence(s));
    return lines.join(u'\n');
}

} // namespace creditdesk
