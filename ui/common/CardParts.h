#pragma once

class QFrame;
class QLabel;
class QString;
class QWidget;

namespace creditdesk {

// The two building blocks every screen's cards share, so that the dashboard and the plan view
// look the same: a frame the theme's style sheet draws as a card (property "card"), and a
// bold heading whose accessible name is its text.
QFrame *makeCard(QWidget *parent, const QString &objectName);
QLabel *makeHeading(const QString &text, QWidget *parent);

} // namespace creditdesk
