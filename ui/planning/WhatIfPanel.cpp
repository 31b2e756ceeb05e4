#include "WhatIfPanel.h"

#include "Policy.h"
#include "ThemePalette.h"
#include "Wording.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace creditdesk {

WhatIfPanel::WhatIfPanel(QWidget *parent)
    : QWidget(parent)
    , m_feature(new QComboBox(this))
    , m_quantity(new QSpinBox(this))
    , m_models(new QSpinBox(this))
    , m_tier(new QComboBox(this))
    , m_tokens(new QSpinBox(this))
    , m_perDay(new QSpinBox(this))
    , m_days(new QSpinBox(this))
    , m_show(new QPushButton(tr("&Show what-if"), this))
    , m_clear(new QPushButton(tr("C&lear"), this))
    , m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("whatIfPanel"));
    setAccessibleName(tr("What if"));
    const std::pair<QWidget *, QString> names[] = {{m_feature, QStringLiteral("whatIfFeature")},
                                                   {m_quantity, QStringLiteral("whatIfQuantity")},
                                                   {m_models, QStringLiteral("whatIfModels")},
                                                   {m_tier, QStringLiteral("whatIfTier")},
                                                   {m_tokens, QStringLiteral("whatIfTokens")},
                                                   {m_perDay, QStringLiteral("whatIfPerDay")},
                                                   {m_days, QStringLiteral("whatIfDays")}};
    for (const auto &[w, name] : names)
        w->setObjectName(name);
    m_show->setObjectName(QStringLiteral("whatIfShow"));
    m_clear->setObjectName(QStringLiteral("whatIfClear"));
    m_result->setObjectName(QStringLiteral("whatIfResult"));

    m_quantity->setRange(0, 100000);
    m_quantity->setValue(1);
    m_models->setRange(0, 99);
    m_models->setValue(1);
    m_tokens->setRange(0, 100000000);
    m_tokens->setSingleStep(1000);
    m_tokens->setSpecialValueText(tr("not given"));
    m_tokens->setGroupSeparatorShown(true);
    m_perDay->setRange(0, 5000);
    m_perDay->setValue(5);
    m_days->setRange(0, 999);
    m_days->setSpecialValueText(tr("to the next refresh"));
    m_days->setSuffix(tr(" days"));

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(6);
    grid->setColumnStretch(2, 1);
    const std::pair<QString, QWidget *> rows[] = {{tr("&Feature"), m_feature},
                                                  {tr("&Quantity"), m_quantity},
                                                  {tr("&Models"), m_models},
                                                  {tr("T&ier"), m_tier},
                                                  {tr("T&okens per task"), m_tokens},
                                                  {tr("Tasks per &day"), m_perDay},
                                                  {tr("For"), m_days}};
    int row = 0;
    for (const auto &[label, field] : rows) {
        auto *l = new QLabel(label, this);
        l->setBuddy(field);
        field->setAccessibleName(QString(label).remove(u'&'));
        field->setMinimumWidth(160);
        grid->addWidget(l, row, 0);
        grid->addWidget(field, row, 1);
        m_problems[std::size_t(row)] =
            problemLabel(field->objectName() + QStringLiteral("Problem"));
        grid->addWidget(m_problems[std::size_t(row)], row, 2);
        ++row;
    }
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_show);
    buttons->addWidget(m_clear);
    buttons->addStretch(1);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setAccessibleName(tr("What-if answer"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addLayout(grid);
    layout->addLayout(buttons);
    layout->addWidget(m_result);
    m_clear->setEnabled(false);

    connect(m_feature, &QComboBox::currentIndexChanged, this, &WhatIfPanel::featureChanged);
    connect(m_show, &QPushButton::clicked, this, [this] {
        clearProblems();
        m_active = true;
        m_clear->setEnabled(true);
        emit requested(request());
    });
    connect(m_clear, &QPushButton::clicked, this, [this] {
        clearProblems();
        m_active = false;
        m_result->clear();
        m_clear->setEnabled(false);
        emit cleared();
    });
}

QLabel *WhatIfPanel::problemLabel(const QString &name)
{
    auto *l = new QLabel(this);
    l->setObjectName(name);
    l->setWordWrap(true);
    l->setVisible(false);
    return l;
}

void WhatIfPanel::setPolicy(const Policy &policy, const QString &unit)
{
    Q_UNUSED(unit);
    const bool same = m_policy == &policy;
    m_policy = &policy;
    if (same && m_feature->count() == policy.features.size())
        return;
    const QSignalBlocker block(m_feature);
    m_feature->clear();
    for (const FeatureRule &f : policy.features)
        m_feature->addItem(Wording::featureName(f.name), f.name);
    m_tier->clear();
    m_tier->addItem(tr("—"), QString());
    for (const PriceTier &t : policy.tiers)
        m_tier->addItem(Wording::featureName(t.name), t.name);
    featureChanged();
}

void WhatIfPanel::featureChanged()
{
    if (!m_policy)
        return;
    const int i = m_policy->featureIndex(m_feature->currentData().toString());
    const FeatureRule *f = i >= 0 ? &m_policy->features[i] : nullptr;
    const bool tokens = f && f->pricing == FeatureRule::Pricing::PerThousandTokens;
    m_models->setEnabled(f && f->pricing == FeatureRule::Pricing::PerModel);
    m_tier->setEnabled(f && f->pricing == FeatureRule::Pricing::TierOfRequest);
    m_tokens->setEnabled(tokens);
    m_quantity->setEnabled(!tokens);
    if (tokens && m_tokens->value() == 0)
        m_tokens->setValue(int(m_policy->defaultTokens));
    clearProblems();
}

WhatIf::Request WhatIfPanel::request() const
{
    WhatIf::Request r;
    r.feature = m_feature->currentData().toString();
    r.quantityMilli = m_quantity->isEnabled() ? qint64(m_quantity->value()) * 1000 : 1000;
    r.models = m_models->isEnabled() ? m_models->value() : 1;
    r.tier = m_tier->isEnabled() ? m_tier->currentData().toString() : QString();
    r.tokens = m_tokens->value() > 0 ? m_tokens->value() : -1;
    r.perDay = m_perDay->value();
    r.days = m_days->value();
    return r;
}

void WhatIfPanel::setRequest(const WhatIf::Request &r)
{
    const int f = m_feature->findData(r.feature);
    if (f >= 0)
        m_feature->setCurrentIndex(f);
    m_quantity->setValue(int(r.quantityMilli / 1000));
    m_models->setValue(r.models);
    const int t = m_tier->findData(r.tier);
    m_tier->setCurrentIndex(t >= 0 ? t : 0);
    m_tokens->setValue(r.tokens > 0 ? int(r.tokens) : 0);
    m_perDay->setValue(r.perDay);
    m_days->setValue(r.days);
}

void WhatIfPanel::showProblem(WhatIf::Field field, const QString &text)
{
    QLabel *l = m_problems[std::size_t(field)];
    l->setText(text);
    l->setAccessibleName(text);
    QPalette p = l->palette();
    p.setColor(QPalette::WindowText, ThemePalette::color(palette(), ThemePalette::Tone::Critical));
    l->setPalette(p);
    l->setVisible(!text.isEmpty());
    m_result->clear();
}

void WhatIfPanel::clearProblems()
{
    for (QLabel *l : m_problems) {
        l->clear();
        l->setVisible(false);
    }
}

QString WhatIfPanel::problemText(WhatIf::Field field) const
{
    return m_problems[std::size_t(field)]->text();
}

void WhatIfPanel::setResult(const QString &text, const QColor &color)
{
    m_result->setText(text);
    m_result->setAccessibleName(text);
    QPalette p = m_result->palette();
    p.setColor(QPalette::WindowText, color);
    m_result->setPalette(p);
}

QString WhatIfPanel::resultText() const
{
    return m_result->text();
}

} // namespace creditdesk
