#include "CardParts.h"

#include <QFrame>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace creditdesk {

QFrame *makeCard(QWidget *parent, const QString &objectName)
{
    auto *frame = new QFrame(parent);
    frame->setObjectName(objectName);
    frame->setProperty("card", true);
    return frame;
}

QLabel *makeHeading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    label->setAccessibleName(text);
    return label;
}

QScrollArea *makeCardPage(QWidget *page, const QString &contentName, const QString &extraStyle)
{
    auto *scroll = new QScrollArea(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    content->setObjectName(contentName);
    // palette(...) in the sheet follows the application palette: light and dark alike.
    content->setStyleSheet(
        QStringLiteral("QFrame[card=\"true\"] { background: palette(base); border: 1px solid "
                       "palette(mid); border-radius: 8px; }"
                       "QFrame[card=\"true\"] QLabel { background: transparent; border: none; }") +
        extraStyle);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(page);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    return scroll;
}

} // namespace creditdesk
