#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

// Builds a scenario file in a test, runs it through the real reader and replay, and hands
// back the answers: tests state histories the way users write them.
class ScenarioBuilder
{
public:
    explicit ScenarioBuilder(const QString &preset, const QString &zone = QStringLiteral("UTC"));
    static ScenarioBuilder withPolicy(const QJsonObject &policy,
                                      const QString &zone = QStringLiteral("UTC"));

    ScenarioBuilder &event(const QString &at, const QString &type, QJsonObject fields = {});
    ScenarioBuilder &query(const QString &at, const QString &ask, QJsonObject fields = {});

    QJsonObject document() const;
    QByteArray json() const;
    // The answers, or an empty array with error() set when the file is malformed.
    QJsonArray run();
    QString error() const { return m_error; }

private:
    ScenarioBuilder() = default;
    QJsonObject m_root;
    QJsonArray m_events;
    QJsonArray m_queries;
    QString m_error;
};

// Ledger entries of one type from a `ledger` answer.
QJsonArray entriesOfType(const QJsonValue &ledgerAnswer, const QString &type);
