#include "PlanView.h"

#include "AccountFollowing.h"
#include "AccountHistory.h"
#include "AmountFormat.h"
#include "CardParts.h"
#include "Clock.h"
#include "DashboardAnswers.h"
#include "PlanWording.h"
#include "SyncedAccount.h"
#include "TimeFormat.h"
#include "WhatIfPanel.h"
#include "Wording.h"

#include <QButtonGroup>
#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace creditdesk {

namespace {

QLabel *sentence(QWidget *parent, const QString &name, const QString &accessible)
{
    auto *l = new QLabel(parent);
    l->setObjectName(name);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setAccessibleName(accessible);
    return l;
}

std::shared_ptr<const CreditEngine> engineAt(const AccountHistory &h, TimePoint t)
{
    return t >= h.engine().now() ? std::shared_ptr<const CreditEngine>(h.engineAt(t))
                                 : std::shared_ptr<const CreditEngine>(h.replayUntil(t));
}

} // namespace

PlanView::PlanView(const Clock &viewClock, QWidget *parent)
    : QWidget(parent)
    , m_clock(viewClock)
    , m_times(std::make_unique<TimeFormat>())
    , m_amounts(std::make_unique<AmountFormat>())
{
    setObjectName(QStringLiteral("planView"));
    setAccessibleName(tr("Plan ahead"));

    QWidget *content =
        makeCardPage(this, QStringLiteral("planContent"),
                     QStringLiteral(
                         "QFrame[card=\"true\"] QRadioButton { background: transparent; border: "
                         "none; }"
                         "QToolButton[range=\"true\"] { padding: 4px 12px; border: 1px solid "
                         "palette(mid); border-radius: 6px; background: palette(button); }"
                         "QToolButton[range=\"true\"]:checked { background: palette(highlight);"
                         " color: palette(highlighted-text); border-color: palette(highlight); }"))
            ->widget();

    auto *column = new QVBoxLayout(content);
    column->setContentsMargins(24, 16, 24, 24);
    column->setSpacing(16);

    // The chart with its ranges.
    auto *chartCard = makeCard(content, QStringLiteral("chartCard"));
    auto *chartLayout = new QVBoxLayout(chartCard);
    chartLayout->setContentsMargins(16, 12, 16, 8);
    chartLayout->setSpacing(8);
    auto *top = new QHBoxLayout;
    m_title = makeHeading(tr("Balance over time"), chartCard);
    m_title->setObjectName(QStringLiteral("planTitle"));
    top->addWidget(m_title);
    top->addStretch(1);
    m_ranges = new QButtonGroup(this);
    m_ranges->setExclusive(true);
    const std::pair<BalanceChart::Range, QString> ranges[] = {
        {BalanceChart::Range::Day, tr("24 h")},
        {BalanceChart::Range::Week, tr("7 d")},
        {BalanceChart::Range::Month, tr("30 d")},
        {BalanceChart::Range::Cycle, tr("This cycle")},
        {BalanceChart::Range::All, tr("All")}};
    for (const auto &[range, label] : ranges) {
        auto *b = new QToolButton(chartCard);
        b->setText(label);
        b->setCheckable(true);
        b->setProperty("range", true);
        b->setObjectName(QStringLiteral("range%1").arg(int(range)));
        b->setAccessibleName(tr("Show %1").arg(label));
        b->setFocusPolicy(Qt::StrongFocus);
        m_ranges->addButton(b, int(range));
        top->addWidget(b);
    }
    m_ranges->button(int(BalanceChart::Range::Month))->setChecked(true);
    chartLayout->addLayout(top);
    m_chart = new BalanceChart(chartCard);
    m_chart->setMinimumHeight(340);
    chartLayout->addWidget(m_chart, 1);
    column->addWidget(chartCard);
    connect(m_ranges, &QButtonGroup::idClicked, this,
            [this](int id) { m_chart->setRange(BalanceChart::Range(id)); });
    connect(m_chart, &BalanceChart::stepActivated, this, &PlanView::entriesRequested);

    // How long it lasts, and what is wasted.
    auto *lasts = makeCard(content, QStringLiteral("runOutCard"));
    auto *lastsLayout = new QVBoxLayout(lasts);
    lastsLayout->setContentsMargins(20, 14, 20, 14);
    lastsLayout->setSpacing(6);
    lastsLayout->addWidget(makeHeading(tr("When you run out"), lasts));
    m_runOut = sentence(lasts, QStringLiteral("runOutSentence"), tr("Run-out forecast"));
    m_waste = sentence(lasts, QStringLiteral("wasteSentence"), tr("Credits that expire unused"));
    lastsLayout->addWidget(m_runOut);
    lastsLayout->addWidget(m_waste);
    auto *method = new QLabel(tr("The band is the likely range: the 10th to 90th percentile of "
                                 "1,000 futures resampled from your last 28 days."),
                              lasts);
    method->setObjectName(QStringLiteral("forecastMethod"));
    method->setWordWrap(true);
    method->setForegroundRole(QPalette::PlaceholderText);
    lastsLayout->addWidget(method);
    column->addWidget(lasts);

    // What-if beside pack advice.
    auto *row = new QHBoxLayout;
    row->setSpacing(16);
    auto *whatIfCard = makeCard(content, QStringLiteral("whatIfCard"));
    auto *whatIfLayout = new QVBoxLayout(whatIfCard);
    whatIfLayout->setContentsMargins(20, 14, 20, 14);
    whatIfLayout->setSpacing(8);
    whatIfLayout->addWidget(makeHeading(tr("What if…"), whatIfCard));
    m_whatIf = new WhatIfPanel(whatIfCard);
    whatIfLayout->addWidget(m_whatIf);
    m_canDo = sentence(whatIfCard, QStringLiteral("whatIfCanDo"), tr("What you could still do"));
    m_canDo->setForegroundRole(QPalette::PlaceholderText);
    whatIfLayout->addWidget(m_canDo);
    whatIfLayout->addStretch(1);
    row->addWidget(whatIfCard, 3);

    auto *packCard = makeCard(content, QStringLiteral("packAdviceCard"));
    auto *packLayout = new QVBoxLayout(packCard);
    packLayout->setContentsMargins(20, 14, 20, 14);
    packLayout->setSpacing(8);
    packLayout->addWidget(makeHeading(tr("Top-up advice"), packCard));
    m_toRefresh = new QRadioButton(tr("To my next &refresh"), packCard);
    m_toRefresh->setObjectName(QStringLiteral("adviceToRefresh"));
    m_forDays = new QRadioButton(tr("For the next"), packCard);
    m_forDays->setObjectName(QStringLiteral("adviceForDays"));
    m_days = new QSpinBox(packCard);
    m_days->setObjectName(QStringLiteral("adviceDays"));
    m_days->setAccessibleName(tr("Days to cover"));
    m_days->setRange(1, 999);
    m_days->setValue(30);
    m_days->setSuffix(tr(" days"));
    m_toRefresh->setChecked(true);
    packLayout->addWidget(m_toRefresh);
    auto *daysRow = new QHBoxLayout;
    daysRow->addWidget(m_forDays);
    daysRow->addWidget(m_days);
    daysRow->addStretch(1);
    packLayout->addLayout(daysRow);
    m_adviceText = sentence(packCard, QStringLiteral("packAdviceSentence"), tr("Top-up advice"));
    packLayout->addWidget(m_adviceText);
    m_buy = new QPushButton(packCard);
    m_buy->setObjectName(QStringLiteral("packAdviceBuy"));
    m_buy->setVisible(false);
    auto *buyRow = new QHBoxLayout;
    buyRow->addStretch(1);
    buyRow->addWidget(m_buy);
    packLayout->addLayout(buyRow);
    packLayout->addStretch(1);
    row->addWidget(packCard, 2);
    column->addLayout(row);
    column->addStretch(1);

    connect(m_toRefresh, &QRadioButton::toggled, this, [this] { renderAdvice(); });
    connect(m_days, &QSpinBox::valueChanged, this, [this] {
        m_forDays->setChecked(true);
        renderAdvice();
    });
    connect(m_buy, &QPushButton::clicked, this, [this] {
        if (!m_advice || !m_account)
            return;
        const Policy &policy = m_account->history().policy();
        if (m_advice->kind == PackAdvice::Kind::CustomAmount)
            emit buyRequested(QString(), m_advice->amount);
        else if (m_advice->pack >= 0)
            emit buyRequested(policy.packs[m_advice->pack].name, m_advice->amount);
    });
    // The pack advice follows the what-if: asked for it while one is shown, for the pace again
    // once it is cleared.
    connect(m_whatIf, &WhatIfPanel::requested, this, [this](const WhatIf::Request &request) {
        runWhatIf(request);
        renderAdvice();
    });
    connect(m_whatIf, &WhatIfPanel::cleared, this, [this] {
        m_data.whatIf.reset();
        m_canDo->clear();
        m_chart->setData(m_data);
        renderAdvice();
    });
    renderEmpty();
}

PlanView::~PlanView() = default;

void PlanView::setAccount(SyncedAccount *account)
{
    followAccount(m_account, account, this, [this] { refresh(); });
}

void PlanView::refresh()
{
    m_dirty = true;
    if (isVisible())
        recompute();
}

void PlanView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        recompute();
}

void PlanView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_dirty && m_account)
        recompute(); // sentence colours follow the look
}

void PlanView::setRange(BalanceChart::Range range)
{
    m_ranges->button(int(range))->setChecked(true);
    m_chart->setRange(range);
}

void PlanView::setAdviceDays(int days)
{
    if (days <= 0) {
        m_toRefresh->setChecked(true);
    } else {
        m_days->setValue(days);
        m_forDays->setChecked(true);
    }
    renderAdvice();
}

QString PlanView::runOutText() const
{
    return m_runOut->text();
}

QString PlanView::wasteText() const
{
    return m_waste->text();
}

QString PlanView::packText() const
{
    return m_adviceText->text();
}

void PlanView::setSentence(QLabel *label, const QString &text, ThemePalette::Tone tone)
{
    label->setText(text);
    label->setAccessibleName(text);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, tone == ThemePalette::Tone::Normal
                                         ? palette().color(QPalette::WindowText)
                                         : ThemePalette::color(palette(), tone));
    label->setPalette(p);
}

void PlanView::renderEmpty()
{
    m_forecast = BurnForecast::Result();
    m_advice.reset();
    m_data = BalanceChart::Data();
    m_chart->setData(m_data);
    setSentence(m_runOut, tr("Sign in or open a scenario file to plan ahead."),
                ThemePalette::Tone::Muted);
    m_waste->clear();
    m_adviceText->clear();
    m_canDo->clear();
    m_buy->setVisible(false);
}

void PlanView::recompute()
{
    m_dirty = false;
    if (!m_account || m_account->history().eventCount() == 0) {
        renderEmpty();
        return;
    }
    const AccountHistory &h = m_account->history();
    m_times = std::make_unique<TimeFormat>(h.zone());
    m_amounts = std::make_unique<AmountFormat>(m_account->unit);
    m_chart->setFormats(*m_times, *m_amounts);
    m_now = m_clock.now();
    const auto engine = engineAt(h, m_now);

    TimePoint first = Never;
    for (qint64 i = 0; i < h.eventCount(); ++i)
        first = std::min(first, h.event(i).at);
    m_forecast = BurnForecast::forecast(*engine, first);

    m_data = BalanceChart::Data();
    m_data.series = std::make_shared<BalanceSeries>(BalanceSeries::fromEngine(*engine));
    m_data.engine = engine;
    m_data.forecast = m_forecast;
    // This cycle: since the last plan refresh (or the first activity).
    m_data.cycleStart = first;
    const auto &ledger = engine->ledger();
    for (std::size_t i = ledger.size(); i-- > 0;)
        if (ledger[i].type == EntryType::Refresh && ledger[i].bucket == BucketKind::Plan) {
            m_data.cycleStart = ledger[i].at;
            break;
        }

    const PlanWording words(*m_times, *m_amounts);
    const PlanWording::Sentence runOut = words.runOut(m_forecast);
    setSentence(m_runOut, runOut.text, runOut.tone);
    const PlanWording::Sentence waste = words.waste(WasteForecast::forecast(h, m_now));
    setSentence(m_waste, waste.text, waste.tone);

    m_whatIf->setPolicy(h.policy(), m_account->unit);
    if (m_whatIf->isActive())
        runWhatIf(m_whatIf->request()); // redraws the chart with the what-if
    else
        m_chart->setData(m_data);
    renderAdvice();
}

void PlanView::runWhatIf(const WhatIf::Request &request)
{
    if (!m_account || m_dirty)
        return;
    const AccountHistory &h = m_account->history();
    const PlanWording words(*m_times, *m_amounts);
    WhatIf::Result result = WhatIf::run(h, m_now, request);
    if (const auto *rejected = std::get_if<WhatIf::Rejected>(&result)) {
        m_whatIf->showProblem(rejected->field, words.problem(*rejected, m_account->unit));
        m_data.whatIf.reset();
        m_canDo->clear();
        m_chart->setData(m_data);
        return;
    }
    auto &answer = std::get<WhatIf::Answer>(result);
    const CreditEngine &end = answer.history->engine();
    const PlanWording::Sentence s =
        words.whatIf(answer, request, h.policy(), end.balance().available);
    m_whatIf->setResult(s.text, s.tone == ThemePalette::Tone::Normal
                                    ? palette().color(QPalette::WindowText)
                                    : ThemePalette::color(palette(), s.tone));
    m_data.whatIf = std::make_shared<BalanceSeries>(BalanceSeries::fromEngine(end));
    m_data.whatIfUntil = answer.until;
    m_chart->setData(m_data);

    // What the balance would still pay for then.
    const DashboardAnswers then = DashboardAnswers::compute(*answer.history, answer.until - 1);
    QStringList can;
    for (const auto &c : then.capacities) {
        if (!c.count || *c.count == 0 || c.limitReached)
            continue;
        can << Wording::capacity(h.policy().features[c.feature], *c.count, *m_amounts);
        if (can.size() == 4)
            break;
    }
    m_canDo->setText(can.isEmpty() ? tr("By the end (%1) nothing is left to spend.")
                                         .arg(m_times->absolute(answer.until - 1, m_now))
                                   : tr("By the end (%1) you could still do: %2")
                                         .arg(m_times->absolute(answer.until - 1, m_now),
                                              can.join(QStringLiteral(" · "))));
}

void PlanView::renderAdvice()
{
    if (!m_account || m_forecast.at == NoTime) {
        m_adviceText->clear();
        m_buy->setVisible(false);
        return;
    }
    const Policy &policy = m_account->history().policy();
    const TimePoint refresh = m_forecast.baseline.nextRefreshAt;
    m_toRefresh->setEnabled(refresh != NoTime);
    const bool toRefresh = m_toRefresh->isChecked() && refresh != NoTime;
    const TimePoint until = toRefresh ? refresh : m_now + qint64(m_days->value()) * SecondsPerDay;
    PackAdvice::Offer offer;
    offer.packs = policy.packs;
    offer.customAmount = m_account->customAmount;
    offer.maxAmount = m_account->maxAmount;
    // An active what-if the engine can run is the future the advice is for; else the pace.
    const AccountHistory &h = m_account->history();
    const bool whatIf = m_whatIf->isActive() && !WhatIf::check(h, m_now, m_whatIf->request());
    const Credits need = whatIf ? PackAdvice::needWithWhatIf(h, m_now, until, m_whatIf->request())
                                : PackAdvice::needAtPace(h, m_now, until);
    m_advice = PackAdvice::advise(offer, need, until);
    m_advice->basis = whatIf ? PackAdvice::Basis::WhatIf : PackAdvice::Basis::Pace;
    const PlanWording words(*m_times, *m_amounts);
    const PlanWording::Sentence s = words.packAdvice(*m_advice, policy, toRefresh, m_now);
    setSentence(m_adviceText, s.text, s.tone);
    const QString button = words.packButton(*m_advice, policy);
    m_buy->setText(button);
    m_buy->setAccessibleName(button);
    m_buy->setVisible(!button.isEmpty() && m_account->source == SyncedAccount::Source::Server);
}

} // namespace creditdesk
