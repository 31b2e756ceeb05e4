#pragma once

class QFrame;
class QLabel;
class QScrollArea;
class QString;
class QWidget;

namespace creditdesk {

// The two building blocks every screen's cards share, so that the dashboard and the plan view
// look the same: a frame the theme's style sheet draws as a card (property "card"), and a
// bold heading whose accessible name is its text.
QFrame *makeCard(QWidget *parent, const QString &objectName);
QLabel *makeHeading(const QString &text, QWidget *parent);
// A page of cards: a frameless scroll area filling `page` (which gets its layout here) around a
// content widget named `contentName`, whose style sheet draws the cards in the application
// palette (light and dark alike) plus `extraStyle`. The content is the area's widget().
QScrollArea *makeCardPage(QWidget *page, const QString &contentName, const QString &extraStyle);

} // namespace creditdesk
