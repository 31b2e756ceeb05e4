#include "WelcomePage.h"

#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace creditdesk {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomePage"));

    auto *logo = new QLabel(this);
    logo->setPixmap(QIcon(QStringLiteral(":/icons/creditdesk.svg")).pixmap(72, 72));
    logo->setAlignment(Qt::AlignHCenter);

    auto *title = new QLabel(tr("Your credits, at a glance"), this);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.8);
    f.setBold(true);
    title->setFont(f);
    title->setAlignment(Qt::AlignHCenter);

    auto *text = new QLabel(tr("Sign in to your service's credits server to see your balance, "
                               "when it refreshes, what you can still do and every task you "
                               "ran. Or open a scenario file to explore one, read-only."),
                            this);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignHCenter);
    text->setMaximumWidth(520);

    auto *signIn = new QPushButton(tr("Sign in…"), this);
    signIn->setObjectName(QStringLiteral("welcomeSignIn"));
    signIn->setDefault(true);
    signIn->setMinimumWidth(200);
    auto *open = new QPushButton(tr("Open a scenario file…"), this);
    open->setObjectName(QStringLiteral("welcomeOpenScenario"));
    open->setMinimumWidth(200);

    auto *demo = new QLabel(tr("To try it without a server: <code>creditdesk --demo</code>"), this);
    demo->setAlignment(Qt::AlignHCenter);
    demo->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(16);
    layout->addStretch(2);
    layout->addWidget(logo, 0, Qt::AlignHCenter);
    layout->addWidget(title, 0, Qt::AlignHCenter);
    layout->addWidget(text, 0, Qt::AlignHCenter);
    layout->addSpacing(8);
    layout->addWidget(signIn, 0, Qt::AlignHCenter);
    layout->addWidget(open, 0, Qt::AlignHCenter);
    layout->addSpacing(8);
    layout->addWidget(demo, 0, Qt::AlignHCenter);
    layout->addStretch(3);

    connect(signIn, &QPushButton::clicked, this, &WelcomePage::signInRequested);
    connect(open, &QPushButton::clicked, this, &WelcomePage::openScenarioRequested);
}

} // namespace creditdesk
