#include "TlsCertificateDialog.h"

#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace creditdesk {

namespace {

QString names(const QSslCertificate &c, bool issuer)
{
    const auto attr = [&](QSslCertificate::SubjectInfo info) {
        const QStringList values = issuer ? c.issuerInfo(info) : c.subjectInfo(info);
        return values.join(QStringLiteral(", "));
    };
    QStringList parts;
    for (const auto info : {QSslCertificate::CommonName, QSslCertificate::Organization,
                            QSslCertificate::OrganizationalUnitName})
        if (const QString v = attr(info); !v.isEmpty())
            parts << v;
    return parts.isEmpty() ? TlsCertificateDialog::tr("(no name)")
                           : parts.join(QStringLiteral(" · "));
}

QLabel *valueLabel(const QString &text, QWidget *parent, const char *name)
{
    auto *l = new QLabel(text, parent);
    l->setObjectName(QString::fromLatin1(name));
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return l;
}

} // namespace

QString TlsCertificateDialog::fingerprint(const QSslCertificate &certificate)
{
    const QByteArray hex = certificate.digest(QCryptographicHash::Sha256).toHex().toUpper();
    QStringList pairs;
    for (qsizetype i = 0; i + 1 < hex.size(); i += 2)
        pairs << QString::fromLatin1(hex.mid(i, 2));
    return pairs.join(u':');
}

TlsCertificateDialog::TlsCertificateDialog(const QString &host, const QList<QSslCertificate> &chain,
                                           const QStringList &errors, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("tlsCertificateDialog"));
    setWindowTitle(tr("Certificate not trusted — CreditDesk"));
    setMinimumWidth(560);

    const QSslCertificate leaf = chain.isEmpty() ? QSslCertificate() : chain.first();
    m_pinned = chain.isEmpty() ? QSslCertificate() : chain.last();

    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(40, 40));
    icon->setAlignment(Qt::AlignTop);
    auto *headline =
        new QLabel(tr("<b>%1 presented a certificate CreditDesk cannot verify.</b><br>Nothing "
                      "has been sent to it. If you did not expect this, abort: someone may be "
                      "pretending to be your server.")
                       .arg(host.toHtmlEscaped()),
                   this);
    headline->setWordWrap(true);
    auto *top = new QHBoxLayout;
    top->setSpacing(16);
    top->addWidget(icon);
    top->addWidget(headline, 1);

    QStringList why = errors;
    why.removeDuplicates();

    const QLocale locale;
    auto *form = new QFormLayout;
    form->setHorizontalSpacing(12);
    form->setVerticalSpacing(8);
    form->addRow(tr("Why:"),
                 valueLabel(why.isEmpty() ? tr("The certificate is not trusted.") : why.join(u'\n'),
                            this, "tlsWhy"));
    form->addRow(tr("Issued to:"), valueLabel(names(leaf, false), this, "tlsSubject"));
    form->addRow(tr("Issued by:"), valueLabel(names(leaf, true), this, "tlsIssuer"));
    form->addRow(tr("Valid:"),
                 valueLabel(tr("%1 to %2")
                                .arg(locale.toString(leaf.effectiveDate(), QLocale::ShortFormat),
                                     locale.toString(leaf.expiryDate(), QLocale::ShortFormat)),
                            this, "tlsValidity"));
    auto *fp = valueLabel(fingerprint(leaf), this, "tlsFingerprint");
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    fp->setFont(mono);
    form->addRow(tr("SHA-256:"), fp);
    if (chain.size() > 1) {
        auto *caFp = valueLabel(fingerprint(m_pinned), this, "tlsCaFingerprint");
        caFp->setFont(mono);
        form->addRow(tr("Authority SHA-256:"), caFp);
    }

    auto *note = new QLabel(
        chain.size() > 1
            ? tr("Trusting it remembers the certificate authority that signed it (%1), so the "
                 "server may renew its own certificate.")
                  .arg(names(m_pinned, false).toHtmlEscaped())
            : tr("Trusting it remembers this certificate's key."),
        this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *abort = buttons->addButton(tr("Abort"), QDialogButtonBox::RejectRole);
    abort->setObjectName(QStringLiteral("abortButton"));
    abort->setDefault(true);
    abort->setAutoDefault(true);
    QPushButton *trust = buttons->addButton(tr("Trust this server"), QDialogButtonBox::AcceptRole);
    trust->setObjectName(QStringLiteral("trustButton"));
    trust->setAutoDefault(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 16);
    layout->setSpacing(16);
    layout->addLayout(top);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(this, &QDialog::finished, this, [this](int result) {
        if (m_decided)
            return;
        m_decided = true;
        emit decided(result == QDialog::Accepted);
    });
    abort->setFocus();
}

} // namespace creditdesk
