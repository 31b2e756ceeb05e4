#pragma once

#include "AmountFormat.h"
#include "BalanceSeries.h"
#include "BurnForecast.h"
#include "TimeFormat.h"

#include <QChartView>

#include <memory>
#include <optional>

class QCategoryAxis;
class QLineSeries;
class QValueAxis;

namespace creditdesk {

class CreditEngine;

// The projection chart: the balance as steps from the ledger (downsampled to the view's pixel
// columns, exact on hover), a dashed line from the available balance to the baseline's run-out,
// a band over the likely run-out range, dashed markers at each coming refresh, lot expiry and
// usage-window reset, a "now" line, and the what-if's future when one is shown. Ranges: 24 h,
// 7 d, 30 d (each with half as much future), this cycle (to the next refresh), all. Hovering
// shows the exact balance and what happened at the step under the pointer; clicking a step (or
// Enter on the step picked with ←/→) emits its ledger entries. Times are the account's.
class BalanceChart : public QChartView
{
    Q_OBJECT
public:
    enum class Range { Day, Week, Month, Cycle, All };

    struct Data
    {
        std::shared_ptr<const BalanceSeries> series;
        std::shared_ptr<const CreditEngine> engine; // the series' engine, for "what happened"
        BurnForecast::Result forecast;
        TimePoint cycleStart = NoTime; // the last plan refresh (or the first activity)
        std::shared_ptr<const BalanceSeries> whatIf; // history + hypothetical tasks, or null
        TimePoint whatIfUntil = NoTime;
    };

    explicit BalanceChart(QWidget *parent = nullptr);
    ~BalanceChart() override;

    void setFormats(const TimeFormat &times, const AmountFormat &amounts);
    void setData(Data chartData);
    void setRange(Range range);
    Range range() const { return m_range; }
    // The span the chart shows now: [first, second].
    std::pair<TimePoint, TimePoint> span() const { return {m_from, m_to}; }
    // The drawn balance line's corners (for tests): value at each x, as the chart has them.
    QList<QPointF> balancePoints() const;
    // What the tooltip says for a pointer at `t` (empty: nothing there).
    QString describe(TimePoint t, qint64 tolerance) const;
    // The step the keyboard cursor is on (-1: none).
    qint64 cursorStep() const { return m_cursor; }
    // Re-colours from the widget's palette (light or dark) and redraws.
    void applyPalette();

signals:
    // Ledger entries [firstEntry, endEntry) of the step the member clicked.
    void stepActivated(qulonglong firstEntry, qulonglong endEntry);

protected:
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void leaveEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    void rebuild();
    void computeSpan();
    void buildTimeAxis();
    QLineSeries *addLine(const QString &name, const QColor &color, Qt::PenStyle style, qreal width,
                         bool inLegend);
    TimePoint timeAt(const QPointF &position) const;
    qint64 secondsPerPixel() const;
    void moveCursor(int delta);

    Data m_data;
    TimeFormat m_times;
    AmountFormat m_amounts;
    Range m_range = Range::Month;
    TimePoint m_from = 0;
    TimePoint m_to = 0;
    qint64 m_cursor = -1;
    QCategoryAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    QLineSeries *m_balance = nullptr;
    bool m_building = false;
};

} // namespace creditdesk
