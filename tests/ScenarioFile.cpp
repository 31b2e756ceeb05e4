#include "ScenarioFile.h"

#include "ParseError.h"
#include "ScenarioReader.h"

#include <QFile>

using namespace creditdesk;

Scenario loadScenarioFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    auto result = ScenarioReader::read(f.readAll());
    if (auto *e = std::get_if<ParseError>(&result))
        qFatal("%s: %s", qPrintable(path), qPrintable(e->toString()));
    return std::get<Scenario>(std::move(result));
}
