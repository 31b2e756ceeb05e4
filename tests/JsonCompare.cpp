#include "JsonCompare.h"

#include "IsoTime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace creditdesk;

namespace {

QString show(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    QJsonArray wrap{v};
    QString s = QString::fromUtf8(QJsonDocument(wrap).toJson(QJsonDocument::Compact));
    return s.mid(1, s.size() - 2);
}

// The offset part of a time, with Z read as +00:00.
QString offsetOf(const QString &t)
{
    return t.endsWith(u'Z') ? QStringLiteral("+00:00") : t.right(6);
}

} // namespace

QString firstDifference(const QJsonValue &got, const QJsonValue &expected, const QString &path)
{
    const QString mismatch = path + QStringLiteral(": got ") + show(got) +
                             QStringLiteral(", expected ") + show(expected);
    if (expected.isObject()) {
        if (!got.isObject())
            return mismatch;
        const QJsonObject g = got.toObject(), e = expected.toObject();
        if (g.keys() != e.keys())
            return mismatch;
        for (auto it = e.begin(); it != e.end(); ++it) {
            const QString d =
                firstDifference(g.value(it.key()), it.value(), path + u'.' + it.key());
            if (!d.isEmpty())
                return d;
        }
        return {};
    }
    if (expected.isArray()) {
        if (!got.isArray() || got.toArray().size() != expected.toArray().size())
            return mismatch;
        const QJsonArray g = got.toArray(), e = expected.toArray();
        for (qsizetype i = 0; i < e.size(); ++i) {
            const QString d = firstDifference(g[i], e[i], path + u'[' + QString::number(i) + u']');
            if (!d.isEmpty())
                return d;
        }
        return {};
    }
    if (expected.isDouble()) {
        if (!got.isDouble() ||
            std::llround(got.toDouble() * 1000) != std::llround(expected.toDouble() * 1000))
            return mismatch;
        return {};
    }
    if (expected.isString()) {
        if (!got.isString())
            return mismatch;
        const QString g = got.toString(), e = expected.toString();
        const auto gt = IsoTime::parse(g), et = IsoTime::parse(e);
        if (gt && et)
            return (*gt == *et && offsetOf(g) == offsetOf(e)) ? QString() : mismatch;
        return g == e ? QString() : mismatch;
    }
    return got == expected ? QString() : mismatch;
}
