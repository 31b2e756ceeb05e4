#include "RecentMembers.h"

#include "Config.h"

#include <QJsonDocument>
#include <QStringList>

namespace creditdesk {

RecentMembers::RecentMembers(Config &config)
    : m_config(config)
{}

QList<MemberRef> RecentMembers::list() const
{
    QList<MemberRef> members;
    for (const QString &text : m_config.get(Config::Support_RecentMembers).toStringList()) {
        const MemberRef m = MemberRef::fromJson(QJsonDocument::fromJson(text.toUtf8()).object());
        if (m.isValid())
            members << m;
    }
    return members;
}

void RecentMembers::remember(const MemberRef &member)
{
    if (!member.isValid())
        return;
    QStringList texts{
        QString::fromUtf8(QJsonDocument(member.toJson()).toJson(QJsonDocument::Compact))};
    for (const MemberRef &m : list())
        if (m.accountId != member.accountId && texts.size() < Limit)
            texts << QString::fromUtf8(QJsonDocument(m.toJson()).toJson(QJsonDocument::Compact));
    m_config.set(Config::Support_RecentMembers, texts);
}

void RecentMembers::forget()
{
    m_config.remove(Config::Support_RecentMembers);
}

} // namespace creditdesk
