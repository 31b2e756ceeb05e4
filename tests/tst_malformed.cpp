// Every kind of malformed file the spec lists is refused with a message naming its JSON path;
// well-formed oddities the spec allows (number forms, unknown fields, duplicate keys) are read.
#include "ScenarioReader.h"
#include "ScenarioReplay.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace creditdesk;
using namespace Qt::StringLiterals;

namespace {
// A scenario with an inline policy: one feature "f" (price 1) and the members given, then the
// events and one balance query.
QByteArray inlinePolicy(const char *members, const char *events)
{
    return QByteArray(
               R"({"format": 1, "policy": {"name": "x", "features": [{"name": "f", "price": 1}])") +
           members + R"(}, "events": [)" + events +
           R"(], "queries": [{"at": "2027-02-01T00:00:00Z", "ask": "balance"}]})";
}

// A scenario around one event (and an optional second one) and one query.
QByteArray scenario(const char *preset, const char *event, const char *second = nullptr,
                    const char *query = R"({"at": "2027-01-02T00:00:00Z", "ask": "balance"})",
                    const char *zone = "\"UTC\"")
{
    QByteArray events = event;
    if (second)
        events += QByteArray(", ") + second;
    return QByteArray(R"({"format": 1, "preset": ")") + preset + R"(", "timezone": )" + zone +
           R"(, "events": [)" + events + R"(], "queries": [)" + query + "]}";
}
} // namespace

class TestMalformed : public QObject
{
    Q_OBJECT

private slots:
    void refused_data();
    void refused();
    void accepted_data();
    void accepted();
    void duplicateKeyLastCounts();
};

void TestMalformed::refused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    const char *signup = R"({"at": "2027-01-01T00:00:00Z", "type": "signup"})";
    const auto ev = [](const char *body) { return scenario("unified-monthly", body); };
    const auto evp = [](const char *preset, const char *body) { return scenario(preset, body); };

    QTest::newRow("not JSON") << QByteArray("{\"format\": 1,") << u""_s;
    // Times the account's zone would write with a five-digit year (issue 10): 23:00 at -05:00
    // on the last day of 9999 is 10000-01-01 in UTC.
    QTest::newRow("event past 9999 in the zone")
        << scenario("unified-monthly", R"({"at": "9999-12-31T23:00:00-05:00", "type": "signup"})")
        << u"events[0].at"_s;
    QTest::newRow("grant expiring past 9999")
        << scenario("unified-monthly", signup,
                    R"({"at": "2027-01-01T00:00:00Z", "type": "grant", "kind": "bonus", )"
                    R"("amount": 1, "expires_at": "9999-12-31T23:59:59-00:01"})")
        << u"events[1].expires_at"_s;
    QTest::newRow("promotion until past 9999")
        << scenario("prepaid-tokens",
                    R"({"at": "2027-01-01T00:00:00Z", "type": "promotion", "feature": "image", )"
                    R"("from": "2027-01-01T00:00:00Z", "until": "9999-12-31T20:00:00-12:00"})")
        << u"events[0].until"_s;
    QTest::newRow("query past 9999 in a zone east of it")
        << scenario("unified-monthly", signup, nullptr,
                    R"({"at": "9999-12-31T20:00:00Z", "ask": "balance"})", "\"Pacific/Kiritimati\"")
        << u"queries[0].at"_s;
    QTest::newRow("ledger since past 9999")
        << scenario("unified-monthly", signup, nullptr,
                    R"({"at": "2027-01-02T00:00:00Z", "ask": "ledger", )"
                    R"("since": "9999-12-31T23:59:59-01:00"})")
        << u"queries[0].since"_s;
    // The first item in file order is named: a year past 9999 before a malformed event.
    QTest::newRow("past 9999 before another problem")
        << scenario("unified-monthly", R"({"at": "9999-12-31T23:00:00-05:00", "type": "signup"})",
                    R"({"at": "2027-01-01T00:00:00Z", "type": "nonsense"})")
        << u"events[0].at"_s;
    QTest::newRow("another problem before past 9999")
        << scenario("unified-monthly", R"({"at": "2027-01-01T00:00:00Z", "type": "nonsense"})",
                    R"({"at": "9999-12-31T23:00:00-05:00", "type": "signup"})")
        << u"events[0].type"_s;
    QTest::newRow("root is an array") << QByteArray("[]") << u""_s;
    QTest::newRow("format missing")
        << QByteArray(R"({"preset": "unified-monthly"})") << u"format"_s;
    QTest::newRow("format 2") << QByteArray(R"({"format": 2, "preset": "unified-monthly"})")
                              << u"format"_s;
    QTest::newRow("format as string")
        << QByteArray(R"({"format": "1", "preset": "unified-monthly"})") << u"format"_s;
    QTest::newRow("no preset nor policy") << QByteArray(R"({"format": 1})") << u"preset"_s;
    QTest::newRow("preset and policy")
        << QByteArray(R"({"format": 1, "preset": "unified-monthly", "policy": {}})") << u"preset"_s;
    QTest::newRow("unknown preset") << scenario("unlimited", signup) << u"preset"_s;
    QTest::newRow("unknown zone") << scenario("unified-monthly", signup, nullptr,
                                              R"({"at": "2027-01-02T00:00:00Z", "ask": "balance"})",
                                              "\"Mars/Olympus\"")
                                  << u"timezone"_s;
    QTest::newRow("zone as offset")
        << scenario("unified-monthly", signup, nullptr,
                    R"({"at": "2027-01-02T00:00:00Z", "ask": "balance"})", "\"UTC+08:00\"")
        << u"timezone"_s;
    QTest::newRow("zone not a string")
        << scenario("unified-monthly", signup, nullptr,
                    R"({"at": "2027-01-02T00:00:00Z", "ask": "balance"})", "8")
        << u"timezone"_s;
    QTest::newRow("events not an array")
        << QByteArray(R"({"format": 1, "preset": "unified-monthly", "events": {}})") << u"events"_s;
    QTest::newRow("event not an object") << ev("42") << u"events[0]"_s;
    QTest::newRow("time without offset")
        << ev(R"({"at": "2027-01-01T00:00:00", "type": "signup"})") << u"events[0].at"_s;
    QTest::newRow("time hh:mm") << ev(R"({"at": "2027-01-01T00:00Z", "type": "signup"})")
                                << u"events[0].at"_s;
    QTest::newRow("time fraction")
        << ev(R"({"at": "2027-01-01T00:00:00.5Z", "type": "signup"})") << u"events[0].at"_s;
    QTest::newRow("time 24:00") << ev(R"({"at": "2027-01-01T24:00:00Z", "type": "signup"})")
                                << u"events[0].at"_s;
    QTest::newRow("time Feb 30") << ev(R"({"at": "2027-02-30T00:00:00Z", "type": "signup"})")
                                 << u"events[0].at"_s;
    QTest::newRow("time offset +0800")
        << ev(R"({"at": "2027-01-01T00:00:00+0800", "type": "signup"})") << u"events[0].at"_s;
    QTest::newRow("time lowercase z")
        << ev(R"({"at": "2027-01-01T00:00:00z", "type": "signup"})") << u"events[0].at"_s;
    QTest::newRow("time space") << ev(R"({"at": "2027-01-01 00:00:00Z", "type": "signup"})")
                                << u"events[0].at"_s;
    QTest::newRow("time a number")
        << ev(R"({"at": 1798761600, "type": "signup"})") << u"events[0].at"_s;
    QTest::newRow("time missing") << ev(R"({"type": "signup"})") << u"events[0].at"_s;
    QTest::newRow("unknown event type")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "gift"})") << u"events[0].type"_s;
    QTest::newRow("unknown plan")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "subscribe", "plan": "max"})")
        << u"events[0].plan"_s;
    QTest::newRow("subscribe without plans")
        << evp("prepaid-tokens",
               R"({"at": "2027-01-01T00:00:00Z", "type": "subscribe", "plan": "free"})")
        << u"events[0].type"_s;
    QTest::newRow("unknown pack")
        << evp("prepaid-tokens",
               R"({"at": "2027-01-01T00:00:00Z", "type": "purchase", "pack": "tokens_5"})")
        << u"events[0].pack"_s;
    QTest::newRow("pack in a preset without packs")
        << evp("daily-free-images",
               R"({"at": "2027-01-01T00:00:00Z", "type": "purchase", "pack": "tokens_100"})")
        << u"events[0].pack"_s;
    QTest::newRow("purchase with neither")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "purchase"})") << u"events[0].pack"_s;
    QTest::newRow("unknown feature")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "task_start", "task": "t", "feature": "video"})")
        << u"events[0].feature"_s;
    QTest::newRow("unknown grant kind")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "grant", "kind": "gift", "amount": 5})")
        << u"events[0].kind"_s;
    QTest::newRow("grant kind plan")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "grant", "kind": "plan", "amount": 5})")
        << u"events[0].kind"_s;
    QTest::newRow("amount 4 decimals")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "grant", "kind": "bonus", "amount": 1.2345})")
        << u"events[0].amount"_s;
    QTest::newRow("amount negative")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "grant", "kind": "bonus", "amount": -5})")
        << u"events[0].amount"_s;
    QTest::newRow("amount zero")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "purchase", "amount": 0})")
        << u"events[0].amount"_s;
    QTest::newRow("amount a string")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "debit", "amount": "5"})")
        << u"events[0].amount"_s;
    QTest::newRow("amount missing")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "debit"})") << u"events[0].amount"_s;
    QTest::newRow("expires_at at the grant")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "grant", "kind": "bonus", "amount": 5, "expires_at": "2027-01-01T00:00:00Z"})")
        << u"events[0].expires_at"_s;
    QTest::newRow("expires_at bad time")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "grant", "kind": "bonus", "amount": 5, "expires_at": "tomorrow"})")
        << u"events[0].expires_at"_s;
    QTest::newRow("tokens fractional")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "task_start", "task": "t", "feature": "chat", "tokens": 10.5})")
        << u"events[0].tokens"_s;
    QTest::newRow("tokens negative")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "task_start", "task": "t", "feature": "chat", "tokens": -1})")
        << u"events[0].tokens"_s;
    QTest::newRow("quantity zero")
        << evp("prepaid-tokens",
               R"({"at": "2027-01-01T00:00:00Z", "type": "task_start", "task": "t", "feature": "video", "quantity": 0})")
        << u"events[0].quantity"_s;
    QTest::newRow("quantity 4 decimals")
        << evp("prepaid-tokens",
               R"({"at": "2027-01-01T00:00:00Z", "type": "task_start", "task": "t", "feature": "video", "quantity": 1.0005})")
        << u"events[0].quantity"_s;
    QTest::newRow("models zero")
        << evp("tiered-tasks",
               R"({"at": "2027-01-01T00:00:00Z", "type": "task_start", "task": "t", "feature": "compare", "models": 0})")
        << u"events[0].models"_s;
    QTest::newRow("models fractional")
        << evp("tiered-tasks",
               R"({"at": "2027-01-01T00:00:00Z", "type": "task_start", "task": "t", "feature": "compare", "models": 1.5})")
        << u"events[0].models"_s;
    QTest::newRow("task not a string")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "task_start", "task": 7, "feature": "chat"})")
        << u"events[0].task"_s;
    QTest::newRow("task missing") << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "refund"})")
                                  << u"events[0].task"_s;
    QTest::newRow("unknown outcome")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "task_end", "task": "t", "outcome": "timeout", "tokens": 1})")
        << u"events[0].outcome"_s;
    QTest::newRow("unified task_end without tokens")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "task_end", "task": "t", "outcome": "success"})")
        << u"events[0].tokens"_s;
    QTest::newRow("promotion until = from")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "promotion", "feature": "chat", "from": "2027-01-02T00:00:00Z", "until": "2027-01-02T00:00:00Z"})")
        << u"events[0].until"_s;
    QTest::newRow("promotion unknown feature")
        << ev(R"({"at": "2027-01-01T00:00:00Z", "type": "promotion", "feature": "flight", "from": "2027-01-02T00:00:00Z", "until": "2027-01-03T00:00:00Z"})")
        << u"events[0].feature"_s;
    QTest::newRow("unknown query")
        << scenario("unified-monthly", signup, nullptr,
                    R"({"at": "2027-01-02T00:00:00Z", "ask": "forecast"})")
        << u"queries[0].ask"_s;
    QTest::newRow("query time") << scenario("unified-monthly", signup, nullptr,
                                            R"({"at": "2027-01-02", "ask": "balance"})")
                                << u"queries[0].at"_s;
    QTest::newRow("window_days zero")
        << scenario("unified-monthly", signup, nullptr,
                    R"({"at": "2027-01-02T00:00:00Z", "ask": "projection", "window_days": 0})")
        << u"queries[0].window_days"_s;
    QTest::newRow("window_days fractional")
        << scenario("unified-monthly", signup, nullptr,
                    R"({"at": "2027-01-02T00:00:00Z", "ask": "projection", "window_days": 2.5})")
        << u"queries[0].window_days"_s;
    QTest::newRow("can_start without feature")
        << scenario("unified-monthly", signup, nullptr,
                    R"({"at": "2027-01-02T00:00:00Z", "ask": "can_start"})")
        << u"queries[0].feature"_s;
    QTest::newRow("affordable unknown feature")
        << scenario("unified-monthly", signup, nullptr,
                    R"({"at": "2027-01-02T00:00:00Z", "ask": "affordable", "feature": "x"})")
        << u"queries[0].feature"_s;
    QTest::newRow("ledger since")
        << scenario("unified-monthly", signup, nullptr,
                    R"({"at": "2027-01-02T00:00:00Z", "ask": "ledger", "since": "yesterday"})")
        << u"queries[0].since"_s;
    // The first problem is named: events before queries, by index.
    QTest::newRow("first event wins")
        << scenario("unified-monthly", signup, R"({"at": "bad", "type": "signup"})",
                    R"({"at": "bad", "ask": "balance"})")
        << u"events[1].at"_s;
    QTest::newRow("top level before events")
        << scenario("unified-monthly", R"({"at": "bad"})", nullptr,
                    R"({"at": "2027-01-02T00:00:00Z", "ask": "balance"})", "\"Nowhere/Land\"")
        << u"timezone"_s;
    QTest::newRow("queries not an array, before any event")
        << QByteArray(
               R"({"format": 1, "preset": "unified-monthly", "events": [{"at": "bad", "type": "signup"}], "queries": "x"})")
        << u"queries"_s;
    QTest::newRow("null required field")
        << ev(R"({"at": null, "type": "signup"})") << u"events[0].at"_s;
    QTest::newRow("inline policy price currency")
        << QByteArray(
               R"({"format": 1, "policy": {"name": "x", "features": [{"name": "f", "price": 1}], "packs": [{"name": "p", "amount": 1, "price": {"amount": 1, "currency": "dollars"}}]}})")
        << u"policy.packs[0].price.currency"_s;
    QTest::newRow("inline policy quantity_unit")
        << QByteArray(
               R"({"format": 1, "policy": {"name": "x", "features": [{"name": "f", "price": 1, "quantity_unit": ["images"]}]}})")
        << u"policy.features[0].quantity_unit"_s;
    QTest::newRow("bad inline policy")
        << QByteArray(
               R"({"format": 1, "policy": {"name": "x", "features": [{"name": "f", "price": -1}]}})")
        << u"policy.features[0].price"_s;
    // UBSan reports of tests/fuzz/fuzz_scenario on hand-made inputs: numbers that overflowed,
    // or were narrowed to an int and read as another number (4294967297 months as 1 month).
    QTest::newRow("priority past an int")
        << inlinePolicy(R"(, "priority": {"plan": 2147483647})", signup)
        << u"policy.priority.plan"_s;
    QTest::newRow("window hours past 64 bits")
        << inlinePolicy(
               R"(, "plans": [{"name": "p", "windows": [{"kind": "k", "hours": 9e15, "limit": 1}]}])",
               signup)
        << u"policy.plans[0].windows[0].hours"_s;
    QTest::newRow("cycle months past an int")
        << inlinePolicy(
               R"(, "plans": [{"name": "p", "allotment": 1, "cycle": {"months": 4294967297}}])",
               signup)
        << u"policy.plans[0].cycle.months"_s;
    QTest::newRow("cycle days past a snapshot")
        << inlinePolicy(
               R"(, "signup": {"recurring": [{"kind": "daily_free", "amount": 1, "cycle": {"days": 100001}}]})",
               signup)
        << u"policy.signup.recurring[0].cycle.days"_s;
    QTest::newRow("max_models past an int")
        << QByteArray(
               R"({"format": 1, "policy": {"name": "x", "features": [{"name": "f", "price": 1, "per_model": true, "max_models": 4294967297}]}})")
        << u"policy.features[0].max_models"_s;
}

void TestMalformed::refused()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    auto result = ScenarioReader::read(json);
    QVERIFY2(std::holds_alternative<ParseError>(result), "the file was accepted");
    const ParseError error = std::get<ParseError>(result);
    QCOMPARE(error.path, path);
    QVERIFY(!error.message.isEmpty());
    QVERIFY(!error.toString().contains(u'\n'));
}

void TestMalformed::accepted_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<double>("total");
    const char *sub = R"({"at": "2027-01-01T00:00:00Z", "type": "subscribe", "plan": "plus"})";
    const char *signup = R"({"at": "2027-01-01T00:00:00Z", "type": "signup"})";
    // The last hour of 9999 in New York is still 9999 in the account's zone.
    QTest::newRow("9999 in a zone west of UTC")
        << scenario("unified-monthly", R"({"at": "9999-12-31T23:00:00-05:00", "type": "signup"})",
                    nullptr, R"({"at": "9999-12-31T23:59:59-05:00", "ask": "balance"})",
                    "\"America/New_York\"")
        << 0.0;
    QTest::newRow("trailing zeros")
        << scenario(
               "unified-monthly", sub,
               R"({"at": "2027-01-01T00:00:00Z", "type": "grant", "kind": "bonus", "amount": 1.2300})")
        << 1001.23;
    QTest::newRow("exponent")
        << scenario(
               "unified-monthly", sub,
               R"({"at": "2027-01-01T00:00:00Z", "type": "grant", "kind": "bonus", "amount": 2.5e1})")
        << 1025.0;
    QTest::newRow("whole tokens as 80000.0")
        << scenario(
               "unified-monthly", sub,
               R"({"at": "2027-01-01T00:00:00Z", "type": "task_end", "task": "t", "outcome": "success", "tokens": 80000.0})")
        << 1000.0;
    QTest::newRow("unknown fields ignored")
        << scenario(
               "unified-monthly",
               R"({"at": "2027-01-01T00:00:00Z", "type": "subscribe", "plan": "plus", "note": "hi"})")
        << 1000.0;
    QTest::newRow("offset time")
        << scenario("unified-monthly",
                    R"({"at": "2027-01-01T08:00:00+08:00", "type": "subscribe", "plan": "plus"})")
        << 1000.0;
    QTest::newRow("three decimals")
        << scenario(
               "unified-monthly", sub,
               R"({"at": "2027-01-01T00:00:00Z", "type": "grant", "kind": "bonus", "amount": 0.001})")
        << 1000.001;
    QTest::newRow("no events or queries")
        << QByteArray(R"({"format": 1, "preset": "unified-monthly"})") << -1.0;
    QTest::newRow("null optionals are absent")
        << QByteArray(
               R"({"format": 1, "preset": "unified-monthly", "timezone": null, "events": [)"
               R"({"at": "2027-01-01T00:00:00Z", "type": "subscribe", "plan": "plus"}, {"at": "2027-01-01T00:00:00Z", "type": "grant", "kind": "bonus", "amount": 5, "expires_at": null}],)"
               R"( "queries": [{"at": "2040-01-02T00:00:00Z", "ask": "balance", "since": null}]})")
        << 1005.0;
    // UBSan reports of tests/fuzz/fuzz_scenario on hand-made inputs: sums and products of the
    // largest amounts overflowed 64 bits (a total could wrap to a negative balance). They stop
    // at the end of the range now: 2^63 - 1 thousandths.
    const char *huge = R"({"at": "2027-01-01T00:00:00Z", "type": "purchase", "amount": 4e15})";
    QTest::newRow("purchases past 64 bits")
        << inlinePolicy("", (QByteArray(huge) + ", " + huge + ", " + huge).constData())
        << 9223372036854775.807;
    QTest::newRow("signup grants past 64 bits")
        << inlinePolicy(
               R"(, "signup": {"grants": [{"kind": "signup_free", "amount": 4e15}, {"kind": "bonus", "amount": 4e15}, {"kind": "bonus", "amount": 4e15}]})",
               signup)
        << 9223372036854775.807;
    QTest::newRow("cost past 64 bits")
        << QByteArray(
               R"({"format": 1, "policy": {"name": "x", "features": [{"name": "f", "price": 4e15, "per_model": true}]}, "events": [)"
               R"({"at": "2027-01-01T00:00:00Z", "type": "purchase", "amount": 5}, {"at": "2027-01-01T00:00:00Z", "type": "task_start", "task": "t", "feature": "f", "models": 1000},)"
               R"({"at": "2027-01-01T00:00:01Z", "type": "task_end", "task": "t", "outcome": "success"}],)"
               R"( "queries": [{"at": "2027-01-02T00:00:00Z", "ask": "balance"}]})")
        << 0.0;
    QTest::newRow("projection past 128 bits")
        << QByteArray(
               R"({"format": 1, "policy": {"name": "x", "features": [{"name": "f", "price": 1}]}, "events": [)"
               R"({"at": "2027-01-01T00:00:00Z", "type": "purchase", "amount": 4e15}, {"at": "2027-01-01T00:00:00Z", "type": "task_start", "task": "t", "feature": "f"},)"
               R"({"at": "2027-01-01T00:00:00Z", "type": "task_end", "task": "t", "outcome": "success"}],)"
               R"( "queries": [{"at": "2027-01-02T00:00:00Z", "ask": "projection", "window_days": 9e15}]})")
        << -2.0;
    QTest::newRow("huge window_days")
        << scenario("unified-monthly", sub, nullptr,
                    R"({"at": "2027-01-02T00:00:00Z", "ask": "projection", "window_days": 1e15})")
        << -2.0;
}

void TestMalformed::accepted()
{
    QFETCH(QByteArray, json);
    QFETCH(double, total);
    auto result = ScenarioReader::read(json);
    if (auto *e = std::get_if<ParseError>(&result))
        QFAIL(qPrintable(e->toString()));
    const QJsonArray answers =
        QJsonDocument::fromJson(ScenarioReplay::answersJson(std::get<Scenario>(result)))
            .object()
            .value(u"answers")
            .toArray();
    if (total == -1.0) {
        QCOMPARE(answers.size(), 0);
        return;
    }
    if (total == -2.0) { // a projection: a window of any length is answered
        QCOMPARE(answers.at(0).toObject().value(u"burn_per_day").toDouble(), 0.0);
        return;
    }
    QCOMPARE(answers.at(0).toObject().value(u"total").toDouble(), total);
}

void TestMalformed::duplicateKeyLastCounts()
{
    const QByteArray json = scenario(
        "unified-monthly",
        R"({"at": "2027-01-01T00:00:00Z", "type": "subscribe", "plan": "free", "plan": "pro"})");
    auto result = ScenarioReader::read(json);
    QVERIFY(std::holds_alternative<Scenario>(result));
    const QJsonArray answers =
        QJsonDocument::fromJson(ScenarioReplay::answersJson(std::get<Scenario>(result)))
            .object()
            .value(u"answers")
            .toArray();
    QCOMPARE(answers.at(0).toObject().value(u"total").toDouble(), 5000.0);
}

QTEST_APPLESS_MAIN(TestMalformed)
#include "tst_malformed.moc"
