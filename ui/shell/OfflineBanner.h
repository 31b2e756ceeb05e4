#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace creditdesk {

// The strip across the top of every screen while the app cannot reach the server: what
// happened, since when, that the numbers below are the cached ones, and "Retry now". Not a
// modal: the member keeps reading the cached data. Hidden while online.
class OfflineBanner : public QFrame
{
    Q_OBJECT
public:
    explicit OfflineBanner(QWidget *parent = nullptr);

    // Shows the banner with its message; an empty message hides it.
    void showMessage(const QString &message, bool error = false);
    QString message() const;

signals:
    void retryRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void restyle();

    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_retry;
    bool m_error = false;
};

} // namespace creditdesk
