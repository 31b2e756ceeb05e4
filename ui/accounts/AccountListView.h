#pragma once

#include "AccountGlance.h"

#include <QList>
#include <QWidget>

class QListWidget;
class QPushButton;

namespace creditdesk {

// The accounts the member signed in to, one row each: name and balance, then the server and
// the sync state, with a coloured mark and a word for low / empty / offline (colour never
// alone). Choosing a row (click, Enter) asks to show that account; "Add account…" asks to
// sign in to another. Shows what it is given; emits what the member asked for. The same
// accounts given again rebuild nothing (syncs end in bursts; the UI thread stays free).
class AccountListView : public QWidget
{
    Q_OBJECT
public:
    explicit AccountListView(QWidget *parent = nullptr);

    void setAccounts(const QList<AccountGlance> &accounts, const QString &currentKey);
    const QList<AccountGlance> &accounts() const { return m_accounts; }
    QListWidget *list() const { return m_list; }

signals:
    void accountChosen(const QString &key);
    void addRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *rowWidget(const AccountGlance &glance, bool current);
    void rebuild();

    QListWidget *m_list;
    QPushButton *m_add;
    QList<AccountGlance> m_accounts;
    QString m_current;
    bool m_rebuilding = false;
    QString m_styleSheet; // the one set: setting it again re-polishes every row
};

} // namespace creditdesk
