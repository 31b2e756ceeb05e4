#include "ScenarioBuilder.h"

#include "ScenarioReader.h"
#include "ScenarioReplay.h"

#include <QJsonDocument>

using namespace creditdesk;

ScenarioBuilder::ScenarioBuilder(const QString &preset, const QString &zone)
{
    m_root[QStringLiteral("format")] = 1;
    m_root[QStringLiteral("preset")] = preset;
    m_root[QStringLiteral("timezone")] = zone;
}

ScenarioBuilder ScenarioBuilder::withPolicy(const QJsonObject &policy, const QString &zone)
{
    ScenarioBuilder b;
    b.m_root[QStringLiteral("format")] = 1;
    b.m_root[QStringLiteral("policy")] = policy;
    b.m_root[QStringLiteral("timezone")] = zone;
    return b;
}

ScenarioBuilder &ScenarioBuilder::event(const QString &at, const QString &type, QJsonObject fields)
{
    fields[QStringLiteral("at")] = at;
    fields[QStringLiteral("type")] = type;
    m_events.append(fields);
    return *this;
}

ScenarioBuilder &ScenarioBuilder::query(const QString &at, const QString &ask, QJsonObject fields)
{
    fields[QStringLiteral("at")] = at;
    fields[QStringLiteral("ask")] = ask;
    m_queries.append(fields);
    return *this;
}

QJsonObject ScenarioBuilder::document() const
{
    QJsonObject root = m_root;
    root[QStringLiteral("events")] = m_events;
    root[QStringLiteral("queries")] = m_queries;
    return root;
}

QByteArray ScenarioBuilder::json() const
{
    return QJsonDocument(document()).toJson();
}

QJsonArray ScenarioBuilder::run()
{
    auto result = ScenarioReader::read(json());
    if (const auto *e = std::get_if<ParseError>(&result)) {
        m_error = e->toString();
        return {};
    }
    m_error.clear();
    const QByteArray answers = ScenarioReplay::answersJson(std::get<Scenario>(result));
    return QJsonDocument::fromJson(answers).object().value(QStringLiteral("answers")).toArray();
}

QJsonArray entriesOfType(const QJsonValue &ledgerAnswer, const QString &type)
{
    QJsonArray out;
    for (const QJsonValue &e : ledgerAnswer.toObject().value(QStringLiteral("entries")).toArray())
        if (e.toObject().value(QStringLiteral("type")).toString() == type)
            out.append(e);
    return out;
}
