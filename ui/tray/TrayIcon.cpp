#include "TrayIcon.h"

#include "ThemePalette.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>

namespace creditdesk {

TrayIcon::TrayIcon(QObject *parent)
    : QObject(parent)
    , m_tray(new QSystemTrayIcon(this))
    , m_menu(new QMenu)
{
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_menu->setAccessibleName(tr("CreditDesk tray menu"));
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    emit openRequested();
            });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayIcon::openRequested);
    setAccounts({}, {});
}

TrayIcon::~TrayIcon()
{
    m_tray->setContextMenu(nullptr);
    delete m_menu;
}

bool TrayIcon::isAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::setVisible(bool visible)
{
    m_wanted = visible;
    m_tray->setVisible(visible && isAvailable());
}

bool TrayIcon::isVisible() const
{
    return m_tray->isVisible();
}

QIcon TrayIcon::iconFor(AccountGlance::State state, const QIcon &base)
{
    QIcon out;
    for (int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        if (!base.isNull()) {
            if (state == AccountGlance::State::Offline || state == AccountGlance::State::Unknown)
                p.setOpacity(0.45); // offline: the icon greyed, the badge says why
            base.paint(&p, pixmap.rect());
            p.setOpacity(1.0);
        } else {
            p.setBrush(QColor(0x2f, 0x6f, 0xeb));
            p.setPen(Qt::NoPen);
            p.drawEllipse(pixmap.rect().adjusted(1, 1, -1, -1));
        }
        QColor badge;
        switch (state) {
        case AccountGlance::State::Low:
            badge = QColor(0xe0, 0x9b, 0x00);
            break;
        case AccountGlance::State::Empty:
            badge = QColor(0xd9, 0x30, 0x25);
            break;
        case AccountGlance::State::Offline:
            badge = QColor(0x80, 0x80, 0x80);
            break;
        case AccountGlance::State::Unknown:
        case AccountGlance::State::Normal:
            break;
        }
        if (badge.isValid()) {
            const qreal d = size * 0.5;
            const QRectF r(size - d, size - d, d, d);
            p.setPen(QPen(Qt::white, std::max(1.0, size / 16.0)));
            p.setBrush(badge);
            p.drawEllipse(r.adjusted(0.5, 0.5, -0.5, -0.5));
            // A glyph too, so the state does not rest on colour alone.
            p.setPen(QPen(Qt::white, std::max(1.0, size / 12.0), Qt::SolidLine, Qt::RoundCap));
            const QPointF c = r.center();
            const qreal k = d * 0.22;
            if (state == AccountGlance::State::Empty) {
                p.drawLine(c + QPointF(-k, -k), c + QPointF(k, k));
                p.drawLine(c + QPointF(-k, k), c + QPointF(k, -k));
            } else if (state == AccountGlance::State::Low) {
                p.drawLine(c + QPointF(0, -k * 1.2), c + QPointF(0, k * 0.3));
                p.drawPoint(c + QPointF(0, k * 1.1));
            } else {
                p.drawLine(c + QPointF(-k, 0), c + QPointF(k, 0));
            }
        }
        p.end();
        out.addPixmap(pixmap);
    }
    return out;
}

QIcon TrayIcon::dotFor(AccountGlance::State state)
{
    // The account list's marks: green, amber, red, grey (the line says the state in words).
    QColor colour(0x2e, 0x9e, 0x4f);
    if (state == AccountGlance::State::Low)
        colour = QColor(0xe0, 0x9b, 0x00);
    else if (state == AccountGlance::State::Empty)
        colour = QColor(0xd9, 0x30, 0x25);
    else if (state == AccountGlance::State::Offline || state == AccountGlance::State::Unknown)
        colour = QColor(0x90, 0x90, 0x90);
    QIcon out;
    for (int size : {16, 24, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        const qreal d = size * 0.5;
        p.drawEllipse(QRectF((size - d) / 2, (size - d) / 2, d, d));
        p.end();
        out.addPixmap(pixmap);
    }
    return out;
}

void TrayIcon::setAccounts(const QList<AccountGlance> &accounts, const QString &currentKey)
{
    const AccountGlance *current = nullptr;
    for (const AccountGlance &g : accounts)
        if (g.key == currentKey)
            current = &g;
    if (!current && !accounts.isEmpty())
        current = &accounts.first();

    QStringList tip{QStringLiteral("CreditDesk")};
    if (accounts.isEmpty())
        tip << tr("Not signed in");
    else if (accounts.size() == 1)
        tip << current->availableText +
                   (current->backText.isEmpty() ? QString()
                                                : QStringLiteral(" · ") + current->backText) +
                   (current->state == AccountGlance::State::Offline
                        ? QStringLiteral(" · ") + tr("offline")
                        : QString());
    else
        for (const AccountGlance &g : accounts)
            tip << g.line();
    m_toolTip = tip.join(u'\n');
    m_tray->setToolTip(m_toolTip);

    m_state = current ? current->state : AccountGlance::State::Unknown;
    m_icon = iconFor(m_state, QApplication::windowIcon());
    m_tray->setIcon(m_icon);
    m_tray->setVisible(m_wanted && isAvailable());
    rebuildMenu(accounts, current ? current->key : QString());
}

void TrayIcon::rebuildMenu(const QList<AccountGlance> &accounts, const QString &currentKey)
{
    // Updated in place, never cleared: the menu may be open while a sync ends, and the
    // member's pointer must not land on an action that was deleted under it.
    if (!m_syncAction) {
        m_accountsEnd = m_menu->addSeparator();
        m_syncAction = m_menu->addAction(tr("&Sync now"), this, &TrayIcon::syncRequested);
        m_syncAction->setObjectName(QStringLiteral("traySync"));
        QAction *open = m_menu->addAction(tr("&Open CreditDesk"), this, &TrayIcon::openRequested);
        open->setObjectName(QStringLiteral("trayOpen"));
        m_menu->addSeparator();
        QAction *quit = m_menu->addAction(tr("&Quit"), this, &TrayIcon::quitRequested);
        quit->setObjectName(QStringLiteral("trayQuit"));
        m_accountGroup = new QActionGroup(m_menu);
    }
    const qsizetype rows = std::max<qsizetype>(1, accounts.size());
    while (m_accountActions.size() > rows)
        delete m_accountActions.takeLast();
    while (m_accountActions.size() < rows) {
        auto *a = new QAction(m_menu);
        a->setObjectName(QStringLiteral("trayAccount"));
        a->setActionGroup(m_accountGroup);
        connect(a, &QAction::triggered, this, [this, a] {
            if (!a->data().toString().isEmpty())
                emit accountChosen(a->data().toString());
        });
        m_menu->insertAction(m_accountsEnd, a);
        m_accountActions.append(a);
    }
    if (accounts.isEmpty()) {
        QAction *none = m_accountActions.first();
        none->setText(tr("Not signed in"));
        none->setData(QString());
        none->setIcon({});
        none->setCheckable(false);
        none->setEnabled(false);
    }
    for (qsizetype i = 0; i < accounts.size(); ++i) {
        const AccountGlance &g = accounts[i];
        QAction *a = m_accountActions[i];
        a->setEnabled(true);
        a->setText(g.line());
        a->setData(g.key);
        a->setIcon(dotFor(g.state));
        a->setCheckable(accounts.size() > 1);
        a->setChecked(accounts.size() > 1 && g.key == currentKey);
    }
    m_syncAction->setEnabled(!accounts.isEmpty());
}

void TrayIcon::showIntent(const NotificationIntent &intent)
{
    m_shown.append(intent);
    if (m_tray->isVisible())
        m_tray->showMessage(
            intent.title, intent.message,
            intent.warning ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, 10000);
}

} // namespace creditdesk
