#pragma once

#include <QDialog>
#include <QList>
#include <QSslCertificate>
#include <QStringList>

namespace creditdesk {

// Shows a certificate that did not verify — who it names (subject), who signed it (issuer),
// its SHA-256 fingerprint, its validity and why it failed (`why`, in words) — and lets the member
// abort (the default, also Esc) or trust it explicitly. It never blocks: open() it and wait
// for decided(). Trusting pins the certificate authority (or, for a self-signed leaf, its
// key), because a development server renews its own certificate.
class TlsCertificateDialog : public QDialog
{
    Q_OBJECT
public:
    TlsCertificateDialog(const QString &host, const QList<QSslCertificate> &chain,
                         const QStringList &why, QWidget *parent = nullptr);

    // The certificate a "trust" decision pins: the chain's last (the CA) when there is one,
    // else the leaf.
    QSslCertificate pinnedCertificate() const { return m_pinned; }
    // "AB:CD:…" — SHA-256 in hex pairs, as browsers show it.
    static QString fingerprint(const QSslCertificate &certificate);

signals:
    // Exactly once: true to trust (pinned), false to abort.
    void decided(bool trust);

private:
    QSslCertificate m_pinned;
    bool m_decided = false;
};

} // namespace creditdesk
