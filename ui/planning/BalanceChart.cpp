#include "BalanceChart.h"

#include "CreditEngine.h"
#include "PlanWording.h"
#include "ThemePalette.h"
#include "Wording.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QKeyEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace creditdesk {

namespace {

qreal units(Credits c)
{
    // Drawing only: a pixel position, never an amount anyone reads.
    return qreal(c.milli()) / qreal(Credits::Scale);
}

// A "nice" step (1, 2, 2.5 or 5 × 10^k) giving about `ticks` intervals over `span`.
qreal niceStep(qreal span, int ticks)
{
    if (span <= 0)
        return 1;
    const qreal raw = span / ticks;
    const qreal magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const qreal m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * magnitude >= raw)
            return std::max<qreal>(1, m * magnitude);
    return std::max<qreal>(1, 10 * magnitude);
}

// Where a line from (x0, y0) falling to 0 at x1 stands at x (x0 <= x <= x1).
qreal along(qreal x0, qreal y0, qreal x1, qreal x)
{
    if (x1 <= x0)
        return 0;
    return y0 * (x1 - x) / (x1 - x0);
}

} // namespace

BalanceChart::BalanceChart(QWidget *parent)
    : QChartView(new QChart, parent)
    , m_timeAxis(new QCategoryAxis)
    , m_valueAxis(new QValueAxis)
{
    setObjectName(QStringLiteral("balanceChart"));
    setAccessibleName(tr("Balance over time"));
    setAccessibleDescription(tr("Hover for the exact balance; ←/→ pick a step, Enter shows its "
                                "entries in the token log."));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(300);
    QChart *c = chart();
    // Room on the right for half a date label: a tick at the range's end is centred on it.
    c->setMargins(QMargins(8, 8, 28, 8));
    c->setBackgroundRoundness(0);
    c->legend()->setAlignment(Qt::AlignBottom);
    c->addAxis(m_timeAxis, Qt::AlignBottom);
    c->addAxis(m_valueAxis, Qt::AlignLeft);
    m_timeAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    // Numbers in the member's locale, thousands grouped ("12,500", "12.500"): Qt Charts formats
    // "%.0f" labels through the chart's locale when asked to localize.
    c->setLocalizeNumbers(true);
    c->setLocale(QLocale());
    m_valueAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_valueAxis->setTickCount(6);
}

BalanceChart::~BalanceChart() = default;

void BalanceChart::setFormats(const TimeFormat &times, const AmountFormat &amounts)
{
    m_times = times;
    m_amounts = amounts;
}

void BalanceChart::setData(Data chartData)
{
    m_data = std::move(chartData);
    m_cursor = -1;
    rebuild();
}

void BalanceChart::setRange(Range range)
{
    m_range = range;
    m_cursor = -1;
    rebuild();
}

QList<QPointF> BalanceChart::balancePoints() const
{
    return m_balance ? m_balance->points() : QList<QPointF>();
}

void BalanceChart::computeSpan()
{
    const TimePoint now = m_data.series ? m_data.series->now() : 0;
    const TimePoint first = m_data.series ? m_data.series->firstAt() : now;
    const TimePoint refresh = m_data.forecast.baseline.nextRefreshAt;
    switch (m_range) {
    case Range::Day:
        m_from = now - SecondsPerDay;
        m_to = now + SecondsPerDay / 2;
        break;
    case Range::Week:
        m_from = now - 7 * SecondsPerDay;
        m_to = now + 7 * SecondsPerDay / 2;
        break;
    case Range::Month:
        m_from = now - 30 * SecondsPerDay;
        m_to = now + 15 * SecondsPerDay;
        break;
    case Range::Cycle:
        m_from = m_data.cycleStart != NoTime ? m_data.cycleStart : first;
        m_to = refresh != NoTime ? refresh + (refresh - m_from) / 20
                                 : now + std::max<qint64>(SecondsPerDay, (now - m_from) / 3);
        break;
    case Range::All:
        m_from = first;
        m_to = now + std::max<qint64>(SecondsPerDay, (now - first) / 4);
        break;
    }
    if (m_to <= m_from)
        m_to = m_from + SecondsPerDay;
}

qint64 BalanceChart::secondsPerPixel() const
{
    const qreal width = std::max<qreal>(1, chart()->plotArea().width());
    return std::max<qint64>(1, qint64(qreal(m_to - m_from) / width));
}

QLineSeries *BalanceChart::addLine(const QString &name, const QColor &color, Qt::PenStyle style,
                                   qreal width, bool inLegend)
{
    auto *line = new QLineSeries;
    line->setName(name);
    QPen pen(color, width, style);
    pen.setCapStyle(Qt::FlatCap);
    line->setPen(pen);
    chart()->addSeries(line);
    line->attachAxis(m_timeAxis);
    line->attachAxis(m_valueAxis);
    if (!inLegend)
        for (QLegendMarker *m : chart()->legend()->markers(line))
            m->setVisible(false);
    return line;
}

void BalanceChart::buildTimeAxis()
{
    for (const QString &label : m_timeAxis->categoriesLabels())
        m_timeAxis->remove(label);
    m_timeAxis->setStartValue(qreal(m_from));
    m_timeAxis->setRange(qreal(m_from), qreal(m_to));
    const qint64 span = m_to - m_from;
    static constexpr qint64 Hour = 3600;
    const qint64 steps[] = {Hour,
                            2 * Hour,
                            3 * Hour,
                            6 * Hour,
                            12 * Hour,
                            SecondsPerDay,
                            2 * SecondsPerDay,
                            5 * SecondsPerDay,
                            7 * SecondsPerDay,
                            14 * SecondsPerDay,
                            30 * SecondsPerDay,
                            91 * SecondsPerDay,
                            182 * SecondsPerDay,
                            365 * SecondsPerDay};
    const qreal width = std::max<qreal>(200, chart()->plotArea().width());
    const int maxTicks = std::clamp(int(width / 90), 3, 12);
    qint64 step = steps[std::size(steps) - 1];
    for (qint64 s : steps)
        if (span / s <= maxTicks) {
            step = s;
            break;
        }
    const AccountZone &zone = m_times.zone();
    const QLocale &locale = m_amounts.locale();
    QStringList used;
    const auto add = [&](TimePoint t, QString label) {
        if (t < m_from || t > m_to)
            return;
        while (used.contains(label))
            label += QChar(0x200B); // labels must differ; the same hour on two days may not
        used << label;
        m_timeAxis->append(label, qreal(t));
    };
    if (step < SecondsPerDay) {
        const QDate firstDay = zone.localDate(m_from);
        for (QDate d = firstDay; zone.startOfDay(d) <= m_to; d = d.addDays(1))
            for (qint64 s = 0; s < SecondsPerDay; s += step) {
                const TimePoint t = zone.fromLocal(d, int(s));
                add(t, s == 0
                           ? locale.toString(d, QStringLiteral("ddd d"))
                           : locale.toString(QTime(0, 0).addSecs(int(s)), QStringLiteral("HH:mm")));
            }
    } else {
        const qint64 days = step / SecondsPerDay;
        QDate d = zone.localDate(m_from);
        if (days == 7 || days == 14)
            d = d.addDays(-(d.dayOfWeek() - 1)); // Mondays
        else if (days >= 30)
            d = QDate(d.year(), d.month(), 1);
        for (; zone.startOfDay(d) <= m_to;
             d = days >= 30 ? d.addMonths(int(days / 30)) : d.addDays(days))
            add(zone.startOfDay(d), locale.toString(d, days >= 30 ? QStringLiteral("MMM yyyy")
                                                                  : QStringLiteral("d MMM")));
    }
}

void BalanceChart::rebuild()
{
    if (m_building)
        return;
    m_building = true;
    QChart *c = chart();
    c->removeAllSeries();
    m_balance = nullptr;
    computeSpan();
    const QPalette &pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor accent = pal.color(QPalette::Highlight);
    const QColor muted = ThemePalette::color(pal, ThemePalette::Tone::Muted);
    c->setBackgroundBrush(pal.color(QPalette::Base));
    c->setBackgroundPen(Qt::NoPen);
    c->legend()->setLabelColor(text);
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_valueAxis)}) {
        axis->setLabelsColor(text);
        QColor grid = pal.color(QPalette::Mid);
        grid.setAlpha(110);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(pal.color(QPalette::Mid));
    }
    if (!m_data.series) {
        m_building = false;
        return;
    }
    const BalanceSeries &series = *m_data.series;
    const TimePoint now = series.now();
    const int columns = std::max(50, int(c->plotArea().width() > 0 ? c->plotArea().width() : 800));

    // The balance, as steps.
    const TimePoint pastEnd = std::min(m_to, now);
    QList<QPointF> corners;
    Credits low, high;
    if (pastEnd >= m_from) {
        const auto points = series.downsample(m_from, pastEnd, columns);
        corners.reserve(qsizetype(points.size() * 2));
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (i > 0)
                corners.append(QPointF(qreal(points[i].at), units(points[i - 1].balance)));
            corners.append(QPointF(qreal(points[i].at), units(points[i].balance)));
        }
        std::tie(low, high) = series.range(m_from, pastEnd);
    }
    const Credits available = m_data.forecast.available;
    high = max(high, available);
    low = min(low, Credits());

    // The what-if's future.
    QList<QPointF> whatIf;
    if (m_data.whatIf && now < m_to) {
        const TimePoint end = std::min(m_to, m_data.whatIfUntil);
        const auto points = m_data.whatIf->downsample(now, end, columns);
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (i > 0)
                whatIf.append(QPointF(qreal(points[i].at), units(points[i - 1].balance)));
            whatIf.append(QPointF(qreal(points[i].at), units(points[i].balance)));
            high = max(high, points[i].balance);
            low = min(low, points[i].balance);
        }
    }

    const qreal top = units(high) <= 0 ? 10 : units(high) * 1.08;
    const qreal bottom = units(low);
    const qreal step = niceStep(top - bottom, 5);
    m_valueAxis->setRange(std::floor(bottom / step) * step, std::ceil(top / step) * step);
    m_valueAxis->setTickCount(
        int(std::round((std::ceil(top / step) * step - std::floor(bottom / step) * step) / step)) +
        1);
    buildTimeAxis();
    const qreal yLow = m_valueAxis->min();
    const qreal yHigh = m_valueAxis->max();

    // The likely run-out range, as a band under the lines.
    const BurnForecast::Result &f = m_data.forecast;
    const auto *range = std::get_if<BurnForecast::Range>(&f.spread);
    const qreal x0 = qreal(now);
    const qreal a0 = units(available);
    const auto fallTo = [&](TimePoint end) {
        // (now, available) falling to 0 at `end`, cut at the right edge.
        QList<QPointF> line{QPointF(x0, a0)};
        if (end == Never || end == NoTime)
            line.append(QPointF(qreal(m_to), a0));
        else if (end > m_to)
            line.append(QPointF(qreal(m_to), along(x0, a0, qreal(end), qreal(m_to))));
        else
            line.append({QPointF(qreal(end), 0), QPointF(qreal(m_to), 0)});
        return line;
    };
    if (range && available.isPositive() && now < m_to) {
        auto *upper = new QLineSeries;
        auto *lower = new QLineSeries;
        upper->append(fallTo(range->latest));
        lower->append(fallTo(range->earliest));
        auto *band = new QAreaSeries(upper, lower);
        upper->setParent(band);
        lower->setParent(band);
        band->setName(tr("Likely run-out"));
        QColor fill = accent;
        fill.setAlpha(ThemePalette::isDark(pal) ? 70 : 45);
        band->setBrush(fill);
        QColor edge = accent;
        edge.setAlpha(90);
        band->setPen(QPen(edge, 1));
        c->addSeries(band);
        band->attachAxis(m_timeAxis);
        band->attachAxis(m_valueAxis);
    }

    m_balance = addLine(tr("Balance"), accent, Qt::SolidLine, 2.2, true);
    m_balance->replace(corners);
    if (f.baseline.runsOutAt != NoTime && available.isPositive() && now < m_to) {
        QLineSeries *baseline = addLine(tr("At your 7-day pace"), text, Qt::DashLine, 1.5, true);
        baseline->append(fallTo(f.baseline.runsOutAt));
    }
    if (!whatIf.isEmpty()) {
        QLineSeries *line =
            addLine(tr("What-if"), ThemePalette::color(pal, ThemePalette::Tone::Critical),
                    Qt::SolidLine, 2, true);
        line->replace(whatIf);
    }

    // Markers: refreshes, expiries and window resets to come; and now.
    bool shown[3] = {false, false, false};
    for (const BalanceMarker &m : series.markers()) {
        if (m.at < m_from || m.at > m_to)
            continue;
        const int kind = int(m.kind);
        const QColor color = m.kind == BalanceMarker::Kind::Refresh
                                 ? ThemePalette::color(pal, ThemePalette::Tone::Good)
                             : m.kind == BalanceMarker::Kind::Expiry
                                 ? ThemePalette::color(pal, ThemePalette::Tone::Warning)
                                 : muted;
        const QString name = m.kind == BalanceMarker::Kind::Refresh  ? tr("Refresh")
                             : m.kind == BalanceMarker::Kind::Expiry ? tr("Expiry")
                                                                     : tr("Usage window resets");
        QLineSeries *line = addLine(
            name, color, m.kind == BalanceMarker::Kind::WindowReset ? Qt::DotLine : Qt::DashLine,
            1.6, !shown[kind]);
        shown[kind] = true;
        line->append({QPointF(qreal(m.at), yLow), QPointF(qreal(m.at), yHigh)});
    }
    if (now >= m_from && now <= m_to) {
        QLineSeries *nowLine = addLine(tr("Now"), muted, Qt::SolidLine, 1, false);
        nowLine->append({QPointF(x0, yLow), QPointF(x0, yHigh)});
    }
    m_building = false;
}

TimePoint BalanceChart::timeAt(const QPointF &position) const
{
    return TimePoint(std::llround(chart()->mapToValue(position).x()));
}

QString BalanceChart::describe(TimePoint t, qint64 tolerance) const
{
    if (!m_data.series)
        return {};
    const BalanceSeries &series = *m_data.series;
    const TimePoint now = series.now();
    const PlanWording words(m_times, m_amounts);
    for (const BalanceMarker &m : series.markers()) {
        if (std::abs(m.at - t) > tolerance)
            continue;
        QString what;
        switch (m.kind) {
        case BalanceMarker::Kind::Refresh:
            what =
                tr("Refresh of %1").arg(Wording::bucketKind(m.bucket, m_amounts.unit()).toLower());
            break;
        case BalanceMarker::Kind::Expiry:
            what = tr("%1 %2 %3 expire")
                       .arg(m_amounts.number(m.amount), Wording::bucketAdjective(m.bucket),
                            m_amounts.unit());
            break;
        case BalanceMarker::Kind::WindowReset:
            what = tr("The %1 usage window resets (used %2 of %3)")
                       .arg(m.window, m_amounts.number(m.used), m_amounts.number(m.amount));
            break;
        }
        return tr("<b>%1</b><br>%2").arg(m_times.absolute(m.at, now), what.toHtmlEscaped());
    }
    if (m_data.whatIf && t > now && t <= m_data.whatIfUntil) {
        const BalanceSeries &w = *m_data.whatIf;
        return tr("<b>%1</b><br>What-if balance: %2")
            .arg(m_times.absolute(t, now), m_amounts.withUnit(w.balanceAt(t)));
    }
    if (t > now)
        return {};
    const qint64 i = series.nearestStep(t, tolerance);
    if (i < 0)
        return tr("<b>%1</b><br>Balance: %2")
            .arg(m_times.absolute(t, now), m_amounts.withUnit(series.balanceAt(t)));
    const BalanceStep &s = series.steps()[std::size_t(i)];
    QString what = m_data.engine ? words.stepDescription(*m_data.engine, s) : QString();
    return tr("<b>%1</b><br>Balance: %2<br>%3")
        .arg(m_times.absolute(s.at, now), m_amounts.withUnit(s.balance), what.toHtmlEscaped());
}

void BalanceChart::mouseMoveEvent(QMouseEvent *event)
{
    QChartView::mouseMoveEvent(event);
    if (!chart()->plotArea().contains(event->position())) {
        QToolTip::hideText();
        return;
    }
    const QString text = describe(timeAt(event->position()), 6 * secondsPerPixel());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

void BalanceChart::mousePressEvent(QMouseEvent *event)
{
    QChartView::mousePressEvent(event);
    if (event->button() != Qt::LeftButton || !m_data.series)
        return;
    const TimePoint t = timeAt(event->position());
    if (t > m_data.series->now())
        return;
    const qint64 i = m_data.series->nearestStep(t, 6 * secondsPerPixel());
    if (i < 0)
        return;
    m_cursor = i;
    const BalanceStep &s = m_data.series->steps()[std::size_t(i)];
    emit stepActivated(s.firstEntry, s.endEntry);
}

void BalanceChart::moveCursor(int delta)
{
    if (!m_data.series || m_data.series->steps().empty())
        return;
    const auto &steps = m_data.series->steps();
    const qint64 first = std::max<qint64>(0, m_data.series->stepIndexAt(m_from) + 1);
    const qint64 last = m_data.series->stepIndexAt(std::min(m_to, m_data.series->now()));
    if (last < first)
        return;
    m_cursor = m_cursor < first || m_cursor > last ? (delta < 0 ? last : first)
                                                   : std::clamp(m_cursor + delta, first, last);
    const BalanceStep &s = steps[std::size_t(m_cursor)];
    const QPointF at = chart()->mapToPosition(QPointF(qreal(s.at), units(s.balance)));
    QToolTip::showText(mapToGlobal(at.toPoint()), describe(s.at, 0), this);
}

void BalanceChart::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Left:
        moveCursor(-1);
        return;
    case Qt::Key_Right:
        moveCursor(1);
        return;
    case Qt::Key_Home:
        m_cursor = -1;
        moveCursor(1);
        return;
    case Qt::Key_End:
        m_cursor = -1;
        moveCursor(-1);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_data.series && m_cursor >= 0 && m_cursor < qint64(m_data.series->steps().size())) {
            const BalanceStep &s = m_data.series->steps()[std::size_t(m_cursor)];
            emit stepActivated(s.firstEntry, s.endEntry);
        }
        return;
    case Qt::Key_Escape:
        QToolTip::hideText();
        break;
    default:
        break;
    }
    QChartView::keyPressEvent(event);
}

void BalanceChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    rebuild(); // the pixel columns changed: downsample again
}

void BalanceChart::leaveEvent(QEvent *event)
{
    QToolTip::hideText();
    QChartView::leaveEvent(event);
}

bool BalanceChart::event(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        rebuild();
    return QChartView::event(event);
}

void BalanceChart::applyPalette()
{
    rebuild();
}

} // namespace creditdesk
