#include "CardParts.h"

#include <QFrame>
#include <QLabel>

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

} // namespace creditdesk
