#pragma once

#include <QCoreApplication>
#include <QString>

class QAbstractItemModel;

namespace creditdesk {

// Writes what a table shows to a CSV file (RFC 4180: comma separated, CRLF, quotes doubled):
// the header, then every row the model has (that is, after its filters and in its sort
// order). A cell's `exportRole` text is preferred (ISO times, plain decimals a spreadsheet
// reads), else its display text. Written through a temporary file, so a failed export never
// leaves half a file where a good one was.
class CsvExport
{
    Q_DECLARE_TR_FUNCTIONS(CsvExport)

public:
    // Returns an empty string on success, else what went wrong, in words.
    static QString write(const QAbstractItemModel &model, const QString &path, int exportRole);
    static QString field(const QString &text);
};

} // namespace creditdesk
