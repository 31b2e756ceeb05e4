#pragma once

#include "WhatIf.h"

#include <QWidget>

#include <array>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace creditdesk {

struct Policy;

// The what-if form: a feature from the preset, quantity, models, tier, tokens, tasks per day
// and how many days (or to the next refresh). "Show" emits the request; the plan view runs it
// and answers with a sentence, or with a problem shown next to the field it names. Fields the
// chosen feature does not price by are disabled, but never hidden, so the form does not jump.
class WhatIfPanel : public QWidget
{
    Q_OBJECT
public:
    explicit WhatIfPanel(QWidget *parent = nullptr);

    void setPolicy(const Policy &policy, const QString &unit);
    WhatIf::Request request() const;
    void setRequest(const WhatIf::Request &request);
    // The problem beside its field (empty text clears every field's problem).
    void showProblem(WhatIf::Field field, const QString &text);
    void clearProblems();
    QString problemText(WhatIf::Field field) const;
    // The answer under the form.
    void setResult(const QString &text, const QColor &color);
    QString resultText() const;
    bool isActive() const { return m_active; }

signals:
    void requested(const creditdesk::WhatIf::Request &request);
    void cleared();

private:
    void featureChanged();
    QLabel *problemLabel(const QString &name);

    QComboBox *m_feature;
    QSpinBox *m_quantity;
    QSpinBox *m_models;
    QComboBox *m_tier;
    QSpinBox *m_tokens;
    QSpinBox *m_perDay;
    QSpinBox *m_days;
    QPushButton *m_show;
    QPushButton *m_clear;
    QLabel *m_result;
    std::array<QLabel *, 7> m_problems{};
    const Policy *m_policy = nullptr;
    bool m_active = false;
};

} // namespace creditdesk
