#pragma once

#include <QJsonObject>
#include <QString>

namespace creditdesk {

// A member as the support console lists it (a search result, a recent member, a tab): enough
// to show who it is and to open the account. A value; JSON for the recent-members setting.
struct MemberRef
{
    QString accountId;
    QString name;
    QString email;
    QString preset;
    QString timezone;

    bool isValid() const { return !accountId.isEmpty(); }
    // "Ada Lovelace · ada@example.com · unified-monthly" (what is known of it).
    QString describe() const;
    QJsonObject toJson() const;
    static MemberRef fromJson(const QJsonObject &o);
};

} // namespace creditdesk
