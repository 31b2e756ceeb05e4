#pragma once

#include <QWidget>

namespace creditdesk {

// What the window shows before there is an account to show: what CreditDesk is, and the three
// ways in — sign in to a server, open a scenario file, or run the demo. Designed, not blank.
class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

signals:
    void signInRequested();
    void openScenarioRequested();
};

} // namespace creditdesk
