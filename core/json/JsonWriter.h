#pragma once

#include <QByteArray>
#include <QString>

namespace creditdesk {

class Credits;

// Writes compact JSON with keys in the order given: answers must list fields in the order
// the spec shows them, which QJsonObject (sorted keys) cannot do, and amounts are written as
// exact decimals rather than through a double.
class JsonWriter
{
public:
    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    JsonWriter &key(const char *name);
    JsonWriter &value(const QString &text);
    JsonWriter &value(Credits amount);
    JsonWriter &value(qint64 number);
    JsonWriter &value(bool flag);
    JsonWriter &null();
    JsonWriter &raw(const QByteArray &json);

    const QByteArray &data() const { return m_out; }
    QByteArray take() { return std::move(m_out); }

private:
    void separate();

    QByteArray m_out;
    bool m_needComma = false;
};

} // namespace creditdesk
