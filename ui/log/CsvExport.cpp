#include "CsvExport.h"

#include <QAbstractItemModel>
#include <QSaveFile>

namespace creditdesk {

QString CsvExport::field(const QString &text)
{
    bool quote = false;
    for (const QChar c : text)
        if (c == u',' || c == u'"' || c == u'\n' || c == u'\r') {
            quote = true;
            break;
        }
    if (!quote)
        return text;
    QString out = text;
    out.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + out + u'"';
}

QString CsvExport::write(const QAbstractItemModel &model, const QString &path, int exportRole)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    const int columns = model.columnCount();
    QString line;
    for (int c = 0; c < columns; ++c) {
        if (c)
            line += u',';
        line += field(model.headerData(c, Qt::Horizontal).toString());
    }
    line += QStringLiteral("\r\n");
    QByteArray buffer = line.toUtf8();
    const int rows = model.rowCount();
    for (int r = 0; r < rows; ++r) {
        line.clear();
        for (int c = 0; c < columns; ++c) {
            const QModelIndex index = model.index(r, c);
            QVariant value = model.data(index, exportRole);
            if (!value.isValid())
                value = model.data(index, Qt::DisplayRole);
            if (c)
                line += u',';
            line += field(value.toString());
        }
        line += QStringLiteral("\r\n");
        buffer += line.toUtf8();
        // Written in blocks: a million rows are ~100 MB of text, not to be held at once.
        if (buffer.size() > (1 << 20)) {
            if (file.write(buffer) != buffer.size())
                return tr("Cannot write %1: %2").arg(path, file.errorString());
            buffer.clear();
        }
    }
    if (file.write(buffer) != buffer.size() || !file.commit())
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace creditdesk
