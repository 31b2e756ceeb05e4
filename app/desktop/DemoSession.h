#pragma once

#include "ManualClock.h"
#include "TimePoint.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSslCertificate>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
class QTemporaryDir;
class QTimer;

namespace creditdesk {

class InProcessServer;

// `creditdesk --demo`: the real server in this process on one ManualClock shared by server,
// payments and client, and the presenter's actions on it — whose account is shown, ▶ play
// (the clock runs fast and simulated members start and end tasks through the HTTPS API, so
// balances visibly move), +1 hour, +1 day, a jump to a given moment (the next refresh), and
// ↺ reset (a new server on a fresh temporary directory, freshly seeded; no row is deleted).
// After each move it emits clockMoved(), and the client syncs.
class DemoSession : public QObject
{
    Q_OBJECT
public:
    struct Member
    {
        QString accountId;
        QString name;
        QString preset;
        QString token;
    };

    // `start`: the demo's "now" when it begins (the wall clock, read once by main()).
    explicit DemoSession(TimePoint start, QObject *parent = nullptr);
    ~DemoSession() override;

    // Starts (or, after reset(), restarts) the server; false with *error.
    bool start(QString *error);

    const ManualClock &clock() const { return m_clock; }
    QUrl baseUrl() const;
    QString caCertificatePath() const;
    QSslCertificate caCertificate() const;
    QList<Member> members() const;
    QString supportToken() const;
    QString dataDirectory() const;
    QString currentMember() const { return m_current; }
    bool isPlaying() const;

public slots:
    void chooseMember(const QString &accountId);
    void setPlaying(bool playing);
    void advance(qint64 seconds);
    void advanceTo(creditdesk::TimePoint t);
    void reset();
    // While not playing, the demo's clock also runs at the wall clock's pace (from the moment
    // this is turned on), so countdowns tick and a purchase settles after the payment delay as
    // on a real server. Off by default: tests and screenshots want a clock that stands still.
    void setFollowsWallTime(bool follows);

signals:
    void memberChosen(const QString &accountId);
    void clockMoved(creditdesk::TimePoint now);
    void playingChanged(bool playing);
    // The clock moved by wall time only (about once a second): views tick, nothing re-syncs.
    void wallTimeTicked(creditdesk::TimePoint now);
    // The server was replaced by a fresh one (new port, new CA, new tokens).
    void restarted();
    void failed(const QString &message);

private:
    void tick();
    void simulateTask();

    TimePoint m_start;
    ManualClock m_clock;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<InProcessServer> m_server;
    QString m_current;
    QTimer *m_playTimer;
    QTimer *m_wallTimer;
    QElapsedTimer m_wallElapsed;
    qint64 m_wallCreditedMs = 0; // wall time already added to the clock
    QNetworkAccessManager *m_network;
    quint32 m_seed = 7;
    int m_ticks = 0;
    int m_taskCounter = 0;
};

} // namespace creditdesk
