#pragma once

#include "Credits.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace creditdesk {

// What the adjustment dialog checks before anything is sent, with the message shown next to
// the field at fault. The same rules the server applies (docs/server.md, "Adjustments"): an
// exact amount with at most three decimals, above zero, at most the published maximum, a
// debit no larger than what is available (the credit rules: a debit never takes more), and a
// reason that is not blank. The server checks again; this only spares the agent a round trip
// and says precisely what is wrong.
class AdjustmentCheck
{
    Q_DECLARE_TR_FUNCTIONS(AdjustmentCheck)

public:
    struct Limits
    {
        Credits maximum = Credits::whole(qint64(1000000000000));
        Credits available; // for debits
        QString unit = QStringLiteral("credits");
    };

    // The amount, or the message for the field (through *problem).
    static std::optional<Credits> amount(const QString &text, bool debit, const Limits &limits,
                                         QString *problem);
    // Empty when the reason will do, else the message.
    static QString reason(const QString &text);
};

} // namespace creditdesk
