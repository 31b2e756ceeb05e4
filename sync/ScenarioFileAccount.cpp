#include "ScenarioFileAccount.h"

#include "AccountHistory.h"
#include "ScenarioReader.h"
#include "SyncedAccount.h"

#include <QFile>
#include <QFileInfo>
#include <QObject>

#include <algorithm>

namespace creditdesk {

ScenarioFileAccount::Result ScenarioFileAccount::open(const QString &path, QObject *parent)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ParseError{
            QString(),
            QObject::tr("cannot read %1: %2").arg(QFileInfo(path).fileName(), file.errorString())};
    // Mapped, not read: a million-event file is ~100 MB, and a copy of it would only double the
    // peak while the reader runs.
    const qint64 size = file.size();
    uchar *mapped = size > 0 ? file.map(0, size) : nullptr;
    std::variant<Scenario, ParseError> read;
    {
        const QByteArray json =
            mapped
                ? QByteArray::fromRawData(reinterpret_cast<const char *>(mapped), qsizetype(size))
                : file.readAll();
        read = ScenarioReader::read(json);
    }
    // The scenario holds no pointer into the text: unmapped before the history is built, so
    // the file's pages and the replayed history are never resident at once.
    if (mapped)
        file.unmap(mapped);
    file.close();
    if (auto *error = std::get_if<ParseError>(&read))
        return *error;
    return fromScenario(std::move(std::get<Scenario>(read)), QFileInfo(path).completeBaseName(),
                        parent);
}

ScenarioFileAccount::Result ScenarioFileAccount::fromJson(const QByteArray &json,
                                                          const QString &name, QObject *parent)
{
    auto read = ScenarioReader::read(json);
    if (auto *error = std::get_if<ParseError>(&read))
        return *error;
    return fromScenario(std::move(std::get<Scenario>(read)), name, parent);
}

ScenarioFileAccount::Opened ScenarioFileAccount::fromScenario(Scenario scenario,
                                                              const QString &name, QObject *parent)
{
    TimePoint viewTime = scenario.events.empty() ? NoTime : scenario.events.back().at;
    for (const Query &q : scenario.queries)
        viewTime = viewTime == NoTime ? q.at : std::max(viewTime, q.at);

    auto history = std::make_unique<AccountHistory>(scenario.policy, scenario.zone,
                                                    scenario.presetName, scenario.inlinePolicy);
    // The events' task ids and reasons are ids in the reader's table; the fresh history's table
    // is empty, so taking the reader's keeps every id valid without re-interning a million names.
    history->names() = std::move(*scenario.names);
    history->append(std::move(scenario.events), {});

    const Policy &policy = history->policy();
    auto account = std::make_unique<SyncedAccount>(std::move(history), parent);
    account->source = SyncedAccount::Source::ScenarioFile;
    account->accountId = name;
    account->displayName = name;
    account->preset = scenario.presetName.isEmpty() ? policy.name : scenario.presetName;
    account->unit = policy.unit.isEmpty() ? QStringLiteral("credits") : policy.unit;
    account->timezone = account->history().zone().id();
    account->lastSeq = account->history().eventCount();
    for (const Pack &pack : policy.packs)
        account->packs.push_back(PackOffer{pack.name, pack.amount, pack.price});
    account->customAmount = policy.packs.isEmpty();
    return Opened{std::move(account), viewTime};
}

} // namespace creditdesk
