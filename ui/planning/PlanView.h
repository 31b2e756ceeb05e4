#pragma once

#include "BalanceChart.h"
#include "BurnForecast.h"
#include "Credits.h"
#include "PackAdvice.h"
#include "ThemePalette.h"
#include "WasteForecast.h"
#include "WhatIf.h"

#include <QWidget>

#include <memory>
#include <optional>

class QButtonGroup;
class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace creditdesk {

class AmountFormat;
class Clock;
class SyncedAccount;
class TimeFormat;
class WhatIfPanel;

// "Plan ahead": the projection chart (BalanceChart) over a chosen range, the run-out sentence
// with its likely range, the waste sentence, the what-if panel (its answer redraws the chart
// and the sentence; nothing is sent anywhere) and pack advice with one button that asks to buy
// it (the app opens the packs screen's purchase confirmation). Every figure is an answer of
// core/planning at the view clock's now; this view only words and draws them. It recomputes
// when the account changes or the view time moves, and only while it is shown.
class PlanView : public QWidget
{
    Q_OBJECT
public:
    explicit PlanView(const Clock &viewClock, QWidget *parent = nullptr);
    ~PlanView() override;

    // Not owned; nullptr shows the empty state.
    void setAccount(SyncedAccount *account);
    BalanceChart *chart() const { return m_chart; }
    WhatIfPanel *whatIfPanel() const { return m_whatIf; }
    const BurnForecast::Result &forecast() const { return m_forecast; }
    const std::optional<PackAdvice::Answer> &packAdvice() const { return m_advice; }
    QString runOutText() const;
    QString wasteText() const;
    QString packText() const;
    // Pack advice through `days` days from now (0: to the next refresh).
    void setAdviceDays(int days);
    void setRange(BalanceChart::Range range);

signals:
    // The member clicked a step of the chart: its ledger entries [first, end).
    void entriesRequested(qulonglong firstEntry, qulonglong endEntry);
    // Buy the advised pack (by name), or the advised amount (pack empty).
    void buyRequested(const QString &pack, creditdesk::Credits amount);

public slots:
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void recompute();
    void renderEmpty();
    void runWhatIf(const WhatIf::Request &request);
    void renderAdvice();
    void setSentence(QLabel *label, const QString &text, ThemePalette::Tone tone);

    const Clock &m_clock;
    SyncedAccount *m_account = nullptr;
    bool m_dirty = true;
    std::unique_ptr<TimeFormat> m_times;
    std::unique_ptr<AmountFormat> m_amounts;
    BurnForecast::Result m_forecast;
    std::optional<PackAdvice::Answer> m_advice;
    BalanceChart::Data m_data;
    TimePoint m_now = NoTime;
    QLabel *m_title;
    QButtonGroup *m_ranges;
    BalanceChart *m_chart;
    QLabel *m_runOut;
    QLabel *m_waste;
    WhatIfPanel *m_whatIf;
    QLabel *m_canDo;
    QRadioButton *m_toRefresh;
    QRadioButton *m_forDays;
    QSpinBox *m_days;
    QLabel *m_adviceText;
    QPushButton *m_buy;
};

} // namespace creditdesk
