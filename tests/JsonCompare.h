#pragma once

#include <QJsonValue>
#include <QString>

// Compares answers as the reference scenarios are judged: the same fields in the same order,
// numbers to 3 decimals, times as the same instant with the same offset (UTC as Z or +00:00).
// Returns an empty string when equal, else the JSON path of the first difference.
QString firstDifference(const QJsonValue &got, const QJsonValue &expected,
                        const QString &path = QStringLiteral("answers"));
