#include "MemberRef.h"

#include <QStringList>

namespace creditdesk {

QString MemberRef::describe() const
{
    QStringList parts;
    parts << (name.isEmpty() ? accountId : name);
    if (!email.isEmpty())
        parts << email;
    if (!preset.isEmpty())
        parts << preset;
    return parts.join(QStringLiteral(" · "));
}

QJsonObject MemberRef::toJson() const
{
    return {{QStringLiteral("id"), accountId},
            {QStringLiteral("name"), name},
            {QStringLiteral("email"), email},
            {QStringLiteral("preset"), preset},
            {QStringLiteral("timezone"), timezone}};
}

MemberRef MemberRef::fromJson(const QJsonObject &o)
{
    MemberRef m;
    m.accountId = o.value(QLatin1String("id")).toString();
    m.name = o.value(QLatin1String("name")).toString();
    m.email = o.value(QLatin1String("email")).toString();
    m.preset = o.value(QLatin1String("preset")).toString();
    m.timezone = o.value(QLatin1String("timezone")).toString();
    return m;
}

} // namespace creditdesk
