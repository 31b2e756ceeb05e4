// Replays every scenario file under tests/reference (the spec's examples) and tests/scenarios
// (written by hand from the rules) and compares the answers with the expected file.
#include "JsonCompare.h"

#include "ScenarioReader.h"
#include "ScenarioReplay.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace creditdesk;

namespace {
QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The keys of a JSON text in the order they are written (QJsonObject sorts them).
QStringList keyOrder(const QByteArray &json)
{
    static const QRegularExpression key(QStringLiteral("\"([a-z_]+)\"\\s*:"));
    QStringList keys;
    auto it = key.globalMatch(QString::fromUtf8(json));
    while (it.hasNext())
        keys << it.next().captured(1);
    return keys;
}
} // namespace

class TestScenarioFiles : public QObject
{
    Q_OBJECT

private slots:
    void replay_data();
    void replay();
};

void TestScenarioFiles::replay_data()
{
    QTest::addColumn<QString>("path");
    int count = 0;
    for (const char *dir : {"reference", "scenarios"}) {
        QDir d(QStringLiteral(CREDITDESK_TESTS_DIR "/") + QLatin1String(dir));
        for (const QString &name :
             d.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
            if (name.endsWith(QLatin1String(".expected.json")))
                continue;
            QTest::newRow(qPrintable(QLatin1String(dir) + u'/' + name)) << d.filePath(name);
            ++count;
        }
    }
    QVERIFY2(count >= 20, "the scenario files are missing");
}

void TestScenarioFiles::replay()
{
    QFETCH(QString, path);
    const QString base = path.chopped(5);
    const QByteArray expectedText = readAll(base + QStringLiteral(".expected.json"));
    auto result = ScenarioReader::read(readAll(path));
    if (expectedText.trimmed().isEmpty()) {
        // A malformed file: exit 2 with a message naming the item at fault.
        QVERIFY2(std::holds_alternative<ParseError>(result), "expected a malformed-file error");
        const QString want = QString::fromUtf8(readAll(base + QStringLiteral(".error"))).trimmed();
        const QString message = std::get<ParseError>(result).toString();
        QVERIFY2(message.startsWith(want), qPrintable(message));
        return;
    }
    if (auto *e = std::get_if<ParseError>(&result))
        QFAIL(qPrintable(e->toString()));
    const QByteArray got = ScenarioReplay::answersJson(std::get<Scenario>(result));
    const QJsonDocument gotDoc = QJsonDocument::fromJson(got);
    const QJsonDocument expectedDoc = QJsonDocument::fromJson(expectedText);
    QVERIFY(gotDoc.isObject());
    const QString diff = firstDifference(gotDoc.object().value(QStringLiteral("answers")),
                                         expectedDoc.object().value(QStringLiteral("answers")));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QCOMPARE(keyOrder(got), keyOrder(expectedText));
}

QTEST_APPLESS_MAIN(TestScenarioFiles)
#include "tst_scenariofiles.moc"
