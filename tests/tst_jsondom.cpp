// json::Parser takes exactly the documents QJsonDocument takes (the scenario reader relies on
// it: a file is valid or not whichever parser reads it), and reads the same values from them.
#include "JsonDom.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QTest>

#include <random>

using namespace creditdesk;
using namespace Qt::StringLiterals;

namespace {

bool qtAccepts(const QByteArray &json)
{
    QJsonParseError error;
    QJsonDocument::fromJson(json, &error);
    return error.error == QJsonParseError::NoError;
}

// The DOM's value at `index` as a QJsonValue (objects: the last of duplicate keys counts).
QJsonValue toQt(const json::Document &doc, std::uint32_t index)
{
    const json::Node &n = doc[index];
    switch (n.kind) {
    case json::Kind::Null:
        return QJsonValue(QJsonValue::Null);
    case json::Kind::Bool:
        return n.flags != 0;
    case json::Kind::Number:
        return n.number;
    case json::Kind::String:
        return json::toString(n);
    case json::Kind::Array: {
        QJsonArray a;
        for (std::uint32_t i = index + 1; i < n.end; i = doc.next(i))
            a.append(toQt(doc, i));
        return a;
    }
    case json::Kind::Object: {
        QJsonObject o;
        for (std::uint32_t k = index + 1; k < n.end; k = doc.next(k + 1))
            o.insert(json::toString(doc[k]), toQt(doc, k + 1));
        return o;
    }
    }
    return {};
}

// Same values; numbers compared as doubles (Qt keeps whole numbers as integers).
bool same(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() == b.toDouble();
    if (a.type() != b.type())
        return false;
    if (a.isArray()) {
        const QJsonArray x = a.toArray(), y = b.toArray();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i)
            if (!same(x[i], y[i]))
                return false;
        return true;
    }
    if (a.isObject()) {
        const QJsonObject x = a.toObject(), y = b.toObject();
        if (x.keys() != y.keys())
            return false;
        for (auto it = x.begin(); it != x.end(); ++it)
            if (!same(it.value(), y.value(it.key())))
                return false;
        return true;
    }
    return a == b;
}

QString show(const QByteArray &json)
{
    return QString::fromLatin1(json.left(80).toPercentEncoding("[]{}\",:.-+ "));
}

// Checks one text against Qt: same verdict and, when accepted, the same values.
QString disagreement(const QByteArray &json)
{
    json::Document doc;
    const bool mine = json::Parser::parse(json, doc);
    QJsonParseError error;
    const QJsonDocument qt = QJsonDocument::fromJson(json, &error);
    const bool theirs = error.error == QJsonParseError::NoError;
    if (mine != theirs)
        return u"%1: Qt %2 it, json::Parser %3 it"_s.arg(
            show(json), theirs ? u"takes"_s : u"refuses"_s, mine ? u"takes"_s : u"refuses"_s);
    // A key starting with U+FEFF (raw UTF-8) is listed without it by QJsonObject (QString::
    // fromUtf8 drops a leading BOM) but looked up with it: Qt's objects cannot be compared then.
    const bool bomInside = json.indexOf("\xEF\xBB\xBF", 1) >= 0;
    if (mine && !bomInside) {
        const QJsonValue qtRoot = qt.isObject() ? QJsonValue(qt.object()) : QJsonValue(qt.array());
        if (!same(toQt(doc, 0), qtRoot))
            return u"%1: other values"_s.arg(show(json));
    }
    return {};
}

QByteArray nested(int depth)
{
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

} // namespace

class TestJsonDom : public QObject
{
    Q_OBJECT

private slots:
    void asQt_data();
    void asQt();
    void mutationsAsQt();
    void duplicateKeysLastCounts();
    void streamedArrays();
};

void TestJsonDom::asQt_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("valid"); // what Qt 6.4 says, for the reader of this test
    const auto row = [](const char *name, const QByteArray &json, bool valid) {
        QTest::newRow(name) << json << valid;
    };
    // structure
    row("empty object", "{}", true);
    row("empty array", "[]", true);
    row("spaces", " \t\r\n[ \t\r\n] \r\n", true);
    row("byte order mark", "\xEF\xBB\xBF{}", true);
    row("nested", R"({"a": {"b": [1, {"c": "d"}, [], {}]}, "e": [true, false, null]})", true);
    row("empty input", "", false);
    row("only spaces", "  ", false);
    row("only a byte order mark", "\xEF\xBB\xBF", false);
    row("space before the mark", " \xEF\xBB\xBF[]", false);
    row("number at the top", "1", false);
    row("string at the top", "\"a\"", false);
    row("null at the top", "null", false);
    row("form feed is no space", "\x0c[]", false);
    row("form feed inside", "[\x0c]", false);
    row("unclosed array", "[1", false);
    row("unclosed object", "{\"a\": 1", false);
    row("extra closing", "{\"a\": 1}}", false);
    row("garbage after", "[]x", false);
    row("two documents", "[] []", false);
    row("NUL after", QByteArray("[]\0", 3), false);
    row("trailing comma in array", "[1,]", false);
    row("leading comma in array", "[,1]", false);
    row("trailing comma in object", "{\"a\": 1,}", false);
    row("comma only", "{,}", false);
    row("key without value", "{\"a\"}", false);
    row("key and colon only", "{\"a\":}", false);
    row("no colon", "{\"a\" 1}", false);
    row("number as key", "{1: 2}", false);
    row("no comma", "[1 2]", false);
    row("1024 deep", nested(1024), true);
    row("1025 deep", nested(1025), false);
    // literals
    row("literals", "[true, false, null]", true);
    row("nul", "[nul]", false);
    row("tru", "[tru]", false);
    row("fals", "[fals]", false);
    row("nulll", "[nulll]", false);
    row("True", "[True]", false);
    row("NaN", "[NaN]", false);
    row("Infinity", "[Infinity]", false);
    row("-Infinity", "[-Infinity]", false);
    // numbers: Qt's lenient forms, and no overflow or underflow to 0
    row("integers", "[0, -0, 1, -1, 1234567890]", true);
    row("fractions", "[0.5, -0.25, 1.2300, 80000.0]", true);
    row("exponents", "[1e5, 1E5, 1e+5, 1e-5, 2.5e1, 0e999999]", true);
    row("dot first", "[.5]", true);
    row("minus dot", "[-.5]", true);
    row("dot last", "[1.]", true);
    row("dot zero", "[.0]", true);
    row("dot zeros exponent", "[.00e1]", true);
    row("dot exponent", "[.e5]", false);
    row("dot alone", "[.]", false);
    row("minus alone", "[-]", false);
    row("plus sign", "[+1]", false);
    row("exponent without digits", "[1e]", false);
    row("exponent sign without digits", "[1e+]", false);
    row("leading zero", "[01]", false);
    row("minus leading zero", "[-01]", false);
    row("two dots", "[1.2.3]", false);
    row("hex", "[0x10]", false);
    row("largest double", "[1.7976931348623157e308]", true);
    row("overflow", "[1e400]", false);
    row("negative overflow", "[-1e400]", false);
    row("underflow to 0", "[1e-400]", false);
    row("subnormal", "[2.5e-324, 4.9e-324, 1e-310]", true);
    row("beyond 64 bits", "[123456789012345678901234567890]", true);
    row("beyond 2^53", "[9007199254740993, -9223372036854775808]", true);
    row("many digits", "[0." + QByteArray(400, '0') + "1e400]", true);
    row("number ends the input", "[1", false);
    // strings
    row("escapes", R"(["\" \\ \/ \b \f \n \r \t \u0041 \u00e9 \u20AC"])", true);
    row("surrogate pair", R"(["\ud83d\ude00"])", true);
    row("lone surrogate", R"(["\ud800", "\udc00x"])", true);
    row("unknown escape taken as itself", R"(["\a\'\%"])", true);
    row("escaped Latin-1 byte", "[\"\\\xC3x\"]", true);
    row("escaped UTF-8 lead byte", "[\"\\\xC3\xA9\"]", false);
    row("short \\u", R"(["\u12"])", false);
    row("bad hex", R"(["\u12g4"])", false);
    row("backslash at the end", "[\"\\", false);
    row("escaped closing quote", R"(["a\"])", false);
    row("unterminated", "[\"abc", false);
    row("raw control characters", "[\"a\nb\tc\x01\"]", true);
    row("raw NUL", QByteArray("[\"a\0b\"]", 7), true);
    row("UTF-8", "[\"\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"]", true);
    row("noncharacter", "[\"\xEF\xBF\xBF\"]", true);
    row("largest code point", "[\"\xF4\x8F\xBF\xBF\"]", true);
    row("beyond U+10FFFF", "[\"\xF4\x90\x80\x80\"]", false);
    row("UTF-8 surrogate", "[\"\xED\xA0\x80\"]", false);
    row("overlong", "[\"\xC0\x80\"]", false);
    row("overlong 3 bytes", "[\"\xE0\x80\x80\"]", false);
    row("cut short", "[\"\xC3\"]", false);
    row("bad continuation", "[\"\xC3x\"]", false);
    row("lone continuation", "[\"\x80\"]", false);
    row("byte FF", "[\"\xFF\"]", false);
    row("escaped keys", R"({"\u0061": 1, "b\n": 2})", true);
    row("duplicate keys", R"({"a": 1, "b": 2, "a": 3})", true);
    row("BOM in strings", "{\"\xEF\xBB\xBFx\": [\"\xEF\xBB\xBFy\"], \"x\": 1}", true);
}

void TestJsonDom::asQt()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, valid);
    QCOMPARE(qtAccepts(json), valid); // the row describes Qt correctly
    const QString problem = disagreement(json);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestJsonDom::mutationsAsQt()
{
    // Random edits of documents full of the cases above; every verdict and value must agree.
    const QList<QByteArray> seeds = {
        R"({"format": 1, "events": [{"at": "2027-01-01T00:00:00Z", "type": "grant",)"
        R"( "amount": 1.5e1}], "a\u00e9\n": [null, true, false, -0.5, .5, 1.]})",
        "[\"\xC3\xA9\\ud83d\\ude00\", {\"k\": [[], {}, [0e0, 1E+2, -3e-4]]}, \"\\\\\\\"\\/\"]",
        "\xEF\xBB\xBF {\"x\": {\"y\": {\"z\": [1, 2, 3]}}, \"x\": \"\\u0041\\a\"}",
    };
    const QList<QByteArray> pieces = {"\"",
                                      "\\",
                                      "{",
                                      "}",
                                      "[",
                                      "]",
                                      ",",
                                      ":",
                                      " ",
                                      "\n",
                                      "\x0c",
                                      "0",
                                      "1",
                                      "-",
                                      "+",
                                      ".",
                                      "e",
                                      "E",
                                      "u",
                                      "null",
                                      "true",
                                      "false",
                                      "\\u",
                                      "\\ud800",
                                      "\xC3",
                                      "\xA9",
                                      "\xED\xA0\x80",
                                      "\xF0\x9F",
                                      "\x01",
                                      "1e400",
                                      "1e-400",
                                      "\xEF\xBB\xBF",
                                      "\"a\":",
                                      "{\"k\": 1}"};
    std::mt19937 random(20261122);
    int accepted = 0;
    for (int i = 0; i < 30000; ++i) {
        QByteArray json = seeds[qsizetype(random() % seeds.size())];
        for (unsigned edits = 1 + random() % 3; edits > 0; --edits) {
            const auto at = qsizetype(random() % std::uint32_t(json.size() + 1));
            switch (random() % 3) {
            case 0:
                json.remove(at, qsizetype(1 + random() % 3));
                break;
            case 1:
                json.insert(at, pieces[qsizetype(random() % pieces.size())]);
                break;
            default:
                if (at < json.size())
                    json[at] = char(random() % 256);
                break;
            }
        }
        const QString problem = disagreement(json);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        accepted += qtAccepts(json);
    }
    QVERIFY(accepted > 1000); // the edits leave many documents valid
}

void TestJsonDom::duplicateKeysLastCounts()
{
    {
        // Keys are compared by value, as Qt's lookups do; a leading U+FEFF is part of a key
        // (QJsonObject::value(u"x") does not find "\uFEFFx" either), while a plain string's
        // value drops it, as QJsonValue::toString() does.
        const QByteArray json = "{\"\xEF\xBB\xBFx\": \"\xEF\xBB\xBFy\", \"\\ufeffz\": 1}";
        json::Document doc;
        QVERIFY(json::Parser::parse(json, doc));
        const QJsonObject qt = QJsonDocument::fromJson(json).object();
        QCOMPARE(doc.member(0, "x") == json::NoNode, !qt.contains(u"x"_s));
        QCOMPARE(doc.member(0, "z") == json::NoNode, !qt.contains(u"z"_s));
        QCOMPARE(json::toString(doc[2]), u"y"_s);
        QCOMPARE(json::toString(doc[3]), u"\uFEFFz"_s);
    }

    const QByteArray json = R"({"a": 1, "b": 2, "\u0061": 3, "c": {"a": 4}})";
    json::Document doc;
    QVERIFY(json::Parser::parse(json, doc));
    QCOMPARE(doc[0].count, 4u);
    QCOMPARE(doc[doc.member(0, "a")].number, 3.0);
    QCOMPARE(doc[doc.member(0, "b")].number, 2.0);
    QCOMPARE(doc.member(0, "d"), json::NoNode);
    QCOMPARE(doc[doc.member(doc.member(0, "c"), "a")].number, 4.0);
    // Among the members before the third one, "a" is the first.
    const std::uint32_t third = doc.next(doc.next(1 + 1) + 1);
    QVERIFY(doc.keyIs(third, "a"));
    QCOMPARE(doc[doc.memberBefore(0, third, "a")].number, 1.0);
}

void TestJsonDom::streamedArrays()
{
    // The elements of a streamed top-level array reach the sink one by one and are not kept.
    struct Sink : json::ArraySink
    {
        QList<double> values;
        void element(const json::Document &doc, std::uint32_t index) override
        {
            values << doc[doc.member(index, "v")].number;
            QCOMPARE(doc.next(index), doc.size());
        }
    };
    struct Observer : json::RootObserver
    {
        Sink sink;
        json::ArraySink *streamMember(const json::Document &doc, std::uint32_t key) override
        {
            return doc.keyIs(key, "items") ? &sink : nullptr;
        }
    };
    const QByteArray json =
        R"({"before": [1, 2], "items": [{"v": 1}, {"v": 2}, {"v": 3}], "after": {}})";
    json::Document doc;
    Observer observer;
    QVERIFY(json::Parser::parse(json, doc, &observer));
    QCOMPARE(observer.sink.values, QList<double>({1, 2, 3}));
    const std::uint32_t items = doc.member(0, "items");
    QVERIFY(doc[items].kind == json::Kind::Array);
    QCOMPARE(doc[items].count, 3u);
    QCOMPARE(doc.next(items), items + 1); // its elements were dropped
    QCOMPARE(doc[doc.member(0, "before")].count, 2u);
    // The array's bytes read again, on their own.
    Sink again;
    QVERIFY(json::Parser::streamArray(doc[items].span(), again));
    QCOMPARE(again.values, observer.sink.values);
}

QTEST_APPLESS_MAIN(TestJsonDom)
#include "tst_jsondom.moc"
