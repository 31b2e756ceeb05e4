#pragma once

#include <QObject>
#include <QStringList>

#include <functional>

namespace creditdesk {

class DesktopClient;

// `--screenshot DIR`: renders each screen — dashboard, token log, packs, plan ahead (with a
// what-if and pack advice), the sign-in and settings dialogs, the demo bar, the account list with
// every demo member signed in and the tray menu, and in the demo the support console (search, a
// member tab, the explain view, the refund queue, an adjustment's confirmation, signed in as the
// demo's support agent) — in the light and the dark look to DIR/<screen>-<look>.png
// with QWidget::grab() (works offscreen), then emits finished() with the files written, or
// failed() when one could not be saved.
class ScreenshotRenderer : public QObject
{
    Q_OBJECT
public:
    ScreenshotRenderer(DesktopClient &client, QString directory, QObject *parent = nullptr);

    // Renders at once, or when `ready` (the client's first account) has been shown.
    void renderWhenReady(bool ready);
    QStringList written() const { return m_written; }

signals:
    void finished(const QStringList &files);
    void failed(const QString &message);

private:
    void render();
    // Branch tray: signs in every demo member, waits for their first syncs, then renders the
    // account list and the tray menu.
    void renderAccounts();
    void finishAccounts();
    bool save(QWidget &widget, const QString &name);
    // The plan view, a what-if on it and the pack advice, in one look.
    bool renderPlan(const QString &look);
    // The support console's screens (demo only), then finished().
    void renderSupport();
    void captureSupport();
    // Calls `then` once `ready` holds (polled), or fails after `timeoutMs`.
    void when(std::function<bool()> ready, std::function<void()> then, const QString &what,
              int timeoutMs = 30000);

    DesktopClient &m_client;
    QString m_dir;
    QStringList m_written;
    bool m_done = false;
};

} // namespace creditdesk
