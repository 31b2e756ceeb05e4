#include "ScenarioFileAccount.h"

#include "AccountHistory.h"
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
    std::variant<ScenarioHistoryReader::Read, ParseError> read;
    {
        const QByteArray json =
            mapped
                ? QByteArray::fromRawData(reinterpret_cast<const char *>(mapped), qsizetype(size))
                : file.readAll();
        read = ScenarioHistoryReader::read(json);
    }
    // The history holds no pointer into the text.
    if (mapped)
        file.unmap(mapped);
    file.close();
    if (auto *error = std::get_if<ParseError>(&read))
        return *error;
    return fromHistory(std::move(std::get<ScenarioHistoryReader::Read>(read)),
                       QFileInfo(path).completeBaseName(), parent);
}

ScenarioFileAccount::Result ScenarioFileAccount::fromJson(const QByteArray &json,
                                                          const QString &name, QObject *parent)
{
    auto read = ScenarioHistoryReader::read(json);
    if (auto *error = std::get_if<ParseError>(&read))
        return *error;
    return fromHistory(std::move(std::get<ScenarioHistoryReader::Read>(read)), name, parent);
}

ScenarioFileAccount::Opened ScenarioFileAccount::fromHistory(ScenarioHistoryReader::Read read,
                                                             const QString &name, QObject *parent)
{
    std::unique_ptr<AccountHistory> history = std::move(read.history);
    TimePoint viewTime = history->eventCount() == 0 ? NoTime : history->lastEventAt();
    for (const Query &q : read.queries)
        viewTime = viewTime == NoTime ? q.at : std::max(viewTime, q.at);

    const Policy &policy = history->policy();
    auto account = std::make_unique<SyncedAccount>(std::move(history), parent);
    account->source = SyncedAccount::Source::ScenarioFile;
    account->accountId = name;
    account->displayName = name;
    const QString &presetName = account->history().scenario().presetName;
    account->preset = presetName.isEmpty() ? policy.name : presetName;
    account->unit = policy.unit.isEmpty() ? QStringLiteral("credits") : policy.unit;
    account->timezone = account->history().zone().id();
    account->lastSeq = account->history().eventCount();
    for (const Pack &pack : policy.packs)
        account->packs.push_back(PackOffer{pack.name, pack.amount, pack.price});
    account->customAmount = policy.packs.isEmpty();
    return Opened{std::move(account), viewTime};
}

} // namespace creditdesk
